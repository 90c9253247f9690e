import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import {
  advance,
  closeCohort,
  deployWorld,
  mintAndReveal,
  plain,
  PRICE,
  requestIdsOf,
  type World,
} from "./helpers/fixture";
import { CollectionHistory, loadHistory } from "../tasks/lib/history";
import { collectionFactory } from "../scripts/lib/collection";
import { mulberry32, UNDER_COVERAGE } from "./helpers/random";

/** What the collection answered for a token after a block. */
interface Sample {
  tokenId: number;
  block: number;
  epoch: number;
  uri: string;
  /** Taken just before the world advanced: the token's state at the end of `epoch`. */
  endOfEpoch: boolean;
  stage: number;
  pending: boolean;
  generation: number;
  mood: number;
}

async function sampleTokens(w: World, ids: number[], endOfEpoch = false): Promise<Sample[]> {
  const block = await ethers.provider.getBlockNumber();
  const at = { blockTag: block };
  const epoch = Number(await w.collection.currentEpoch(at));
  const out: Sample[] = [];
  for (const tokenId of ids) {
    const ph = await w.collection.phenotypeOf(tokenId, at);
    out.push({
      tokenId,
      block,
      epoch,
      uri: await w.collection.tokenURI(tokenId, at),
      endOfEpoch,
      stage: Number(ph.stage),
      pending: ph.metamorphosisPending,
      generation: Number(ph.generation),
      mood: Number(ph.mood),
    });
  }
  return out;
}

/** Every sample replayed from events gives the collection's own string, byte for byte. */
async function expectReplays(h: CollectionHistory, samples: Sample[]): Promise<void> {
  // Under coverage, every fourth sample: each replay renders on instrumented contracts (seconds a
  // call) and runs the same Solidity as the others. `npm test` replays every sample.
  for (const s of UNDER_COVERAGE ? samples.filter((_, i) => i % 4 === 0) : samples) {
    const replay = await h.tokenURIAtBlock(s.tokenId, s.block);
    expect(replay, `token ${s.tokenId} after block ${s.block} (epoch ${s.epoch})`).to.equal(s.uri);
    if (s.endOfEpoch) {
      expect(await h.tokenURIAt(s.tokenId, s.epoch), `token ${s.tokenId} at the end of epoch ${s.epoch}`).to.equal(
        s.uri,
      );
    }
  }
}

/** `promise` fails with a message matching `pattern`. */
async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  let message: string | undefined;
  try {
    await promise;
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message, "rejected").to.match(pattern);
}

const P = (usd: number) => BigInt(Math.round(usd * 1e8));

/** A random life of several holders: who holds what, what is still pending, what was sampled and done. */
interface RandomLife {
  w: World;
  rand: () => number;
  holders: World["alice"][];
  owners: Map<number, World["alice"]>;
  pendingCohorts: bigint[];
  pendingMetamorphoses: bigint[];
  samples: Sample[];
  counts: {
    mints: number;
    cohorts: number;
    nurtures: number;
    requests: number;
    metamorphoses: number;
    transfers: number;
  };
  price: number;
}

const pickOf =
  (rand: () => number) =>
  <T>(xs: T[]) =>
    xs[Math.floor(rand() * xs.length)];
const fulfilOf = (w: World) => async (requestId: bigint) =>
  (await w.coordinator.fulfillRandomWords(requestId, await w.collection.getAddress())).wait();

/**
 * One epoch of the random life: mints, cohorts closed and revealed, holders nurturing and asking
 * for metamorphoses, a transfer now and then, samples along the way, then the world advances.
 */
