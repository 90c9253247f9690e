import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { DEVELOPMENT_CHAINS } from "../config/networks";

/**
 * Configuration. Every chain: the deployer gets every operating role of the collection and the
 * world, and the collection subscribes to the world. Development chains: the collection becomes a
 * consumer of the mock subscription and the sale opens. Live chains: add the proxy as a
 * consumer of your subscription yourself (`npx hardhat vrf add-consumer`) and grant roles.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments, ethers, network } = hre;
  const { deployer } = await hre.getNamedAccounts();
  const collection = await ethers.getContractAt("LivingAsset", (await deployments.get("LivingAsset")).address);
  for (const role of ["MINTER_ROLE", "CONFIG_ROLE", "PAUSER_ROLE", "UPGRADER_ROLE"] as const) {
    const id = await collection[role]();
    if (!(await collection.hasRole(id, deployer))) await (await collection.grantRole(id, deployer)).wait();
  }
  // The world: the deployer operates it, and the collection hears of every epoch.
  const world = await ethers.getContractAt("World", (await deployments.get("World")).address);
  for (const role of ["CONFIG_ROLE", "UPGRADER_ROLE"] as const) {
    const id = await world[role]();
    if (!(await world.hasRole(id, deployer))) await (await world.grantRole(id, deployer)).wait();
  }
  const subscribed = (await world.subscribers()).map((a) => a.toLowerCase());
  if (!subscribed.includes((await collection.getAddress()).toLowerCase())) {
    await (await world.addSubscriber(await collection.getAddress())).wait();
  }
  if (!DEVELOPMENT_CHAINS.includes(network.name)) return;
  const coordinator = await ethers.getContractAt(
    "VRFCoordinatorV2_5Mock",
    (await deployments.get("VRFCoordinatorV2_5Mock")).address,
  );
  const subId = BigInt((await deployments.get("VRFSubscription")).linkedData.subscriptionId);
  const target = await collection.getAddress();
  if (!(await coordinator.consumerIsAdded(subId, target))) await (await coordinator.addConsumer(subId, target)).wait();
  const sale = await collection.saleConfig();
  if (!sale.open) await (await collection.setSaleOpen(true)).wait();
};
func.tags = ["configure", "all"];
func.dependencies = ["collection"];
export default func;
