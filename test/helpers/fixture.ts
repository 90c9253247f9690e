import hre, { deployments, ethers } from "hardhat";
import type {
  LivingAsset,
  MockV3Aggregator,
  VRFCoordinatorV2_5Mock,
  LivingAssetRenderer,
  World as WorldContract,
} from "../../typechain-types";

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

/** Every ERC-7496 trait the collection answers, by name (its key is keccak256 of the name). */
export const TRAIT_NAMES = [
  "stage",
  "generation",
  "age",
  "vitality",
  "mood",
  "temperament",
  "revealed",
  "metamorphosisPending",
  "genome",
] as const;

/** `ISeedModule.IgnoreReason`: why a VRF fulfilment was ignored. */
export const IgnoreReason = { UnknownRequest: 0, StaleRequest: 1, NoWords: 2 } as const;

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

/**
 * Mint `quantity` to `who` into the open cohort, close the cohort with `reveal()` and fulfil its
 * request through the real mock coordinator. Returns the cohort's request id.
 */
export async function mintAndReveal(w: World, who: World["alice"], quantity: number): Promise<bigint> {
  await (await w.collection.connect(who).mint(quantity, { value: PRICE * BigInt(quantity) })).wait();
  const requestId = await closeCohort(w);
  await fulfil(w, requestId);
  return requestId;
}

/** Public mint of `quantity` by `who` at the fixture's price, into the open cohort. */
export async function mintAs(w: Pick<World, "collection">, who: World["alice"], quantity: number): Promise<void> {
  await (await w.collection.connect(who).mint(quantity, { value: PRICE * BigInt(quantity) })).wait();
}

/** A signer for `address` (a contract, e.g. a coordinator), with gas money. */
export async function impersonate(address: string): Promise<Awaited<ReturnType<typeof ethers.getSigner>>> {
  await hre.network.provider.send("hardhat_impersonateAccount", [address]);
  await hre.network.provider.send("hardhat_setBalance", [address, "0x1000000000000000000"]);
  return ethers.getSigner(address);
}

/**
 * Everything the seed module shows, for "nothing changed" checks: the VRF configuration, the
 * cohort state, every closed cohort and every token's reveal state.
 */
export async function seedState(w: Pick<World, "collection">) {
  const reveal = plain(await w.collection.cohortState());
  const cohorts = [];
  for (let i = 0n; i < reveal.cohortCount; i++) cohorts.push(plain(await w.collection.cohort(i)));
  const supply = Number(await w.collection.totalSupply());
  const revealed = [];
  for (let id = 1; id <= supply; id++) revealed.push(await w.collection.isRevealed(id));
  return { vrf: plain(await w.collection.vrfConfig()), reveal, cohorts, revealed };
}

/** Move the mock feed to `answer` and advance the world one epoch after the interval. */
export async function advance(w: Pick<World, "world" | "feed">, answer: bigint): Promise<void> {
  const next = await w.world.nextEpochAt();
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  if (next > now) await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(next)]);
  await (await w.feed.updateAnswer(answer)).wait();
  await (await w.world.advanceEpoch()).wait();
}

/**
 * A token's seed as the collection derives it: keccak256(abi.encode(word, tokenId)), the word being
 * its cohort's VRF word. (VRFCoordinatorV2_5Mock's word for a request is the same formula:
 * `seedOf(requestId, 0)`.)
 */
export function seedOf(word: bigint, tokenId: bigint | number): bigint {
  return BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "uint256"], [word, tokenId])));
}

/** A contract struct result as a plain object (ethers `Result.toObject`), typed loosely for spreads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function plain(result: unknown): any {
  return (result as { toObject(): Record<string, unknown> }).toObject();
}

/**
 * `initialize` parameters for another collection on the fixture's stack (its renderer, VRF
 * configuration and World), small limits; `change` overrides any field.
 */
export async function collectionParams(w: World, change: Record<string, unknown> = {}) {
  return {
    name: "Second",
    symbol: "TWO",
    description: "",
    admin: w.deployer.address,
    adminDelay: 0,
    treasury: w.deployer.address,
    maxSupply: 10,
    price: 0,
    maxPerWallet: 10,
    maxPerMint: 10,
    royaltyReceiver: w.deployer.address,
    royaltyBps: 100,
    maxRoyaltyBps: 1_000,
    renderer: await w.renderer.getAddress(),
    vrf: plain(await w.collection.vrfConfig()),
    minRevealDelay: 600,
    instantReveal: false,
    world: await w.world.getAddress(),
    ...change,
  };
}
