import { HardhatPluginError } from "hardhat/plugins";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  CHAINLINK,
  COLLECTION_DEFAULTS,
  collectionSettingProblems,
  LIBRARIES,
  LIVE_NETWORKS,
  MIN_LIVE_ADMIN_DELAY,
} from "../../config/networks";
import { checkNetwork } from "./network";
import { duration } from "../../client/errors";
import { bpsPercent, eth, price, usd } from "../../client/units";

/** Contracts a deploy writes, in order; each is reused when its deployment is already saved. */
export const DEPLOY_ORDER = [
  "FaceArt",
  "OrganismArt",
  "TerrariumArt",
  "LivingAssetRenderer",
  ...LIBRARIES,
  "World",
  "LivingAsset",
] as const;

const COORDINATOR_ABI = [
  "function getSubscription(uint256 subId) view returns (uint96 balance, uint96 nativeBalance, uint64 reqCount, address owner, address[] consumers)",
];
const FEED_ABI = [
  "function decimals() view returns (uint8)",
  "function description() view returns (string)",
  "function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
];

/** Everything a live deploy will use, checked on chain before the first transaction. */
export interface LivePlan {
  network: string;
  chainId: number;
  deployer: string;
  deployerBalance: bigint;
  contracts: { name: string; action: "deploy" | "reuse"; address?: string }[];
  vrf: {
    coordinator: string;
    keyHash: string;
    keyLabel: string;
    subscriptionId: bigint;
    subscriptionOwner: string;
    subscriptionLink: bigint;
    subscriptionNative: bigint;
    requestConfirmations: number;
    callbackGasLimit: number;
  };
  feed: {
    address: string;
    pair: string;
    decimals: number;
    heartbeat: number;
    latestAnswer: bigint;
    updatedAt: number;
    minAnswer: bigint;
    maxAnswer: bigint;
    bounds: string;
    sequencerUptimeFeed: string;
  };
}

/** A decimal price ("2500" or "2500.75") in feed units, or undefined when it is not one. */
export function parsePrice(text: string, decimals: number): bigint | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[2] ?? "").length > decimals) return undefined;
  return BigInt(m[1] + (m[2] ?? "").padEnd(decimals, "0"));
}

type ChainlinkNetwork = NonNullable<(typeof CHAINLINK)[number]>;

/** The settings from config/chainlink-networks.json and the environment, each checked for form. */
function settingsOf(net: ChainlinkNetwork, problems: string[]) {
  if (!net.vrfCoordinatorV2_5)
    problems.push("vrfCoordinatorV2_5 is unverified (null) in config/chainlink-networks.json");
  const keyHash = process.env.VRF_KEY_HASH || net.keyHashes[0]?.hash;
  const keyLabel = process.env.VRF_KEY_HASH
    ? (net.keyHashes.find((k) => k.hash.toLowerCase() === keyHash!.toLowerCase())?.label ?? "from VRF_KEY_HASH")
    : (net.keyHashes[0]?.label ?? "");
  if (!keyHash) problems.push("no VRF key hash: set VRF_KEY_HASH or add keyHashes to config/chainlink-networks.json");
  else if (!/^0x[0-9a-fA-F]{64}$/.test(keyHash)) problems.push("VRF_KEY_HASH must be 0x followed by 64 hex digits");
  const feedAddress = net.nativeUsdFeed.address;
  if (!feedAddress)
    problems.push(`the ${net.nativeUsdFeed.pair} feed address is unverified (null) in config/chainlink-networks.json`);
  const heartbeatText = process.env.FEED_HEARTBEAT || (net.nativeUsdFeed.heartbeatSeconds ?? "").toString();
  const heartbeat = Number(heartbeatText);
  if (!heartbeatText)
    problems.push(
      `FEED_HEARTBEAT is not set and the ${net.nativeUsdFeed.pair} feed's heartbeat is unverified: set FEED_HEARTBEAT to the feed's heartbeat in seconds (data.chain.link)`,
    );
  else if (!Number.isInteger(heartbeat) || heartbeat <= 0 || heartbeat >= 2 ** 32)
    problems.push(`FEED_HEARTBEAT must be a whole number of seconds; got "${heartbeatText}"`);
  const subText = process.env.VRF_SUBSCRIPTION_ID ?? "";
  if (!subText)
    problems.push("VRF_SUBSCRIPTION_ID is not set: create a subscription (`npx hardhat vrf create`) and fund it first");
  else if (!/^\d+$/.test(subText)) problems.push(`VRF_SUBSCRIPTION_ID must be a decimal number; got "${subText}"`);
  // Every collection setting (name, price, supply, royalty, ...) is checked with the rest.
  const settingProblems = collectionSettingProblems();
  problems.push(...settingProblems);
  const adminDelay = settingProblems.some((p) => p.startsWith("ADMIN_DELAY"))
    ? 0
    : COLLECTION_DEFAULTS.adminDelaySeconds;
  if (adminDelay < MIN_LIVE_ADMIN_DELAY && !settingProblems.some((p) => p.startsWith("ADMIN_DELAY")))
    problems.push(
      `ADMIN_DELAY must be at least ${MIN_LIVE_ADMIN_DELAY} seconds (one day) on a live chain, the notice holders get before the default admin changes the VRF coordinator; got "${process.env.ADMIN_DELAY}"`,
    );
  const minText = process.env.FEED_MIN_ANSWER ?? "";
  const maxText = process.env.FEED_MAX_ANSWER ?? "";
  if (!!minText !== !!maxText) problems.push("set both FEED_MIN_ANSWER and FEED_MAX_ANSWER, or neither");
  return { keyHash, keyLabel, feedAddress, heartbeat, subText, minText, maxText };
}

