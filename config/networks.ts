import chainlink from "./chainlink-networks.json";
import {
  addressSetting,
  envValue,
  ethSetting,
  flagSetting,
  refuseRenamed,
  settingError,
  textSetting,
  wholeSetting,
} from "./settings";

/** Chains where the deploy scripts deploy Chainlink's own mocks instead of using real services. */
export const DEVELOPMENT_CHAINS = ["hardhat", "localhost"];

/** Live networks: Hardhat network name -> chain id and the environment variable holding its RPC URL. */
export const LIVE_NETWORKS: Record<string, { chainId: number; rpcEnv: string }> = {
  mainnet: { chainId: 1, rpcEnv: "MAINNET_RPC_URL" },
  sepolia: { chainId: 11155111, rpcEnv: "SEPOLIA_RPC_URL" },
  base: { chainId: 8453, rpcEnv: "BASE_RPC_URL" },
  baseSepolia: { chainId: 84532, rpcEnv: "BASE_SEPOLIA_RPC_URL" },
  arbitrum: { chainId: 42161, rpcEnv: "ARBITRUM_RPC_URL" },
  arbitrumSepolia: { chainId: 421614, rpcEnv: "ARBITRUM_SEPOLIA_RPC_URL" },
  polygon: { chainId: 137, rpcEnv: "POLYGON_RPC_URL" },
  polygonAmoy: { chainId: 80002, rpcEnv: "POLYGON_AMOY_RPC_URL" },
};

export interface KeyHash {
  label: string;
  hash: string;
}

/** Verified Chainlink addresses for one chain; `null` = not verified, read it on chain first. */
export interface ChainlinkNetwork {
  name: string;
  vrfCoordinatorV2_5: string | null;
  keyHashes: KeyHash[];
  minRequestConfirmations: number | null;
  linkToken: string | null;
  nativeUsdFeed: { pair: string; address: string | null; decimals: number | null; heartbeatSeconds: number | null };
  sequencerUptimeFeed: string | null;
  automationRegistry: string | null;
  automationRegistrar: string | null;
  automationVersion: string | null;
}

/** Per-chain Chainlink configuration keyed by chain id (copied from Chainlink's documentation). */
export const CHAINLINK: Record<number, ChainlinkNetwork> = Object.fromEntries(
  Object.entries(chainlink)
    .filter(([key]) => /^\d+$/.test(key))
    .map(([key, value]) => [Number(key), value as ChainlinkNetwork]),
);

/** The shortest admin delay a collection accepts outside development chains (SeedLogic.MIN_LIVE_ADMIN_DELAY). */
export const MIN_LIVE_ADMIN_DELAY = 24 * 3600;

/** Symbols name deployment files (`deployments/<network>/LivingAsset_<SYMBOL>.json`). */
export const SYMBOL_PATTERN = /^[A-Za-z0-9]{1,16}$/;

/**
 * The collection's settings: defaults, overridden by the environment or `.env` (see .env.example,
 * each variable with its unit). Environment values are read when used (getters), so `.env`, loaded
 * after this module, counts; a bad value is a one-line error naming the variable.
 */
export const COLLECTION_DEFAULTS = {
  get name(): string {
    return textSetting("COLLECTION_NAME", "Vivarium Genesis", 64);
  },
  get symbol(): string {
    const symbol = envValue("COLLECTION_SYMBOL") ?? "VIVA";
    if (!SYMBOL_PATTERN.test(symbol))
      throw settingError(
        `COLLECTION_SYMBOL must be 1 to 16 letters or digits (it names the deployment file); got "${symbol}"`,
      );
    return symbol;
  },
  get description(): string {
    return textSetting(
      "COLLECTION_DESCRIPTION",
      "Living assets: creatures born from Chainlink VRF, shaped by the market they live through and by the care of their holders.",
      160,
    );
  },
  /** MINT_PRICE, in ETH (0.01 by default), as wei. */
  get priceWei(): bigint {
    refuseRenamed();
    return ethSetting("MINT_PRICE", "0.01", 2n ** 96n - 1n);
  },
  get maxSupply(): number {
    return wholeSetting("MAX_SUPPLY", 10_000, 1, 2 ** 53 - 1, "tokens");
  },
  get maxPerWallet(): number {
    return wholeSetting("MAX_PER_WALLET", 100, 1, 2 ** 32 - 1, "tokens");
  },
  get maxPerMint(): number {
    return wholeSetting("MAX_PER_MINT", 20, 1, 1_000, "tokens");
  },
  /** ROYALTY_BPS: the default ERC-2981 royalty in basis points (500 = 5%), at most maxRoyaltyBps. */
  get royaltyBps(): number {
    return wholeSetting("ROYALTY_BPS", 500, 0, 1_000, "basis points (500 = 5%)");
  },
  /** The royalty cap, fixed forever at initialisation: 10%. */
  maxRoyaltyBps: 1_000,
  /** TREASURY: where mint proceeds go (default: the deployer). */
  get treasury(): string | undefined {
    return addressSetting("TREASURY");
  },
  /** ROYALTY_RECEIVER: who receives the default royalty (default: the deployer). */
  get royaltyReceiver(): string | undefined {
    return addressSetting("ROYALTY_RECEIVER");
  },
  // The default admin's delay: two-step admin transfers, and the notice holders get of a VRF
  // coordinator change. At least one day outside development chains (the collection refuses less).
  get adminDelaySeconds(): number {
    return wholeSetting("ADMIN_DELAY", 2 * 24 * 3600, 0, 2 ** 48 - 1, "seconds");
  },
  callbackGasLimit: 200_000,
  rerequestTimeoutSeconds: 24 * 3600,
  // Reveal cohorts: anyone (or the collection's Automation upkeep) may close the open cohort this
  // long after it opened; INSTANT_REVEAL=true makes every mint request its own word instead.
  get minRevealDelaySeconds(): number {
    return wholeSetting("MIN_REVEAL_DELAY", 900, 60, 30 * 24 * 3600, "seconds");
  },
  get instantReveal(): boolean {
    return flagSetting("INSTANT_REVEAL");
  },
  get epochIntervalSeconds(): number {
    return wholeSetting("EPOCH_INTERVAL", 3600, 1, 2 ** 32 - 1, "seconds");
  },
  heartbeatSeconds: 3600,
  sequencerGracePeriodSeconds: 3600,
  moodThresholdBps: 100,
};

/**
 * Every problem in the collection settings, one line each (empty when all are valid): checked
 * before a deploy sends anything.
 */
export function collectionSettingProblems(): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(COLLECTION_DEFAULTS) as (keyof typeof COLLECTION_DEFAULTS)[]) {
    try {
      void COLLECTION_DEFAULTS[key];
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return problems;
}

/** Development mock parameters: VRF fees and the starting ETH/USD answer (8 decimals). */
export const MOCKS = {
  vrfBaseFee: 100_000_000_000_000_000n, // 0.1 LINK
  vrfGasPrice: 1_000_000_000n, // 1 gwei
  vrfWeiPerUnitLink: 4_000_000_000_000_000n,
  feedDecimals: 8,
  feedInitialAnswer: 3_000n * 10n ** 8n,
  subscriptionFund: 1_000n * 10n ** 18n,
  keyHash: "0x787d74caea10b2b357790d5b5247c2f63d1d91572a9846f780606e4d953677ae",
};

/** Names the deploy scripts save the proxy and libraries under. */
export const LIBRARIES = [
  "SaleLogic",
  "SeedLogic",
  "InteractionLogic",
  "MetadataLogic",
  "RoyaltyLogic",
  "SetupLogic",
] as const;
