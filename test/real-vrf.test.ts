import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { advance, closeCohort, IgnoreReason, plain, PRICE, requestIdsOf, seedOf, timeAtLeast } from "./helpers/fixture";
import {
  balances,
  callbackGasUsed,
  deployRealWorld,
  FULFIL_GAS_PRICE,
  fulfilRequest,
  mintRequest,
  pendingRequest,
  type RealWorld,
} from "./helpers/real-vrf";
import { REAL_VRF } from "../config/real-vrf";
import { prove, vrfKey, wordsOf, type VrfProof } from "../scripts/lib/vrf-prover";
import { revealAll } from "../tasks/reveal";
import { decodeTokenUri } from "../tasks/lib/render";

/** The Palette and Body a holder sees in tokenURI. */
function identity(uri: string) {
  const attrs = decodeTokenUri(uri).metadata.attributes ?? [];
  return ["Palette", "Body"].map((t) => attrs.find((a) => a.trait_type === t)?.value);
}

const P = (usd: number): bigint => BigInt(Math.round(usd * 1e8));

// ERC-7201 slot of the seed module; word 0 packs coordinator (bits 0-159) | requestConfirmations
// (160-175) | callbackGasLimit (176-207) | nativePayment (208-215) | rerequestTimeout (216-247).
const SEED_STORAGE_SLOT = "0xd24e1c20e859155c3eb1000e9aedbb4fc32810885c89f1f3312efdcbe5ea2000";

/** What `fulfillRandomWords(proof, rc, false)` would be sent with, for tests that tamper with it. */
async function honestFulfilment(w: RealWorld, requestId: bigint) {
  const request = await pendingRequest(w, requestId);
  await mine(request.minimumRequestConfirmations);
  const block = await ethers.provider.getBlock(Number(request.commitment.blockNum));
  const { proof } = prove(w.key, request.preSeed, block!.hash!);
  const send = (p: VrfProof, rc = request.commitment) =>
    w.coordinator.connect(w.oracle).fulfillRandomWords(p, rc, false, { gasLimit: 1_000_000 });
  return { request, proof, send };
}

/** Lives `epochs` epochs, alice nurturing `tokenId` every epoch. */
async function live(w: RealWorld, epochs: number, tokenId: number): Promise<void> {
  for (let i = 0; i < epochs; i++) {
    await advance(w, P(3000 + 10 * i));
    await w.collection.connect(w.alice).nurture(tokenId);
  }
}

