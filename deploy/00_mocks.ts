import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { DEVELOPMENT_CHAINS, MOCKS } from "../config/networks";

/** Chainlink's own VRF v2.5 coordinator mock and MockV3Aggregator, on development chains only. */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments, getNamedAccounts, network } = hre;
  const { deployer } = await getNamedAccounts();
  await deployments.deploy("VRFCoordinatorV2_5Mock", {
    from: deployer,
    args: [MOCKS.vrfBaseFee, MOCKS.vrfGasPrice, MOCKS.vrfWeiPerUnitLink],
    log: network.name !== "hardhat",
  });
  await deployments.deploy("MockV3Aggregator", {
    from: deployer,
    args: [MOCKS.feedDecimals, MOCKS.feedInitialAnswer],
    log: network.name !== "hardhat",
  });
};
func.tags = ["mocks"];
func.skip = async (hre) => !DEVELOPMENT_CHAINS.includes(hre.network.name);
export default func;
