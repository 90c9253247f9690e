import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";

/** The collection's external logic libraries (linked into the implementation). */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments } = hre;
  const { deployer } = await hre.getNamedAccounts();
  const log = hre.network.name !== "hardhat";
  for (const name of ["SaleLogic", "SeedLogic", "EvolutionLogic", "RoyaltyLogic", "MetadataLogic"]) {
    await deployments.deploy(name, { from: deployer, log });
  }
  const seed = await deployments.get("SeedLogic");
  await deployments.deploy("InteractionLogic", { from: deployer, log, libraries: { SeedLogic: seed.address } });
};
func.tags = ["libraries"];
export default func;
