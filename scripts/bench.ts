/**
 * Gas benchmark: `npm run bench` (= `hardhat run scripts/bench.ts`; Hardhat compiles first).
 *
 * Every Vivarium figure comes from the deploy scripts (`deployments.fixture(["all"])`, through the
 * fixture `deployWorld` of scripts/lib/gas/fixture.ts, fresh wherever state matters) and is either `receipt.gasUsed` of one
 * transaction or `estimateGas` of a view. The World's figures (advanceEpoch per subscribed
 * collection, the hook's cost, a second collection on the same stack) come from
 * scripts/lib/gas/world.ts, which the gas budgets of test/world-gas.test.ts share. The baselines
 * (contracts/mocks/baselines/) are measured in the same run by scripts/lib/gas/measure.ts. The art
 * packs' figures (the sample pack packs/tide-pool: upload, setPack, tokenURI, cost per layer) and
 * their baselines (PlainSstore2Pages, the built-in LivingAssetRenderer) come from
 * scripts/lib/gas/packs.ts. The bench imports no test code: tests import the library
 * (scripts/lib/gas/), never the reverse.
 *
 * Before writing, it reads the previous run's bench/gas.json (or the file named by BENCH_BEFORE):
 * its Vivarium figures become the "before" column of the comparison.
 *
 * Writes bench/gas.json and bench/GAS.md and prints the tables.
 */
import fs from "node:fs";
import path from "node:path";
import hre, { ethers, upgrades } from "hardhat";
import type { ContractTransactionResponse } from "ethers";

import {
  closeCohort,
  deployWorld,
  fulfil,
  plain,
  PRICE,
  requestIdsOf,
  timeAtLeast,
  type World,
} from "./lib/gas/fixture";
import {
  AUTOMATION_PERFORM_GAS_LIMIT,
  BULLBEAR_SUPPLIES,
  TRANSFER_TOKEN_ID,
  measureBullBear,
  measurePausableErc721a,
  measurePerTokenVrf,
  measurePlainErc721a,
  measurePlainOz,
} from "./lib/gas/measure";
import {
  MINT_CHUNK,
  deployExtraCollection,
  hookFrames,
  measureLongLife,
  measureSubscriberSweep,
  measureSupplies,
  mintSupply,
  type FrameGas,
} from "./lib/gas/world";
import {
  COHORT_SIZES,
  fulfilAsCoordinator,
  measureAllowlist,
  measureCohortMints,
  measureCohortReveals,
  publicMintGas,
} from "./lib/gas/cohorts";
import { collectionFactory } from "./lib/collection";
import { decodeTokenUri } from "../tasks/lib/render";
import {
  FULFIL_GAS_PRICE,
  callbackGasUsed,
  deployRealWorld,
  fulfilRequest,
  mintRequest,
  type RealWorld,
} from "./lib/gas/real-vrf";
import { prove, vrfKey } from "./lib/vrf-prover";
import {
  BYTE_SERIES_SIZES,
  BYTE_SERIES_SLOTS,
  LAYER_SERIES_BYTES,
  LAYER_SERIES_MAX,
  measurePacks,
  type PackFigures,
} from "./lib/gas/packs";
import { measureApp, type AppFigures } from "./lib/gas/app";
import { REAL_VRF } from "../config/real-vrf";

// ---------------------------------------------------------------- helpers

const started = Date.now();
function progress(message: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

const P = (usd: number): bigint => BigInt(Math.round(usd * 1e8));
const STAGES = ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"] as const;

async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await sent).wait();
  if (receipt === null) throw new Error("transaction was not mined");
  return receipt.gasUsed;
}

/** Public mint of `quantity` by alice into the open cohort, then `reveal()`: the cohort's request id. */
async function mintAndClose(w: World, quantity: number): Promise<bigint> {
  await publicMintGas(w, quantity);
  return closeCohort(w);
}

/**
 * One epoch: jump past `nextEpochAt`, move the feed (a new round), advance the world. Sends and lets
 * automine mine each transaction without extra reads, so hundreds of epochs stay fast.
 */
async function nextEpoch(w: Pick<World, "world" | "feed">, answer: bigint, interval: bigint): Promise<void> {
  await hre.network.provider.send("evm_increaseTime", [Number(interval)]);
  await (await w.feed.updateAnswer(answer)).wait();
  await (await w.world.advanceEpoch()).wait();
}

/** The world's epoch interval. */
async function intervalOf(w: Pick<World, "world">): Promise<bigint> {
  return (await w.world.feedConfig()).epochInterval;
}

/** The price path of the long runs: a gentle wave, never out of the feed bounds. */
const priceAt = (i: number): bigint => P(3000 + 800 * Math.sin(i / 25) + (i % 7) * 10);

async function stageOf(w: World, tokenId: bigint): Promise<string> {
  return STAGES[Number((await w.collection.phenotypeOf(tokenId)).stage)];
}

function expectStage(actual: string, expected: string, what: string): void {
  if (actual !== expected) throw new Error(`${what}: token is ${actual}, expected ${expected}`);
}

// ---------------------------------------------------------------- Vivarium measurements

type Figures = Record<string, bigint>;

/** Cohort-mode mints of 1/10/20, instant-reveal mints of 1/10 (mock), transfers, the allowlist mint. */
async function measureMints(v: Figures): Promise<void> {
  const mints = await measureCohortMints();
  for (const q of [1, 10, 20]) v[`mint${q}`] = mints.mint[q];
  v.instantMint1 = mints.instantMint[1];
  v.instantMint10 = mints.instantMint[10];
  v.transferFirst = mints.transferFirst;
  v.transferSecond = mints.transferSecond;
  progress(`mint 1/10/20 (cohort mode): ${v.mint1} / ${v.mint10} / ${v.mint20}`);
  progress(`mint 1/10 (instant reveal, mock): ${v.instantMint1} / ${v.instantMint10}`);
  progress(`transfers of #${TRANSFER_TOKEN_ID}: ${v.transferFirst} / ${v.transferSecond}`);
  const al = await measureAllowlist();
  v.allowlistMint1EmptyProof = al.mint1EmptyProof;
  v.allowlistMint1 = al.mint1;
  v.allowlistRootRead = al.rootRead;
  v.allowlistProofDepth = BigInt(al.depth);
  progress(`allowlist mint 1: empty proof ${al.mint1EmptyProof}, ${al.depth}-hash proof ${al.mint1}`);
}

/** `reveal()` (mock) and the fulfilment callback for cohorts of 1, 100 and 10,000 tokens. */
async function measureFulfilments(v: Figures): Promise<void> {
  const r = await measureCohortReveals();
  for (const size of COHORT_SIZES) {
    v[`reveal${size}`] = r.reveal[size];
    v[`fulfil${size}`] = r.fulfil[size];
    progress(`cohort of ${size}: reveal() ${r.reveal[size]}, fulfilment ${r.fulfil[size]}`);
  }
}

/** advanceEpoch of the fixture's world (its one collection subscribed) at each supply of the collection. */
async function measureAdvanceEpoch(v: Figures): Promise<void> {
  for (const supply of [10, 1000, 10_000]) {
    const w = await deployWorld();
    await mintSupply(w.collection, w.alice.address, supply); // mintTo, chunks of MINT_CHUNK
    const interval = await intervalOf(w);
    await nextEpoch(w, P(3000), interval);
    await hre.network.provider.send("evm_increaseTime", [Number(interval)]);
    await (await w.feed.updateAnswer(P(3100))).wait();
    v[`advanceEpoch${supply}`] = await gasOf(w.world.advanceEpoch());
    progress(`advanceEpoch at supply ${supply}: ${v[`advanceEpoch${supply}`]}`);
  }
}

/**
 * One token's life (#6 of a 10-token mint): tokenURI and phenotypeOf at each stage, nurture
 * first/repeat, both metamorphoses and their fulfilment callbacks.
 */
