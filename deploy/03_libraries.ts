import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";

/**
 * The collection's external logic libraries (linked into the implementation), in dependency
 * order: a library that calls another's external functions is linked to it.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments } = hre;
  const { deployer } = await hre.getNamedAccounts();
  const log = hre.network.name !== "hardhat";
  const at = async (name: string) => (await deployments.get(name)).address;
  for (const name of ["SaleLogic", "SeedLogic", "RoyaltyLogic", "MetadataLogic"]) {
    await deployments.deploy(name, { from: deployer, log });
  }
  await deployments.deploy("InteractionLogic", {
    from: deployer,
    log,
    libraries: { SeedLogic: await at("SeedLogic") },
  });
  const setupLinks: Record<string, string> = {};
  for (const name of ["SeedLogic", "RoyaltyLogic", "MetadataLogic", "SaleLogic"]) setupLinks[name] = await at(name);
  await deployments.deploy("SetupLogic", { from: deployer, log, libraries: setupLinks });
};
func.tags = ["libraries"];
export default func;
