import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";

/**
 * The PageStore: content-addressed pages (SSTORE2) that art packs keep their layers in, one per
 * chain, shared by every pack. `npx hardhat pack upload` deploys it too when it is missing.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  await hre.deployments.deploy("PageStore", { from: deployer, log: hre.network.name !== "hardhat" });
};
func.tags = ["pages"];
export default func;