async function measureLife(v: Figures): Promise<void> {
  const w = await deployWorld();
  /** The token's SVG and URI sizes in bytes, next to its tokenURI gas. */
  const sizeAt = async (stage: string): Promise<void> => {
    v[`phenotypeOf${stage}`] = await w.collection.phenotypeOf.estimateGas(id);
    const uri = await w.collection.tokenURI(id);
    v[`svgBytes${stage}`] = BigInt(Buffer.byteLength(decodeTokenUri(uri).svg));
    v[`tokenURIBytes${stage}`] = BigInt(Buffer.byteLength(uri));
  };
  const id = TRANSFER_TOKEN_ID;
  const interval = await intervalOf(w);
  await publicMintGas(w, 10);

  expectStage(await stageOf(w, id), "Egg", "before reveal");
  v.tokenURIEgg = await w.collection.tokenURI.estimateGas(id);
  await sizeAt("Egg");
  progress(`tokenURI Egg: ${v.tokenURIEgg} (SVG ${v.svgBytesEgg} bytes)`);

  await fulfil(w, await closeCohort(w));
  expectStage(await stageOf(w, id), "Hatchling", "after reveal");
  v.tokenURIHatchling = await w.collection.tokenURI.estimateGas(id);
  await sizeAt("Hatchling");
  progress(`tokenURI Hatchling: ${v.tokenURIHatchling} (SVG ${v.svgBytesHatchling} bytes)`);

  let epochs = 0;
  /** Advance until the token is `age` epochs old, nurturing it every epoch. */
  const liveUntil = async (age: bigint): Promise<void> => {
    while ((await w.collection.phenotypeOf(id)).age < age) {
      await nextEpoch(w, priceAt(epochs++), interval);
      const gas = await gasOf(w.collection.connect(w.alice).nurture(id));
      if (v.nurtureFirst === undefined) v.nurtureFirst = gas;
      else if (v.nurtureRepeat === undefined) v.nurtureRepeat = gas;
    }
  };
  await liveUntil(3n);
  progress(`nurture first / repeat: ${v.nurtureFirst} / ${v.nurtureRepeat}`);
  expectStage(await stageOf(w, id), "Juvenile", "at age 3");
  v.tokenURIJuvenile = await w.collection.tokenURI.estimateGas(id);
  await sizeAt("Juvenile");
  progress(`tokenURI Juvenile: ${v.tokenURIJuvenile} (SVG ${v.svgBytesJuvenile} bytes)`);

  const metamorphose = async (): Promise<{ gas: bigint; requestId: bigint }> => {
    const tx = await w.collection.connect(w.alice).metamorphose(id);
    const receipt = (await tx.wait())!;
    const [req] = await requestIdsOf(w.collection, Promise.resolve(tx));
    return { gas: receipt.gasUsed, requestId: req };
  };

  await liveUntil(5n);
  const first = await metamorphose();
  v.metamorphose = first.gas;
  v.metamorphosisFulfil = await fulfilAsCoordinator(w, first.requestId, [424242n]);
  progress(`metamorphose / its fulfilment: ${v.metamorphose} / ${v.metamorphosisFulfil}`);
  expectStage(await stageOf(w, id), "Adult", "after one metamorphosis");
  v.tokenURIAdult = await w.collection.tokenURI.estimateGas(id);
  await sizeAt("Adult");
  progress(`tokenURI Adult: ${v.tokenURIAdult} (SVG ${v.svgBytesAdult} bytes)`);

  await liveUntil(10n);
  const second = await metamorphose();
  await fulfilAsCoordinator(w, second.requestId, [737373n]);
  expectStage(await stageOf(w, id), "Ascended", "after two metamorphoses");
  v.tokenURIAscended = await w.collection.tokenURI.estimateGas(id);
  await sizeAt("Ascended");
  progress(`tokenURI Ascended: ${v.tokenURIAscended} (SVG ${v.svgBytesAscended} bytes)`);
}

async function measurePhenotypeAge(v: Figures): Promise<void> {
  const w = await deployWorld();
  const interval = await intervalOf(w);
  await fulfil(w, await mintAndClose(w, 3));
  await nextEpoch(w, P(3000), interval);
  const age = async (): Promise<bigint> => (await w.collection.phenotypeOf(2)).age;
  if ((await age()) !== 1n) throw new Error(`expected age 1, got ${await age()}`);
  v.phenotypeOf1 = await w.collection.phenotypeOf.estimateGas(2);
  progress(`phenotypeOf after 1 epoch: ${v.phenotypeOf1}; advancing 499 epochs...`);
  for (let i = 0; i < 499; i++) {
    await nextEpoch(w, priceAt(i), interval);
    if ((i + 1) % 100 === 0) progress(`  epoch ${i + 2}/500`);
  }
  if ((await age()) !== 500n) throw new Error(`expected age 500, got ${await age()}`);
  v.phenotypeOf500 = await w.collection.phenotypeOf.estimateGas(2);
  progress(`phenotypeOf after 500 epochs: ${v.phenotypeOf500}`);
}

/** upgradeToAndCall(V2, initializeV2(42)) on a populated proxy; the implementation via prepareUpgrade. */
async function measureUpgrade(v: Figures): Promise<void> {
  const w = await deployWorld();
  await publicMintGas(w, 10);
  const proxy = await w.collection.getAddress();
  const V2 = await collectionFactory(hre, "LivingAssetV2");
  const implementation = (await upgrades.prepareUpgrade(proxy, V2, {
    kind: "uups",
  })) as string;
  const data = V2.interface.encodeFunctionData("initializeV2", [42]);
  v.upgradeToV2 = await gasOf(w.collection.upgradeToAndCall(implementation, data));
  const v2 = await ethers.getContractAt("LivingAssetV2", proxy);
  if ((await v2.v2Marker()) !== 42n) throw new Error("upgrade did not run initializeV2");
  progress(`upgradeToAndCall to V2: ${v.upgradeToV2}`);
}

// ---------------------------------------------------------------- the World

/** What the World's measurements give, beside the per-operation figures. */
interface WorldFigures {
  max: number;
  /** advanceEpoch with n subscribers, index n. */
  bySubscribers: bigint[];
  /** The hooks of the advance with MAX_SUBSCRIBERS subscribers, in call order. */
  hooks: FrameGas[];
}

/**
 * The World (scripts/lib/gas/world.ts, as the budgets of test/world-gas.test.ts): advanceEpoch with
 * 0..MAX_SUBSCRIBERS subscribed collections, the hook's cost from the trace, syncWorld, the world's
 * first advance; advanceEpoch with every collection at supply 10 and 10,000; at world age 1 and
 * 1,000 epochs; a second collection on the same stack.
 */
async function measureWorld(v: Figures): Promise<WorldFigures> {
  const sweep = await measureSubscriberSweep(await deployWorld());
  sweep.gas.forEach((g, n) => (v[`advanceEpochSubscribers${n}`] = g));
  v.advanceEpochGenesis = sweep.genesis;
  v.syncWorld = sweep.syncWorld;
  progress(`advanceEpoch with 0..${sweep.max} subscribers: ${sweep.gas.join(" / ")}; syncWorld ${sweep.syncWorld}`);
  const hooks = await hookFrames(sweep.hashes[sweep.max], sweep.collections);
  if (hooks.length !== sweep.max) throw new Error(`traced ${hooks.length} hooks, expected ${sweep.max}`);
  const [first, last] = [hooks[0], hooks[hooks.length - 1]];
  v.hookFirst = BigInt(first.inside);
  v.hookNext = BigInt(last.inside);
  v.hookWorldCall = BigInt(last.callOverhead);
  v.hookMarginal = sweep.gas[sweep.max] - sweep.gas[sweep.max - 1];
  v.hookWorldLoop = v.hookMarginal - v.hookWorldCall - v.hookNext;
  progress(`hook: first ${v.hookFirst}, next ${v.hookNext}; per subscriber ${v.hookMarginal}`);

  const supplies = await measureSupplies(await deployWorld(), [10, 10_000]);
  v.advanceEpochAllSupply10 = supplies.gas[10];
  v.advanceEpochAllSupply10000 = supplies.gas[10_000];
  progress(
    `advanceEpoch, ${supplies.max} collections at supply 10 / 10,000: ${supplies.gas[10]} / ${supplies.gas[10_000]}`,
  );

  progress("advancing a world 1,000 epochs...");
  const life = await measureLongLife(await deployWorld(), { token: false });
  v.advanceEpochAge1 = life.advanceAtAge1;
  v.advanceEpochAge1000 = life.advanceAtAge1000;
  progress(
    `advanceEpoch at world age 1 / 1,000: ${life.advanceAtAge1} / ${life.advanceAtAge1000} (${life.seconds.toFixed(1)} s)`,
  );

  const w = await deployWorld();
  await nextEpoch(w, P(3000), await intervalOf(w));
  const second = await deployExtraCollection(w, 2);
  v.secondCollectionProxy = second.proxyGas;
  v.secondCollectionAddSubscriber = second.addSubscriberGas;
  v.secondCollectionAddConsumer = second.addConsumerGas;
  v.secondCollectionTotal = second.proxyGas + second.addSubscriberGas + second.addConsumerGas;
  progress(
    `second collection: proxy ${second.proxyGas} + addSubscriber ${second.addSubscriberGas} + addConsumer ${second.addConsumerGas}`,
  );
  return { max: sweep.max, bySubscribers: sweep.gas, hooks };
}

// ---------------------------------------------------------------- VRF: Chainlink's real coordinator and the mock

/**
 * The VRF path on Chainlink's real VRFCoordinatorV2_5 (deploy tag "real-vrf": proofs made in
 * TypeScript, the exact-gas callback, mainnet billing) and on the mock, same operations:
 * mint 1 / 10 (cohort mode: no request), `reveal()` (closing a cohort: its one request), mint 1 / 10 in
 * instant-reveal mode (incl. the request), one request alone (`rerequestCohort` after the timeout), the
 * fulfilment transaction of a cohort of 10 and of a metamorphosis (what the oracle sends), the
 * callback gas inside it, and what the subscription is charged per reveal in LINK and in native.
 * Real-coordinator charges are at a 10 gwei fulfilment gas price; the mock bills its own fixed
 * 1 gwei and a 0.1 LINK base fee whatever the transaction pays.
 */