// The whole suite is left out of coverage: instrumented collection code needs several times the
// gas, so a real coordinator's exact-gas callback would fail where the product succeeds.
describe("Chainlink's real VRF v2.5 coordinator (proofs made in TypeScript) @skip-coverage", () => {
  it("deploy: the collection consumes a LINK and a native subscription, both funded, with the registered proving key", async () => {
    const w = await deployRealWorld();
    const cfg = await w.collection.vrfConfig();
    expect(cfg.coordinator).to.equal(await w.coordinator.getAddress());
    expect(cfg.keyHash).to.equal(w.key.keyHash);
    expect(cfg.subscriptionId).to.equal(w.linkSub);
    expect(cfg.nativePayment).to.equal(false);
    expect((await w.coordinator.s_provingKeys(w.key.keyHash)).exists).to.equal(true);
    // Subscription ids are hashes, not 1, 2, 3.
    expect(w.linkSub).to.be.gt(2n ** 64n);
    expect(w.nativeSub).to.be.gt(2n ** 64n);
    expect(await balances(w, w.linkSub)).to.deep.equal({
      link: REAL_VRF.linkSubscriptionFund,
      native: 0n,
      reqCount: 0n,
    });
    expect(await balances(w, w.nativeSub)).to.deep.equal({
      link: 0n,
      native: REAL_VRF.nativeSubscriptionFund,
      reqCount: 0n,
    });
    for (const sub of [w.linkSub, w.nativeSub]) {
      expect((await w.coordinator.getSubscription(sub)).consumers).to.deep.equal([await w.collection.getAddress()]);
    }
  });

  it("a cohort's request is proven and fulfilled: the cohort reveals with the word the coordinator derived from the proof, paid in LINK", async () => {
    const w = await deployRealWorld();
    // Two mints, one cohort, one request.
    await (await w.collection.connect(w.bob).mint(4, { value: PRICE * 4n })).wait();
    expect((await balances(w, w.linkSub)).reqCount).to.equal(0n); // mints make no request
    const requestId = await mintRequest(w, w.alice, 6);
    expect(requestId).to.be.gt(2n ** 64n); // a hash
    expect(await w.coordinator.s_requestCommitments(requestId)).to.not.equal(ethers.ZeroHash);
    const before = await balances(w, w.linkSub);

    const f = await fulfilRequest(w, requestId);

    expect(f.success).to.equal(true);
    expect(f.nativePayment).to.equal(false);
    const [word] = wordsOf(f.outputSeed, 1);
    await expect(f.receipt).to.emit(w.collection, "CohortRevealed").withArgs(0, 1, 10, 0);
    for (const id of [1, 4, 7, 10]) expect(await w.collection.seedOf(id)).to.equal(seedOf(word, id));
    expect(await w.coordinator.s_requestCommitments(requestId)).to.equal(ethers.ZeroHash);
    const after = await balances(w, w.linkSub);
    expect(before.link - after.link).to.equal(f.payment);
    expect(after.reqCount).to.equal(1n);
    // LINK billing: (gas × gas price in wei → LINK at the feed's price) × 120% premium, no flat fee.
    const billedGas = (f.payment * 100n * REAL_VRF.weiPerUnitLink) / 120n / 10n ** 18n / FULFIL_GAS_PRICE;
    console.log(
      `      fulfilment ${f.receipt.gasUsed} gas; charged ${ethers.formatEther(f.payment)} LINK for ${billedGas} gas at 10 gwei`,
    );
    expect(billedGas).to.be.within(
      f.receipt.gasUsed - 40_000n,
      f.receipt.gasUsed + BigInt(REAL_VRF.gasAfterPaymentCalculation),
    );
  });

  it("pays in native currency from the native subscription when the collection asks to", async () => {
    const w = await deployRealWorld();
    const cfg = plain(await w.collection.vrfConfig());
    await w.collection.setVrfConfig({ ...cfg, subscriptionId: w.nativeSub, nativePayment: true });
    const requestId = await mintRequest(w, w.bob, 3);
    const [linkBefore, nativeBefore] = [await balances(w, w.linkSub), await balances(w, w.nativeSub)];

    const f = await fulfilRequest(w, requestId);

    expect(f.success).to.equal(true);
    expect(f.nativePayment).to.equal(true);
    expect(await w.collection.isRevealed(3)).to.equal(true);
    expect(nativeBefore.native - (await balances(w, w.nativeSub)).native).to.equal(f.payment);
    expect(await balances(w, w.linkSub)).to.deep.equal(linkBefore);
    // Native billing: gas × gas price × 124% premium, no flat fee.
    const billedGas = (f.payment * 100n) / 124n / FULFIL_GAS_PRICE;
    console.log(`      charged ${ethers.formatEther(f.payment)} ETH for ${billedGas} gas at 10 gwei`);
    expect(billedGas).to.be.within(
      f.receipt.gasUsed - 40_000n,
      f.receipt.gasUsed + BigInt(REAL_VRF.gasAfterPaymentCalculation),
    );
  });

  it("refuses a request below the coordinator's minimum confirmations at request time; reveal() and an instant-reveal mint still succeed, and anyone re-requests", async () => {
    const w = await deployRealWorld();
    const cfg = plain(await w.collection.vrfConfig());
    await w.collection.setVrfConfig({ ...cfg, requestConfirmations: 1 });
    const reason = w.coordinator.interface.encodeErrorResult("InvalidRequestConfirmations", [1, 3, 200]);
    await (await w.collection.connect(w.alice).mint(2, { value: PRICE * 2n })).wait();
    const state = await w.collection.cohortState();
    await timeAtLeast(state.openedAt + BigInt(state.minRevealDelay));
    await expect(w.collection.connect(w.carol).reveal())
      .to.emit(w.collection, "CohortClosed")
      .withArgs(0, 1, 2)
      .and.to.emit(w.collection, "RandomnessRequestFailed")
      .withArgs(1, 0, reason);
    // Instant reveal: the mint closes its own cohort; a refused request does not fail it.
    await w.collection.setRevealConfig(state.minRevealDelay, true);
    await expect(w.collection.connect(w.bob).mint(1, { value: PRICE }))
      .to.emit(w.collection, "CohortClosed")
      .withArgs(1, 3, 1)
      .and.to.emit(w.collection, "RandomnessRequestFailed")
      .withArgs(1, 1, reason);
    expect(await w.collection.balanceOf(w.alice.address)).to.equal(2n);
    expect(await w.collection.balanceOf(w.bob.address)).to.equal(1n);
    expect((await w.collection.cohort(0)).randomness).to.equal(0n);
    await w.collection.setVrfConfig(cfg);
    // A refused request never had a word: anyone may retry at once.
    for (const cohortId of [0, 1]) {
      const [requestId] = await requestIdsOf(w.collection, w.collection.connect(w.carol).rerequestCohort(cohortId));
      expect((await fulfilRequest(w, requestId)).success).to.equal(true);
    }
    expect(await w.collection.isRevealed(2)).to.equal(true);
    expect(await w.collection.isRevealed(3)).to.equal(true);
  });

  it("re-request: the stuck request's late proof still lands, is paid for, and is ignored as stale; the new one reveals", async () => {
    const w = await deployRealWorld();
    const oldId = await mintRequest(w, w.alice, 4);
    await time.increase(24 * 3600);
    const [newId] = await requestIdsOf(w.collection, w.collection.rerequestCohort(0));
    expect(newId).to.not.equal(oldId);

    const late = await fulfilRequest(w, oldId);
    expect(late.success).to.equal(true);
    expect(late.payment).to.be.gt(0n);
    await expect(late.receipt).to.emit(w.collection, "RandomnessIgnored").withArgs(oldId, IgnoreReason.StaleRequest);
    // A day passed: the LINK/ETH feed is stale, so the coordinator billed at its fallback price.
    await expect(late.receipt).to.emit(w.coordinator, "FallbackWeiPerUnitLinkUsed");
    expect(await w.collection.isRevealed(1)).to.equal(false);

    const fresh = await fulfilRequest(w, newId);
    await expect(fresh.receipt).to.emit(w.collection, "CohortRevealed").withArgs(0, 1, 4, 0);
    expect(await w.collection.seedOf(1)).to.equal(seedOf(wordsOf(fresh.outputSeed, 1)[0], 1));
    expect((await balances(w, w.linkSub)).reqCount).to.equal(2n);
  });

  it("metamorphosis: requested by the holder, proven, applied; a replaced request's late word is ignored", async () => {
    const w = await deployRealWorld();
    await fulfilRequest(w, await mintRequest(w, w.alice, 2));
    await live(w, 5, 1);
    const before = plain(await w.collection.phenotypeOf(1));
    const identityBefore = identity(await w.collection.tokenURI(1));
    const [oldId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
    await time.increase(24 * 3600);
    const [newId] = await requestIdsOf(w.collection, w.collection.rerequestMetamorphosis(1));

    const f = await fulfilRequest(w, newId);
    await expect(f.receipt)
      .to.emit(w.collection, "Metamorphosed")
      .withArgs(1, 1, newId, (mutation: bigint) => mutation > 0n);
    const after = plain(await w.collection.phenotypeOf(1));
    expect(after.stage).to.equal(3n); // Adult
    expect(after.genome).to.not.equal(before.genome);
    expect(identity(await w.collection.tokenURI(1))).to.deep.equal(identityBefore); // palette and body plan kept

    const late = await fulfilRequest(w, oldId);
    await expect(late.receipt).to.emit(w.collection, "RandomnessIgnored").withArgs(oldId, IgnoreReason.StaleRequest);
    expect(plain(await w.collection.phenotypeOf(1))).to.deep.equal(after);
  });

  it("the reveal task closes the open cohort and fulfils every pending cohort and metamorphosis through the real coordinator", async () => {
    const w = await deployRealWorld();
    await fulfilRequest(w, await mintRequest(w, w.alice, 2));
    await live(w, 5, 1);
    await w.collection.connect(w.alice).metamorphose(1);
    await mintRequest(w, w.bob, 3); // cohort 1: tokens 3-5, pending
    await (await w.collection.connect(w.carol).mint(2, { value: PRICE * 2n })).wait(); // tokens 6-7, open
    const done = await revealAll(hre);
    expect([done.closed?.cohortId, done.closed?.firstTokenId, done.closed?.quantity]).to.deep.equal([2, 6n, 2]);
    expect(done.cohorts.map((c) => [c.cohortId, c.coordinator, c.success, c.birthEpoch])).to.deep.equal([
      [1, "real", true, 5],
      [2, "real", true, 5],
    ]);
    expect(done.metamorphoses.map((m) => [m.tokenId, m.coordinator, m.success])).to.deep.equal([[1n, "real", true]]);
    expect(await w.collection.isRevealed(5)).to.equal(true);
    expect(await w.collection.isRevealed(7)).to.equal(true);
    expect((await w.collection.phenotypeOf(1)).generation).to.equal(1n);
  });

  it("a callback gas limit too low: the coordinator spends the request, publishes its word and bills it; the cohort stays eggs until re-requested", async () => {
    const w = await deployRealWorld();
    // The configuration refuses limits under MIN_CALLBACK_GAS_LIMIT, so write one into storage: the
    // state a fulfilment that outgrew its limit would be in.
    const proxy = await w.collection.getAddress();
    const word0 = BigInt(await ethers.provider.getStorage(proxy, SEED_STORAGE_SLOT));
    const mask = 0xffffffffn << 176n;
    await ethers.provider.send("hardhat_setStorageAt", [
      proxy,
      SEED_STORAGE_SLOT,
      ethers.toBeHex((word0 & ~mask) | (20_000n << 176n), 32),
    ]);
    expect((await w.collection.vrfConfig()).callbackGasLimit).to.equal(20_000n);
    const requestId = await mintRequest(w, w.alice, 5);
    const before = await balances(w, w.linkSub);

    const f = await fulfilRequest(w, requestId);

    expect(f.success).to.equal(false);
    await expect(f.receipt).to.not.emit(w.collection, "CohortRevealed");
    expect(await w.collection.isRevealed(1)).to.equal(false);
    expect((await w.collection.cohort(0)).randomness).to.equal(requestId); // still pending for the collection
    expect(before.link - (await balances(w, w.linkSub)).link).to.equal(f.payment); // billed all the same
    // The word is public now: anyone can compute the seeds this cohort would have had.
    const publishedWord = wordsOf(f.outputSeed, 1)[0];
    console.log(
      `      failed callback: charged ${ethers.formatEther(f.payment)} LINK; word ${publishedWord} published`,
    );
    // The coordinator forgot the request: its proof cannot be sent again.
    const { proof, send } = await honestFulfilment(w, requestId);
    await expect(send(proof)).to.be.revertedWithCustomError(w.coordinator, "NoCorrespondingRequest");

    // Only the config role, after the timeout, can replace it (README: the trade-off of re-requesting a published word).
    await w.collection.setVrfConfig({ ...plain(await w.collection.vrfConfig()), callbackGasLimit: 200_000 });
    await expect(w.collection.connect(w.bob).rerequestCohort(0))
      .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
      .withArgs(w.bob.address, await w.collection.CONFIG_ROLE());
    await time.increase(24 * 3600);
    const [newId] = await requestIdsOf(w.collection, w.collection.rerequestCohort(0));
    const retry = await fulfilRequest(w, newId);
    expect(retry.success).to.equal(true);
    expect(await w.collection.seedOf(1)).to.not.equal(seedOf(publishedWord, 1));
  });

  it("a fulfilment more than 256 blocks after the request needs the block hash from the BlockhashStore", async () => {
    const w = await deployRealWorld();
    const storedId = await mintRequest(w, w.alice, 2);
    const stored = await pendingRequest(w, storedId);
    await w.store.store(stored.commitment.blockNum); // what Chainlink's BHS feeder does within 256 blocks
    const lostId = await mintRequest(w, w.bob, 2);
    const lost = await pendingRequest(w, lostId);
    await mine(300);

    // Unstored: the coordinator cannot see the block hash, whatever the proof (the store's own revert).
    const block = await ethers.provider.getBlock(Number(lost.commitment.blockNum));
    const { proof } = prove(w.key, lost.preSeed, block!.hash!);
    await expect(
      w.coordinator.connect(w.oracle).fulfillRandomWords(proof, lost.commitment, false, { gasLimit: 1_000_000 }),
    ).to.be.revertedWith("blockhash not found in store");
    const refused = await fulfilRequest(w, lostId).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(refused).to.match(/is more than 256 blocks old and its hash is not in the BlockhashStore/);

    const f = await fulfilRequest(w, storedId);
    expect(f.success).to.equal(true);
    expect(await w.collection.isRevealed(1)).to.equal(true);
    expect(await w.collection.isRevealed(3)).to.equal(false);
  });

  it("a bad proof reverts and leaves the request pending; the honest proof then lands", async () => {
    const w = await deployRealWorld();
    const requestId = await mintRequest(w, w.alice, 3);
    const { request, proof, send } = await honestFulfilment(w, requestId);
    const parent = (await ethers.provider.getBlock(Number(request.commitment.blockNum) - 1))!.hash!;
    const other = vrfKey(REAL_VRF.provingKeySecret + 1n);
    const elsewhere = prove(w.key, request.preSeed, parent).proof; // valid points, for another seed

    await expect(send({ ...proof, s: proof.s + 1n })).to.be.revertedWith("addr(c*pk+s*g)!=_uWitness");
    await expect(send({ ...proof, zInv: proof.zInv + 1n })).to.be.revertedWith("invZ must be inverse of z");
    await expect(send({ ...proof, gamma: elsewhere.gamma })).to.be.revertedWith("First mul check failed");
    // A proof of the same pre-seed against another block's hash: the seed binds the request's block.
    await expect(send(elsewhere)).to.be.revertedWith("Second mul check failed");
    await expect(send(prove(other, request.preSeed, parent).proof))
      .to.be.revertedWithCustomError(w.coordinator, "NoSuchProvingKey")
      .withArgs(other.keyHash);
    await expect(send({ ...proof, seed: proof.seed + 1n })).to.be.revertedWithCustomError(
      w.coordinator,
      "NoCorrespondingRequest",
    );
    await expect(
      send(proof, { ...request.commitment, callbackGasLimit: request.commitment.callbackGasLimit + 1n }),
    ).to.be.revertedWithCustomError(w.coordinator, "IncorrectCommitment");
    expect(await w.collection.isRevealed(1)).to.equal(false);

    await expect(send(proof)).to.emit(w.collection, "CohortRevealed");
  });

  it("a replayed proof reverts: the coordinator deleted the commitment", async () => {
    const w = await deployRealWorld();
    const requestId = await mintRequest(w, w.alice, 1);
    const { proof, send } = await honestFulfilment(w, requestId);
    await expect(send(proof)).to.emit(w.collection, "CohortRevealed");
    const seed = await w.collection.seedOf(1);
    await expect(send(proof)).to.be.revertedWithCustomError(w.coordinator, "NoCorrespondingRequest");
    expect(await w.collection.seedOf(1)).to.equal(seed);
  });

  it("the coordinator refuses to call back with less than the callback gas limit (exact-gas call); the request stays pending", async () => {
    const w = await deployRealWorld();
    const requestId = await mintRequest(w, w.alice, 2);
    const { request, proof } = await honestFulfilment(w, requestId);
    const tooLittle = request.commitment.callbackGasLimit + 60_000n; // the proof check alone takes more
    await expect(
      w.coordinator.connect(w.oracle).fulfillRandomWords(proof, request.commitment, false, { gasLimit: tooLittle }),
    ).to.be.reverted;
    expect(await w.coordinator.s_requestCommitments(requestId)).to.not.equal(ethers.ZeroHash);
    expect((await fulfilRequest(w, requestId)).success).to.equal(true);
  });

  it("callback gas inside the coordinator's exact-gas call is at most half of MIN_CALLBACK_GAS_LIMIT (cohorts of 1, 100 and 10,000; metamorphosis)", async () => {
    const w = await deployRealWorld();
    const limit = (await w.collection.vrfConfig()).callbackGasLimit;
    const min = BigInt(await w.collection.MIN_CALLBACK_GAS_LIMIT());
    const used: Record<string, bigint> = {};
    // A reveal does constant work whatever the cohort's size (measured: 36,372 gas for each of the
    // three cohorts, 35,963 for the metamorphosis).
    await (await w.collection.setSaleConfig(PRICE, 20_000, 20_000, 1_000)).wait();
    for (const quantity of [1, 100, 10_000]) {
      for (let left = quantity; left > 0; left -= 1_000) {
        await (await w.collection.mintTo(w.alice.address, Math.min(left, 1_000))).wait();
      }
      const f = await fulfilRequest(w, await closeCohort(w));
      await expect(f.receipt).to.emit(w.collection, "CohortRevealed");
      used[`cohort of ${quantity}`] = await callbackGasUsed(f.receipt.hash, limit);
    }
    expect(await w.collection.isRevealed(10_101)).to.equal(true);
    await live(w, 5, 1);
    const [metamorphosisId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
    const f = await fulfilRequest(w, metamorphosisId);
    await expect(f.receipt).to.emit(w.collection, "Metamorphosed");
    used.metamorphosis = await callbackGasUsed(f.receipt.hash, limit);
    console.log(
      `      callback gas used inside the exact-gas call (limit ${limit}): ${Object.entries(used)
        .map(([k, g]) => `${k} ${g}`)
        .join(", ")}`,
    );
    for (const [what, gas] of Object.entries(used)) expect(2n * gas, what).to.be.lte(min);
  });
});
