// ERC-7496 completeness, tested as a trait-keyed indexer meets it: a collection lives through
// random actions, and after every transaction each (token, trait) whose `getTraitValue` changed
// must be announced by an ERC-7496 event of that same transaction (with the new value, where the
// event carries one). Tokens that come into existence need none: their mint's Transfer announces
// them.
import hre, { ethers } from "hardhat";
import { expect } from "chai";
import type { ContractTransactionResponse, Log } from "ethers";
import { deployWorld, PRICE, TRAIT_NAMES, type World } from "./helpers/fixture";
import { mulberry32 } from "./helpers/random";

const TRAITS = TRAIT_NAMES;
const KEYS = TRAITS.map((t) => ethers.id(t));
const NAME_OF = new Map(KEYS.map((k, i) => [k, TRAITS[i]]));

type Snapshot = Map<number, string[]>; // tokenId -> trait values, in KEYS order

interface Coverage {
  /** (key, tokenId) -> the value the event announced, or null when the event carries none. */
  covers(key: string, tokenId: number): { value: string | null } | undefined;
}

/** The ERC-7496 events the collection emitted in a receipt, as a lookup. */
function coverageOf(w: World, logs: readonly Log[], collection: string): Coverage {
  const events: { key: string; from: bigint; to: bigint; ids?: bigint[]; value: string | null }[] = [];
  for (const log of logs) {
    if (log.address.toLowerCase() !== collection.toLowerCase()) continue;
    const parsed = w.collection.interface.parseLog(log);
    if (!parsed) continue;
    const a = parsed.args;
    switch (parsed.name) {
      case "TraitUpdated":
        events.push({ key: a.traitKey, from: a.tokenId, to: a.tokenId, value: a.traitValue });
        break;
      case "TraitUpdatedRange":
        events.push({ key: a.traitKey, from: a.fromTokenId, to: a.toTokenId, value: null });
        break;
      case "TraitUpdatedRangeUniformValue":
        events.push({ key: a.traitKey, from: a.fromTokenId, to: a.toTokenId, value: a.traitValue });
        break;
      case "TraitUpdatedList":
        events.push({ key: a.traitKey, from: 0n, to: -1n, ids: [...a.tokenIds], value: null });
        break;
      case "TraitUpdatedListUniformValue":
        events.push({ key: a.traitKey, from: 0n, to: -1n, ids: [...a.tokenIds], value: a.traitValue });
        break;
    }
  }
  return {
    covers(key, tokenId) {
      const id = BigInt(tokenId);
      const hit = events.find((e) => e.key === key && ((e.from <= id && id <= e.to) || (e.ids ?? []).includes(id)));
      return hit ? { value: hit.value } : undefined;
    },
  };
}

async function snapshot(w: World): Promise<Snapshot> {
  const supply = Number(await w.collection.totalSupply());
  const out: Snapshot = new Map();
  for (let id = 1; id <= supply; id++) out.set(id, [...(await w.collection.getTraitValues(id, KEYS))]);
  return out;
}

type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
type Send = () => Promise<ContractTransactionResponse>;

/**
 * A checker over one collection: `check(what, send)` sends one transaction and checks every trait
 * change it made against its events; `stats` counts transactions and (token, trait) changes.
 */
async function traitChecker(w: World, collection: string) {
  const stats = { transactions: 0, changes: 0, perTrait: new Map<string, number>() };
  let state = await snapshot(w);
  /** Sends one transaction and checks every trait change it made against its events. */
  const check = async (what: string, send: Send) => {
    let receipt;
    try {
      receipt = await (await send()).wait();
    } catch {
      return undefined; // refused by the contract: no state changed (the hostile-input test checks that)
    }
    const after = await snapshot(w);
    const coverage = coverageOf(w, receipt!.logs, collection);
    for (const [id, before] of state) {
      const now = after.get(id)!;
      KEYS.forEach((key, i) => {
        if (before[i] === now[i]) return;
        stats.changes++;
        stats.perTrait.set(NAME_OF.get(key)!, (stats.perTrait.get(NAME_OF.get(key)!) ?? 0) + 1);
        const hit = coverage.covers(key, id);
        expect(hit, `${what}: token #${id} "${NAME_OF.get(key)}" changed ${before[i]} -> ${now[i]} without an event`).to
          .not.be.undefined;
        if (hit!.value !== null)
          expect(hit!.value, `${what}: token #${id} "${NAME_OF.get(key)}" announced value`).to.equal(now[i]);
      });
    }
    stats.transactions++;
    state = after;
    return receipt!;
  };
  return { check, stats };
}