const REAL_ROUNDS = 8;

async function measureRealVrf(r: Figures): Promise<void> {
  const fresh = async (): Promise<RealWorld> => deployRealWorld();
  for (const quantity of [1, 10]) {
    const w = await fresh();
    const tx = await w.collection.connect(w.alice).mint(quantity, { value: PRICE * BigInt(quantity) });
    r[`mint${quantity}`] = (await tx.wait())!.gasUsed;
    // reveal(): closing the cohort is the one request to Chainlink's coordinator.
    const state = await w.collection.cohortState();
    await timeAtLeast(state.openedAt + BigInt(state.minRevealDelay));
    r[`reveal${quantity}`] = (await (await w.collection.connect(w.carol).reveal()).wait())!.gasUsed;
  }
  for (const quantity of [1, 10]) {
    const w = await fresh();
    const state = await w.collection.cohortState();
    await (await w.collection.setRevealConfig(state.minRevealDelay, true)).wait();
    const tx = await w.collection.connect(w.alice).mint(quantity, { value: PRICE * BigInt(quantity) });
    r[`instantMint${quantity}`] = (await tx.wait())!.gasUsed;
  }
  {
    const w = await fresh();
    await mintRequest(w, w.alice, 10);
    await hre.network.provider.send("evm_increaseTime", [24 * 3600]);
    const tx = await w.collection.rerequestCohort(0);
    r.request = (await tx.wait())!.gasUsed;
  }
  for (const native of [false, true]) {
    const w = await fresh();
    if (native) {
      const cfg = plain(await w.collection.vrfConfig());
      await (await w.collection.setVrfConfig({ ...cfg, subscriptionId: w.nativeSub, nativePayment: true })).wait();
    }
    // Steady state: a coordinator's first fulfilment also turns its zero counters non-zero.
    await fulfilRequest(w, await mintRequest(w, w.bob, 1));
    // A proof's cost depends on its seed (hash-to-curve is try-and-increment), and the seed on the
    // request block's hash: average REAL_ROUNDS fulfilments of a cohort of 10.
    const gas: bigint[] = [];
    const charged: bigint[] = [];
    for (let round = 0; round < REAL_ROUNDS; round++) {
      const f = await fulfilRequest(w, await mintRequest(w, w.alice, 10));
      if (!f.success) throw new Error("real coordinator: cohort fulfilment callback failed");
      gas.push(f.receipt.gasUsed);
      charged.push(f.payment);
      if (round === 0 && !native) {
        r.callback10 = await callbackGasUsed(f.receipt.hash, (await w.collection.vrfConfig()).callbackGasLimit);
      }
    }
    const mean = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n) / BigInt(xs.length);
    r[native ? "chargeNative" : "chargeLink"] = mean(charged);
    if (!native) {
      r.fulfil10 = mean(gas);
      r.fulfil10Min = gas.reduce((a, b) => (a < b ? a : b));
      r.fulfil10Max = gas.reduce((a, b) => (a > b ? a : b));
    }
  }
  {
    const w = await fresh();
    const world = (await ethers.getContractAt("World", await w.collection.world())) as unknown as World["world"];
    await fulfilRequest(w, await mintRequest(w, w.alice, 1));
    const interval = await intervalOf({ world });
    for (let i = 0; i < 5; i++) {
      await nextEpoch({ world, feed: w.feed }, priceAt(i), interval);
      await (await w.collection.connect(w.alice).nurture(1)).wait();
    }
    const [requestId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
    const f = await fulfilRequest(w, requestId);
    if (!f.success) throw new Error("real coordinator: metamorphosis callback failed");
    r.metamorphosisFulfil = f.receipt.gasUsed;
    r.metamorphosisCallback = await callbackGasUsed(f.receipt.hash, (await w.collection.vrfConfig()).callbackGasLimit);
    r.metamorphosisChargeLink = f.payment;
  }
  progress(
    `real coordinator: ${Object.entries(r)
      .map(([k, g]) => `${k} ${g}`)
      .join(", ")}`,
  );
}

/** The same operations on VRFCoordinatorV2_5Mock (the `all` fixture); mints come from measureMints. */
async function measureMockVrf(m: Figures, v: Figures): Promise<void> {
  m.mint1 = v.mint1;
  m.mint10 = v.mint10;
  m.reveal1 = v.reveal1;
  m.reveal10 = v.reveal100; // the mock's request does not depend on the cohort's size either
  m.instantMint1 = v.instantMint1;
  m.instantMint10 = v.instantMint10;
  const paymentOf = async (w: World, requestId: bigint) => {
    const receipt = (await (
      await w.coordinator.fulfillRandomWords(requestId, await w.collection.getAddress())
    ).wait())!;
    for (const entry of receipt.logs) {
      const parsed = w.coordinator.interface.parseLog(entry);
      if (parsed?.name === "RandomWordsFulfilled")
        return { gas: receipt.gasUsed, payment: parsed.args.payment as bigint };
    }
    throw new Error("mock fulfilment emitted no RandomWordsFulfilled");
  };
  {
    const w = await deployWorld();
    await mintAndClose(w, 10);
    await hre.network.provider.send("evm_increaseTime", [24 * 3600]);
    m.request = await gasOf(w.collection.rerequestCohort(0));
  }
  for (const native of [false, true]) {
    const w = await deployWorld();
    if (native) {
      const cfg = plain(await w.collection.vrfConfig());
      await (await w.collection.setVrfConfig({ ...cfg, nativePayment: true })).wait();
    }
    await paymentOf(w, await mintAndClose(w, 1)); // steady state, as above
    const { gas, payment } = await paymentOf(w, await mintAndClose(w, 10));
    m[native ? "chargeNative" : "chargeLink"] = payment;
    if (!native) m.fulfil10 = gas;
  }
  m.callback10 = v.fulfil100; // the mock has no exact-gas call: the callback as its own transaction (any size)
  m.metamorphosisCallback = v.metamorphosisFulfil;
  {
    const w = await deployWorld();
    await paymentOf(w, await mintAndClose(w, 1));
    const interval = await intervalOf(w);
    for (let i = 0; i < 5; i++) {
      await nextEpoch(w, priceAt(i), interval);
      await (await w.collection.connect(w.alice).nurture(1)).wait();
    }
    const [metamorphosisId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
    const { gas, payment } = await paymentOf(w, metamorphosisId);
    m.metamorphosisFulfil = gas;
    m.metamorphosisChargeLink = payment;
  }
  progress(
    `mock coordinator: ${Object.entries(m)
      .map(([k, g]) => `${k} ${g}`)
      .join(", ")}`,
  );
}

/** Milliseconds per proof of the TypeScript prover (scripts/lib/vrf-prover.ts), over `n` proofs. */
function measureProver(n = 50): number {
  const key = vrfKey(REAL_VRF.provingKeySecret);
  const blockHash = ethers.keccak256("0x01");
  prove(key, 1n, blockHash); // warm-up
  const started = performance.now();
  for (let i = 0; i < n; i++) prove(key, BigInt(ethers.keccak256(ethers.toBeHex(i, 32))), blockHash);
  return (performance.now() - started) / n;
}

// ---------------------------------------------------------------- report

interface Operation {
  name: string;
  gas: string;
  baseline?: string;
  baselineGas?: string;
  ratio?: number;
}

const ratio = (a: bigint, b: bigint): number => Math.round((Number(a) / Number(b)) * 100) / 100;
const fmt = (n: bigint | string | undefined): string => (n === undefined ? "" : BigInt(n).toLocaleString("en-US"));
const signed = (n: bigint): string => (n > 0n ? `+${fmt(n)}` : n < 0n ? `−${fmt(-n)}` : "0");
const fmtOr = (n: bigint | undefined): string => (n === undefined ? "—" : fmt(n));
const ratioOr = (after: bigint, before: bigint | undefined): string =>
  before === undefined ? "—" : ratio(after, before).toFixed(2);

/** Readable names of the Vivarium figures in the before/after table. */
const LABELS: Record<string, string> = {
  mint1: "mint 1 (public; before: incl. its VRF request, now: cohort mode, no request)",
  mint10: "mint 10 (public; same change)",
  mint20: "mint 20 (public; same change)",
  instantMint1: "mint 1, instant reveal (incl. the VRF request, mock)",
  instantMint10: "mint 10, instant reveal (incl. the VRF request, mock)",
  transferFirst: "transfer #6 of a 10-token mint, first",
  transferSecond: "transfer #6 of a 10-token mint, second",
  fulfil1: "VRF fulfilment callback, batch / cohort of 1",
  fulfil100: "VRF fulfilment callback, cohort of 100",
  fulfil10000: "VRF fulfilment callback, cohort of 10,000",
  reveal1: "reveal(), cohort of 1 (mock)",
  reveal100: "reveal(), cohort of 100 (mock)",
  reveal10000: "reveal(), cohort of 10,000 (mock)",
  allowlistMint1: "allowlist mint 1 (10-hash proof)",
  allowlistMint1EmptyProof: "allowlist mint 1 (one-entry list, empty proof)",
  advanceEpoch10: "advanceEpoch at supply 10",
  advanceEpoch1000: "advanceEpoch at supply 1,000",
  nurtureFirst: "nurture, first",
  nurtureRepeat: "nurture, repeat",
  metamorphose: "metamorphose (incl. VRF request)",
  metamorphosisFulfil: "metamorphosis fulfilment callback",
  upgradeToV2: "upgradeToAndCall to LivingAssetV2",
  phenotypeOf1: "phenotypeOf after 1 epoch",
  phenotypeOf500: "phenotypeOf after 500 epochs",
  ...Object.fromEntries(
    ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"].flatMap((st) => [
      [`tokenURI${st}`, `tokenURI, ${st}`],
      [`svgBytes${st}`, `SVG bytes, ${st}`],
      [`tokenURIBytes${st}`, `tokenURI bytes, ${st}`],
    ]),
  ),
};

