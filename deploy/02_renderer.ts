import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";

/** The stateless renderer (it deploys its two art contracts in its constructor). */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  await hre.deployments.deploy("LivingAssetRenderer", { from: deployer, log: hre.network.name !== "hardhat" });
};
func.tags = ["renderer"];
export default func;
