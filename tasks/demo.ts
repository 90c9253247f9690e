import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { Contract, Interface } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { describeError } from "../client/errors";
import {
  errorInterfaces,
  eventsIn,
  getCollection,
  getDeployed,
  getWorld,
  phenotypeView,
  table,
  timeTravelToNextEpoch,
  toJson,
  type PhenotypeView,
} from "./lib/common";
import type { ChartData, ChartEpoch } from "./lib/chart";
import { writeArt, type LifeStory } from "./lib/render";
import { loadHistory } from "./lib/history";
import {
  AGE_HEADER,
  bpsPercent,
  epochs as unitEpochs,
  MOODS,
  movePercent,
  price as priceText,
  vitalityPercent,
} from "../client/units";
import { revealAll } from "./reveal";
import { fulfil } from "../scripts/lib/vrf-fulfil";
import { withRealVrf } from "../config/real-vrf";
import { writeGallery } from "./gallery";
import { claimOutDir } from "./lib/output";
import { createCollection, gasText, type NewCollection } from "./lib/collections";
import { checkPack } from "./lib/pack/pack";
import { uploadPack } from "./lib/pack/chain";

const FEED_DECIMALS = 8; // the mock feed's (config/networks.ts)
const DECIMALS = 10n ** BigInt(FEED_DECIMALS);

/**
 * The demo's market, in four acts scaled to `epochs`: a rise (sunny epochs), a crash with relief
 * rallies (stormy), a rebound (sunny) and a calm stretch (every move under the 1% mood threshold of
 * config/networks.ts). A token's temperament is the balance of the rises and falls it lived through,
 * as its own disposition (from its seed) feels it (PhenotypeLib.temperament), so the four reveal
 * cohorts, hatched at genesis, mid-rise, early in the crash and in the calm, lean Bold, Restless, Wary
 * and Serene, and the tokens of one cohort still differ. Moves are basis points per epoch; the first
 * priced epoch has no move (nothing to compare with).
 */
function market(epochs: number) {
  const riseEnd = Math.round(epochs * 0.3);
  const crashEnd = Math.round(epochs * 0.62);
  const reboundEnd = Math.round(epochs * 0.75);
  const prices: bigint[] = [];
  let cents = 300_000; // 3000.00
  for (let i = 1; i <= epochs; i++) {
    const move =
      i === 1
        ? 0
        : i <= riseEnd
          ? [420, 330, 60, 450, 380][i % 5]
          : i <= crashEnd
            ? [-420, -300, -480, 150, -380][i % 5]
            : i <= reboundEnd
              ? [350, 280, 410][i % 3]
              : [30, -45, 20, -25, 50, -30][i % 6];
    cents = Math.round(cents * (1 + move / 10_000));
    prices.push(BigInt(cents) * (DECIMALS / 100n));
  }
  const at = (e: number) => Math.min(epochs, e);
  return {
    prices,
    acts: { riseEnd, crashEnd, reboundEnd },
    births: { genesis: 0, midRise: at(Math.round(riseEnd * 0.6)), crash: at(riseEnd + 2), calm: at(reboundEnd + 1) },
  };
}

/**
 * The demo's second collection: a few tokens in the same World, created as `new-collection` creates
 * one, drawn by the sample art pack (a creator's own layers, `pack upload` then `renderer set`).
 */
const SECOND = {
  name: "Vivarium Minis",
  symbol: "MINI",
  description:
    "A small second collection in the Vivarium world: the same market, the same epochs, drawn by the Tide Pool art pack.",
  tokens: 4,
  pack: path.join("packs", "tide-pool"),
};

/** Every third token is left alone; the others are nurtured every epoch. */
const neglected = (id: number) => id % 3 === 0;
/** Tokens that try to metamorphose, and the ages (epochs since birth) from which each may try (first, second). */
const METAMORPHOSIS_PLAN = new Map<number, number[]>([
  [1, [5, 18]],
  [8, [5, 18]],
  [16, [5, 14]],
  [20, [5]],
]);
/** The tokens whose life stories the gallery tells. */
const STORY_TOKENS = [1, 8, 3, 16, 20];

interface DemoArgs {
  epochs: number;
  out: string;
  json?: boolean;
  realVrf?: boolean;
}
type Signer = Awaited<ReturnType<HardhatRuntimeEnvironment["ethers"]["getSigners"]>>[number];
type Market = ReturnType<typeof market>;

/** What every step of the demo works with: the deployed stack and the run's log. */
interface Demo {
  hre: HardhatRuntimeEnvironment;
  args: DemoArgs;
  started: number;
  /** When the compile step ended. */
  compiled: number;
  log: (msg: string) => void;
  ifaces: Interface[];
  /** The coordinator the words come through, for people. */
  vrf: string;
  collection: Contract;
  world: Contract;
  feed: Contract;
  target: string;
  symbol: string;
  signers: Signer[];
}