/** The previous run's figures (bench/gas.json before this run overwrites it, or BENCH_BEFORE). */
interface Previous {
  source: string;
  generatedAt?: string;
  vivarium: Record<string, string>;
}

function readPrevious(): Previous | undefined {
  const file = process.env.BENCH_BEFORE ?? path.join(hre.config.paths.root, "bench", "gas.json");
  if (!fs.existsSync(file)) return undefined;
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { generatedAt?: string; vivarium?: Record<string, string> };
  if (!json.vivarium) return undefined;
  return { source: path.relative(process.cwd(), file), generatedAt: json.generatedAt, vivarium: json.vivarium };
}

/** advanceEpoch's budget with `n` subscribed collections (test/world-gas.test.ts). */
const advanceBudget = (n: number): bigint => 100_000n + 20_000n * BigInt(n);

/** Everything one run measures: Vivarium's figures, the World's, the two coordinators' and the baselines'. */
interface Measured {
  v: Figures;
  world: WorldFigures;
  real: Figures;
  mock: Figures;
  proverMs: number;
  plainOz: Awaited<ReturnType<typeof measurePlainOz>>;
  plainErc721a: Awaited<ReturnType<typeof measurePlainErc721a>>;
  pausableErc721a: Awaited<ReturnType<typeof measurePausableErc721a>>;
  perTokenVrf: Awaited<ReturnType<typeof measurePerTokenVrf>>;
  bullBear: Awaited<ReturnType<typeof measureBullBear>>;
  packs: PackFigures;
  app: AppFigures;
}

/** Measure everything, in the order of the tables, with a progress line per part. */
async function measureAll(): Promise<Measured> {
  progress("Vivarium (deploy scripts fixture)");
  const v: Figures = {};
  await measureMints(v);
  await measureFulfilments(v);
  await measureAdvanceEpoch(v);
  await measureLife(v);
  await measureUpgrade(v);
  await measurePhenotypeAge(v);
  progress("the World");
  const world = await measureWorld(v);
  progress("VRF on Chainlink's real VRFCoordinatorV2_5 (proofs made in TypeScript)");
  const real: Figures = {};
  await measureRealVrf(real);
  const mock: Figures = {};
  await measureMockVrf(mock, v);
  const proverMs = measureProver();
  progress(`prover: ${proverMs.toFixed(1)} ms per proof`);

  progress("baselines: plain OZ ERC721Upgradeable");
  const plainOz = await measurePlainOz(hre);
  progress("baselines: plain ERC721A-upgradeable");
  const plainErc721a = await measurePlainErc721a(hre);
  progress("baselines: plain ERC721A-upgradeable with OpenZeppelin Pausable");
  const pausableErc721a = await measurePausableErc721a(hre);
  progress("baselines: per-token VRF");
  const perTokenVrf = await measurePerTokenVrf(hre);
  progress(`baselines: Bull&Bear performUpkeep at ${BULLBEAR_SUPPLIES.join("/")}`);
  const bullBear = await measureBullBear(hre);
  progress("art packs: the sample pack packs/tide-pool (baselines: PlainSstore2Pages, LivingAssetRenderer)");
  const packs = await measurePacks(progress);
  progress(`art packs: ${packs.seconds.toFixed(1)} s`);
  progress("the holder's app on chain (baseline: PlainSstore2Pages)");
  const app = await measureApp();
  return { v, world, real, mock, proverMs, plainOz, plainErc721a, pausableErc721a, perTokenVrf, bullBear, packs, app };
}

/** The operations table: each Vivarium operation, beside its baseline where one compares. */
function operations(m: Measured): Operation[] {
  const { v, world, real, plainOz, plainErc721a, pausableErc721a, perTokenVrf, bullBear } = m;
  const ops: Operation[] = [];
  const op = (name: string, gas: bigint, baseline?: string, baselineGas?: bigint): void => {
    ops.push(
      baseline === undefined || baselineGas === undefined
        ? { name, gas: gas.toString() }
        : { name, gas: gas.toString(), baseline, baselineGas: baselineGas.toString(), ratio: ratio(gas, baselineGas) },
    );
  };
  for (const n of [1, 10, 20] as const) {
    const key = `mint${n}` as const;
    const name = `mint ${n} (public, cohort mode: no VRF request)`;
    op(name, v[key], `plain ERC721A mint ${n}`, plainErc721a[key]);
    if (n !== 20) op(name, v[key], `plain OZ ERC721 mint ${n}`, plainOz[key]);
  }
  op(
    `allowlist mint 1 (${v.allowlistProofDepth}-hash proof)`,
    v.allowlistMint1,
    "plain ERC721A mint 1",
    plainErc721a.mint1,
  );
  op(
    "allowlist mint 1 (one-entry list, empty proof)",
    v.allowlistMint1EmptyProof,
    "plain ERC721A mint 1",
    plainErc721a.mint1,
  );
  for (const n of [1, 10] as const) {
    const key = `mint${n}` as const;
    op(
      `plain ERC721A + OpenZeppelin whenNotPaused, mint ${n} (its own pause slot)`,
      pausableErc721a[key],
      `plain ERC721A mint ${n}`,
      plainErc721a[key],
    );
  }
  for (const n of [1, 10] as const) {
    const key = `instantMint${n}` as const;
    const name = `mint ${n}, instant reveal (incl. VRF request to Chainlink's VRFCoordinatorV2_5)`;
    op(name, real[key], `plain ERC721A mint ${n}`, plainErc721a[`mint${n}`]);
  }
  for (const n of [1, 10] as const) {
    const key = `instantMint${n}` as const;
    const name = `mint ${n}, instant reveal (incl. VRF request) — mock coordinator`;
    op(name, v[key], `plain ERC721A mint ${n}`, plainErc721a[`mint${n}`]);
    if (n === 10) op(name, v[key], "per-token VRF mint 10 (mock coordinator)", perTokenVrf.mint10);
  }
  for (const [key, label] of [
    ["transferFirst", "first"],
    ["transferSecond", "second"],
  ] as const) {
    op(`transfer #6 of a 10-token mint, ${label}`, v[key], `plain ERC721A transfer, ${label}`, plainErc721a[key]);
    op(`transfer #6 of a 10-token mint, ${label}`, v[key], `plain OZ ERC721 transfer, ${label}`, plainOz[key]);
  }
  for (const n of COHORT_SIZES)
    op(`reveal() of a cohort of ${n.toLocaleString("en-US")} (its VRF request, mock)`, v[`reveal${n}`]);
  for (const n of COHORT_SIZES) op(`VRF fulfilment callback, cohort of ${n.toLocaleString("en-US")}`, v[`fulfil${n}`]);
  op("advanceEpoch at supply 10 (the World, one collection subscribed)", v.advanceEpoch10);
  op(
    "advanceEpoch at supply 1,000 (the World, one collection subscribed)",
    v.advanceEpoch1000,
    "Bull&Bear performUpkeep at supply 500",
    bullBear.gas.upkeep500,
  );
  op(
    "advanceEpoch at supply 10,000 (the World, one collection subscribed)",
    v.advanceEpoch10000,
    "Bull&Bear performUpkeep at supply 500",
    bullBear.gas.upkeep500,
  );
  for (let n = 0; n <= world.max; n++) {
    op(`advanceEpoch with ${n} subscribed collection${n === 1 ? "" : "s"}`, v[`advanceEpochSubscribers${n}`]);
  }
  op(`advanceEpoch, ${world.max} collections at supply 10 each`, v.advanceEpochAllSupply10);
  op(`advanceEpoch, ${world.max} collections at supply 10,000 each`, v.advanceEpochAllSupply10000);
  op("advanceEpoch at world age 1 epoch (one collection)", v.advanceEpochAge1);
  op("advanceEpoch at world age 1,000 epochs (one collection)", v.advanceEpochAge1000);
  op("advanceEpoch, the world's first epoch (one collection)", v.advanceEpochGenesis);
  op("syncWorld (one epoch behind)", v.syncWorld);
  op("onWorldEpoch hook, inside the collection (trace)", v.hookNext);
  op("second collection: proxy deploy incl. initialize (implementation reused)", v.secondCollectionProxy);
  op("second collection: world.addSubscriber", v.secondCollectionAddSubscriber);
  op("second collection: coordinator.addConsumer", v.secondCollectionAddConsumer);
  op("nurture, first", v.nurtureFirst);
  op("nurture, repeat (next epoch, same token)", v.nurtureRepeat);
  op("metamorphose (incl. VRF request)", v.metamorphose);
  op("metamorphosis fulfilment callback", v.metamorphosisFulfil);
  for (const stage of ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"]) {
    op(`tokenURI, ${stage} (estimateGas)`, v[`tokenURI${stage}`]);
  }
  for (const stage of ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"]) {
    op(`phenotypeOf, ${stage} (estimateGas)`, v[`phenotypeOf${stage}`]);
  }
  op("phenotypeOf after 1 epoch (estimateGas)", v.phenotypeOf1);
  op("phenotypeOf after 500 epochs (estimateGas)", v.phenotypeOf500);
  op("upgradeToAndCall to LivingAssetV2 (initializeV2)", v.upgradeToV2);
  return ops;
}

