/**
 * Gas of reveal cohorts (issue 13), measured the same way by the budgets (test/cohort-gas.test.ts)
 * and by the benchmark (scripts/bench.ts): every figure is `receipt.gasUsed` of one transaction on
 * the deploy scripts' stack (`deployWorld`, fresh wherever state matters), next to the plain
 * ERC721A upgradeable proxy of contracts/mocks/baselines measured in the same run.
 */
import hre, { ethers } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import { deployWorld, impersonate, PRICE, timeAtLeast, type World } from "./fixture";
import { gasOf, mintSupply } from "./world";
import { TRANSFER_TOKEN_ID } from "./measure";

/** Cohort sizes at which `reveal()` and the fulfilment are measured. */
export const COHORT_SIZES = [1, 100, 10_000] as const;
/** Mint quantities compared with the plain ERC721A mint. */
export const MINT_QUANTITIES = [1, 10, 20] as const;
/** Entries of the larger allowlist (a proof of log2 = 10 hashes). */
export const ALLOWLIST_ENTRIES = 1_024;

/** Raise maxPerMint/maxPerWallet so a mint of `quantity` (and more later) passes. */
async function allowQuantity(w: World, quantity: number): Promise<void> {
  const sale = await w.collection.saleConfig();
  if (BigInt(quantity) > sale.maxPerMint || BigInt(quantity) > sale.maxPerWallet) {
    await (await w.collection.setSaleConfig(sale.price, 10_000, 1_000, 100)).wait();
  }
}

/** Public mint of `quantity` by alice at the fixture's price; its gas. */
export async function publicMintGas(w: World, quantity: number): Promise<bigint> {
  await allowQuantity(w, quantity);
  return gasOf(w.collection.connect(w.alice).mint(quantity, { value: PRICE * BigInt(quantity) }));
}

/** `rawFulfillRandomWords` sent by the (impersonated) coordinator the request went to; its gas. */
export async function fulfilAsCoordinator(w: World, requestId: bigint, words: bigint[]): Promise<bigint> {
  const coordinator = await w.coordinator.getAddress();
  const signer = await impersonate(coordinator);
  try {
    return await gasOf(w.collection.connect(signer).rawFulfillRandomWords(requestId, words));
  } finally {
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [coordinator]);
  }
}

export interface CohortMintFigures {
  /** Cohort mode (the default), public sale: mint of q keyed `mint<q>`. */
  mint: Record<number, bigint>;
  /** Instant-reveal mode: the mint closes its own cohort and makes the VRF request (mock). */
  instantMint: Record<number, bigint>;
  /** Token #6 of a 10-token mint, first and second transfer. */
  transferFirst: bigint;
  transferSecond: bigint;
}

/** Public mints of 1, 10 and 20 in cohort mode and in instant-reveal mode, each on a fresh stack. */
export async function measureCohortMints(): Promise<CohortMintFigures> {
  const figures: CohortMintFigures = { mint: {}, instantMint: {}, transferFirst: 0n, transferSecond: 0n };
  for (const quantity of MINT_QUANTITIES) {
    const w = await deployWorld();
    figures.mint[quantity] = await publicMintGas(w, quantity);
    if (quantity === 10) {
      const [a, b, c] = [w.alice.address, w.bob.address, w.carol.address];
      figures.transferFirst = await gasOf(w.collection.connect(w.alice).transferFrom(a, b, TRANSFER_TOKEN_ID));
      figures.transferSecond = await gasOf(w.collection.connect(w.bob).transferFrom(b, c, TRANSFER_TOKEN_ID));
    }
  }
  for (const quantity of [1, 10]) {
    const w = await deployWorld();
    const state = await w.collection.cohortState();
    await (await w.collection.setRevealConfig(state.minRevealDelay, true)).wait();
    figures.instantMint[quantity] = await publicMintGas(w, quantity);
  }
  return figures;
}

/** The allowlist root's storage slot: the sale namespace (SaleStorage) + 2. */
const ALLOWLIST_ROOT_SLOT = 0xf43765b7a01e1c881a55986657da95b1c106353b6f980ba013b98ec5104a6c02n;

/** Gas of the SLOADs of `slot` in a transaction, from its trace. */
async function sloadGas(txHash: string, slot: bigint): Promise<bigint> {
  const trace = (await hre.network.provider.send("debug_traceTransaction", [
    txHash,
    { disableStorage: true, disableMemory: true },
  ])) as { structLogs: { op: string; gasCost: number; stack?: string[] }[] };
  let gas = 0n;
  for (const step of trace.structLogs) {
    if (step.op !== "SLOAD" || !step.stack?.length) continue;
    if (BigInt("0x" + step.stack[step.stack.length - 1].replace(/^0x/, "")) === slot) gas += BigInt(step.gasCost);
  }
  return gas;
}

