import hre, { deployments, ethers } from "hardhat";
import type { Contract } from "ethers";
import type {
  BlockhashStore,
  LinkToken,
  LivingAsset,
  LivingAssetRenderer,
  MockV3Aggregator,
  VRFCoordinatorV2_5,
  VRFCoordinatorV2_5Mock,
  World,
} from "../../../typechain-types";
import { REAL_VRF, withRealVrf } from "../../../config/real-vrf";
import { vrfKey, type VrfKey } from "../vrf-prover";
import { findRealRequest, fulfilReal, type FulfilOptions, type Fulfilment, type PendingRequest } from "../vrf-fulfil";
import { PRICE, closeCohort } from "./fixture";

type Signer = Awaited<ReturnType<typeof ethers.getSigner>>;

/** The deploy scripts with tag "real-vrf": everything of `deployWorld`, on Chainlink's real coordinator. */
export interface RealWorld {
  collection: LivingAsset;
  world: World;
  coordinator: VRFCoordinatorV2_5;
  /** The mock the collection was deployed with (still deployed, no longer configured). */
  mock: VRFCoordinatorV2_5Mock;
  store: BlockhashStore;
  link: LinkToken;
  feed: MockV3Aggregator;
  linkNativeFeed: MockV3Aggregator;
  renderer: LivingAssetRenderer;
  linkSub: bigint;
  nativeSub: bigint;
  key: VrfKey;
  deployer: Signer;
  alice: Signer;
  bob: Signer;
  carol: Signer;
  /** Sends the fulfilments, as a Chainlink node's key would: anyone may, the proof is what counts. */
  oracle: Signer;
}

/** A fixed gas price for fulfilments, so that what a subscription is charged is reproducible. */
export const FULFIL_GAS_PRICE = 10_000_000_000n; // 10 gwei

export const deployRealWorld = deployments.createFixture(async (): Promise<RealWorld> => {
  await withRealVrf(() => deployments.fixture(["real-vrf"]));
  const at = async <T>(name: string, deployment = name): Promise<T> =>
    (await ethers.getContractAt(name, (await deployments.get(deployment)).address)) as unknown as T;
  const [deployer, alice, bob, carol, , , oracle] = await ethers.getSigners();
  const subs = (await deployments.get("RealVrfSubscriptions")).linkedData as { link: string; native: string };
  return {
    collection: await at<LivingAsset>("LivingAsset"),
    world: await at<World>("World"),
    coordinator: await at<VRFCoordinatorV2_5>("VRFCoordinatorV2_5"),
    mock: await at<VRFCoordinatorV2_5Mock>("VRFCoordinatorV2_5Mock"),
    store: await at<BlockhashStore>("BlockhashStore"),
    link: await at<LinkToken>("LinkToken"),
    feed: await at<MockV3Aggregator>("MockV3Aggregator"),
    linkNativeFeed: await at<MockV3Aggregator>("MockV3Aggregator", "LinkNativeFeed"),
    renderer: await at<LivingAssetRenderer>("LivingAssetRenderer"),
    linkSub: BigInt(subs.link),
    nativeSub: BigInt(subs.native),
    key: vrfKey(REAL_VRF.provingKeySecret),
    deployer,
    alice,
    bob,
    carol,
    oracle,
  };
});

/** The coordinator's view of a request the collection made. */
export async function pendingRequest(w: RealWorld, requestId: bigint): Promise<PendingRequest> {
  const request = await findRealRequest(
    w.coordinator as unknown as Contract,
    requestId,
    await w.collection.getAddress(),
  );
  if (!request) throw new Error(`the real coordinator has no request ${requestId}`);
  return request;
}

/** Fulfil a request as a Chainlink node would (confirmations, proof, exact gas), at FULFIL_GAS_PRICE. */
export async function fulfilRequest(w: RealWorld, requestId: bigint, options: FulfilOptions = {}): Promise<Fulfilment> {
  return fulfilReal(hre, w.coordinator as unknown as Contract, await pendingRequest(w, requestId), {
    from: w.oracle,
    gasPrice: FULFIL_GAS_PRICE,
    ...options,
  });
}

/**
 * Mint `quantity` as `who` into the open cohort, then close the cohort with `reveal()` (moving time
 * past the minimum delay): returns the cohort's request id, sent to Chainlink's coordinator.
 */
export async function mintRequest(w: RealWorld, who: Signer, quantity: number): Promise<bigint> {
  const sale = await w.collection.saleConfig();
  if (BigInt(quantity) > sale.maxPerMint) await (await w.collection.setSaleConfig(PRICE, 10_000, 1_000, 100)).wait();
  await (await w.collection.connect(who).mint(quantity, { value: PRICE * BigInt(quantity) })).wait();
  return closeCohort(w);
}

/** A subscription's LINK (juels) and native (wei) balances. */
export async function balances(
  w: RealWorld,
  subId: bigint,
): Promise<{ link: bigint; native: bigint; reqCount: bigint }> {
  const s = await w.coordinator.getSubscription(subId);
  return { link: s.balance, native: s.nativeBalance, reqCount: s.reqCount };
}

/**
 * Gas the consumer's callback used inside the coordinator's exact-gas CALL, from the transaction's
 * trace: of the calls the coordinator makes (depth 2 frames: the callback, the LINK/ETH feed, the
 * blockhash store), the one that starts with exactly `callbackGasLimit`; used = that limit minus
 * what the frame had left when it returned.
 */
export async function callbackGasUsed(txHash: string, callbackGasLimit: bigint): Promise<bigint> {
  const trace = (await hre.network.provider.send("debug_traceTransaction", [
    txHash,
    { disableStorage: true, disableMemory: true, disableStack: true },
  ])) as { structLogs: { depth: number; gas: number; gasCost: number }[] };
  const frames: { gas: number; gasCost: number }[][] = [];
  let current: { gas: number; gasCost: number }[] | undefined;
  for (const step of trace.structLogs) {
    if (step.depth === 2) {
      if (!current) frames.push((current = []));
      current.push(step);
    } else if (step.depth === 1) current = undefined;
  }
  const callback = frames.find((f) => BigInt(f[0].gas) === callbackGasLimit);
  if (!callback) throw new Error(`no call frame starting with ${callbackGasLimit} gas in ${txHash}`);
  const last = callback[callback.length - 1];
  return callbackGasLimit - BigInt(last.gas - last.gasCost);
}