/** The random life's state between steps. */
interface TraitLife {
  w: World;
  collection: string;
  rand: () => number;
  signers: Signer[];
  holders: Signer[];
  price: bigint;
  pendingCohorts: bigint[];
  pendingMetamorphoses: bigint[];
  check: Awaited<ReturnType<typeof traitChecker>>["check"];
}

/** The request ids of `event` in a receipt of the collection. */
function requestIdsIn(w: World, collection: string, receipt: { logs: readonly Log[] } | undefined, event: string) {
  return (receipt?.logs ?? [])
    .filter((l) => l.address.toLowerCase() === collection.toLowerCase())
    .map((l) => w.collection.interface.parseLog(l))
    .filter((p) => p?.name === event)
    .map((p) => p!.args.requestId as bigint);
}

/** A holder asks for a metamorphosis: from a random token on, the first the collection would accept. */
async function metamorphoseSome(l: TraitLife, supply: number): Promise<void> {
  const { w, rand, signers, check } = l;
  // Eggs hatch late, so a random pick alone is mostly refused.
  const start = Math.floor(rand() * supply);
  const holderOf = async (id: number) => {
    const owner = await w.collection.ownerOf(id);
    return w.collection.connect(signers.find((s) => s.address === owner)!);
  };
  let id = 1 + start;
  for (let k = 0; k < supply; k++) {
    const candidate = 1 + ((start + k) % supply);
    const accepted = await (await holderOf(candidate)).metamorphose.staticCall(candidate).then(
      () => true,
      () => false,
    );
    if (accepted) {
      id = candidate;
      break;
    }
  }
  const c = await holderOf(id);
  const receipt = await check(`metamorphose #${id}`, () => c.metamorphose(id));
  l.pendingMetamorphoses.push(...requestIdsIn(w, l.collection, receipt, "RandomnessRequested"));
}

