import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";

/**
 * The PageStore: content-addressed pages (SSTORE2) that art packs keep their layers in, one per
 * chain, shared by every pack; and the PackCheck library their renderers link to. `npx hardhat
 * pack upload` deploys them too when they are missing.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const log = hre.network.name !== "hardhat";
  await hre.deployments.deploy("PageStore", { from: deployer, log });
  // The index checker every pack's renderer links to.
  await hre.deployments.deploy("PackCheck", { from: deployer, log });
};
func.tags = ["pages"];
export default func;