/** The second collection of the World and erin's tokens in it. */
interface Second {
  created: NewCollection;
  mini: Contract;
  miniIds: number[];
  erin: Signer;
  /** The art pack that draws it: name, folder, pack hash, its PackRenderer and the pages' upload gas. */
  pack: { name: string; dir: string; hash: string; renderer: string; uploadGas: number };
}

interface MintRecord {
  holder: string;
  epoch: number;
  firstTokenId: number;
  lastTokenId: number;
  quantity: number;
}

interface CohortRecord {
  cohortId: number;
  epoch: number;
  firstTokenId: number;
  lastTokenId: number;
  quantity: number;
  mints: MintRecord[];
  requestId: bigint | null;
  timeTravelled: number;
}

/** The first collection's holders, their tokens and the reveal cohorts their mints made. */
interface Population {
  holders: { name: string; signer: Signer }[];
  nameOf: Map<string, string>;
  signerOf: Map<string, Signer>;
  ownerOf: Map<number, string>;
  ids: number[];
  mints: MintRecord[];
  cohorts: CohortRecord[];
  /** Mint what the plan wants at `epoch` and close (and hatch) the cohorts due then. */
  mintDue: (epoch: number) => Promise<void>;
}

/** What the epochs left behind: the chart's history, the metamorphoses and the World's step. */
interface Life {
  history: ChartEpoch[];
  metamorphoses: { tokenId: number; epoch: number; generation: number; stage: string }[];
  inStep: { epoch: number; [symbol: string]: number }[];
  outOfStep: number;
}

type TokenRow = PhenotypeView & { tokenId: number; owner: string; holder: string };
type MiniToken = {
  tokenId: number;
  stage: string;
  age: number;
  vitalityBps: number;
  mood: string;
  temperament: string;
};

/** Compile, deploy the stack (on the mock coordinator or Chainlink's real one) and read it back. */
async function deploy(hre: HardhatRuntimeEnvironment, args: DemoArgs): Promise<Demo> {
  const started = Date.now();
  const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
  // A fresh clone has no artifacts: compile first (solcjs; about a minute the first time).
  log("Compiling the contracts (nothing to do if they are up to date)...");
  await hre.run("compile", { quiet: true });
  const compiled = Date.now();
  const ifaces = await errorInterfaces(hre);

  const vrf = args.realVrf
    ? "Chainlink's real VRFCoordinatorV2_5 (proofs made in TypeScript)"
    : "VRFCoordinatorV2_5Mock";
  if (args.realVrf) {
    log(
      "Deploying everything (fixture 'real-vrf': 'all', then Chainlink's real VRF coordinator, LINK, subscriptions)...",
    );
    await withRealVrf(() => hre.deployments.fixture(["real-vrf"]));
  } else {
    log("Deploying everything (fixture 'all': Chainlink mocks, renderer, libraries, UUPS proxy, configuration)...");
    // On a `hardhat node` the records are written (deployments/localhost/), so the app and the tasks find them.
    if (hre.network.name === "localhost")
      await hre.deployments.run(["all"], {
        resetMemory: true,
        deletePreviousDeployments: true,
        writeDeploymentsToFiles: true,
      });
    else await hre.deployments.fixture(["all"]);
  }
  const collection = await getCollection(hre);
  const world = await getWorld(hre, collection);
  const feed = await getDeployed(hre, "MockV3Aggregator");
  const target = await collection.getAddress();
  const signers = await hre.ethers.getSigners();
  const symbol = (await collection.symbol()) as string;
  return { hre, args, started, compiled, log, ifaces, vrf, collection, world, feed, target, symbol, signers };
}