async function liveOneEpoch(life: RandomLife, epoch: number): Promise<void> {
  const { w, rand, holders, owners, pendingCohorts, pendingMetamorphoses, samples, counts } = life;
  const pick = pickOf(rand);
  const fulfil = fulfilOf(w);
  // Mints: 1-3 tokens now and then (always in the first two epochs), into the open cohort.
  if (owners.size < 16 && (epoch < 2 || rand() < 0.45)) {
    const who = pick(holders);
    const quantity = 1 + Math.floor(rand() * 3);
    const first = Number(await w.collection.totalSupply()) + 1;
    await (await w.collection.connect(who).mint(quantity, { value: PRICE * BigInt(quantity) })).wait();
    for (let i = 0; i < quantity; i++) owners.set(first + i, who);
    counts.mints++;
  }
  // Reveals: someone closes the open cohort with even odds; each pending cohort's word arrives
  // with even odds (so some tokens stay eggs for a few epochs, and hatch later than they were minted).
  if ((await w.collection.cohortState()).openFirstTokenId <= (await w.collection.totalSupply()) && rand() < 0.5) {
    pendingCohorts.push(await closeCohort(w, pick(holders)));
    counts.cohorts++;
  }
  for (const id of [...pendingCohorts]) {
    if (rand() < 0.5) {
      await fulfil(id);
      pendingCohorts.splice(pendingCohorts.indexOf(id), 1);
    }
  }
  const ids = [...owners.keys()];
  // Holders nurture and ask for metamorphoses when the collection would accept it.
  for (const id of ids) {
    const c = w.collection.connect(owners.get(id)!);
    if (rand() < 0.5) {
      try {
        await c.nurture.staticCall(id);
      } catch {
        continue;
      }
      await (await c.nurture(id)).wait();
      counts.nurtures++;
    }
    if (rand() < 0.4) {
      try {
        await c.metamorphose.staticCall(id);
      } catch {
        continue;
      }
      pendingMetamorphoses.push(...(await requestIdsOf(w.collection, c.metamorphose(id))));
      counts.requests++;
    }
  }
  samples.push(...(await sampleTokens(w, [pick(ids), pick(ids)])));
  for (const id of [...pendingMetamorphoses]) {
    if (rand() < 0.6) {
      await fulfil(id);
      pendingMetamorphoses.splice(pendingMetamorphoses.indexOf(id), 1);
      counts.metamorphoses++;
    }
  }
  // A transfer now and then (it does not touch the checkpoint; the timeline lists it).
  if (rand() < 0.4) {
    const id = pick(ids);
    const to = pick(holders.filter((h) => h !== owners.get(id)));
    await (await w.collection.connect(owners.get(id)!).transferFrom(owners.get(id)!.address, to.address, id)).wait();
    owners.set(id, to);
    counts.transfers++;
  }
  samples.push(...(await sampleTokens(w, [pick(ids), pick(ids)])));
  samples.push(...(await sampleTokens(w, [pick(ids), pick(ids)], true)));
  // The market: mostly small moves, sometimes a storm or a rally.
  const move = rand() < 0.25 ? (rand() - 0.5) * 0.3 : (rand() - 0.5) * 0.04;
  life.price = Math.max(100, life.price * (1 + move));
  await advance(w, P(life.price));
  samples.push(...(await sampleTokens(w, [pick(ids), pick(ids)])));
}

/** The life covered what the replay has to get right. */
function expectRichLife({ counts, samples }: RandomLife): void {
  expect(counts.metamorphoses, JSON.stringify(counts)).to.be.greaterThan(1);
  expect(counts.transfers).to.be.greaterThan(0);
  expect(
    samples.some((s) => s.stage === 0),
    "an egg was sampled",
  ).to.equal(true);
  expect(
    samples.some((s) => s.pending),
    "a pending metamorphosis was sampled",
  ).to.equal(true);
  expect(
    samples.some((s) => s.generation > 0),
    "a metamorphosed token was sampled",
  ).to.equal(true);
  expect(new Set(samples.map((s) => s.mood)).size, "several moods were sampled").to.be.greaterThan(1);
}

