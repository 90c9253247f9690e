import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract, Interface } from "ethers";
import { DEVELOPMENT_CHAINS } from "../../config/networks";
import { describeError } from "./errors";

export const STAGES = ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"] as const;
export const TEMPERAMENTS = ["Serene", "Bold", "Wary", "Restless"] as const;
export const MOODS = ["Calm", "Sunny", "Stormy"] as const;

export function isDevChain(hre: HardhatRuntimeEnvironment): boolean {
  return DEVELOPMENT_CHAINS.includes(hre.network.name);
}

export function requireDevChain(hre: HardhatRuntimeEnvironment, what: string): void {
  if (!isDevChain(hre))
    throw new Error(
      `${what} only works on development chains (${DEVELOPMENT_CHAINS.join(", ")}), not ${hre.network.name}`,
    );
}

/** The deployed collection (address from hardhat-deploy), typed loosely: no typechain import. */
export async function getCollection(hre: HardhatRuntimeEnvironment): Promise<Contract> {
  const { address } = await hre.deployments.get("LivingAsset");
  return (await hre.ethers.getContractAt("LivingAsset", address)) as unknown as Contract;
}

export async function getDeployed(hre: HardhatRuntimeEnvironment, name: string): Promise<Contract> {
  const { address } = await hre.deployments.get(name);
  return (await hre.ethers.getContractAt(name, address)) as unknown as Contract;
}

/** Interfaces used to decode custom errors: the collection, its libraries and the Chainlink mocks. */
export async function errorInterfaces(hre: HardhatRuntimeEnvironment): Promise<Interface[]> {
  const names = ["LivingAsset", "VRFCoordinatorV2_5Mock", "MockV3Aggregator", "LivingAssetRenderer"];
  const out: Interface[] = [];
  for (const n of names) {
    try {
      const artifact = await hre.artifacts.readArtifact(n);
      out.push(new hre.ethers.Interface(artifact.abi));
    } catch {
      /* artifact missing */
    }
  }
  return out;
}

/** JSON.stringify that turns bigints into decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

/** Wrap a task action: print `--json` output or text, and show contract errors by custom error name. */
export function action<A extends { json?: boolean }>(
  fn: (args: A, hre: HardhatRuntimeEnvironment) => Promise<{ text: string; data: unknown }>,
) {
  return async (args: A, hre: HardhatRuntimeEnvironment): Promise<unknown> => {
    try {
      const { text, data } = await fn(args, hre);
      console.log(args.json ? toJson(data) : text);
      return data;
    } catch (err) {
      const message = describeError(err, await errorInterfaces(hre));
      if (args.json) console.log(toJson({ error: message }));
      else console.error(`Error: ${message}`);
      process.exitCode = 1;
      return undefined;
    }
  };
}

/** Plain-object view of the Phenotype struct. */
export function phenotypeView(p: Record<string, unknown> & unknown[]) {
  return {
    revealed: p.revealed as boolean,
    stage: STAGES[Number(p.stage)] ?? String(p.stage),
    generation: Number(p.generation),
    metamorphosisPending: p.metamorphosisPending as boolean,
    birthEpoch: Number(p.birthEpoch),
    currentEpoch: Number(p.currentEpoch),
    age: Number(p.age),
    vitality: Number(p.vitality),
    temperament: TEMPERAMENTS[Number(p.temperament)] ?? String(p.temperament),
    mood: MOODS[Number(p.mood)] ?? String(p.mood),
    nurtureCount: Number(p.nurtureCount),
    lifeUpBps: BigInt(p.lifeUpBps as bigint),
    lifeDownBps: BigInt(p.lifeDownBps as bigint),
    lastPrice: BigInt(p.lastPrice as bigint),
  };
}
export type PhenotypeView = ReturnType<typeof phenotypeView>;

/** Move time to `nextEpochAt()` if needed (development chains). */
export async function timeTravelToNextEpoch(hre: HardhatRuntimeEnvironment, collection: Contract): Promise<void> {
  const next = BigInt(await collection.nextEpochAt());
  const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
  if (next > now) await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(next)]);
}

/** Ids from the collection's events of `name` in a receipt. */
export function eventsIn(
  collection: Contract,
  receipt: { logs: readonly { topics: readonly string[]; data: string }[] } | null,
  name: string,
) {
  const out: Record<string, unknown>[] = [];
  for (const log of receipt?.logs ?? []) {
    try {
      const parsed = collection.interface.parseLog({ topics: [...log.topics], data: log.data });
      if (parsed?.name === name) out.push(parsed.args.toObject());
    } catch {
      /* another contract's log */
    }
  }
  return out;
}

export function formatPrice(answer: bigint, decimals = 8): string {
  const neg = answer < 0n;
  const a = neg ? -answer : answer;
  const s = a.toString().padStart(decimals + 1, "0");
  return `${neg ? "-" : ""}${s.slice(0, -decimals)}.${s.slice(-decimals, -decimals + 2)}`;
}

/** Simple aligned text table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