/** A second collection in the same World, made by the code of `npx hardhat new-collection`; erin mints and hatches it. */
async function secondCollection(d: Demo): Promise<Second> {
  const { hre, log } = d;
  const created = await createCollection(hre, {
    name: SECOND.name,
    symbol: SECOND.symbol,
    description: SECOND.description,
    maxSupply: SECOND.tokens,
    maxPerMint: SECOND.tokens,
    maxPerWallet: SECOND.tokens,
  });
  const mini = created.collection;
  log(
    `Created ${created.name} (${created.symbol}) at ${created.address} in the same World (${created.deployment}, implementation ${created.implementationReused ? "reused" : "new"}): ${created.totalGas.toLocaleString("en-US")} gas`,
  );
  for (const line of gasText(created.gas, created.totalGas).split("\n")) log(line);
  const pack = await drawWithPack(d, mini);
  const erin = d.signers[5];
  const miniIds: number[] = [];
  const [miniPrice] = await mini.saleConfig();
  const receipt = await (
    await (mini.connect(erin) as Contract).mint(SECOND.tokens, { value: BigInt(miniPrice) * BigInt(SECOND.tokens) })
  ).wait();
  for (const t of eventsIn(mini, receipt, "Transfer")) miniIds.push(Number(t.tokenId));
  const { closed, cohorts } = await revealAll(hre, mini);
  if (!closed || !cohorts[0]?.success) throw new Error(`${SECOND.symbol}: the cohort was not revealed`);
  log(
    `erin  minted ${SECOND.tokens} ${SECOND.symbol} tokens #${miniIds[0]}..#${miniIds.at(-1)} at epoch 0; reveal() closed them as ${SECOND.symbol} cohort ${closed.cohortId} (the clock moved ${closed.timeTravelled}s to its reveal time) and its word hatched them, through ${d.vrf}`,
  );
  return { created, mini, miniIds, erin, pack };
}

/** Uploads the sample art pack (as `pack upload` does) and makes it `mini`'s renderer (as `renderer set` does). */
async function drawWithPack(d: Demo, mini: Contract): Promise<Second["pack"]> {
  const { hre, log } = d;
  const pack = checkPack(path.join(hre.config.paths.root, SECOND.pack));
  const deployer = d.signers[0];
  const up = await uploadPack(hre, pack, { from: deployer.address });
  await (await (mini.connect(deployer) as Contract).setRenderer(up.renderer!)).wait();
  const sent = up.pages.filter((p) => p.state === "sent").length;
  log(
    `${SECOND.symbol} is drawn by the art pack "${pack.manifest.name}" (${SECOND.pack}): ${sent} of ${up.pages.length} pages uploaded to the PageStore for ${up.sentGas.toLocaleString("en-US")} gas (SSTORE2 floor ${up.sentFloor.toLocaleString("en-US")}), its PackRenderer ${up.renderer} set as the renderer; pack hash ${pack.packHash.slice(0, 10)}...`,
  );
  return {
    name: pack.manifest.name,
    dir: SECOND.pack,
    hash: pack.packHash,
    renderer: up.renderer!,
    uploadGas: up.sentGas,
  };
}

/**
 * Four reveal cohorts hatched into different markets, so their temperaments differ (see
 * `market`). Each gathers the mints of two holders: the first mints an epoch before (its tokens
 * wait as eggs in the open cohort), the second at the cohort's epoch.
 */
function cohortPlan(births: Market["births"]) {
  return [
    {
      at: births.genesis,
      mints: [
        ["alice", 4],
        ["bob", 2],
      ] as const,
    },
    {
      at: births.midRise,
      mints: [
        ["bob", 5],
        ["carol", 3],
      ] as const,
    },
    {
      at: births.crash,
      mints: [
        ["carol", 3],
        ["dave", 2],
      ] as const,
    },
    {
      at: births.calm,
      mints: [
        ["dave", 3],
        ["alice", 2],
      ] as const,
    },
  ].map((c, k, all) => {
    // The first mint an epoch early, unless that would fall into the previous cohort.
    const early = Math.max(c.at - 1, k > 0 ? all[k - 1].at : 0);
    return {
      at: c.at,
      mints: c.mints.map(([holder, quantity], i) => ({ holder, quantity, epoch: i === 0 ? early : c.at })),
    };
  });
}

/**
 * The holders and their cohorts: `mintDue(epoch)` mints what the plan wants then; anyone's
 * reveal() closes a due cohort with one VRF request, and its word hatches every token of it.
 */