/** The solc settings of the run, for gas.json and the page's first line. */
function compilerInfo() {
  const compiler = hre.config.solidity.compilers[0];
  return {
    version: compiler.version,
    longVersion: (require("solc") as { version(): string }).version(),
    optimizer: compiler.settings?.optimizer,
    viaIR: compiler.settings?.viaIR ?? false,
    evmVersion: compiler.settings?.evmVersion,
  };
}

const str = (figures: Record<string, bigint>): Record<string, string> =>
  Object.fromEntries(Object.entries(figures).map(([k, g]) => [k, g.toString()]));

/** The figure at supply 1,000 on the Bull&Bear least-squares fit. */
const fittedAt1000 = (m: Measured) => Math.round(m.bullBear.fit.intercept + m.bullBear.fit.slope * 1000);

/** Before (the previous run) and after, for every figure both runs have. */
function beforeAfterOf(v: Figures, previous: Previous | undefined) {
  return Object.keys(v)
    .filter((key) => previous?.vivarium[key] !== undefined)
    .map((key) => {
      const before = BigInt(previous!.vivarium[key]);
      return { key, before: before.toString(), after: v[key].toString(), ratio: ratio(v[key], before) };
    });
}
type BeforeAfter = ReturnType<typeof beforeAfterOf>;

/** bench/gas.json: every figure, the operations table, the World's budgets and the previous run it compares with. */
function benchJson(m: Measured, ops: Operation[], previous: Previous | undefined, beforeAfter: BeforeAfter) {
  const { world, bullBear } = m;
  const { fit, supplyAtGasLimit } = bullBear;
  const worldJson = {
    maxSubscribers: world.max,
    advanceEpochBySubscribers: world.bySubscribers.map((g, n) => ({
      subscribers: n,
      gas: g.toString(),
      budget: advanceBudget(n).toString(),
      withinBudget: g <= advanceBudget(n),
    })),
    hooks: world.hooks.map((f) => ({ worldCall: f.callOverhead, hook: f.inside, hookByGroup: f.byGroup })),
  };
  return {
    generatedAt: new Date().toISOString(),
    solc: compilerInfo(),
    hardfork: hre.config.networks.hardhat.hardfork,
    operations: ops,
    vivarium: str(m.v),
    world: worldJson,
    previous: previous ? { source: previous.source, generatedAt: previous.generatedAt } : null,
    beforeAfter,
    vrf: {
      realCoordinator: str(m.real),
      mockCoordinator: str(m.mock),
      realFulfilGasPriceWei: FULFIL_GAS_PRICE.toString(),
      proverMsPerProof: Math.round(m.proverMs * 10) / 10,
    },
    baselines: {
      plainOz: str(m.plainOz),
      plainErc721a: str(m.plainErc721a),
      pausableErc721a: str(m.pausableErc721a),
      perTokenVrf: str(m.perTokenVrf),
      bullBear: {
        performUpkeep: str(bullBear.gas),
        fit: { slope: fit.slope, intercept: fit.intercept, r2: fit.r2 },
        automationPerformGasLimit: AUTOMATION_PERFORM_GAS_LIMIT.toString(),
        supplyAtGasLimit,
        fittedGasAtSupply1000: fittedAt1000(m),
      },
    },
    artPacks: packsJson(m.packs),
    appOnChain: m.app,
  };
}

/** The operations table in Markdown. */
function operationsMd(ops: Operation[]): string {
  const rows = ops.map(
    (o) =>
      `| ${o.name} | ${fmt(o.gas)} | ${o.baseline ?? "—"} | ${o.baselineGas ? fmt(o.baselineGas) : "—"} | ${
        o.ratio === undefined ? "—" : o.ratio.toFixed(2)
      } |`,
  );
  return ["| operation | Vivarium gas | baseline | baseline gas | ratio |", "|---|---:|---|---:|---:|", ...rows].join(
    "\n",
  );
}

/** The Bull&Bear section: its upkeep by supply, the fit and where Automation's limit cuts it. */
function bullBearMd(m: Measured): string {
  const { v, bullBear } = m;
  const { fit, supplyAtGasLimit } = bullBear;
  const fitted1000 = fittedAt1000(m);
  const bbRows = BULLBEAR_SUPPLIES.map((s) => `| ${s.toLocaleString("en-US")} | ${fmt(bullBear.gas[`upkeep${s}`])} |`);
  return [
    "## Bull&Bear-style performUpkeep (one tokenURI write per token)",
    "",
    "| supply | performUpkeep gas |",
    "|---:|---:|",
    ...bbRows,
    "",
    `Least-squares fit: gas = ${Math.round(fit.intercept).toLocaleString("en-US")} + ${fit.slope.toFixed(1)} × supply (r² = ${fit.r2.toFixed(4)}).`,
    `Above the Chainlink Automation performUpkeep limit of ${fmt(AUTOMATION_PERFORM_GAS_LIMIT)} gas from supply ` +
      `**${supplyAtGasLimit.toLocaleString("en-US")}** (fit). The supply-500 figure already exceeds that limit (it runs only ` +
      `because the Hardhat block allows it); at supply 1,000 the fit gives ${fitted1000.toLocaleString("en-US")} gas, so a ` +
      `Bull&Bear upkeep at 1,000 is impossible under Automation. Vivarium's advanceEpoch at 1,000 ` +
      `(${fmt(v.advanceEpoch1000)}; ${fmt(v.advanceEpoch10)} at supply 10, ${fmt(v.advanceEpoch10000)} at 10,000) is ` +
      "therefore compared with Bull&Bear at 500, the largest supply measured.",
  ].join("\n");
}

const eth = (wei: bigint): string => ethers.formatEther(wei);