export interface AllowlistFigures {
  /** A one-entry list: the proof is empty (only the leaf hash and the root read). */
  mint1EmptyProof: bigint;
  /** Gas of reading the stored root in that mint (from its trace): part of the proof check. */
  rootRead: bigint;
  /** A list of ALLOWLIST_ENTRIES: a proof of `depth` hashes. */
  mint1: bigint;
  depth: number;
  /** The public mint of 1 in the same state, for comparison. */
  publicMint1: bigint;
}

/** `mintAllowlist(1, …)` by alice, with an empty proof and with a 10-hash proof, each on a fresh stack. */
export async function measureAllowlist(): Promise<AllowlistFigures> {
  const run = async (entries: number) => {
    const w = await deployWorld();
    // Leaves bound to the collection and chain: (collection, chain id, account, allowance).
    const here = [w.collection.target as string, 31337n] as const;
    const values: [string, bigint, string, bigint][] = [[...here, w.alice.address, 5n]];
    for (let i = 1; i < entries; i++) values.push([...here, ethers.getAddress(ethers.toBeHex(0x1000 + i, 20)), 3n]);
    const tree = StandardMerkleTree.of(values, ["address", "uint256", "address", "uint256"]);
    await (await w.collection.setAllowlist(tree.root, PRICE, true)).wait();
    const proof = tree.getProof(0);
    const tx = await w.collection.connect(w.alice).mintAllowlist(1, 5n, proof, { value: PRICE });
    const receipt = (await tx.wait())!;
    return { gas: receipt.gasUsed, depth: proof.length, rootRead: await sloadGas(tx.hash, ALLOWLIST_ROOT_SLOT) };
  };
  const empty = await run(1);
  const deep = await run(ALLOWLIST_ENTRIES);
  const publicMint1 = await publicMintGas(await deployWorld(), 1);
  return { mint1EmptyProof: empty.gas, rootRead: empty.rootRead, mint1: deep.gas, depth: deep.depth, publicMint1 };
}

export interface CohortRevealFigures {
  /** `reveal()` (closing the cohort and its one VRF request on the mock), keyed by cohort size. */
  reveal: Record<number, bigint>;
  /** The fulfilment transaction sent by the coordinator (callback + 21,000 intrinsic + calldata). */
  fulfil: Record<number, bigint>;
  /** The fulfilment's intrinsic gas (21,000 + its calldata): the coordinator's, not the callback's. */
  fulfilIntrinsic: bigint;
}

/** `reveal()` and the fulfilment for cohorts of 1, 100 and 10,000 tokens (mintTo in chunks). */
export async function measureCohortReveals(sizes: readonly number[] = COHORT_SIZES): Promise<CohortRevealFigures> {
  const figures: CohortRevealFigures = { reveal: {}, fulfil: {}, fulfilIntrinsic: 0n };
  for (const size of sizes) {
    const w = await deployWorld();
    await mintSupply(w.collection, w.bob.address, size);
    const state = await w.collection.cohortState();
    const availableAt = state.openedAt + BigInt(state.minRevealDelay);
    await timeAtLeast(availableAt + 1n);
    const tx = await w.collection.connect(w.carol).reveal();
    const receipt = (await tx.wait())!;
    figures.reveal[size] = receipt.gasUsed;
    const cohort = await w.collection.cohort(0);
    if (cohort.quantity !== BigInt(size)) throw new Error(`cohort holds ${cohort.quantity}, expected ${size}`);
    const word = BigInt(size) * 7919n;
    figures.fulfil[size] = await fulfilAsCoordinator(w, cohort.randomness, [word]);
    if (!(await w.collection.isRevealed(size))) throw new Error(`cohort of ${size} was not revealed`);
  }
  const calldata = ethers.getBytes(
    (await ethers.getContractAt("LivingAsset", ethers.ZeroAddress)).interface.encodeFunctionData(
      "rawFulfillRandomWords",
      [1n, [7919n * 10_000n]],
    ),
  );
  figures.fulfilIntrinsic = 21_000n + calldata.reduce((sum, b) => sum + (b === 0 ? 4n : 16n), 0n);
  return figures;
}