/** Every token's replay at the snapshot is its live tokenURI; its timeline counts what happened. */
async function expectTimelines(h: CollectionHistory, { w, owners, counts }: RandomLife): Promise<void> {
  let nurtured = 0;
  let metamorphosed = 0;
  let hatchedLater = 0;
  for (const id of owners.keys()) {
    expect(await h.matchesLive(id), `token ${id} now`).to.equal(true);
    const t = await h.token(id);
    expect(t.events[0].kind).to.equal("minted");
    expect(t.events[t.events.length - 1].holder).to.equal(owners.get(id)!.address);
    nurtured += t.events.filter((e) => e.kind === "nurtured").length;
    metamorphosed += t.events.filter((e) => e.kind === "metamorphosed").length;
    // A token is born when its cohort's word arrives, not when it was minted.
    if (await w.collection.isRevealed(id)) {
      const onChain = (await w.collection.cohort(await w.collection.cohortIdOf(id))).birthEpoch;
      expect(t.birthEpoch, `token ${id}'s birth epoch`).to.equal(Number(onChain));
      expect(t.events.find((e) => e.kind === "revealed")?.epoch, `token ${id} hatched`).to.equal(t.birthEpoch);
      if (t.birthEpoch! > t.events[0].epoch) hatchedLater++;
    }
  }
  expect(nurtured).to.equal(counts.nurtures);
  expect(metamorphosed).to.equal(counts.metamorphoses);
  expect(hatchedLater, "tokens that hatched epochs after their mint").to.be.greaterThan(0);
}