/** The VRF section: Chainlink's real coordinator beside the mock. */
function vrfMd(m: Measured): string {
  const { real, mock, proverMs } = m;
  const vrfRows: [string, string, string][] = [
    ["mint 1, cohort mode (no request)", fmt(real.mint1), fmt(mock.mint1)],
    ["mint 10, cohort mode (no request)", fmt(real.mint10), fmt(mock.mint10)],
    [
      "`reveal()`: closes the cohort, its one VRF request (cohort of 1 / 10)",
      `${fmt(real.reveal1)} / ${fmt(real.reveal10)}`,
      `${fmt(mock.reveal1)} / ${fmt(mock.reveal10)}`,
    ],
    ["mint 1, instant reveal (incl. the VRF request)", fmt(real.instantMint1), fmt(mock.instantMint1)],
    ["mint 10, instant reveal (incl. the VRF request)", fmt(real.instantMint10), fmt(mock.instantMint10)],
    ["VRF request alone (`rerequestCohort` of a stuck cohort)", fmt(real.request), fmt(mock.request)],
    [
      `fulfilment transaction, cohort of 10 (what the oracle sends; real: mean of ${REAL_ROUNDS}, range ${fmt(real.fulfil10Min)}–${fmt(real.fulfil10Max)})`,
      fmt(real.fulfil10),
      fmt(mock.fulfil10),
    ],
    [
      "callback gas of a cohort reveal (real: inside the exact-gas call; mock: as its own transaction)",
      fmt(real.callback10),
      fmt(mock.callback10),
    ],
    ["fulfilment transaction, metamorphosis", fmt(real.metamorphosisFulfil), fmt(mock.metamorphosisFulfil)],
    ["callback gas of a metamorphosis (same split)", fmt(real.metamorphosisCallback), fmt(mock.metamorphosisCallback)],
    [
      `subscription charged per reveal, LINK (real: mean of ${REAL_ROUNDS})`,
      `${eth(real.chargeLink)} LINK`,
      `${eth(mock.chargeLink)} LINK`,
    ],
    [
      `subscription charged per reveal, native (real: mean of ${REAL_ROUNDS})`,
      `${eth(real.chargeNative)} ETH`,
      `${eth(mock.chargeNative)} ETH`,
    ],
    [
      "subscription charged per metamorphosis, LINK",
      `${eth(real.metamorphosisChargeLink)} LINK`,
      `${eth(mock.metamorphosisChargeLink)} LINK`,
    ],
  ];
  return [
    "## VRF on Chainlink's real coordinator (primary) and on the mock",
    "",
    "| operation | Chainlink's VRFCoordinatorV2_5 | the mock (VRFCoordinatorV2_5Mock) |",
    "|---|---:|---:|",
    ...vrfRows.map(([name, a, b]) => `| ${name} | ${a} | ${b} |`),
    "",
    `Real coordinator: deploy tag \`real-vrf\`, fulfilled with proofs from scripts/lib/vrf-prover.ts ` +
      `(${proverMs.toFixed(1)} ms per proof here) at a ${Number(FULFIL_GAS_PRICE) / 1e9} gwei gas price, ` +
      `billed as on Ethereum mainnet (premium ${REAL_VRF.linkPremiumPercentage}% in LINK, ` +
      `${REAL_VRF.nativePremiumPercentage}% in native, ${REAL_VRF.gasAfterPaymentCalculation.toLocaleString("en-US")} gas ` +
      `after payment calculation, LINK at ${eth(REAL_VRF.weiPerUnitLink)} ETH); the charge scales with the gas price. ` +
      "The mock bills its base fee (0.1, taken as ETH) plus its gas at a fixed 1 gwei, converted to LINK at its " +
      "0.004 ETH per LINK (so about 25 LINK), whatever the transaction pays. Fulfilments are measured in steady " +
      "state (not a coordinator's first, which also turns its zero counters non-zero).",
  ].join("\n");
}

/** The tokenURI section: bytes and gas by stage, against the previous run. */
function tokenUriMd(v: Figures, previous: Previous | undefined): string {
  const before = (key: string): bigint | undefined =>
    previous?.vivarium[key] === undefined ? undefined : BigInt(previous.vivarium[key]);
  const stages = ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"];
  return [
    "## tokenURI by stage (token #6 of the life above, through the collection)",
    "",
    "| stage | SVG bytes | tokenURI bytes | tokenURI gas, before | tokenURI gas | ratio | gas per SVG byte | phenotypeOf gas |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...stages.map(
      (st) =>
        `| ${st} | ${fmt(v[`svgBytes${st}`])} | ${fmt(v[`tokenURIBytes${st}`])} | ${fmtOr(before(`tokenURI${st}`))} | ` +
        `${fmt(v[`tokenURI${st}`])} | ${ratioOr(v[`tokenURI${st}`], before(`tokenURI${st}`))} | ${(
          Number(v[`tokenURI${st}`]) / Number(v[`svgBytes${st}`])
        ).toFixed(1)} | ${fmt(v[`phenotypeOf${st}`])} |`,
    ),
    "",
    "tokenURI is `data:application/json;utf8,` JSON whose image is `data:image/svg+xml;utf8,` with the SVG " +
      "percent-encoded (no base64). Gas per SVG byte covers the whole call: drawing, escaping, JSON and the " +
      "collection's phenotype (which reads the world's log in one call to the World). " +
      `Before: ${beforeLabelOf(previous)}. phenotypeOf has no per-stage figure before this run; after 1 and 500 epochs: ` +
      `${fmtOr(before("phenotypeOf1"))} / ${fmtOr(before("phenotypeOf500"))} before, ${fmt(v.phenotypeOf1)} / ${fmt(v.phenotypeOf500)} now.`,
  ].join("\n");
}

/** What the before column compares with. */
const beforeLabelOf = (previous: Previous | undefined): string =>
  previous
    ? `the previous run (${previous.source}, generated ${previous.generatedAt ?? "at an unknown date"})`
    : "none (no previous bench/gas.json)";

/** The World section: advanceEpoch per subscriber against its budget, what one subscriber costs, the other figures. */
function worldMd(m: Measured): string {
  const { v, world } = m;
  const hookFirst = world.hooks[0];
  const hookLast = world.hooks[world.hooks.length - 1];
  const firstLoop =
    v.advanceEpochSubscribers1 - v.advanceEpochSubscribers0 - BigInt(hookFirst.callOverhead + hookFirst.inside);
  const groupRows = Object.keys({ ...hookFirst.byGroup, ...hookLast.byGroup }).map(
    (group) =>
      `| &nbsp;&nbsp;of which ${group} | ${fmt(BigInt(hookLast.byGroup[group] ?? 0))} | ${fmt(BigInt(hookFirst.byGroup[group] ?? 0))} |`,
  );
  return [
    "## The World: advanceEpoch per subscribed collection",
    "",
    "One world, its subscribers added one at a time (the fixture's collection, then proxies over the same " +
      "implementation), one advance after each; every measured epoch the same +0.5% move; every collection " +
      "already holds a non-zero epoch (steady state). Budget: test/world-gas.test.ts.",
    "",
    "| subscribed collections | advanceEpoch gas | marginal | budget (100,000 + 20,000 × n) | within budget |",
    "|---:|---:|---:|---:|---|",
    ...world.bySubscribers.map(
      (g, n) =>
        `| ${n} | ${fmt(g)} | ${n === 0 ? "—" : fmt(g - world.bySubscribers[n - 1])} | ${fmt(advanceBudget(n))} | ${
          g <= advanceBudget(n) ? "yes" : `**no** (+${fmt(g - advanceBudget(n))})`
        } |`,
    ),
    "",
    `### What one subscriber costs (trace of the advance with ${world.max} subscribers)`,
    "",
    "| part | each further collection | the first collection of an implementation in a transaction |",
    "|---|---:|---:|",
    `| the world's CALL to the collection (cold account access) | ${fmt(BigInt(hookLast.callOverhead))} | ${fmt(BigInt(hookFirst.callOverhead))} |`,
    `| the world's loop (the list entry's cold slot, the gas check, the call's arguments) | ${fmt(v.hookWorldLoop)} | ${fmt(firstLoop)} |`,
    `| the hook, inside the collection (proxy and implementation) | ${fmt(BigInt(hookLast.inside))} | ${fmt(BigInt(hookFirst.inside))} |`,
    ...groupRows,
    `| marginal advanceEpoch gas per subscriber | ${fmt(v.hookMarginal)} | ${fmt(v.advanceEpochSubscribers1 - v.advanceEpochSubscribers0)} |`,
    "",
    "Events: one ERC-4906 BatchMetadataUpdate (LOG1, 64 bytes), four ERC-7496 TraitUpdatedRange (LOG2, 64 bytes) " +
      "and one TraitUpdatedRangeUniformValue (LOG2, 96 bytes). Storage reads: the proxy's implementation slot and " +
      "the collection's world link (cold, 2,100 each). The first collection of an implementation also pays the cold " +
      "DELEGATECALL to it (2,600 instead of 100).",
    "",
    "### Other World figures",
    "",
    "| operation | gas |",
    "|---|---:|",
    `| advanceEpoch, one collection at supply 10 / 1,000 / 10,000 | ${fmt(v.advanceEpoch10)} / ${fmt(v.advanceEpoch1000)} / ${fmt(v.advanceEpoch10000)} |`,
    `| advanceEpoch, ${world.max} collections at supply 10 / 10,000 each | ${fmt(v.advanceEpochAllSupply10)} / ${fmt(v.advanceEpochAllSupply10000)} |`,
    `| advanceEpoch at world age 1 / 1,000 epochs (one collection, 1,000 real advances) | ${fmt(v.advanceEpochAge1)} / ${fmt(v.advanceEpochAge1000)} |`,
    `| advanceEpoch, the world's first epoch (counters and the hook's epoch slot written from zero) | ${fmt(v.advanceEpochGenesis)} |`,
    `| syncWorld (an unsubscribed collection one epoch behind) | ${fmt(v.syncWorld)} |`,
    `| second collection on the stack: proxy deploy incl. initialize (implementation reused) | ${fmt(v.secondCollectionProxy)} |`,
    `| second collection: world.addSubscriber | ${fmt(v.secondCollectionAddSubscriber)} |`,
    `| second collection: coordinator.addConsumer | ${fmt(v.secondCollectionAddConsumer)} |`,
    `| second collection: total | ${fmt(v.secondCollectionTotal)} |`,
  ].join("\n");
}

// ---------------------------------------------------------------- art packs

