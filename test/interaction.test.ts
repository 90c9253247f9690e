import { expect } from "chai";
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import {
  deployWorld,
  mintAndReveal,
  advance,
  closeCohort,
  requestIdsOf,
  IgnoreReason,
  PRICE,
  type World,
} from "./helpers/fixture";
import { plain, runTask, TRAIT_NAMES } from "./helpers/fixture";
import { decodeTokenUri } from "../tasks/lib/render";

const P = (usd: number) => BigInt(Math.round(usd * 1e8));

async function phenotype(w: World, id: number) {
  return plain(await w.collection.phenotypeOf(id));
}

/** The Palette and Body attributes of the token's tokenURI. */
async function identityShown(w: World, id: number) {
  const { metadata } = decodeTokenUri(await w.collection.tokenURI(id));
  return ["Palette", "Body"].map((name) => metadata.attributes!.find((a) => a.trait_type === name)?.value);
}

/** Lives `epochs` epochs, nurturing `nurtured` tokens (as alice) every epoch. */
async function live(w: World, epochs: number, nurtured: number[] = [], start = 3000) {
  for (let i = 0; i < epochs; i++) {
    await advance(w, P(start + 10 * i));
    for (const id of nurtured) await w.collection.connect(w.alice).nurture(id);
  }
}