async function mintCohorts(d: Demo, second: Second, plan: ReturnType<typeof cohortPlan>): Promise<Population> {
  const { hre, log, collection, signers } = d;
  const holders = [
    { name: "alice", signer: signers[1] },
    { name: "bob", signer: signers[2] },
    { name: "carol", signer: signers[3] },
    { name: "dave", signer: signers[4] },
  ];
  const byName = new Map(holders.map((h) => [h.name, h]));
  const nameOf = new Map<string, string>([
    ...holders.map((h) => [h.signer.address, h.name] as const),
    [second.erin.address, "erin"],
  ]);
  const signerOf = new Map(holders.map((h) => [h.signer.address, h.signer]));
  const [price] = await collection.saleConfig();
  const ownerOf = new Map<number, string>();
  const ids: number[] = [];
  const mints: MintRecord[] = [];
  const cohorts: CohortRecord[] = [];
  const mint = async (holder: string, quantity: number, epoch: number) => {
    const h = byName.get(holder)!;
    const receipt = await (
      await (collection.connect(h.signer) as Contract).mint(quantity, { value: BigInt(price) * BigInt(quantity) })
    ).wait();
    const minted = eventsIn(collection, receipt, "Transfer").map((t) => Number(t.tokenId));
    for (const id of minted) {
      ids.push(id);
      ownerOf.set(id, h.signer.address);
    }
    const first = Math.min(...minted);
    const last = Math.max(...minted);
    mints.push({ holder, epoch, firstTokenId: first, lastTokenId: last, quantity });
    log(`${holder.padEnd(5)} minted ${quantity} tokens #${first}..#${last} at epoch ${epoch}: eggs in the open cohort`);
  };
  const closeAndHatch = async (epoch: number) => {
    // Anyone may close the open cohort once it is minRevealDelay old: reveal() (the clock moves
    // to that time first if needed), then the coordinator's word hatches the whole cohort.
    const { closed, cohorts: revealed } = await revealAll(hre, collection);
    if (!closed) throw new Error(`cohort of epoch ${epoch}: nothing to close`);
    const first = Number(closed.firstTokenId);
    const last = first + closed.quantity - 1;
    const inCohort = mints.filter((m) => m.firstTokenId >= first && m.lastTokenId <= last);
    cohorts.push({
      cohortId: closed.cohortId,
      epoch: Number(await collection.currentEpoch()),
      firstTokenId: first,
      lastTokenId: last,
      quantity: closed.quantity,
      mints: inCohort,
      requestId: closed.requestId,
      timeTravelled: closed.timeTravelled,
    });
    log(
      `reveal() closed cohort ${closed.cohortId}: tokens #${first}..#${last} (${inCohort.map((m) => `${m.holder} ×${m.quantity} at epoch ${m.epoch}`).join(", ")})${closed.timeTravelled ? `, the clock moved ${closed.timeTravelled}s to its reveal time` : ""}; one VRF request ${closed.requestId}`,
    );
    const hatched = revealed.find((x) => x.cohortId === closed.cohortId);
    if (!hatched?.success) throw new Error(`cohort ${closed.cohortId} was not revealed`);
    log(`  its word arrived through ${d.vrf}: ${closed.quantity} tokens hatched, born in epoch ${hatched.birthEpoch}`);
  };
  const mintDue = async (epoch: number) => {
    for (const c of plan.filter((x) => x.at === epoch)) {
      for (const m of c.mints.filter((x) => x.epoch === epoch)) await mint(m.holder, m.quantity, epoch);
      await closeAndHatch(epoch);
    }
    // First mints of later cohorts: they wait in the open cohort.
    for (const c of plan.filter((x) => x.at > epoch))
      for (const m of c.mints.filter((x) => x.epoch === epoch)) await mint(m.holder, m.quantity, epoch);
  };
  return { holders, nameOf, signerOf, ownerOf, ids, mints, cohorts, mintDue };
}

/** The tokens whose plan wants a metamorphosis by now try one; returns what happened, for the epoch's line. */
async function metamorphoseDue(d: Demo, pop: Population, epoch: number, life: Life): Promise<string[]> {
  const { collection } = d;
  const events: string[] = [];
  for (const [id, ages] of METAMORPHOSIS_PLAN) {
    if (!pop.ownerOf.has(id)) continue;
    const p = phenotypeView(await collection.phenotypeOf(id));
    const due = ages.filter((a) => p.age >= a).length; // metamorphoses the plan wants by now
    if (p.generation >= due || p.metamorphosisPending) continue;
    try {
      const r = await (
        await (collection.connect(pop.signerOf.get(pop.ownerOf.get(id)!)!) as Contract).metamorphose(id)
      ).wait();
      const [req] = eventsIn(collection, r, "MetamorphosisRequested");
      await fulfil(d.hre, BigInt(req.requestId as bigint), d.target);
      const after = phenotypeView(await collection.phenotypeOf(id));
      life.metamorphoses.push({ tokenId: id, epoch, generation: after.generation, stage: after.stage });
      events.push(`#${id} metamorphosed -> ${after.stage} (gen ${after.generation})`);
    } catch (err) {
      events.push(`#${id} could not metamorphose: ${describeError(err, d.ifaces)}`);
    }
  }
  return events;
}

