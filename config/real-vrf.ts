/**
 * Development chains, opt-in: Chainlink's real VRF v2.5 coordinator (deploy/06_real_vrf.ts) instead
 * of the mock. Fees and limits are those Chainlink publishes for VRF v2.5 on Ethereum mainnet
 * (premium 20% in LINK / 24% in native, no flat fee, 2,500,000 max callback gas, 3 to 200
 * confirmations, a 500 gwei gas lane); the LINK/ETH price is a MockV3Aggregator's answer.
 */

/** Set to "1" to make plain `hardhat deploy` (no tags) include the real coordinator too. */
export const REAL_VRF_ENV = "VIVARIUM_REAL_VRF";

/** Whether the deploy scripts should set up the real coordinator (see {@link withRealVrf}). */
export function realVrfRequested(): boolean {
  return process.env[REAL_VRF_ENV] === "1";
}

/**
 * Runs `fn` (typically `deployments.fixture(["real-vrf"])`) with the real coordinator requested.
 * The deploy script stays out of untagged deploys (`npx hardhat deploy`, `hardhat node`), which
 * keep the mock, unless the variable is set by the user.
 */
export async function withRealVrf<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env[REAL_VRF_ENV];
  process.env[REAL_VRF_ENV] = "1";
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env[REAL_VRF_ENV];
    else process.env[REAL_VRF_ENV] = before;
  }
}

export const REAL_VRF = {
  /**
   * The development proving key's secret scalar. Public on purpose: it only proves on local chains,
   * where whoever runs the node is the oracle anyway. (keccak256("vivarium development VRF key").)
   */
  provingKeySecret: 0xc157c33d5e1c0e0e319af2feb5bd63a28d361208d4b13057f385a18809b78097n,
  /** Gas lane: the most the oracle may bid per gas when fulfilling (a 500 gwei lane). */
  gasLaneMaxWei: 500_000_000_000n,
  minimumRequestConfirmations: 3,
  maxGasLimit: 2_500_000,
  /** LINK/native feed older than this: the coordinator bills at the fallback price. */
  stalenessSeconds: 86_400,
  /** Gas the coordinator bills for its own work after it measures the fulfilment. */
  gasAfterPaymentCalculation: 48_000,
  fallbackWeiPerUnitLink: 5_000_000_000_000_000n, // 0.005 ETH per LINK
  fulfillmentFlatFeeNativePPM: 0,
  fulfillmentFlatFeeLinkDiscountPPM: 0,
  nativePremiumPercentage: 24,
  linkPremiumPercentage: 20,
  /** The LINK/ETH feed (18 decimals): wei per LINK. */
  linkNativeFeedDecimals: 18,
  weiPerUnitLink: 5_000_000_000_000_000n,
  /** What the deployer mints itself and puts in each subscription. */
  linkMinted: 1_000_000n * 10n ** 18n,
  linkSubscriptionFund: 100n * 10n ** 18n,
  nativeSubscriptionFund: 10n * 10n ** 18n,
} as const;
