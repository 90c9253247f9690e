import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { COLLECTION_DEFAULTS, DEVELOPMENT_CHAINS, MOCKS, requireLive } from "../config/networks";
import { collectionFactory } from "../scripts/lib/collection";

/**
 * The collection: a UUPS proxy over `LivingAsset`, deployed and validated by
 * `@openzeppelin/hardhat-upgrades`. A second run reuses the saved proxy.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments, ethers, upgrades, network } = hre;
  const existing = await deployments.getOrNull("LivingAsset");
  if (existing) {
    if (network.name !== "hardhat") console.log(`reusing LivingAsset proxy at ${existing.address}`);
    return;
  }
  const { deployer } = await hre.getNamedAccounts();
  const d = COLLECTION_DEFAULTS;
  const dev = DEVELOPMENT_CHAINS.includes(network.name);
  const chainId = Number((await ethers.provider.getNetwork()).chainId);

  let coordinator: string, keyHash: string, subscriptionId: bigint, confirmations: number, feed: string;
  let heartbeat = d.heartbeatSeconds;
  let sequencerUptimeFeed = ethers.ZeroAddress;
  if (dev) {
    coordinator = (await deployments.get("VRFCoordinatorV2_5Mock")).address;
    keyHash = MOCKS.keyHash;
    subscriptionId = BigInt((await deployments.get("VRFSubscription")).linkedData.subscriptionId);
    confirmations = 3;
    feed = (await deployments.get("MockV3Aggregator")).address;
    heartbeat = 100 * 365 * 24 * 3600; // the mock's answer only changes when moved by hand
  } else {
    const live = requireLive(chainId);
    coordinator = live.vrfCoordinatorV2_5;
    keyHash = process.env.VRF_KEY_HASH ?? live.keyHashes[0].hash;
    subscriptionId = BigInt(process.env.VRF_SUBSCRIPTION_ID!);
    confirmations = Math.max(live.minRequestConfirmations ?? 3, 3);
    feed = live.feed;
    heartbeat = Number(process.env.FEED_HEARTBEAT ?? live.nativeUsdFeed.heartbeatSeconds);
    sequencerUptimeFeed = live.sequencerUptimeFeed ?? ethers.ZeroAddress;
  }

  const params = {
    name: d.name,
    symbol: d.symbol,
    description: d.description,
    admin: deployer,
    adminDelay: d.adminDelaySeconds,
    treasury: process.env.TREASURY ?? deployer,
    maxSupply: d.maxSupply,
    price: d.priceWei,
    maxPerWallet: d.maxPerWallet,
    maxPerMint: d.maxPerMint,
    royaltyReceiver: process.env.ROYALTY_RECEIVER ?? deployer,
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
    feed: {
      feed,
      sequencerUptimeFeed,
      epochInterval: d.epochIntervalSeconds,
      heartbeat,
      sequencerGracePeriod: d.sequencerGracePeriodSeconds,
      minAnswer: 1n,
      maxAnswer: 2n ** 88n - 1n,
      moodThresholdBps: d.moodThresholdBps,
    },
  };

  const factory = await collectionFactory(hre);
  const proxy = await upgrades.deployProxy(factory, [params], {
    kind: "uups",
    initializer: "initialize",
  });
  await proxy.waitForDeployment();
  const address = await proxy.getAddress();
  const implementation = await upgrades.erc1967.getImplementationAddress(address);
  const artifact = await deployments.getExtendedArtifact("LivingAsset");
  await deployments.save("LivingAsset", { address, abi: artifact.abi, implementation });
  if (network.name !== "hardhat") console.log(`LivingAsset proxy ${address} (implementation ${implementation})`);
};
func.tags = ["collection"];
func.dependencies = ["mocks", "subscription", "renderer", "libraries"];
export default func;