describe("InteractionModule", () => {
  describe("nurture", () => {
    it("raises vitality, emits its events, and vitality decays lazily with neglect", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 4);
      await live(w, 4);
      const neglected = await phenotype(w, 2);
      expect(neglected.vitality).to.equal(8000n - 4n * 400n);
      await expect(w.collection.connect(w.alice).nurture(1))
        .to.emit(w.collection, "Nurtured")
        .withArgs(1, 8000n - 1600n + 2500n)
        .and.to.emit(w.collection, "MetadataUpdate")
        .withArgs(1)
        .and.to.emit(w.collection, "TraitUpdated")
        .withArgs(ethers.id("vitality"), 1, ethers.toBeHex(8000n - 1600n + 2500n, 32));
      expect((await phenotype(w, 1)).nurtureCount).to.equal(1n);
      await live(w, 30);
      expect((await phenotype(w, 2)).vitality).to.equal(0n);
    });

    it("repeat nurture costs at most 45,000 gas; the first one pins the ownership slot", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 10);
      await advance(w, P(3000));
      const first = (await (await w.collection.connect(w.alice).nurture(6)).wait())!.gasUsed;
      await advance(w, P(3010));
      const repeat = (await (await w.collection.connect(w.alice).nurture(6)).wait())!.gasUsed;
      console.log(`      nurture gas, first / repeat: ${first} / ${repeat}`);
      // 21,000 base + 2,100 each for the cold pause flag, epoch counter, ownership slot and
      // checkpoint + one checkpoint write + Nurtured, ERC-7496 TraitUpdated and ERC-4906 events.
      expect(repeat).to.be.lte(45_000n);
      expect(first).to.be.lte(110_000n);
    });

    it("the token's approved address and the holder's operator may nurture it; the holder's nurture is shared", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 2);
      await w.collection.connect(w.alice).approve(w.bob.address, 1);
      await w.collection.connect(w.alice).setApprovalForAll(w.carol.address, true);
      await advance(w, P(3000));
      await expect(w.collection.connect(w.bob).nurture(1)).to.emit(w.collection, "Nurtured");
      await expect(w.collection.connect(w.carol).nurture(2)).to.emit(w.collection, "Nurtured");
      expect((await phenotype(w, 1)).nurtureCount).to.equal(1n);
      expect((await phenotype(w, 2)).nurtureCount).to.equal(1n);
      // An approval covers one token only.
      await advance(w, P(3010));
      await expect(w.collection.connect(w.bob).nurture(2))
        .to.be.revertedWithCustomError(w.collection, "InteractionNotHolder")
        .withArgs(2, w.bob.address);
    });

    it("reverts for a stranger, twice in one epoch, for a missing token and while paused, changing nothing", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 2);
      await w.collection.connect(w.alice).nurture(1);
      const before = await phenotype(w, 1);
      await expect(w.collection.connect(w.bob).nurture(1))
        .to.be.revertedWithCustomError(w.collection, "InteractionNotHolder")
        .withArgs(1, w.bob.address);
      await expect(w.collection.connect(w.alice).nurture(1))
        .to.be.revertedWithCustomError(w.collection, "InteractionAlreadyNurtured")
        .withArgs(1, 0);
      await expect(w.collection.connect(w.alice).nurture(77))
        .to.be.revertedWithCustomError(w.collection, "LivingAssetNonexistentToken")
        .withArgs(77);
      await w.collection.pause();
      await advance(w, P(3000));
      await expect(w.collection.connect(w.alice).nurture(1)).to.be.revertedWithCustomError(
        w.collection,
        "EnforcedPause",
      );
      await w.collection.unpause();
      expect((await phenotype(w, 1)).nurtureCount).to.equal(before.nurtureCount);
      // approved operators may nurture
      await w.collection.connect(w.alice).setApprovalForAll(w.bob.address, true);
      await w.collection.connect(w.bob).nurture(1);
      expect((await phenotype(w, 1)).nurtureCount).to.equal(2n);
    });
  });

  describe("metamorphose", () => {
    it("needs age and vitality, requests one VRF word, and the fulfilment advances stage and genome", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 3);
      await expect(w.collection.connect(w.alice).metamorphose(1))
        .to.be.revertedWithCustomError(w.collection, "InteractionTooYoung")
        .withArgs(1, 0, 5);
      await live(w, 8, [1]);
      await expect(w.collection.connect(w.alice).metamorphose(2))
        .to.be.revertedWithCustomError(w.collection, "InteractionTooWeak")
        .withArgs(2, 8000 - 8 * 400, 5000);
      const before = await phenotype(w, 1);
      const shownBefore = await identityShown(w, 1);
      expect(before.stage).to.equal(2n); // Juvenile
      const [requestId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
      expect((await phenotype(w, 1)).metamorphosisPending).to.equal(true);
      await expect(w.collection.connect(w.alice).metamorphose(1))
        .to.be.revertedWithCustomError(w.collection, "InteractionMetamorphosisPending")
        .withArgs(1);
      await expect(w.coordinator.fulfillRandomWords(requestId, await w.collection.getAddress()))
        .to.emit(w.collection, "Metamorphosed")
        .withArgs(1, 1, requestId, (mutation: bigint) => mutation > 0n);
      const after = await phenotype(w, 1);
      expect(after.stage).to.equal(3n); // Adult
      expect(after.generation).to.equal(1n);
      expect(after.genome).to.not.equal(before.genome);
      expect(after.seed).to.equal(before.seed);
      // the creature keeps its identity as shown (in full: identity.test.ts)
      expect(await identityShown(w, 1)).to.deep.equal(shownBefore);
    });

    it("the outcome is fixed by the request even if the token changes hands while pending", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 2);
      await live(w, 5, [1]);
      const [requestId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
      const word = 0xabcdefn;
      const snapshot = await ethers.provider.send("evm_snapshot", []);
      await w.coordinator.fulfillRandomWordsWithOverride(requestId, await w.collection.getAddress(), [word]);
      const untouched = await phenotype(w, 1);
      await ethers.provider.send("evm_revert", [snapshot]);
      await w.collection.connect(w.alice).transferFrom(w.alice.address, w.bob.address, 1);
      await expect(
        w.coordinator.fulfillRandomWordsWithOverride(requestId, await w.collection.getAddress(), [word]),
      ).to.emit(w.collection, "Metamorphosed");
      const transferred = await phenotype(w, 1);
      expect(transferred.genome).to.equal(untouched.genome);
      expect(transferred.generation).to.equal(1n);
      expect(await w.collection.ownerOf(1)).to.equal(w.bob.address);
    });

    it("a stuck request is replaced by the config role after the timeout; the late old word is ignored", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 1);
      await live(w, 5, [1]);
      const [oldId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
      await expect(w.collection.rerequestMetamorphosis(1)).to.be.revertedWithCustomError(
        w.collection,
        "InteractionRerequestTooEarly",
      );
      await expect(w.collection.rerequestMetamorphosis(2)).to.be.revertedWithCustomError(
        w.collection,
        "LivingAssetNonexistentToken",
      );
      await time.increase(24 * 3600);
      const [newId] = await requestIdsOf(w.collection, w.collection.rerequestMetamorphosis(1));
      await expect(w.coordinator.fulfillRandomWords(oldId, await w.collection.getAddress()))
        .to.emit(w.collection, "RandomnessIgnored")
        .withArgs(oldId, IgnoreReason.StaleRequest);
      expect((await phenotype(w, 1)).generation).to.equal(0n);
      await w.coordinator.fulfillRandomWords(newId, await w.collection.getAddress());
      expect((await phenotype(w, 1)).generation).to.equal(1n);
      await expect(w.collection.rerequestMetamorphosis(1)).to.be.revertedWithCustomError(
        w.collection,
        "InteractionNoMetamorphosisPending",
      );
    });

    it("a replaced request's word arriving after the new one landed is ignored as stale", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 1);
      await live(w, 5, [1]);
      const [oldId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
      await time.increase(24 * 3600);
      const [newId] = await requestIdsOf(w.collection, w.collection.rerequestMetamorphosis(1));
      await expect(w.coordinator.fulfillRandomWords(newId, await w.collection.getAddress())).to.emit(
        w.collection,
        "Metamorphosed",
      );
      const after = await phenotype(w, 1);
      await expect(w.coordinator.fulfillRandomWords(oldId, await w.collection.getAddress()))
        .to.emit(w.collection, "RandomnessIgnored")
        .withArgs(oldId, IgnoreReason.StaleRequest);
      expect(await phenotype(w, 1)).to.deep.equal(after);
    });

    it("the metamorphose task says what completes the metamorphosis: the VRF word (on a development chain `reveal`), the token Pending until then", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 1);
      await live(w, 8, [1]);
      const alice = (await ethers.getSigners()).findIndex((s) => s.address === w.alice.address);
      const { out, errors, exitCode } = await runTask("metamorphose", { token: 1, from: alice });
      expect(errors, errors.join("\n")).to.deep.equal([]);
      expect(exitCode).to.equal(0);
      expect(out).to.match(
        /^Metamorphosis of token #1 requested \(VRF request \d+\)\. It completes when the VRF word arrives: until then the token shows Juvenile with Metamorphosis Pending: true; run `npx hardhat reveal --network hardhat` to have the VRF mock answer it now\.$/,
      );
      expect((await phenotype(w, 1)).metamorphosisPending).to.equal(true);
      const shown = decodeTokenUri(await w.collection.tokenURI(1)).metadata;
      const trait = (name: string) =>
        shown.attributes!.find((a: { trait_type: string }) => a.trait_type === name)?.value;
      expect([trait("Stage"), String(trait("Metamorphosis Pending"))]).to.deep.equal(["Juvenile", "true"]);
    });

    it("two metamorphoses make a token Ascended; a third is refused", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 1);
      for (const age of [5, 5]) {
        await live(w, age, [1]);
        const [id] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
        await w.coordinator.fulfillRandomWords(id, await w.collection.getAddress());
      }
      expect((await phenotype(w, 1)).stage).to.equal(4n);
      await live(w, 10, [1]);
      await expect(w.collection.connect(w.alice).metamorphose(1)).to.be.revertedWithCustomError(
        w.collection,
        "InteractionFullyGrown",
      );
    });

    it("refuses an unrevealed token", async () => {
      const w = await deployWorld();
      await w.collection.connect(w.alice).mint(1, { value: PRICE });
      // In the open cohort, then in a closed cohort whose word has not come.
      await expect(w.collection.connect(w.alice).metamorphose(1))
        .to.be.revertedWithCustomError(w.collection, "InteractionNotRevealed")
        .withArgs(1);
      await closeCohort(w);
      await expect(w.collection.connect(w.alice).metamorphose(1))
        .to.be.revertedWithCustomError(w.collection, "InteractionNotRevealed")
        .withArgs(1);
    });
  });

  describe("phenotype", () => {
    it("temperament and mood follow the market the token lived through", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 1);
      for (const p of [3000, 3300, 3600, 3900]) await advance(w, P(p));
      let ph = await phenotype(w, 1);
      expect(ph.temperament).to.equal(1n); // Bold
      expect(ph.mood).to.equal(1n); // Sunny
      for (const p of [3000, 2400, 1800]) await advance(w, P(p));
      ph = await phenotype(w, 1);
      expect(ph.temperament).to.equal(2n); // Wary
      expect(ph.mood).to.equal(2n); // Stormy
      await advance(w, P(1801));
      expect((await phenotype(w, 1)).mood).to.equal(0n); // Calm
    });

    it("a market that swung both ways about equally leaves each token of a cohort to its disposition", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 8);
      for (const p of [3000, 3300, 3000, 3300, 3000]) await advance(w, P(p));
      // Up +10% twice, down -9.09% twice: a tilt of +4.8 points, active enough for every token.
      // PhenotypeLib.temperament: the seed's top byte is the bias (-30..+30 points, added to the
      // tilt; Bold over 11, Wary under -11, Restless between).
      const seen = new Set<bigint>();
      for (let id = 1; id <= 8; id++) {
        const ph = await phenotype(w, id);
        const up = Number(ph.lifeUpBps);
        const down = Number(ph.lifeDownBps);
        const tilt = Math.trunc(((up - down) * 100) / (up + down));
        const bias = Number((BigInt(ph.seed) >> 248n) % 61n) - 30;
        const want = tilt + bias > 11 ? 1n : tilt + bias < -11 ? 2n : 3n; // Bold, Wary, Restless
        expect(ph.temperament, `token ${id}, bias ${bias}`).to.equal(want);
        seen.add(ph.temperament);
      }
      expect(seen.size, "the cohort's temperaments").to.be.greaterThan(1);
    });

    it("ERC-7496 traits read the live phenotype; none is settable", async () => {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, 1);
      await live(w, 3);
      const keys = TRAIT_NAMES.map((k) => ethers.id(k));
      const values = await w.collection.getTraitValues(1, keys);
      const ph = await phenotype(w, 1);
      expect(values.map(BigInt)).to.deep.equal([
        ph.stage,
        ph.generation,
        ph.age,
        BigInt(ph.vitality),
        ph.mood,
        ph.temperament,
        1n,
        0n,
        BigInt(ph.genome),
      ]);
      expect(BigInt(ph.genome)).to.not.equal(0n);
      expect(BigInt(await w.collection.getTraitValue(1, ethers.id("age")))).to.equal(3n);
      await w.collection.connect(w.alice).mint(1, { value: PRICE });
      const unrevealed = (await w.collection.totalSupply()) as bigint;
      expect(BigInt(await w.collection.getTraitValue(unrevealed, ethers.id("revealed")))).to.equal(0n);
      expect(BigInt(await w.collection.getTraitValue(1, ethers.id("revealed")))).to.equal(1n);
      await expect(w.collection.getTraitValue(1, ethers.id("colour")))
        .to.be.revertedWithCustomError(w.collection, "TraitKeyUnknown")
        .withArgs(ethers.id("colour"));
      await expect(w.collection.setTrait(1, keys[0], ethers.ZeroHash))
        .to.be.revertedWithCustomError(w.collection, "MetadataTraitNotSettable")
        .withArgs(keys[0]);
      const meta = JSON.parse(
        Buffer.from((await w.collection.getTraitMetadataURI()).split(",")[1], "base64").toString(),
      );
      expect(Object.keys(meta.traits)).to.include.members(["stage", "vitality", "mood"]);
      // A pending metamorphosis is a trait a buyer can see (and an order can require unchanged).
      await live(w, 2);
      await w.collection.connect(w.alice).metamorphose(1);
      expect(BigInt(await w.collection.getTraitValue(1, ethers.id("metamorphosisPending")))).to.equal(1n);
    });
  });
});