/** The holders nurture every token but the neglected ones; erin nurtures her first token. Returns how many were nurtured. */
async function nurtureAll(d: Demo, second: Second, pop: Population): Promise<number> {
  let nurtured = 0;
  for (const id of pop.ids.filter((i) => !neglected(i))) {
    try {
      await (await (d.collection.connect(pop.signerOf.get(pop.ownerOf.get(id)!)!) as Contract).nurture(id)).wait();
      nurtured++;
    } catch (err) {
      d.log(`  nurture #${id} failed: ${describeError(err, d.ifaces)}`);
    }
  }
  // erin nurtures her first token every epoch and leaves the others alone.
  try {
    await (await (second.mini.connect(second.erin) as Contract).nurture(second.miniIds[0])).wait();
  } catch (err) {
    d.log(`  nurture ${SECOND.symbol} #${second.miniIds[0]} failed: ${describeError(err, d.ifaces)}`);
  }
  return nurtured;
}

/**
 * Live through the epochs: each epoch the feed moves, the World advances once (its hook moves every
 * subscribed collection), the plan's mints and cohorts happen, the holders nurture and the planned
 * metamorphoses are tried. One line per epoch.
 */
async function liveEpochs(d: Demo, second: Second, pop: Population, prices: bigint[]): Promise<Life> {
  const { collection, world, symbol } = d;
  const { mini } = second;
  // Mood is the world's, one value at a time: any token's phenotype reports it, as the contract computes it.
  const worldMood = async () => phenotypeView(await collection.phenotypeOf(pop.ids[0])).mood;
  const life: Life = {
    history: [{ epoch: 0, price: null, moveBps: 0, mood: await worldMood() }],
    metamorphoses: [],
    inStep: [],
    outOfStep: 0,
  };
  for (let e = 1; e <= d.args.epochs; e++) {
    await timeTravelToNextEpoch(d.hre, world);
    await (await d.feed.updateAnswer(prices[e - 1])).wait();
    // One advance of the World per epoch: its hook moves every subscribed collection.
    const receipt = await (await world.advanceEpoch()).wait();
    const [adv] = eventsIn(world, receipt, "EpochAdvanced");
    const failed = eventsIn(world, receipt, "SubscriberHookFailed");
    // Where each collection stands after the advance: both must be at the World's epoch.
    const at = {
      epoch: e,
      [symbol]: Number(await collection.currentEpoch()),
      [SECOND.symbol]: Number(await mini.currentEpoch()),
    };
    life.inStep.push(at);
    const step = at[symbol] === e && at[SECOND.symbol] === e && failed.length === 0;
    if (!step) life.outOfStep++;
    const mood = await worldMood();
    const price = priceText(BigInt(adv.answer as bigint), FEED_DECIMALS);
    life.history.push({ epoch: e, price: Number(price), moveBps: Number(adv.moveBps), mood });
    await pop.mintDue(e);
    const nurtured = await nurtureAll(d, second, pop);
    const events = await metamorphoseDue(d, pop, e, life);
    d.log(
      `epoch ${String(adv.epoch).padStart(2)}  price ${price.padStart(8)} USD  move ${movePercent(adv.moveBps as bigint).padStart(7)}  ${mood.padEnd(6)}  ${symbol} ${String(at[symbol]).padStart(2)}  ${SECOND.symbol} ${String(at[SECOND.symbol]).padStart(2)}${step ? " in step" : " OUT OF STEP"}  nurtured ${nurtured}/${pop.ids.length}${events.length ? "  " + events.join("; ") : ""}`,
    );
  }
  return life;
}

/**
 * The life stories, replayed from events after the run (tasks/lib/history.ts): one log load, then
 * one frame per story token at each story epoch of its life and at its birth, from the world's
 * phenotypeAt and the renderer at that epoch.
 */
async function replayStories(d: Demo, pop: Population, outDir: string): Promise<LifeStory[]> {
  const storyEpochs = new Set([0, 4, 8, 12, 16, 20, 24, 28, d.args.epochs]);
  const replayStarted = Date.now();
  const replay = await loadHistory(d.hre, d.target);
  const stories: LifeStory[] = [];
  let frameCount = 0;
  for (const id of STORY_TOKENS) {
    const title = `Token #${id}${neglected(id) ? " (neglected)" : ""}`;
    if (!pop.ownerOf.has(id)) {
      stories.push({ title, frames: [] }); // never minted in this run
      continue;
    }
    const token = await replay.token(id);
    const { first, last } = await replay.epochRange(id);
    const live = (await d.collection.tokenURI(id)) as string;
    if ((await replay.tokenURIAt(id, last)) !== live)
      throw new Error(`replay error: token ${id}'s replayed tokenURI at epoch ${last} differs from the live one`);
    const holder = token.events[token.events.length - 1].holder;
    const story: LifeStory = { title, owner: pop.nameOf.get(holder) ?? holder, frames: [] };
    const epochs = [...new Set([first, ...storyEpochs])].filter((e) => e >= first && e <= last).sort((a, b) => a - b);
    for (const epoch of epochs) {
      const p = phenotypeView(await replay.phenotypeAt(id, epoch));
      writeArt(path.join(outDir, "stories"), `token-${id}-e${epoch}`, await replay.svgAt(id, epoch), 160);
      const stage = `${p.stage}${p.generation ? ` g${p.generation}` : ""}`;
      const lines = [
        `epoch ${epoch} · ${p.mood}`,
        stage,
        `age ${unitEpochs(p.age)}`,
        `vitality ${vitalityPercent(p.vitality)}`,
      ];
      story.frames.push({ label: lines.join(", "), lines, mood: p.mood, png: `stories/token-${id}-e${epoch}.png` });
      frameCount++;
    }
    stories.push(story);
  }
  d.log(
    `Life stories replayed from events: ${frameCount} frames of ${STORY_TOKENS.length} tokens in ${((Date.now() - replayStarted) / 1000).toFixed(1)}s; each token's replay at epoch ${replay.currentEpoch} equals its live tokenURI`,
  );
  return stories;
}

