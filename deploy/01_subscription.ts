import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { DEVELOPMENT_CHAINS, MOCKS } from "../config/networks";

/** Development chains: create and fund a VRF subscription on the mock (once). */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments, ethers } = hre;
  if (await deployments.getOrNull("VRFSubscription")) return;
  const coordinatorDeployment = await deployments.get("VRFCoordinatorV2_5Mock");
  const coordinator = await ethers.getContractAt("VRFCoordinatorV2_5Mock", coordinatorDeployment.address);
  const receipt = await (await coordinator.createSubscription()).wait();
  const log = receipt!.logs
    .map((l) => {
      try {
        return coordinator.interface.parseLog(l);
      } catch {
        return null;
      }
    })
    .find((p) => p?.name === "SubscriptionCreated");
  const subId: bigint = log!.args.subId;
  await (await coordinator.fundSubscription(subId, MOCKS.subscriptionFund)).wait();
  await (await coordinator.fundSubscriptionWithNative(subId, { value: 100n * 10n ** 18n })).wait();
  await deployments.save("VRFSubscription", {
    address: coordinatorDeployment.address,
    abi: [],
    linkedData: { subscriptionId: subId.toString() },
  });
};
func.tags = ["subscription"];
func.dependencies = ["mocks"];
func.skip = async (hre) => !DEVELOPMENT_CHAINS.includes(hre.network.name);
export default func;
