import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";

/**
 * The stateless renderer and its art contracts, deployed first and given to it (the renderer's
 * initcode would otherwise carry all of their code): FaceArt, then OrganismArt (it draws faces
 * with FaceArt), TerrariumArt, then LivingAssetRenderer(organismArt, terrariumArt).
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const log = hre.network.name !== "hardhat";
  const { deploy } = hre.deployments;
  const face = await deploy("FaceArt", { from: deployer, log });
  const organism = await deploy("OrganismArt", { from: deployer, log, args: [face.address] });
  const terrarium = await deploy("TerrariumArt", { from: deployer, log });
  await deploy("LivingAssetRenderer", { from: deployer, log, args: [organism.address, terrarium.address] });
};
func.tags = ["renderer"];
export default func;