/** The gallery's introduction: the market's four acts, the cohorts and the second collection. */
function introText(d: Demo, pop: Population, { prices, acts }: Market): string {
  const priceAt = (e: number) =>
    e >= 1 && e <= d.args.epochs
      ? `~${Math.round(Number(priceText(prices[e - 1], FEED_DECIMALS))).toLocaleString("en-US")}`
      : "?";
  return (
    `${pop.ids.length} tokens lived through ${d.args.epochs} epochs of a market in four acts: a rise from ${priceAt(1)} to ${priceAt(acts.riseEnd)}, ` +
    `a crash to ${priceAt(acts.crashEnd)}, a rebound to ${priceAt(acts.reboundEnd)}, then calm. ` +
    `Four reveal cohorts hatched into different markets (${pop.cohorts.map((c) => `at epoch ${c.epoch}: ${c.mints.map((m) => `${m.holder} ×${m.quantity}`).join(" + ")}`).join("; ")}); ` +
    `each gathered two holders' mints, the first waiting as eggs, and was closed by one reveal() and revealed by one VRF word; ` +
    `every third token was neglected, the rest were nurtured every epoch. ` +
    `The same World moved a second collection, ${SECOND.name}, in step: one advance per epoch for both.`
  );
}

/** Both galleries (every token rendered by resvg at 256 px), the first with the chart and the stories. */
async function writeGalleries(
  d: Demo,
  second: Second,
  pop: Population,
  life: Life,
  stories: LifeStory[],
  intro: string,
  outDir: string,
) {
  const { collection } = d;
  const { moodThresholdBps } = await d.world.feedConfig();
  const chart: ChartData = {
    epochs: life.history,
    cohorts: pop.cohorts.map((c) => ({
      label: `cohort ${c.cohortId}: ${c.mints.map((m) => `${m.holder} ×${m.quantity}`).join(", ")}`,
      epoch: c.epoch,
    })),
    metamorphoses: life.metamorphoses.map((m) => ({ tokenId: m.tokenId, epoch: m.epoch, stage: m.stage })),
    moods: MOODS,
  };
  const threshold = bpsPercent(Number(moodThresholdBps));
  const chartCaption =
    `Each epoch's band is the world's mood as the contract reported it (phenotypeOf): Sunny after a rise of ${threshold} or more, ` +
    `Stormy after a fall of ${threshold} or more, Calm otherwise. Dashed lines: the epochs the reveal cohorts hatched (their tokens' birth); diamonds: metamorphoses.`;
  const miniDir = SECOND.symbol.toLowerCase();
  const miniName = `${SECOND.name} (${SECOND.symbol}), ${second.miniIds.length} tokens in the same World, drawn by the art pack "${second.pack.name}"`;
  const { page } = await writeGallery(collection, outDir, {
    stories,
    intro,
    ownerNames: pop.nameOf,
    chart,
    chartCaption,
    links: [{ href: `${miniDir}/index.html`, label: `Also in this World: ${miniName}` }],
  });
  const { page: miniPage } = await writeGallery(second.mini, path.join(outDir, miniDir), {
    intro:
      `${second.miniIds.length} tokens of a second collection, drawn by the art pack "${second.pack.name}" (${second.pack.dir}: a creator's own layers, chosen per token by its genome, the world's mood and its vitality), born at epoch 0 of the same World as ${await collection.name()} ` +
      `and moved by the same ${d.args.epochs} advances; erin nurtured #${second.miniIds[0]} every epoch and left the others alone.`,
    ownerNames: pop.nameOf,
    links: [{ href: "../index.html", label: `Back to ${await collection.name()} (${d.symbol})` }],
  });
  return { page, miniPage, miniDir, moodThresholdBps: Number(moodThresholdBps) };
}

