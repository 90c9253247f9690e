import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import type { Log } from "ethers";
import { DEVELOPMENT_CHAINS } from "../config/networks";
import { REAL_VRF, realVrfRequested } from "../config/real-vrf";
import { vrfKey } from "../scripts/lib/vrf-prover";

/**
 * Development chains, opt-in (tag "real-vrf", not part of "all"): Chainlink's production VRF v2.5
 * coordinator with its blockhash store, a LINK token and a LINK/ETH feed, configured with
 * Chainlink's mainnet fees, a registered proving key (the prover in scripts/lib/vrf-prover.ts
 * holds its secret), one subscription funded in LINK (through `transferAndCall`) and one in native
 * currency, the collection a consumer of both and switched to the LINK one.
 *
 * Saves `RealVrfSubscriptions` (linkedData: `{ link, native }` subscription ids).
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployments, ethers, network } = hre;
  if (await deployments.getOrNull("RealVrfSubscriptions")) return;
  const { deployer } = await hre.getNamedAccounts();
  const log = network.name !== "hardhat";
  const c = REAL_VRF;

  const store = await deployments.deploy("BlockhashStore", { from: deployer, log });
  const link = await deployments.deploy("LinkToken", { from: deployer, log });
  const feed = await deployments.deploy("LinkNativeFeed", {
    contract: "MockV3Aggregator",
    from: deployer,
    args: [c.linkNativeFeedDecimals, c.weiPerUnitLink],
    log,
  });
  const deployed = await deployments.deploy("VRFCoordinatorV2_5", {
    from: deployer,
    args: [store.address],
    log,
    // 22 KB of runtime code, about 5.5M gas optimised; unoptimised (solidity-coverage compiles
    // everything so) it needs more: a fixed limit under the 16,777,216 per-transaction cap, which an
    // estimate with its margin could exceed.
    gasLimit: 15_000_000,
  });

  const coordinator = await ethers.getContractAt("VRFCoordinatorV2_5", deployed.address);
  const token = await ethers.getContractAt("LinkToken", link.address);
  const collection = await ethers.getContractAt("LivingAsset", (await deployments.get("LivingAsset")).address);
  const consumer = await collection.getAddress();
  const send = async (tx: Promise<{ wait(): Promise<unknown> }>) => (await tx).wait();

  await send(
    coordinator.setConfig(
      c.minimumRequestConfirmations,
      c.maxGasLimit,
      c.stalenessSeconds,
      c.gasAfterPaymentCalculation,
      c.fallbackWeiPerUnitLink,
      c.fulfillmentFlatFeeNativePPM,
      c.fulfillmentFlatFeeLinkDiscountPPM,
      c.nativePremiumPercentage,
      c.linkPremiumPercentage,
    ),
  );
  await send(coordinator.setLINKAndLINKNativeFeed(link.address, feed.address));
  const key = vrfKey(c.provingKeySecret);
  await send(coordinator.registerProvingKey(key.publicKey, c.gasLaneMaxWei));

  await send(token.grantMintRole(deployer));
  await send(token.mint(deployer, c.linkMinted));

  const createSubscription = async (): Promise<bigint> => {
    const receipt = (await (await coordinator.createSubscription()).wait())!;
    for (const entry of receipt.logs as Log[]) {
      const parsed = coordinator.interface.parseLog(entry);
      if (parsed?.name === "SubscriptionCreated") return parsed.args.subId as bigint;
    }
    throw new Error("createSubscription emitted no SubscriptionCreated");
  };
  const linkSub = await createSubscription();
  const nativeSub = await createSubscription();
  // LINK reaches a subscription only through ERC-677 transferAndCall (the coordinator's onTokenTransfer).
  const abi = ethers.AbiCoder.defaultAbiCoder();
  await send(token.transferAndCall(deployed.address, c.linkSubscriptionFund, abi.encode(["uint256"], [linkSub])));
  await send(coordinator.fundSubscriptionWithNative(nativeSub, { value: c.nativeSubscriptionFund }));
  for (const sub of [linkSub, nativeSub]) await send(coordinator.addConsumer(sub, consumer));

  // Move the collection to the real coordinator the default admin's way: schedule the change, let
  // the admin delay pass (this development chain's clock is moved on), apply it. (Chainlink's
  // subscription migration moves it only for the collection's own subscription, which the mock
  // cannot migrate: it has no `migrate`.) On a live chain the coordinator changes through `migrate`
  // or the default admin after the admin delay.
  await send(collection.setCoordinator(deployed.address));
  const { coordinatorEffectiveAt } = await collection.cohortState();
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  if (Number(coordinatorEffectiveAt) > now)
    await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(coordinatorEffectiveAt)]);
  await send(collection.setCoordinator(deployed.address));
  // Then its request parameters (nothing is pending right after the deploy): the LINK subscription.
  const current = await collection.vrfConfig();
  await send(
    collection.setVrfConfig({
      coordinator: deployed.address,
      keyHash: key.keyHash,
      subscriptionId: linkSub,
      requestConfirmations: Math.max(Number(current.requestConfirmations), c.minimumRequestConfirmations),
      callbackGasLimit: current.callbackGasLimit,
      nativePayment: false,
      rerequestTimeout: current.rerequestTimeout,
    }),
  );
  await deployments.save("RealVrfSubscriptions", {
    address: deployed.address,
    abi: [],
    linkedData: { link: linkSub.toString(), native: nativeSub.toString() },
  });
  if (log)
    console.log(`real VRF coordinator ${deployed.address}: subscriptions ${linkSub} (LINK), ${nativeSub} (native)`);
};
func.tags = ["real-vrf"];
func.dependencies = ["configure"];
// Opt-in: `deployments.fixture(["real-vrf"])` through withRealVrf (config/real-vrf.ts), or
// VIVARIUM_REAL_VRF=1 for a node. Untagged deploys keep the mock.
func.skip = async (hre) => !DEVELOPMENT_CHAINS.includes(hre.network.name) || !realVrfRequested();
export default func;
