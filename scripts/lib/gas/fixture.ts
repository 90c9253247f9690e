/**
 * The deploy scripts as a fixture, and the chain helpers the tests and the gas benchmark share
 * (closing and fulfilling a cohort, request ids, time). Imports "hardhat" at the top: for
 * `hardhat test` and `hardhat run` scripts, never for tasks.
 */
import hre, { deployments, ethers } from "hardhat";
import type {
  LivingAsset,
  MockV3Aggregator,
  VRFCoordinatorV2_5Mock,
  LivingAssetRenderer,
  World as WorldContract,
} from "../../../typechain-types";

/** Everything the deploy scripts deploy, as typed contracts, plus signers. */
export interface World {
  collection: LivingAsset;
  /** The World contract the collection lives in (feed, epochs, Automation). */
  world: WorldContract;
  coordinator: VRFCoordinatorV2_5Mock;
  feed: MockV3Aggregator;
  renderer: LivingAssetRenderer;
  subscriptionId: bigint;
  deployer: Awaited<ReturnType<typeof ethers.getSigner>>;
  alice: Awaited<ReturnType<typeof ethers.getSigner>>;
  bob: Awaited<ReturnType<typeof ethers.getSigner>>;
  carol: Awaited<ReturnType<typeof ethers.getSigner>>;
}

/** The deploy scripts as a fixture (`deployments.fixture` snapshots and reverts between tests). */
export const deployWorld = deployments.createFixture(async (): Promise<World> => {
  await deployments.fixture(["all"]);
  const [deployer, alice, bob, carol] = await ethers.getSigners();
  const collection = (await ethers.getContractAt(
    "LivingAsset",
    (await deployments.get("LivingAsset")).address,
  )) as unknown as LivingAsset;
  const world = (await ethers.getContractAt(
    "World",
    (await deployments.get("World")).address,
  )) as unknown as WorldContract;
  const coordinator = (await ethers.getContractAt(
    "VRFCoordinatorV2_5Mock",
    (await deployments.get("VRFCoordinatorV2_5Mock")).address,
  )) as unknown as VRFCoordinatorV2_5Mock;
  const feed = (await ethers.getContractAt(
    "MockV3Aggregator",
    (await deployments.get("MockV3Aggregator")).address,
  )) as unknown as MockV3Aggregator;
  const renderer = (await ethers.getContractAt(
    "LivingAssetRenderer",
    (await deployments.get("LivingAssetRenderer")).address,
  )) as unknown as LivingAssetRenderer;
  const subscriptionId = BigInt((await deployments.get("VRFSubscription")).linkedData.subscriptionId);
  return { collection, world, coordinator, feed, renderer, subscriptionId, deployer, alice, bob, carol };
});

export const PRICE = 10_000_000_000_000_000n;

/** Request ids of the `RandomnessRequested` events in a receipt. */
export async function requestIdsOf(
  collection: LivingAsset,
  tx: Promise<{ wait(): Promise<unknown> }>,
): Promise<bigint[]> {
  const receipt = (await (await tx).wait()) as { logs: { topics: readonly string[]; data: string }[] };
  const ids: bigint[] = [];
  for (const log of receipt.logs) {
    try {
      const parsed = collection.interface.parseLog(log);
      if (parsed?.name === "RandomnessRequested") ids.push(parsed.args.requestId as bigint);
    } catch {
      /* another contract's event */
    }
  }
  return ids;
}

/**
 * Make the next block's time `at`, unless the chain's clock is already past it. The in-process
 * chain's clock follows the wall clock, also after a fixture's snapshot is restored, so a time read
 * from the fixture's state (its cohort's `openedAt`) may lie in the past by the time a late test
 * runs: "at least `at`" is what such a test means.
 */
export async function timeAtLeast(at: bigint): Promise<void> {
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  if (at > now) await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(at)]);
}

/**
 * Close the open reveal cohort with `reveal()` (anyone may), first moving the next block's time
 * to when the minimum delay allows it. Returns the cohort's request id (0 if refused).
 */
export async function closeCohort(w: Pick<World, "collection">, from?: World["alice"]): Promise<bigint> {
  const state = await w.collection.cohortState();
  const availableAt = state.openedAt + BigInt(state.minRevealDelay);
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  if (availableAt > now) await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(availableAt)]);
  const c = from ? w.collection.connect(from) : w.collection;
  const [requestId] = await requestIdsOf(w.collection, c.reveal());
  return requestId ?? 0n;
}

/** Fulfil `requestId` through the mock coordinator with its own word. */
export async function fulfil(w: Pick<World, "collection" | "coordinator">, requestId: bigint): Promise<void> {
  await (await w.coordinator.fulfillRandomWords(requestId, await w.collection.getAddress())).wait();
}

/** A signer for `address` (a contract, e.g. a coordinator), with gas money. */
export async function impersonate(address: string): Promise<Awaited<ReturnType<typeof ethers.getSigner>>> {
  await hre.network.provider.send("hardhat_impersonateAccount", [address]);
  await hre.network.provider.send("hardhat_setBalance", [address, "0x1000000000000000000"]);
  return ethers.getSigner(address);
}

/** A contract struct result as a plain object (ethers `Result.toObject`), typed loosely for spreads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function plain(result: unknown): any {
  return (result as { toObject(): Record<string, unknown> }).toObject();
}