/** The VRF subscription on the coordinator: it exists and holds LINK or native. */
async function checkSubscription(
  hre: HardhatRuntimeEnvironment,
  net: ChainlinkNetwork,
  subText: string,
  where: string,
  problems: string[],
): Promise<Partial<LivePlan["vrf"]>> {
  const { ethers } = hre;
  const plan: Partial<LivePlan["vrf"]> = {};
  if (net.vrfCoordinatorV2_5 && /^\d+$/.test(subText)) {
    if ((await ethers.provider.getCode(net.vrfCoordinatorV2_5)) === "0x") {
      problems.push(
        `no contract at the VRF coordinator ${net.vrfCoordinatorV2_5} on ${where}: is the RPC URL for this chain?`,
      );
    } else {
      const coordinator = new ethers.Contract(net.vrfCoordinatorV2_5, COORDINATOR_ABI, ethers.provider);
      try {
        const sub = await coordinator.getSubscription(BigInt(subText));
        plan.subscriptionOwner = sub.owner;
        plan.subscriptionLink = sub.balance;
        plan.subscriptionNative = sub.nativeBalance;
        if (sub.balance === 0n && sub.nativeBalance === 0n)
          problems.push(`VRF subscription ${subText} has no LINK and no native balance: fund it first`);
      } catch {
        problems.push(`VRF subscription ${subText} does not exist on the coordinator ${net.vrfCoordinatorV2_5}`);
      }
    }
  }
  return plan;
}

/** The feed: a contract with the configured decimals and a fresh positive answer. */
async function checkFeed(
  hre: HardhatRuntimeEnvironment,
  net: ChainlinkNetwork,
  feedAddress: string | null,
  heartbeat: number,
  where: string,
  problems: string[],
) {
  const { ethers } = hre;
  let decimals = net.nativeUsdFeed.decimals ?? 0;
  let latestAnswer = 0n;
  let updatedAt = 0;
  if (feedAddress) {
    if ((await ethers.provider.getCode(feedAddress)) === "0x") {
      problems.push(`no contract at the ${net.nativeUsdFeed.pair} feed ${feedAddress} on ${where}`);
    } else {
      const feed = new ethers.Contract(feedAddress, FEED_ABI, ethers.provider);
      decimals = Number(await feed.decimals());
      if (net.nativeUsdFeed.decimals !== null && decimals !== net.nativeUsdFeed.decimals)
        problems.push(
          `the feed reports ${decimals} decimals, config/chainlink-networks.json says ${net.nativeUsdFeed.decimals}`,
        );
      const round = await feed.latestRoundData();
      latestAnswer = BigInt(round.answer);
      updatedAt = Number(round.updatedAt);
      const now = (await ethers.provider.getBlock("latest"))!.timestamp;
      if (latestAnswer <= 0n) problems.push(`the feed's latest answer is ${latestAnswer}: not a price`);
      else if (Number.isInteger(heartbeat) && heartbeat > 0 && now - updatedAt > heartbeat)
        problems.push(
          `the feed's latest answer is ${duration(now - updatedAt)} old, over the heartbeat of ${duration(heartbeat)}`,
        );
    }
  }
  return { decimals, latestAnswer, updatedAt };
}