/** One random step of the life: a mint, a reveal, an epoch, a nurture, a metamorphosis, a transfer or a new mood threshold. */
async function randomStep(l: TraitLife, step: number): Promise<void> {
  const { w, collection, rand, signers, holders, pendingCohorts, pendingMetamorphoses, check } = l;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const requestIds = (receipt: { logs: readonly Log[] } | undefined, event: string) =>
    requestIdsIn(w, collection, receipt, event);
  const supply = Number(await w.collection.totalSupply());
  const r = rand();
  // Tokens wait in the open cohort until someone calls reveal() (or, in the steps run in
  // instant-reveal mode, until the mint itself closes it).
  const open = (await w.collection.cohortState()).openFirstTokenId <= BigInt(supply);
  if (step === 40 || step === 65) {
    const instant = step === 40;
    const delay = (await w.collection.cohortState()).minRevealDelay;
    await check(`setRevealConfig (instant ${instant})`, () => w.collection.setRevealConfig(delay, instant));
  }
  if (supply === 0 || r < 0.14) {
    const who = pick(holders);
    const q = 1 + Math.floor(rand() * 3);
    const receipt = await check(`mint ${q}`, () => w.collection.connect(who).mint(q, { value: PRICE * BigInt(q) }));
    pendingCohorts.push(...requestIds(receipt, "RandomnessRequested"));
  } else if (r < 0.28 && (pendingCohorts.length > 0 || open)) {
    if (pendingCohorts.length > 0 && (!open || rand() < 0.5)) {
      // A cohort's word arrives: all its eggs hatch at once.
      const id = pendingCohorts.shift()!;
      await check("cohort reveal", () => w.coordinator.fulfillRandomWords(id, collection));
    } else {
      // Anyone closes the open cohort once the minimum delay has passed: one request, no trait moves yet.
      const s = await w.collection.cohortState();
      const at = s.openedAt + BigInt(s.minRevealDelay);
      const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      if (at > now) await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(at)]);
      const receipt = await check("reveal()", () => w.collection.connect(pick(holders)).reveal());
      pendingCohorts.push(...requestIds(receipt, "RandomnessRequested"));
    }
  } else if (r < 0.5) {
    // The world moves: up, down or calm, sometimes by a lot.
    const move = BigInt(Math.floor((rand() - 0.5) * 1600)); // -8% .. +8%
    l.price = (l.price * (10_000n + move)) / 10_000n;
    const next = await w.world.nextEpochAt();
    const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    if (next > now) await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(next)]);
    await (await w.feed.updateAnswer(l.price)).wait();
    await check("advanceEpoch", () => w.world.advanceEpoch());
  } else if (r < 0.72) {
    const id = 1 + Math.floor(rand() * supply);
    const owner = await w.collection.ownerOf(id);
    await check(`nurture #${id}`, () => w.collection.connect(signers.find((s) => s.address === owner)!).nurture(id));
  } else if (r < 0.84) {
    await metamorphoseSome(l, supply);
  } else if (r < 0.92 && pendingMetamorphoses.length > 0) {
    const id = pendingMetamorphoses.shift()!;
    await check("metamorphosis fulfilment", () => w.coordinator.fulfillRandomWords(id, collection));
  } else if (r < 0.97) {
    const id = 1 + Math.floor(rand() * supply);
    const owner = await w.collection.ownerOf(id);
    const to = pick(holders);
    await check(`transfer #${id}`, () =>
      w.collection.connect(signers.find((s) => s.address === owner)!).transferFrom(owner, to.address, id),
    );
  } else {
    // The config role moves the mood threshold: every token's mood may change with it.
    const feed = await w.world.feedConfig();
    const threshold = 50 + Math.floor(rand() * 400);
    await check(`setFeedConfig (mood threshold ${threshold} bps)`, () =>
      w.world.setFeedConfig({
        feed: feed.feed,
        sequencerUptimeFeed: feed.sequencerUptimeFeed,
        epochInterval: feed.epochInterval,
        heartbeat: feed.heartbeat,
        sequencerGracePeriod: feed.sequencerGracePeriod,
        minAnswer: feed.minAnswer,
        maxAnswer: feed.maxAnswer,
        moodThresholdBps: threshold,
      }),
    );
  }
}

describe("ERC-7496 trait events (replay of a lived collection)", function () {
  this.timeout(600_000);

  it("every trait change of an existing token is announced in the transaction that makes it @skip-coverage", async () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 7496);
    const w = await deployWorld();
    const collection = await w.collection.getAddress();
    const signers = await ethers.getSigners();
    await w.collection.setSaleConfig(PRICE, 10_000, 1_000, 20);
    const { check, stats } = await traitChecker(w, collection);
    const life: TraitLife = {
      w,
      collection,
      rand: mulberry32(seed),
      signers,
      holders: signers.slice(1, 6),
      price: 3000n * 10n ** 8n,
      pendingCohorts: [],
      pendingMetamorphoses: [],
      check,
    };
    for (let step = 0; step < 90; step++) await randomStep(life, step);
    const { transactions, changes, perTrait } = stats;
    console.log(
      `      replayed ${transactions} transactions, checked ${changes} (token, trait) changes (seed ${seed}): ${[
        ...perTrait,
      ]
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")}`,
    );
    // The life was rich enough to test something: every kind of change happened.
    for (const t of TRAITS) expect(perTrait.get(t) ?? 0, `changes of "${t}"`).to.be.greaterThan(0);
  });
});