/** A token's table row: token, owner, stage, age, vitality, mood, temperament, care. */
function tokenRow(id: number, holder: string, p: PhenotypeView, care: string): (string | number)[] {
  const stage = `${p.stage}${p.generation ? ` g${p.generation}` : ""}`;
  return [`#${id}`, holder, stage, p.age, vitalityPercent(p.vitality), p.mood, p.temperament, care];
}

/** Every token of both collections as the contracts report them now, and the World's collections. */
async function finalState(d: Demo, second: Second, pop: Population, miniDir: string) {
  const { collection, world, symbol } = d;
  const { mini, miniIds } = second;
  const miniRows: (string | number)[][] = [];
  const miniTokens: MiniToken[] = [];
  for (const id of miniIds) {
    const p = phenotypeView(await mini.phenotypeOf(id));
    miniRows.push(tokenRow(id, "erin", p, id === miniIds[0] ? "nurtured" : "neglected"));
    const { stage, age, vitality: vitalityBps, mood, temperament } = p;
    miniTokens.push({ tokenId: id, stage, age, vitalityBps, mood, temperament });
  }
  const worldEpoch = Number(await world.epochCount());
  const collections = [
    {
      symbol,
      name: await collection.name(),
      address: d.target,
      deployment: "LivingAsset",
      tokens: pop.ids.length,
      epoch: Number(await collection.currentEpoch()),
      gallery: "index.html",
    },
    {
      symbol: SECOND.symbol,
      name: SECOND.name,
      address: second.created.address,
      deployment: second.created.deployment,
      tokens: miniIds.length,
      epoch: Number(await mini.currentEpoch()),
      gallery: `${miniDir}/index.html`,
      createGas: second.created.totalGas,
      pack: second.pack,
    },
  ];
  const rows: (string | number)[][] = [];
  const tokens: TokenRow[] = [];
  for (const id of pop.ids) {
    const p = phenotypeView(await collection.phenotypeOf(id));
    const owner = pop.ownerOf.get(id)!;
    const holder = pop.nameOf.get(owner) ?? owner;
    rows.push(tokenRow(id, holder, p, neglected(id) ? "neglected" : "nurtured"));
    tokens.push({ tokenId: id, owner, holder, ...p });
  }
  return { rows, tokens, miniRows, miniTokens, collections, worldEpoch };
}

type FinalState = Awaited<ReturnType<typeof finalState>>;

/** uris.json (the raw metadata URIs as a marketplace reads them) and demo.json (what the demo did), for the browser test. */
async function writeDemoJson(
  d: Demo,
  pop: Population,
  life: Life,
  final: FinalState,
  moodThresholdBps: number,
  outDir: string,
) {
  const { collection } = d;
  fs.writeFileSync(
    path.join(outDir, "uris.json"),
    toJson({
      contractURI: await collection.contractURI(),
      tokenURIs: await Promise.all(
        [pop.ids[0], ...STORY_TOKENS].map(async (id) => ({ tokenId: id, uri: await collection.tokenURI(id) })),
      ),
    }),
  );
  // What the demo did, for the browser test (scripts/browser-test.ts) to compare with the page.
  fs.writeFileSync(
    path.join(outDir, "demo.json"),
    toJson({
      epochs: d.args.epochs,
      tokenIds: pop.ids,
      storyTokens: STORY_TOKENS,
      metamorphoses: life.metamorphoses,
      holders: pop.holders.map((h) => {
        const own = pop.mints.filter((m) => m.holder === h.name);
        return {
          name: h.name,
          address: h.signer.address,
          quantity: own.reduce((n, m) => n + m.quantity, 0),
          mintedAtEpoch: own[0]?.epoch ?? null,
        };
      }),
      mints: pop.mints,
      // The reveal cohorts: the mints each gathered, and the epoch it hatched in (the chart's markers).
      cohorts: pop.cohorts,
      moodThresholdBps,
      history: life.history,
      tokens: final.tokens.map((t) => ({
        tokenId: t.tokenId,
        holder: t.holder,
        stage: t.stage,
        generation: t.generation,
        age: t.age,
        vitalityBps: t.vitality,
        mood: t.mood,
        temperament: t.temperament,
      })),
      // Every collection of the World, each at the World's epoch after every advance.
      world: { address: await d.world.getAddress(), epoch: final.worldEpoch },
      collections: final.collections,
      inStep: life.inStep,
      outOfStep: life.outOfStep,
      secondTokens: final.miniTokens,
    }),
  );
}

