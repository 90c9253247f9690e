import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { DEVELOPMENT_CHAINS } from "../config/networks";

/**
 * Configuration. Development chains: the collection becomes a consumer of the mock subscription,
 * the deployer gets every operating role and the sale opens. Live chains: add the proxy as a
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
