import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { DEVELOPMENT_CHAINS, MOCKS } from "../config/networks";
import { deploymentRecord } from "../scripts/lib/collection";

/** Development chains: create and fund a VRF subscription on the mock (once). */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments, ethers } = hre;
  if (await deployments.getOrNull("VRFSubscription")) return;
  const coordinatorDeployment = await deployments.get("VRFCoordinatorV2_5Mock");
  const coordinator = await ethers.getContractAt("VRFCoordinatorV2_5Mock", coordinatorDeployment.address);
  const tx = await coordinator.createSubscription();
  const receipt = await tx.wait();
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
    // The subscription's creation: where an indexer of its events starts.
    ...(await deploymentRecord(hre, tx.hash)),
  });
};
func.tags = ["subscription"];
func.dependencies = ["mocks"];
func.skip = async (hre) => !DEVELOPMENT_CHAINS.includes(hre.network.name);
export default func;