/**
 * Bounds that bound: chosen in FEED_MIN_ANSWER / FEED_MAX_ANSWER (prices), or a tenth and ten
 * times today's answer. An answer outside them stops the world until CONFIG_ROLE widens them.
 */
function feedBounds(minText: string, maxText: string, decimals: number, latestAnswer: bigint, problems: string[]) {
  let minAnswer = 0n;
  let maxAnswer = 0n;
  let bounds = "";
  if (minText && maxText) {
    const lo = parsePrice(minText, decimals);
    const hi = parsePrice(maxText, decimals);
    if (lo === undefined || hi === undefined)
      problems.push(
        `FEED_MIN_ANSWER and FEED_MAX_ANSWER must be prices such as 500 or 500.25; got "${minText}", "${maxText}"`,
      );
    else if (lo <= 0n || lo >= hi) problems.push(`FEED_MIN_ANSWER must be above 0 and below FEED_MAX_ANSWER`);
    else if (latestAnswer > 0n && (latestAnswer < lo || latestAnswer > hi))
      problems.push(`today's answer ${usd(latestAnswer, decimals)} is outside FEED_MIN_ANSWER..FEED_MAX_ANSWER`);
    else [minAnswer, maxAnswer, bounds] = [lo, hi, "FEED_MIN_ANSWER / FEED_MAX_ANSWER"];
  } else if (latestAnswer > 0n) {
    [minAnswer, maxAnswer, bounds] = [
      latestAnswer / 10n || 1n,
      latestAnswer * 10n,
      "a tenth and ten times today's answer",
    ];
  }
  if (maxAnswer >= 2n ** 88n) problems.push("FEED_MAX_ANSWER is above 2^88 - 1, the largest price the log stores");
  return { minAnswer, maxAnswer, bounds };
}

/**
 * The pre-flight of a live deploy: every value it needs, from config/chainlink-networks.json and the
 * environment, checked on chain (code at the coordinator and the feed, the subscription, a fresh
 * positive answer, bounds that bound). Throws one line listing every problem; sends nothing.
 */
