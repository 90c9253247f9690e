import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { COLLECTION_DEFAULTS, DEVELOPMENT_CHAINS } from "../config/networks";
import { saveProxyDeployment } from "../scripts/lib/collection";
import { livePlan } from "../tasks/lib/live-plan";

/**
 * The World: a UUPS proxy over `World` (feed checks, epoch log, Automation), shared by every
 * collection of the stack. Deployed and validated by `@openzeppelin/hardhat-upgrades`; a second
 * run reuses the saved proxy.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments, ethers, upgrades, network } = hre;
  const existing = await deployments.getOrNull("World");
  if (existing) {
    if (network.name !== "hardhat") console.log(`reusing World proxy at ${existing.address}`);
    return;
  }
  const { deployer } = await hre.getNamedAccounts();
  const d = COLLECTION_DEFAULTS;
  let feed: string, heartbeat: number, minAnswer: bigint, maxAnswer: bigint;
  let sequencerUptimeFeed = ethers.ZeroAddress;
  if (DEVELOPMENT_CHAINS.includes(network.name)) {
    feed = (await deployments.get("MockV3Aggregator")).address;
    heartbeat = 100 * 365 * 24 * 3600; // the mock's answer only changes when moved by hand
    [minAnswer, maxAnswer] = [1n, 2n ** 88n - 1n]; // set-price refuses what the mock should not answer
  } else {
    // The same pre-flight `deploy` ran before the first transaction (tasks/deploy.ts).
    ({ address: feed, heartbeat, minAnswer, maxAnswer, sequencerUptimeFeed } = (await livePlan(hre)).feed);
  }
  const feedConfig = {
    feed,
    sequencerUptimeFeed,
    epochInterval: d.epochIntervalSeconds,
    heartbeat,
    sequencerGracePeriod: d.sequencerGracePeriodSeconds,
    minAnswer,
    maxAnswer,
    moodThresholdBps: d.moodThresholdBps,
  };
  const factory = await ethers.getContractFactory("World");
  const proxy = await upgrades.deployProxy(factory, [feedConfig, deployer, d.adminDelaySeconds], {
    kind: "uups",
    initializer: "initialize",
  });
  await proxy.waitForDeployment();
  const { address, implementation } = await saveProxyDeployment(hre, "World", "World", proxy);
  if (network.name !== "hardhat") console.log(`World proxy ${address} (implementation ${implementation})`);
};

func.tags = ["world"];
func.dependencies = ["mocks"];
export default func;
