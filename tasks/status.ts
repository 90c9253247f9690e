import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract } from "ethers";
import { action, COLLECTION_HELP, getCollection, getFeed, getWorld } from "./lib/common";
import { duration, when } from "../client/errors";
import { bpsPercent, eth, moodName, price, usd } from "../client/units";
import { subscriberEpochs } from "./advance-epoch";
import { cohortViews, revealView, tokenRange } from "./lib/cohorts";

/** Closed cohorts `status` reads (the latest ones) to count those still waiting for their word. */
const COHORTS_READ = 100;

type StatusData = Awaited<ReturnType<typeof statusData>>;

/** The World's state: epochs, last price, subscribers and feed configuration. */
async function worldStatus(hre: HardhatRuntimeEnvironment, world: Contract) {
  const [epochCount, nextEpochAt, feed, forwarder] = await Promise.all([
    world.epochCount(),
    world.nextEpochAt(),
    world.feedConfig(),
    world.forwarder(),
  ]);
  let lastPrice: bigint | null = null;
  let lastEpochAt: bigint | null = null;
  if (BigInt(epochCount) > 0n) {
    const entry = await world.epochEntry(epochCount);
    lastPrice = BigInt(entry.price);
    lastEpochAt = BigInt(entry.timestamp);
  }
  const subscribers = await subscriberEpochs(hre, world);
  return {
    address: await world.getAddress(),
    epochCount,
    nextEpochAt,
    lastPrice,
    lastEpochAt,
    forwarder,
    subscribers,
    maxSubscribers: Number(await world.MAX_SUBSCRIBERS()),
    feedConfig: {
      feed: feed.feed,
      sequencerUptimeFeed: feed.sequencerUptimeFeed,
      epochInterval: Number(feed.epochInterval),
      heartbeat: Number(feed.heartbeat),
      sequencerGracePeriod: Number(feed.sequencerGracePeriod),
      minAnswer: BigInt(feed.minAnswer),
      maxAnswer: BigInt(feed.maxAnswer),
      moodThresholdBps: Number(feed.moodThresholdBps),
    },
  };
}

/** Everything `status` shows, as data (`--json`). */
async function statusData(hre: HardhatRuntimeEnvironment, collection: Contract, world: Contract) {
  const address = await collection.getAddress();
  const [name, symbol, totalSupply, currentEpoch, renderer, rendererLocked, sale, vrf, reveal] = await Promise.all([
    collection.name(),
    collection.symbol(),
    collection.totalSupply(),
    collection.currentEpoch(),
    collection.renderer(),
    collection.rendererLocked(),
    collection.saleConfig(),
    collection.vrfConfig(),
    revealView(hre, collection),
  ]);
  const from = Math.max(0, reveal.cohortCount - COHORTS_READ);
  const recent = await cohortViews(collection, from, reveal.cohortCount);
  const waiting = recent.filter((c) => c.state !== "revealed");
  const worldData = await worldStatus(hre, world);
  const subscribed = worldData.subscribers.some((s) => s.address.toLowerCase() === address.toLowerCase());
  return {
    network: hre.network.name,
    address,
    name: name as string,
    symbol: symbol as string,
    totalSupply,
    cohortCount: reveal.cohortCount,
    currentEpoch,
    lag: BigInt(worldData.epochCount) - BigInt(currentEpoch),
    subscribed,
    renderer,
    rendererLocked,
    saleConfig: {
      price: sale[0],
      maxSupply: sale[1],
      maxPerWallet: sale[2],
      maxPerMint: sale[3],
      open: sale[4],
      treasury: sale[5],
    },
    allowlist: { root: sale[6] as string, price: BigInt(sale[7]), open: sale[8] as boolean },
    reveal: {
      minRevealDelay: reveal.minRevealDelay,
      instantReveal: reveal.instantReveal,
      openCohort: reveal.openCohort,
      cohortCount: reveal.cohortCount,
      // Of the latest COHORTS_READ cohorts: those whose word has not arrived, or whose request was refused.
      pending: waiting.filter((c) => c.state === "pending").map((c) => c.cohortId),
      refused: waiting.filter((c) => c.state === "refused").map((c) => c.cohortId),
      pendingCoordinator: reveal.pendingCoordinator,
      coordinatorEffectiveAt: reveal.coordinatorEffectiveAt,
    },
    vrfConfig: {
      coordinator: vrf.coordinator,
      keyHash: vrf.keyHash,
      subscriptionId: vrf.subscriptionId,
      requestConfirmations: Number(vrf.requestConfirmations),
      callbackGasLimit: Number(vrf.callbackGasLimit),
      nativePayment: vrf.nativePayment,
      rerequestTimeout: Number(vrf.rerequestTimeout),
    },
    world: worldData,
  };
}