/** The final tables (or JSON), the run's summary and where the galleries are. */
function printSummary(
  d: Demo,
  pop: Population,
  life: Life,
  final: FinalState,
  pages: { page: string; miniPage: string },
) {
  const { args, symbol } = d;
  const { tokens, collections } = final;
  const headers = ["token", "owner", "stage", AGE_HEADER, "vitality", "mood", "temperament", "care"];
  if (args.json)
    console.log(
      toJson({
        tokens,
        metamorphoses: life.metamorphoses,
        history: life.history,
        page: pages.page,
        collections,
        cohorts: pop.cohorts,
        secondTokens: final.miniTokens,
      }),
    );
  else {
    console.log(
      `\n${symbol} reveal cohorts (mints wait as eggs in the open cohort; one reveal() and one VRF word hatch it)\n` +
        table(
          ["cohort", "tokens", "mints (holder ×tokens at epoch)", "hatched at epoch", "VRF request"],
          pop.cohorts.map((c) => [
            c.cohortId,
            `#${c.firstTokenId}..#${c.lastTokenId}`,
            c.mints.map((m) => `${m.holder} ×${m.quantity} at ${m.epoch}`).join(", "),
            c.epoch,
            String(c.requestId),
          ]),
        ),
    );
    console.log(`\n${symbol}\n` + table(headers, final.rows));
    console.log(`\n${SECOND.symbol} (same World)\n` + table(headers, final.miniRows));
  }
  const count = (key: "temperament" | "mood") =>
    [...new Set(tokens.map((t) => t[key]))].map((v) => `${v} ${tokens.filter((t) => t[key] === v).length}`).join(", ");
  const moodsLived = [...new Set(life.history.map((h) => h.mood))];
  console.log(
    `\n${pop.ids.length} tokens, ${args.epochs} epochs, ${life.metamorphoses.length} metamorphoses. Temperaments: ${count("temperament")}. ` +
      `Mood now: ${count("mood")}; moods lived through: ${moodsLived.join(", ")}.`,
  );
  console.log(
    `One World, two collections: ${collections.map((c) => `${c.symbol} at epoch ${c.epoch}`).join(", ")}, the World at ${final.worldEpoch}; ` +
      (life.outOfStep === 0
        ? `both moved in step on each of the ${args.epochs} advances.`
        : `OUT OF STEP after ${life.outOfStep} advance(s)!`),
  );
  if (new Set(tokens.map((t) => t.temperament)).size < 3)
    console.log(`Note: fewer than 3 temperaments after ${args.epochs} epochs (the default 32 gives four).`);
  console.log(
    `${((Date.now() - d.started) / 1000).toFixed(1)}s in all, ${((Date.now() - d.compiled) / 1000).toFixed(1)}s after compile`,
  );
  console.log(`Gallery: ${pages.page} (and ${SECOND.symbol}: ${pages.miniPage})`);
}

task(
  "demo",
  "One-command demo on the in-process hardhat network: two collections in one World; mint, reveal, live through epochs, gallery",
)
  .addOptionalParam("epochs", "Epochs to live through", 32, types.int)
  .addOptionalParam(
    "out",
    "Output folder (the gallery, its pages and stories), replaced on each run",
    "out/demo",
    types.string,
  )
  .addFlag("json", "Print the final table as JSON")
  .addFlag("realVrf", "Use Chainlink's real VRF v2.5 coordinator, fulfilled with proofs (deploy tag real-vrf)")
  .setAction(async (args: DemoArgs, hre) => {
    if (hre.network.name !== "hardhat" && hre.network.name !== "localhost")
      throw new Error(
        "demo runs on the in-process hardhat network or a local `hardhat node` (--network localhost) only",
      );
    // Its own folder, claimed before anything runs: a folder of another command's output is refused.
    const outDir = claimOutDir(args.out, { command: "demo", network: hre.network.name });
    const d = await deploy(hre, args);
    const second = await secondCollection(d);
    const theMarket = market(args.epochs);
    const pop = await mintCohorts(d, second, cohortPlan(theMarket.births));
    await pop.mintDue(0);
    const life = await liveEpochs(d, second, pop, theMarket.prices);
    const stories = await replayStories(d, pop, outDir);
    d.log("Rendering every token (resvg, 256px) and writing the gallery...");
    const intro = introText(d, pop, theMarket);
    const { page, miniPage, miniDir, moodThresholdBps } = await writeGalleries(
      d,
      second,
      pop,
      life,
      stories,
      intro,
      outDir,
    );
    const final = await finalState(d, second, pop, miniDir);
    await writeDemoJson(d, pop, life, final, moodThresholdBps, outDir);
    printSummary(d, pop, life, final, { page, miniPage });
    if (life.outOfStep > 0) process.exitCode = 1;
  });
