import { expect } from "chai";
import hre, { deployments, ethers, upgrades } from "hardhat";
import type { ContractFactory, ContractTransactionResponse, Interface } from "ethers";
import { deployWorld, PRICE, type World } from "../helpers/fixture";
import { collectionFactory } from "../../scripts/lib/collection";
import type { InvariantProbe, LivingAssetV2 } from "../../typechain-types";

/** Sale limits the quality tests run under: small enough that the supply cap is reached. */
export const SALE = { price: PRICE, maxSupply: 30, maxPerWallet: 12, maxPerMint: 6 };

/** Options every upgrade to the V2 mock needs (see test/collection.test.ts). */
export const V2_UPGRADE_OPTS = {
  kind: "uups" as const,
};

export interface QualityWorld extends World {
  /** The proxy seen through the V2 ABI (a superset of V1's): every V1 call works before the upgrade. */
  asV2: LivingAssetV2;
  probe: InvariantProbe;
  V2: ContractFactory;
  v2Implementation: string;
  accounts: World["alice"][];
}

/**
 * The deploy-script world (deployWorld), with small sale limits, the invariant probe and the V2
 * implementation already deployed (`prepareUpgrade`), all inside one snapshot: each call reverts
 * to it in a few milliseconds.
 */
export const qualityWorld = deployments.createFixture(async (): Promise<QualityWorld> => {
  const w = await deployWorld();
  await (await w.collection.setSaleConfig(SALE.price, SALE.maxSupply, SALE.maxPerWallet, SALE.maxPerMint)).wait();
  const probe = (await (await ethers.getContractFactory("InvariantProbe")).deploy()) as unknown as InvariantProbe;
  const proxy = await w.collection.getAddress();
  const V2 = await collectionFactory(hre, "LivingAssetV2");
  const v2Implementation = (await upgrades.prepareUpgrade(proxy, V2, V2_UPGRADE_OPTS)) as string;
  const asV2 = (await ethers.getContractAt("LivingAssetV2", proxy)) as unknown as LivingAssetV2;
  return { ...w, asV2, probe, V2, v2Implementation, accounts: [w.deployer, w.alice, w.bob, w.carol] };
});

/**
 * Every error the collection, its libraries, ERC721A, AccessControl, Pausable and UUPS can raise,
 * and the World's (whose errors reach the collection's callers through `advanceEpoch`).
 */
export function errorInterface(w: QualityWorld): Interface {
  const cached = errorInterfaces.get(w);
  if (cached) return cached;
  const own = new Set<string>();
  w.asV2.interface.forEachError((e) => own.add(e.name));
  const worldErrors: string[] = [];
  w.world.interface.forEachError((e) => {
    if (!own.has(e.name)) worldErrors.push(e.format("full"));
  });
  const iface = new ethers.Interface([...w.asV2.interface.fragments, ...worldErrors]);
  errorInterfaces.set(w, iface);
  return iface;
}
/** One error interface per world object (a fixture returns the same object after each revert). */
const errorInterfaces = new WeakMap<QualityWorld, Interface>();

function findRevertData(e: unknown, depth = 0): string | undefined {
  if (e === null || typeof e !== "object" || depth > 6) return undefined;
  const o = e as Record<string, unknown>;
  if (typeof o.data === "string" && /^0x[0-9a-fA-F]*$/.test(o.data)) return o.data;
  for (const key of ["error", "info", "cause", "data"]) {
    const found = findRevertData(o[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export type Outcome =
  { ok: true; logs: { topics: readonly string[]; data: string }[] } | { ok: false; error: string; args: unknown[] };

/**
 * Sends a transaction (with an explicit gas limit, so a failing one is mined rather than stopped
 * at gas estimation) and reports its logs, or the name and arguments of its custom error.
 */
export async function send(iface: Interface, tx: () => Promise<ContractTransactionResponse>): Promise<Outcome> {
  try {
    const receipt = await (await tx()).wait();
    return { ok: true, logs: receipt!.logs };
  } catch (e) {
    const data = findRevertData(e);
    if (data === undefined || data === "0x")
      return { ok: false, error: `<no data: ${(e as Error).message}>`, args: [] };
    const parsed = iface.parseError(data);
    return { ok: false, error: parsed?.name ?? `<unknown ${data.slice(0, 10)}>`, args: parsed ? [...parsed.args] : [] };
  }
}

/** A gas limit high enough for any call here, so failing calls are mined and not estimated away. */
export const GAS = { gasLimit: 3_000_000 };

export type ProbeState = Awaited<ReturnType<InvariantProbe["read"]>>;

/** The collection's whole observable state for the four accounts and every minted token. */
export async function readState(w: QualityWorld, lastTokenId?: number): Promise<ProbeState> {
  const last = lastTokenId ?? Number(await w.collection.totalSupply());
  return w.probe.read(await w.collection.getAddress(), await Promise.all(w.accounts.map((a) => a.getAddress())), last);
}

/** A stable digest of a probe state (and of anything else JSON-able with bigints). */
export function digest(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/**
 * `actual` deep-equals `expected` (plain values, arrays, objects, bigints), compared as digests: one
 * string comparison, where chai's matchers (hardhat-chai-matchers checks every operand for a
 * BigNumber type) cost about a millisecond a call. On a mismatch, chai's deep equal names the
 * difference.
 */
export function same(actual: unknown, expected: unknown, message: string): void {
  if (digest(actual) === digest(expected)) return;
  expect(actual, message).to.deep.equal(expected);
  expect.fail(`${message}: ${digest(actual)} != ${digest(expected)}`);
}

/** A condition that must hold (fails with `message`), without a chai matcher per call. */
export function holds(condition: boolean, message: string): void {
  if (!condition) expect.fail(message);
}

/** Request ids of the collection's `RandomnessRequested` events in a set of logs. */
export function requestIds(iface: Interface, logs: { topics: readonly string[]; data: string }[]): bigint[] {
  const ids: bigint[] = [];
  for (const log of logs) {
    try {
      const parsed = iface.parseLog(log);
      if (parsed?.name === "RandomnessRequested") ids.push(parsed.args.requestId as bigint);
    } catch {
      /* another contract's event */
    }
  }
  return ids;
}