const mean = (xs: number[]): number => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
};
const round2 = (x: number): number => Math.round(x * 100) / 100;
const n = (x: number): string => Math.round(x).toLocaleString("en-US");

/** The art-pack figures the section and gas.json show, derived from the measurements. */
function packsSummary(p: PackFigures) {
  const { upload: u, tokenUri: t, layers: l } = p;
  const kb = u.bytes / 1024;
  const reupload = u.pages.map((x) => x.reuploadGas);
  const overhead = u.pages.map((x) => x.gas - x.baselineGas);
  const stats = (xs: number[]) => ({ median: medianOf(xs), worst: Math.max(...xs), best: Math.min(...xs) });
  return {
    upload: {
      gas: u.gas,
      baselineGas: u.baselineGas,
      floor: u.floor,
      gasPerKb: Math.round(u.gas / kb),
      baselineGasPerKb: Math.round(u.baselineGas / kb),
      floorPerKb: Math.round(u.floor / kb),
      ratioToBaseline: ratio(BigInt(u.gas), BigInt(u.baselineGas)),
      ratioToFloor: Math.round((u.gas / u.floor) * 1000) / 1000,
      baselineRatioToFloor: Math.round((u.baselineGas / u.floor) * 1000) / 1000,
      contentAddressingPerPage: { mean: mean(overhead), min: Math.min(...overhead), max: Math.max(...overhead) },
    },
    reupload: {
      mean: mean(reupload),
      min: Math.min(...reupload),
      max: Math.max(...reupload),
      firstWriteMean: mean(u.pages.map((x) => x.gas)),
    },
    tokenUri: {
      pack: stats(t.pack),
      builtIn: stats(t.builtIn),
      collectionShareMax: Math.max(...t.collection.map((c) => c.pack - c.packDirect)),
    },
    fixedPerLayer: l.perLayer.slope - LAYER_SERIES_BYTES * l.perByte.slope,
    baselineFixedPerLayer: l.baselinePerLayer.slope - LAYER_SERIES_BYTES * l.baselinePerByte.slope,
  };
}

/** gas.json's `artPacks`: every figure a number (all well under 2^53), ratios and fits rounded. */
function packsJson(p: PackFigures) {
  const s = packsSummary(p);
  const { upload: u, tokenUri: t, layers: l } = p;
  const fit = (f: { slope: number; intercept: number; r2: number }) => ({
    slope: round2(f.slope),
    intercept: Math.round(f.intercept),
    r2: Math.round(f.r2 * 10_000) / 10_000,
  });
  return {
    pack: {
      dir: p.dir,
      slots: u.slots,
      layers: u.layers,
      layerBytes: u.layerBytes,
      pages: u.pages.length,
      bytes: u.bytes,
      indexBytes: u.indexBytes,
    },
    upload: {
      ...s.upload,
      baseline: "PlainSstore2Pages.write (Solady SSTORE2.write), one page per transaction",
      pages: u.pages,
    },
    reupload: s.reupload,
    setPack: {
      gas: u.setPackGas,
      baselineGas: u.indexBaselineGas,
      indexBytes: u.indexBytes,
      ratio: ratio(BigInt(u.setPackGas), BigInt(u.indexBaselineGas)),
      baseline: "PlainSstore2Pages.write of the index bytes",
    },
    tokenUri: {
      samples: t.samples,
      seed: t.seed,
      pack: s.tokenUri.pack,
      builtIn: s.tokenUri.builtIn,
      ratioMedian: ratio(BigInt(s.tokenUri.pack.median), BigInt(s.tokenUri.builtIn.median)),
      collection: t.collection.map((c) => ({ ...c, ratio: ratio(BigInt(c.pack), BigInt(c.builtIn)) })),
      collectionShareMax: s.tokenUri.collectionShareMax,
      bound: t.bound,
      collectionOverhead: t.collectionOverhead,
      baseline: "LivingAssetRenderer (the deploy scripts' renderer), same params / same tokens",
    },
    layerCost: {
      layerBytes: LAYER_SERIES_BYTES,
      perLayer: fit(l.perLayer),
      perByte: fit(l.perByte),
      fixedPerLayer: Math.round(s.fixedPerLayer),
      baselinePerLayer: fit(l.baselinePerLayer),
      baselinePerByte: fit(l.baselinePerByte),
      baselineFixedPerLayer: Math.round(s.baselineFixedPerLayer),
      baseline: "PlainSstore2Pages.read of the same pages (Solady SSTORE2.read)",
      points: [...l.bySlots, ...l.byBytes],
    },
    seconds: Math.round(p.seconds * 10) / 10,
  };
}

/** The art-pack upload table: PageStore against the plain SSTORE2 baseline and the floor. */
function packUploadMd(p: PackFigures): string[] {
  const s = packsSummary(p);
  const { upload: u } = p;
  const row = (name: string, gas: number | string, base: string, baseGas: number | string, r: string) =>
    `| ${name} | ${typeof gas === "number" ? n(gas) : gas} | ${base} | ${typeof baseGas === "number" ? n(baseGas) : baseGas} | ${r} |`;
  const ca = s.upload.contentAddressingPerPage;
  return [
    "| operation | Vivarium gas | baseline | baseline gas | ratio |",
    "|---|---:|---|---:|---:|",
    row(
      `upload, ${u.pages.length} pages through the PageStore (total)`,
      u.gas,
      "plain `SSTORE2.write`, same pages",
      u.baselineGas,
      s.upload.ratioToBaseline.toFixed(2),
    ),
    row(
      `upload, gas per KB of pages (the floor: ${n(s.upload.floorPerKb)} per KB)`,
      s.upload.gasPerKb,
      "plain `SSTORE2.write`, per KB",
      s.upload.baselineGasPerKb,
      s.upload.ratioToBaseline.toFixed(2),
    ),
    row(
      "upload against the SSTORE2 floor (sum of `pageGasFloor`)",
      u.gas,
      "the floor",
      u.floor,
      s.upload.ratioToFloor.toFixed(3),
    ),
    row(
      "plain `SSTORE2.write` (the baseline) against the floor",
      u.baselineGas,
      "the floor",
      u.floor,
      s.upload.baselineRatioToFloor.toFixed(3),
    ),
    row(`content addressing per page (PageStore − plain; range ${n(ca.min)}–${n(ca.max)})`, ca.mean, "—", "—", "—"),
    row(
      `re-upload of a page already stored (\`PageStore.write\`, mean of ${u.pages.length}; range ${n(s.reupload.min)}–${n(s.reupload.max)})`,
      s.reupload.mean,
      "its first write (mean)",
      s.reupload.firstWriteMean,
      (s.reupload.mean / s.reupload.firstWriteMean).toFixed(2),
    ),
    row(
      `\`setPack\`, index of ${n(u.indexBytes)} bytes (checked, written, hash and event)`,
      u.setPackGas,
      "plain `SSTORE2.write` of the index",
      u.indexBaselineGas,
      ratio(BigInt(u.setPackGas), BigInt(u.indexBaselineGas)).toFixed(2),
    ),
  ];
}

/** The art-pack tokenURI table: the pack's renderer against the built-in one, and the bound. */
function packTokenUriMd(p: PackFigures): string[] {
  const s = packsSummary(p);
  const t = p.tokenUri;
  const row = (name: string, a: number, b?: number) =>
    `| ${name} | ${n(a)} | ${b === undefined ? "—" : n(b)} | ${b === undefined ? "—" : ratio(BigInt(a), BigInt(b)).toFixed(2)} |`;
  return [
    "| tokenURI | PackRenderer (tide-pool) | baseline: LivingAssetRenderer | ratio |",
    "|---|---:|---:|---:|",
    row(
      `direct \`tokenURI(params)\`, ${t.samples} random revealed tokens: median`,
      s.tokenUri.pack.median,
      s.tokenUri.builtIn.median,
    ),
    row("the same: worst", s.tokenUri.pack.worst, s.tokenUri.builtIn.worst),
    row("the same: best", s.tokenUri.pack.best, s.tokenUri.builtIn.best),
    ...t.collection.map((c) =>
      row(`through the collection, token #${c.tokenId} (${STAGES[c.stage]}, just revealed)`, c.pack, c.builtIn),
    ),
    row(
      `proven bound: \`worstCaseTokenUriGas\` (the worst-case pack, direct, + COLLECTION_OVERHEAD ${n(t.collectionOverhead)})`,
      t.bound,
    ),
  ];
}

