import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { COLLECTION_DEFAULTS, DEVELOPMENT_CHAINS, MOCKS } from "../config/networks";
import { collectionFactory, saveProxyDeployment } from "../scripts/lib/collection";
import { livePlan } from "../tasks/lib/live-plan";

/**
 * The collection: a UUPS proxy over `LivingAsset` living in the World, deployed and validated by
 * `@openzeppelin/hardhat-upgrades`. A second run reuses the saved proxy.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments, upgrades, network } = hre;
  const existing = await deployments.getOrNull("LivingAsset");
  if (existing) {
    if (network.name !== "hardhat") console.log(`reusing LivingAsset proxy at ${existing.address}`);
    return;
  }
  const { deployer } = await hre.getNamedAccounts();
  const d = COLLECTION_DEFAULTS;
  const dev = DEVELOPMENT_CHAINS.includes(network.name);

  let coordinator: string, keyHash: string, subscriptionId: bigint, confirmations: number;
  if (dev) {
    coordinator = (await deployments.get("VRFCoordinatorV2_5Mock")).address;
    keyHash = MOCKS.keyHash;
    subscriptionId = BigInt((await deployments.get("VRFSubscription")).linkedData.subscriptionId);
    confirmations = 3;
  } else {
    // The same pre-flight `deploy` ran before the first transaction (tasks/deploy.ts).
    const plan = await livePlan(hre);
    ({ coordinator, keyHash, subscriptionId, requestConfirmations: confirmations } = plan.vrf);
  }

  const params = {
    name: d.name,
    symbol: d.symbol,
    description: d.description,
    admin: deployer,
    adminDelay: d.adminDelaySeconds,
    treasury: d.treasury ?? deployer,
    maxSupply: d.maxSupply,
    price: d.priceWei,
    maxPerWallet: d.maxPerWallet,
    maxPerMint: d.maxPerMint,
    royaltyReceiver: d.royaltyReceiver ?? deployer,
    royaltyBps: d.royaltyBps,
    maxRoyaltyBps: d.maxRoyaltyBps,
    renderer: (await deployments.get("LivingAssetRenderer")).address,
    vrf: {
      coordinator,
      keyHash,
      subscriptionId,
      requestConfirmations: confirmations,
      callbackGasLimit: d.callbackGasLimit,
      nativePayment: false,
      rerequestTimeout: d.rerequestTimeoutSeconds,
    },
    // Reveal cohorts by default: mints make no request; `reveal()` (anyone, after the delay) or
    // the collection's Automation upkeep closes the open cohort with one request.
    minRevealDelay: d.minRevealDelaySeconds,
    instantReveal: d.instantReveal,
    world: (await deployments.get("World")).address,
  };

  const factory = await collectionFactory(hre);
  const proxy = await upgrades.deployProxy(factory, [params], {
    kind: "uups",
    initializer: "initialize",
  });
  await proxy.waitForDeployment();
  // Indexers start from the deploy block: every saved deployment records its transaction.
  const { address, implementation } = await saveProxyDeployment(hre, "LivingAsset", "LivingAsset", proxy);
  if (network.name !== "hardhat") console.log(`LivingAsset proxy ${address} (implementation ${implementation})`);
};

func.tags = ["collection"];
func.dependencies = ["mocks", "subscription", "renderer", "libraries", "world"];
export default func;