/** The reveal line: the open cohort, the closed ones still waiting, the reveal mode, a coming coordinator change. */
function revealLine(r: StatusData["reveal"], now: number): string {
  const o = r.openCohort;
  const openText =
    o.size === 0
      ? "open cohort empty"
      : `open cohort ${o.size} token(s) ${tokenRange(o.firstTokenId, o.size)}, ${o.availableAt! <= now ? "can be closed now (`cohort close`, anyone)" : `can be closed from ${when(o.availableAt!, now)}`}`;
  const waitingText = [
    r.pending.length ? `${r.pending.length} waiting for their word (cohort ${r.pending.join(", ")})` : "",
    r.refused.length
      ? `${r.refused.length} REFUSED by the coordinator (\`cohort rerequest --id ${r.refused[0]}\`)`
      : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${openText}; ${r.cohortCount} closed${waitingText ? `: ${waitingText}` : ", all revealed"}; ${r.instantReveal ? "instant reveal (each mint closes its own cohort)" : `min delay ${duration(r.minRevealDelay)}`}${r.pendingCoordinator ? `; coordinator change to ${r.pendingCoordinator} from ${when(r.coordinatorEffectiveAt!, now)}` : ""}`;
}

/** The status as lines for people, with a warning when the collection lags or is not subscribed. */
async function statusText(
  hre: HardhatRuntimeEnvironment,
  world: Contract,
  data: StatusData,
  collectionArg: string | undefined,
): Promise<string> {
  const { address, name, symbol, totalSupply, currentEpoch, renderer, rendererLocked, lag, subscribed } = data;
  const { address: worldAddress, epochCount, nextEpochAt, lastPrice, lastEpochAt, forwarder, subscribers } = data.world;
  const s = data.saleConfig;
  const f = data.world.feedConfig;
  const now = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
  const decimals = Number(await (await getFeed(hre, world)).decimals().catch(() => 8n));
  const p = (x: bigint) => usd(x, decimals);
  const next = Number(nextEpochAt) <= now ? "can run now" : `at ${when(Number(nextEpochAt), now)}`;
  const worldLine =
    lastPrice === null
      ? `no epoch yet: the first \`advance-epoch\` can run ${Number(nextEpochAt) <= now ? "now" : `at ${when(Number(nextEpochAt), now)}`}`
      : `epoch ${epochCount}, price ${p(lastPrice)}, mood ${moodName((await world.state()).mood)}, at ${when(Number(lastEpochAt), now)}; next ${next}`;
  const others = subscribers.map(
    (x) =>
      `${x.symbol ?? "?"} ${x.address}${x.address.toLowerCase() === address.toLowerCase() ? " (this one)" : ""} at epoch ${x.epoch ?? "?"}`,
  );
  const revealText = revealLine(data.reveal, now);
  const a = data.allowlist;
  const allowlistLine = /^0x0{64}$/.test(a.root)
    ? "none set"
    : `${a.open ? "open" : "closed"}, price ${eth(a.price)}, root ${a.root}`;
  const lines = [
    `${name} (${symbol}) at ${address} on ${hre.network.name}`,
    `  supply      ${totalSupply} / ${s.maxSupply}`,
    `  reveal      ${revealText}`,
    `  epoch       ${currentEpoch} (the collection's; a cohort revealed now is born in it)`,
    `  world       ${worldAddress}: ${worldLine}`,
    `  subscribers ${subscribers.length} / ${data.world.maxSubscribers}${others.length ? `: ${others.join("; ")}` : ""}`,
    `  renderer    ${renderer}${rendererLocked ? " (locked)" : " (unlocked)"}`,
    `  sale        ${s.open ? "open" : "closed"}, price ${eth(s.price)}, maxPerWallet ${s.maxPerWallet}, maxPerMint ${s.maxPerMint}, treasury ${s.treasury}`,
    `  allowlist   ${allowlistLine}`,
    `  vrf         coordinator ${data.vrfConfig.coordinator}, sub ${data.vrfConfig.subscriptionId}, confirmations ${data.vrfConfig.requestConfirmations}, callback gas ${data.vrfConfig.callbackGasLimit}, pays in ${data.vrfConfig.nativePayment ? "native" : "LINK"}, re-request after ${duration(data.vrfConfig.rerequestTimeout)}`,
    `  feed        ${f.feed} (${decimals} decimals), epoch every ${duration(f.epochInterval)}, heartbeat ${duration(f.heartbeat)}, bounds ${price(f.minAnswer, decimals)}..${p(f.maxAnswer)}, mood threshold ${bpsPercent(f.moodThresholdBps)}${forwarder === hre.ethers.ZeroAddress ? "" : `, Automation forwarder ${forwarder}`}`,
  ];
  const which = `${collectionArg ? ` --collection ${collectionArg}` : ""}${hre.network.name === "hardhat" ? "" : ` --network ${hre.network.name}`}`;
  if (lag > 0n)
    lines.push(
      `Warning: the collection is ${lag} epoch(s) behind its World (${currentEpoch} < ${epochCount}): run \`npx hardhat sync-world${which}\` to catch up${subscribed ? "" : ", and `npx hardhat subscribe" + which + "` so it keeps up"}`,
    );
  else if (!subscribed)
    lines.push(
      `Warning: the collection is not subscribed to its World: it will fall behind at the next epoch (\`npx hardhat subscribe${which}\`, the World's admin)`,
    );
  return lines.join("\n");
}

task(
  "status",
  "Collection status: supply, sale and allowlist, reveal cohorts, renderer, VRF; its World: epoch, next epoch, feed, subscribers; whether the collection keeps up",
)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ collection?: string; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const world = await getWorld(hre, collection);
      const data = await statusData(hre, collection, world);
      return { data, text: await statusText(hre, world, data, args.collection) };
    }),
  );