/** The art-pack per-layer table: the fits, and the points they are fitted to. */
function packLayerMd(p: PackFigures): string[] {
  const s = packsSummary(p);
  const l = p.layers;
  const fit = (f: { slope: number; r2: number }, digits = 0) =>
    `${f.slope.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })} | ${f.r2.toFixed(4)}`;
  const sizes = BYTE_SERIES_SIZES.map((b) => b.toLocaleString("en-US")).join(" / ");
  return [
    "| series (synthetic packs, one variant per slot) | PackRenderer tokenURI: slope | r² | baseline: plain `SSTORE2.read` of the same pages: slope | r² |",
    "|---|---:|---:|---:|---:|",
    `| 1..${LAYER_SERIES_MAX} slots, a distinct ${LAYER_SERIES_BYTES}-byte layer each: gas per layer | ${fit(l.perLayer)} | ${fit(l.baselinePerLayer)} |`,
    `| ${BYTE_SERIES_SLOTS} slots, layers of ${sizes} bytes: gas per byte of layer | ${fit(l.perByte, 2)} | ${fit(l.baselinePerByte, 2)} |`,
    `| fixed part per layer (per-layer slope − ${LAYER_SERIES_BYTES} × per-byte slope) | ${n(s.fixedPerLayer)} | — | ${n(s.baselineFixedPerLayer)} | — |`,
    "",
    "| slots × layer bytes | tokenURI gas | plain read gas |",
    "|---|---:|---:|",
    ...[...l.bySlots, ...l.byBytes].map(
      (x) => `| ${x.slots} × ${n(x.layerBytes)} | ${n(x.gas)} | ${n(x.baselineGas)} |`,
    ),
  ];
}

/** The art-pack section. */
function packsMd(p: PackFigures): string {
  const s = packsSummary(p);
  const { upload: u, tokenUri: t } = p;
  const worstDirect = t.bound - t.collectionOverhead;
  return [
    `## Art packs: the sample pack (${p.dir}) on chain`,
    "",
    `${u.slots} slots, ${u.layers} layers (${n(u.layerBytes)} bytes), ${u.pages.length} distinct pages (${n(u.bytes)} bytes: ` +
      "layers with the same bytes share a page). Uploaded by `uploadPack` (tasks/lib/pack/chain.ts) on a fresh world: " +
      "the PageStore deployed, every page in its own transaction, the renderer deployed, `setPack`. Baseline: the same " +
      "pages, one a transaction, through contracts/mocks/baselines/PlainSstore2Pages.sol (Solady's `SSTORE2.write`: " +
      "CREATE, no content address, no stored-check, no event; compiled as the PageStore is). Floor: `pageGasFloor`, " +
      "21,000 + 32,000 + 216 × (bytes + 1) a page. `uploadPack` itself sends nothing for a page already stored (it " +
      "reads the code first); the re-upload row is what a `write` of a stored page costs anyone who sends it.",
    "",
    ...packUploadMd(p),
    "",
    "### tokenURI",
    "",
    `Direct: \`estimateGas\` of each renderer's \`tokenURI(params)\` with the same ${t.samples} random params (revealed, ` +
      `Hatchling to Ascended, random genome, mood, vitality and life; seed ${t.seed}). Through the collection: ` +
      `${t.collection.length} tokens minted and revealed on the fixture's collection, read with the built-in renderer, ` +
      "then with the pack's (`setRenderer`). The collection's own share (through the collection − the pack's renderer " +
      `called directly with the same params) is at most ${n(s.tokenUri.collectionShareMax)} gas here; the bound allows ` +
      `${n(t.collectionOverhead)} for it. The bound's worst-case pack, called directly, costs ${n(worstDirect)}: ` +
      `${n(worstDirect - s.tokenUri.pack.worst)} above the worst random token.`,
    "",
    ...packTokenUriMd(p),
    "",
    "### Rendering cost per layer",
    "",
    "Synthetic packs set in turn on one PackRenderer over the same PageStore (each slot one variant, names of fixed " +
      "length), tokenURI of one revealed Adult token, least-squares fits. The per-layer slope includes the layer's " +
      "bytes; the fixed part takes them out with the per-byte slope. Nearly all of a byte's cost is the base64 of the " +
      "SVG and the copies of the result (memory grows with it, so the slope rises slightly with the size); reading it " +
      "is under a gas. Baseline: `PlainSstore2Pages.read` of the same pages (Solady's `SSTORE2.read`, returned as " +
      "`bytes[]`): the cold account access and the copy alone.",
    "",
    ...packLayerMd(p),
  ].join("\n");
}

/** The app-on-chain section. */
function appMd(a: AppFigures): string {
  const r = (x: number, y: number) => (x / y).toFixed(3);
  return [
    "## The holder's app on chain",
    "",
    `The app built for a fresh world of the deploy scripts (scripts/app-build.ts): ${n(a.htmlBytes)} bytes of HTML, ` +
      `kept on chain gzipped inside a page that inflates it in the browser: ${n(a.bytes)} bytes in ${a.pages} pages. ` +
      "Written by `publishApp` (scripts/lib/app-site.ts, what `app upload` runs): one page a transaction through the " +
      "PageStore, then the AppSite, which reads every page once to check the content hash. Baseline: the same pages " +
      "through PlainSstore2Pages (Solady's `SSTORE2.write`). Floor: `pageGasFloor`, 21,000 + 32,000 + 216 × (bytes + 1) a page.",
    "",
    "| | gas | baseline | ratio |",
    "|---|---:|---:|---:|",
    `| the app's pages through the PageStore | ${n(a.pagesGas)} | SSTORE2 floor ${n(a.floor)} | ${r(a.pagesGas, a.floor)} |`,
    `| the same pages, plain \`SSTORE2.write\` | ${n(a.baselineGas)} | SSTORE2 floor ${n(a.floor)} | ${r(a.baselineGas, a.floor)} |`,
    `| AppSite deployment (hash checked over ${n(a.bytes)} bytes) | ${n(a.siteGas)} | | |`,
    `| **the app on chain, in all** | **${n(a.pagesGas + a.siteGas)}** | the plain page's floor (${a.plainPages} pages, ${n(a.htmlBytes)} bytes) ${n(a.plainFloor)} | ${r(a.pagesGas + a.siteGas, a.plainFloor)} |`,
    `| reading it back: \`html()\` (estimateGas) | ${n(a.htmlReadGas)} | | |`,
    `| reading it back: ERC-6860 \`web3://<site>/\` (calldata \`/\`) | ${n(a.web3ReadGas)} | | |`,
  ].join("\n");
}

/** The before-and-after section. */
function beforeAfterMd(beforeAfter: BeforeAfter, previous: Previous | undefined): string {
  return [
    "## Before and after",
    "",
    `Before: ${beforeLabelOf(previous)}. Ratio = after / before.`,
    "",
    "| figure (gas.json key) | before | after | change | ratio |",
    "|---|---:|---:|---:|---:|",
    ...beforeAfter.map(
      (r) =>
        `| ${LABELS[r.key] ?? r.key} (\`${r.key}\`) | ${fmt(r.before)} | ${fmt(r.after)} | ` +
        `${signed(BigInt(r.after) - BigInt(r.before))} | ${r.ratio.toFixed(2)} |`,
    ),
  ].join("\n");
}

async function main(): Promise<void> {
  const previous = readPrevious();
  progress(
    previous
      ? `before: ${previous.source} of ${previous.generatedAt ?? "an unknown date"}`
      : "before: no previous bench/gas.json",
  );
  const m = await measureAll();
  const ops = operations(m);
  const beforeAfter = beforeAfterOf(m.v, previous);
  const json = benchJson(m, ops, previous, beforeAfter);
  const sections = {
    vrf: vrfMd(m),
    table: operationsMd(ops),
    world: worldMd(m),
    tokenUri: tokenUriMd(m.v, previous),
    beforeAfter: beforeAfterMd(beforeAfter, previous),
    bullBear: bullBearMd(m),
    packs: packsMd(m.packs),
    app: appMd(m.app),
  };
  const { solc } = json;
  const md = [
    "# Vivarium gas benchmark",
    "",
    `Generated ${json.generatedAt} by \`npm run bench\` (scripts/bench.ts) on the Hardhat network ` +
      `(solc ${solc.version}, optimizer runs ${solc.optimizer?.runs}, evm ${solc.evmVersion}). ` +
      "Transactions: `receipt.gasUsed` (includes the 21,000 intrinsic gas); views: `estimateGas`. " +
      "Ratio = Vivarium / baseline. Machine-readable: [gas.json](gas.json).",
    "",
    sections.vrf,
    "",
    sections.table,
    "",
    sections.world,
    "",
    sections.tokenUri,
    "",
    sections.beforeAfter,
    "",
    sections.bullBear,
    "",
    sections.packs,
    "",
    sections.app,
    "",
  ].join("\n");

  const outDir = path.join(hre.config.paths.root, "bench");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "gas.json"), `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, "GAS.md"), md);

  const { vrf, table, world, tokenUri, beforeAfter: ba, bullBear, packs, app } = sections;
  console.log(`\n${vrf}\n\n${table}\n\n${world}\n\n${tokenUri}\n\n${ba}\n\n${bullBear}\n\n${packs}\n\n${app}\n`);
  progress(`wrote ${path.relative(process.cwd(), outDir)}/gas.json and GAS.md`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
