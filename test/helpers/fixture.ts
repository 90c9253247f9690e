import hre, { ethers } from "hardhat";
import { closeCohort, fulfil, plain, PRICE, type World } from "../../scripts/lib/gas/fixture";

// The deploy-scripts fixture and the chain helpers the gas benchmark shares live in
// scripts/lib/gas/fixture.ts; the tests take them from here, with the helpers only tests use.
export {
  closeCohort,
  deployWorld,
  fulfil,
  impersonate,
  plain,
  PRICE,
  requestIdsOf,
  timeAtLeast,
  type World,
} from "../../scripts/lib/gas/fixture";

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

/**
 * Runs a Hardhat task in process as a user would, and returns what it printed: stdout lines, stderr
 * lines (a task's one-line error) and the exit code it set. The console and process.exitCode are
 * restored afterwards.
 */
export async function runTask(
  name: string | [string, string],
  args: Record<string, unknown>,
): Promise<{ out: string; errors: string[]; exitCode: number }> {
  const logs: string[] = [];
  const errors: string[] = [];
  const { log, error } = console;
  const before = process.exitCode;
  process.exitCode = 0;
  console.log = (...a: unknown[]) => void logs.push(a.join(" "));
  console.error = (...a: unknown[]) => void errors.push(a.join(" "));
  let exitCode = 0;
  try {
    await (Array.isArray(name) ? hre.run({ scope: name[0], task: name[1] }, args) : hre.run(name, args));
  } finally {
    exitCode = Number(process.exitCode ?? 0);
    console.log = log;
    console.error = error;
    process.exitCode = before;
  }
  return { out: logs.join("\n"), errors, exitCode };
}