describe("history: a token's life replayed from events", function () {
  // @skip-coverage: a replay of TypeScript over events; every contract path it drives is covered elsewhere,
  // and instrumented it outlives the coverage run's timeout.
  it("replays sampled tokenURIs byte for byte through a random life of several holders @skip-coverage", async () => {
    const w = await deployWorld();
    const life: RandomLife = {
      w,
      rand: mulberry32(0x5eed_2026),
      holders: [w.alice, w.bob, w.carol, w.deployer],
      owners: new Map(),
      pendingCohorts: [],
      pendingMetamorphoses: [],
      samples: [],
      counts: { mints: 0, cohorts: 0, nurtures: 0, requests: 0, metamorphoses: 0, transfers: 0 },
      price: 3_000,
    };
    const fulfil = fulfilOf(w);
    const EPOCHS = 20;
    for (let epoch = 0; epoch < EPOCHS; epoch++) await liveOneEpoch(life, epoch);
    for (const id of life.pendingMetamorphoses) await fulfil(id);
    life.counts.metamorphoses += life.pendingMetamorphoses.length;
    for (const id of life.pendingCohorts) await fulfil(id);
    expectRichLife(life);

    const h = await loadHistory(hre, await w.collection.getAddress());
    expect(h.currentEpoch).to.equal(EPOCHS);
    expect(h.epochMarks.map((m) => m.how)).to.deep.equal(["linked", ...Array(EPOCHS).fill("advance")]);
    await expectReplays(h, life.samples);
    await expectTimelines(h, life);
  });

  it("replays a collection that missed epochs and caught up by syncWorld, a later hook or a feed re-announce", async () => {
    const w = await deployWorld();
    const address = await w.collection.getAddress();
    const samples: Sample[] = [];
    const mintRevealed = (who: World["alice"], quantity: number) => mintAndReveal(w, who, quantity);
    await mintRevealed(w.alice, 2); // tokens 1, 2: born in epoch 0
    await advance(w, P(3_000)); // epoch 1: the feed's first answer, no move yet
    await advance(w, P(3_100)); // epoch 2: +3.33%, Sunny at the 1% threshold
    await (await w.collection.connect(w.alice).nurture(1)).wait();
    samples.push(...(await sampleTokens(w, [1, 2])));
    const sunnyBlock = samples[0].block;

    // Unsubscribed: the world moves on to epoch 5, the collection stays in epoch 2.
    await (await w.world.removeSubscriber(address)).wait();
    for (const p of [3_050, 2_900, 2_950]) await advance(w, P(p));
    expect(await w.collection.currentEpoch()).to.equal(2n);
    await (await w.collection.connect(w.alice).nurture(2)).wait(); // at the collection's epoch 2
    await mintRevealed(w.bob, 1); // token 3: born in the collection's epoch 2
    samples.push(...(await sampleTokens(w, [1, 2, 3], true)));

    await expect(w.collection.syncWorld()).to.emit(w.collection, "WorldSynced").withArgs(5);
    samples.push(...(await sampleTokens(w, [1, 2, 3])));
    await (await w.collection.connect(w.alice).nurture(1)).wait();
    samples.push(...(await sampleTokens(w, [1], true)));

    // Epoch 6 passes unheard; subscribed again, the hook of epoch 7 jumps the collection to 7.
    await advance(w, P(3_000));
    await (await w.world.addSubscriber(address)).wait();
    await advance(w, P(3_200));
    expect(await w.collection.currentEpoch()).to.equal(7n);
    await (await w.collection.connect(w.alice).nurture(2)).wait();
    samples.push(...(await sampleTokens(w, [1, 2, 3], true)));

    // Epoch 8 passes unheard; the world's setFeedConfig re-announces it to the subscribers.
    await (await w.world.removeSubscriber(address)).wait();
    await advance(w, P(3_150));
    await (await w.world.addSubscriber(address)).wait();
    await (await w.world.setFeedConfig(plain(await w.world.feedConfig()))).wait();
    expect(await w.collection.currentEpoch()).to.equal(8n);
    samples.push(...(await sampleTokens(w, [1, 2, 3], true)));

    const h = await loadHistory(hre, address);
    expect(h.epochMarks.map((m) => [m.epoch, m.how])).to.deep.equal([
      [0, "linked"],
      [1, "advance"],
      [2, "advance"],
      [5, "sync"],
      [7, "advance"],
      [8, "feed-config"],
    ]);
    expect(h.missedEpochs).to.deep.equal([]);
    await expectReplays(h, samples);
    for (const id of [1, 2, 3]) expect(await h.matchesLive(id), `token ${id} now`).to.equal(true);

    // Token 2 was nurtured while the collection lagged: at its epoch 2, not the world's 5.
    const t2 = await h.token(2);
    expect(t2.events.filter((e) => e.kind === "nurtured").map((e) => e.epoch)).to.deep.equal([2, 7]);
    expect((await h.token(3)).birthEpoch).to.equal(2);
    // Epochs the collection never entered replay with the checkpoint it had then.
    const ph6 = await h.phenotypeAt(2, 6);
    expect(Number(ph6.currentEpoch)).to.equal(6);
    expect(Number(ph6.nurtureCount)).to.equal(1);

    // Out of range: before birth, after the collection's epoch; and a lagging collection says so.
    await rejects(h.tokenURIAt(3, 1), /epoch 1 is out of range for token 3: it lived epochs 2 to 8/);
    await rejects(h.phenotypeAt(1, 9), /epoch 9 is out of range/);
    await rejects(h.tokenURIAtBlock(3, samples[0].block), /block \d+ is out of range for token 3/);
    await rejects(h.token(99), /token 99 was not minted/);
    await (await w.world.removeSubscriber(address)).wait();
    await advance(w, P(3_100));
    await rejects(
      (await loadHistory(hre, address)).tokenURIAt(1, 9),
      /the world is at epoch 9 but the collection has not caught up \(anyone may call syncWorld\(\)\)/,
    );

    // The collection text is today's by default; `metadata: "then"` gives the text of the time.
    await (await w.collection.setDescription("A later description.")).wait();
    const later = await loadHistory(hre, address);
    const s = samples[0];
    const today = await later.tokenURIAtBlock(s.tokenId, s.block);
    expect(today).to.not.equal(s.uri);
    expect(today).to.include("A later description.");
    expect(await later.tokenURIAtBlock(s.tokenId, s.block, { metadata: "then" })).to.equal(s.uri);

    // Contract limitation (documented in tasks/lib/history.ts): phenotypeAt uses today's mood
    // threshold, so a threshold change rewrites past moods in the replay.
    expect(s.block).to.equal(sunnyBlock);
    expect(s.mood).to.equal(1); // Sunny: +3.33% at the 1% threshold
    await (await w.world.setFeedConfig({ ...plain(await w.world.feedConfig()), moodThresholdBps: 500 })).wait();
    const rethresholded = await loadHistory(hre, address);
    expect(Number((await rethresholded.phenotypeAtBlock(s.tokenId, s.block)).mood)).to.equal(0); // Calm now
  });

  it("replays a burned token's life up to its burn (an upgrade that adds burns) and refuses what follows", async () => {
    const w = await deployWorld();
    const address = await w.collection.getAddress();
    await mintAndReveal(w, w.alice, 2);
    await advance(w, P(3_000));
    await (await w.collection.connect(w.alice).nurture(1)).wait();
    const [before] = await sampleTokens(w, [1], true);
    const v2 = await upgrades.upgradeProxy(address, await collectionFactory(hre, "LivingAssetV2"), {
      kind: "uups",
      call: { fn: "initializeV2", args: [0] },
    });
    const burn = await (await (v2.connect(w.alice) as typeof v2).getFunction("burn").send(1)).wait();
    await advance(w, P(3_100));

    const h = await loadHistory(hre, address);
    const t1 = await h.token(1);
    expect(t1.events.map((e) => e.kind)).to.deep.equal(["minted", "revealed", "nurtured", "burned"]);
    expect(t1.burned?.blockNumber).to.equal(burn!.blockNumber);
    expect(await h.epochRange(1)).to.deep.equal({ first: 0, last: 1 });
    expect(await h.tokenURIAtBlock(1, before.block)).to.equal(before.uri);
    expect(await h.tokenURIAt(1, 1)).to.equal(before.uri); // the end of its last epoch: just before the burn
    await rejects(
      h.tokenURIAt(1, 2),
      /epoch 2 is out of range for token 1: it lived epochs 0 to 1 and was burned in block \d+/,
    );
    await rejects(h.tokenURIAtBlock(1, burn!.blockNumber), /it was burned in block/);
    await rejects(h.matchesLive(1), /token 1 was burned: it has no live tokenURI/);
    expect(await h.matchesLive(2)).to.equal(true);
  });

  it("the history task prints the timeline and table, writes the art, and refuses an epoch out of range", async () => {
    const w = await deployWorld();
    const address = await w.collection.getAddress();
    await mintAndReveal(w, w.alice, 1);
    await advance(w, P(3_100));
    await (await w.collection.connect(w.alice).nurture(1)).wait();
    await advance(w, P(2_900));

    const out = fs.mkdtempSync(path.join(os.tmpdir(), "history-"));
    try {
      const logs: string[] = [];
      const errors: string[] = [];
      const { log, error } = console;
      const exitCode = process.exitCode;
      console.log = (...a: unknown[]) => void logs.push(a.join(" "));
      console.error = (...a: unknown[]) => void errors.push(a.join(" "));
      try {
        await hre.run("history", { token: 1, all: true, out, svg: true });
        await hre.run("history", { token: 1, epoch: 3, out });
        await hre.run("history", { token: 2, out });
      } finally {
        console.log = log;
        console.error = error;
        process.exitCode = exitCode;
      }
      const text = logs.join("\n");
      expect(text).to.include("Checkpoints");
      expect(text).to.match(/nurtured: vitality 100%/);
      expect(text).to.match(/\n1 +Hatchling +0 +1 +100% +Calm/); // epoch 1 after the nurture
      expect(text).to.include("equals the live tokenURI byte for byte");
      expect(fs.readdirSync(out).sort()).to.deep.equal([
        ".vivarium-output.json",
        "token-1-epoch-0.svg",
        "token-1-epoch-1.svg",
        "token-1-epoch-2.svg",
      ]);
      expect(errors).to.have.length(2);
      expect(errors[0]).to.equal(
        "Error: epoch 3 is out of range for token 1: it lived epochs 0 to 2 (born in 0, the collection is at 2)",
      );
      expect(errors[1]).to.match(/^Error: token 2 was not minted by block \d+ \(tokens 1 to 1 were\)$/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