export async function livePlan(hre: HardhatRuntimeEnvironment): Promise<LivePlan> {
  const { ethers, network } = hre;
  await checkNetwork(hre);
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const problems: string[] = [];
  const where = `${network.name} (chain ${chainId})`;
  const net = CHAINLINK[chainId];
  if (!net)
    throw new HardhatPluginError(
      "vivarium",
      `chain ${chainId} has no entry in config/chainlink-networks.json: add its verified Chainlink addresses first`,
    );
  const { keyHash, keyLabel, feedAddress, heartbeat, subText, minText, maxText } = settingsOf(net, problems);

  const [signer] = await ethers.getSigners();
  const deployer = await signer.getAddress();
  const deployerBalance = await ethers.provider.getBalance(deployer);
  if (deployerBalance === 0n) problems.push(`the deployer ${deployer} has no ${network.name} ether to pay for gas`);

  // On chain: only what the configuration above names.
  const plan = await checkSubscription(hre, net, subText, where, problems);
  const { decimals, latestAnswer, updatedAt } = await checkFeed(hre, net, feedAddress, heartbeat, where, problems);
  const sequencer = net.sequencerUptimeFeed ?? ethers.ZeroAddress;
  if (sequencer !== ethers.ZeroAddress && (await ethers.provider.getCode(sequencer)) === "0x")
    problems.push(`no contract at the L2 sequencer uptime feed ${sequencer}`);
  const { minAnswer, maxAnswer, bounds } = feedBounds(minText, maxText, decimals, latestAnswer, problems);

  if (problems.length > 0)
    throw new HardhatPluginError("vivarium", `cannot deploy to ${where}:\n  - ${problems.join("\n  - ")}`);

  const contracts: LivePlan["contracts"] = [];
  for (const name of DEPLOY_ORDER) {
    const saved = await hre.deployments.getOrNull(name);
    contracts.push(saved ? { name, action: "reuse", address: saved.address } : { name, action: "deploy" });
  }
  return {
    network: network.name,
    chainId,
    deployer,
    deployerBalance,
    contracts,
    vrf: {
      coordinator: net.vrfCoordinatorV2_5!,
      keyHash: keyHash!,
      keyLabel,
      subscriptionId: BigInt(subText),
      subscriptionOwner: plan.subscriptionOwner!,
      subscriptionLink: plan.subscriptionLink!,
      subscriptionNative: plan.subscriptionNative!,
      requestConfirmations: Math.max(net.minRequestConfirmations ?? 3, 3),
      callbackGasLimit: COLLECTION_DEFAULTS.callbackGasLimit,
    },
    feed: {
      address: feedAddress!,
      pair: net.nativeUsdFeed.pair,
      decimals,
      heartbeat,
      latestAnswer,
      updatedAt,
      minAnswer,
      maxAnswer,
      bounds,
      sequencerUptimeFeed: sequencer,
    },
  };
}

/** The plan as the lines `deploy --dry-run` prints. */
export function planText(plan: LivePlan, hre: HardhatRuntimeEnvironment): string {
  const { formatEther } = hre.ethers;
  const d = COLLECTION_DEFAULTS;
  const f = plan.feed;
  const p = (x: bigint) => usd(x, f.decimals);
  return [
    `Deploy plan for ${plan.network} (chain ${plan.chainId}), RPC from ${LIVE_NETWORKS[plan.network]?.rpcEnv ?? "config"}`,
    `  deployer     ${plan.deployer} (${eth(plan.deployerBalance)})`,
    ...plan.contracts.map((c) => `  ${c.action.padEnd(7)}      ${c.name}${c.address ? ` at ${c.address}` : ""}`),
    `  collection   ${d.name} (${d.symbol}), price ${eth(d.priceWei)}, supply ${d.maxSupply}, ${d.maxPerMint} per mint, ${d.maxPerWallet} per wallet, royalty ${bpsPercent(d.royaltyBps)} (cap ${bpsPercent(d.maxRoyaltyBps)})`,
    `  vrf          coordinator ${plan.vrf.coordinator}, key ${plan.vrf.keyHash} (${plan.vrf.keyLabel}), ${plan.vrf.requestConfirmations} confirmations, callback gas ${plan.vrf.callbackGasLimit}`,
    `  subscription ${plan.vrf.subscriptionId} owned by ${plan.vrf.subscriptionOwner}: ${formatEther(plan.vrf.subscriptionLink)} LINK, ${formatEther(plan.vrf.subscriptionNative)} native`,
    `  feed         ${f.pair} ${f.address} (${f.decimals} decimals), answer ${p(f.latestAnswer)}, heartbeat ${duration(f.heartbeat)}, epoch every ${duration(d.epochIntervalSeconds)}`,
    `  bounds       ${price(f.minAnswer, f.decimals)} .. ${p(f.maxAnswer)} (${f.bounds})`,
    `  sequencer    ${f.sequencerUptimeFeed === hre.ethers.ZeroAddress ? "none (L1)" : `${f.sequencerUptimeFeed}, grace ${duration(d.sequencerGracePeriodSeconds)}`}`,
    `  world        the collection subscribes to the World (its hook hears every epoch)`,
    `  afterwards   add the proxy as a consumer of subscription ${plan.vrf.subscriptionId} (\`npx hardhat vrf add-consumer --network ${plan.network}\`)`,
  ].join("\n");
}
