import chainlink from "./chainlink-networks.json";

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

/** Collection defaults used by the deploy scripts; override with environment variables. */
export const COLLECTION_DEFAULTS = {
  name: process.env.COLLECTION_NAME ?? "Vivarium Genesis",
  symbol: process.env.COLLECTION_SYMBOL ?? "VIVA",
  description:
    process.env.COLLECTION_DESCRIPTION ??
    "Living assets: creatures born from Chainlink VRF, shaped by the market they live through and by the care of their holders.",
  priceWei: BigInt(process.env.MINT_PRICE_WEI ?? "10000000000000000"), // 0.01 ETH
  maxSupply: Number(process.env.MAX_SUPPLY ?? 10_000),
  maxPerWallet: Number(process.env.MAX_PER_WALLET ?? 100),
  maxPerMint: Number(process.env.MAX_PER_MINT ?? 20),
  royaltyBps: 500,
  maxRoyaltyBps: 1_000,
  // The default admin's delay: two-step admin transfers, and the notice holders get of a VRF
  // coordinator change. At least one day outside development chains (the collection refuses less).
  adminDelaySeconds: Number(process.env.ADMIN_DELAY || 2 * 24 * 3600),
  callbackGasLimit: 200_000,
  rerequestTimeoutSeconds: 24 * 3600,
  // Reveal cohorts: anyone (or the collection's Automation upkeep) may close the open cohort this
  // long after it opened; INSTANT_REVEAL=true makes every mint request its own word instead.
  minRevealDelaySeconds: Number(process.env.MIN_REVEAL_DELAY ?? 900),
  instantReveal: process.env.INSTANT_REVEAL === "true",
  epochIntervalSeconds: Number(process.env.EPOCH_INTERVAL ?? 3600),
  heartbeatSeconds: 3600,
  sequencerGracePeriodSeconds: 3600,
  moodThresholdBps: 100,
};

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
