import { HardhatPluginError } from "hardhat/plugins";
import type { CLIArgumentType, HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract, Interface } from "ethers";
import { DEVELOPMENT_CHAINS } from "../../config/networks";
import { parseEtherAmount } from "../../config/settings";
import { describeError, type ErrorContext } from "../../client/errors";
import { checkNetwork } from "./network";
import { moodName } from "../../client/units";

import { STAGES, TEMPERAMENTS } from "../../client/traits";
export { STAGES, TEMPERAMENTS } from "../../client/traits";

export function isDevChain(hre: HardhatRuntimeEnvironment): boolean {
  return DEVELOPMENT_CHAINS.includes(hre.network.name);
}

/** A mistake a user can make on the command line: printed as one line, never with a stack trace. */
export function userError(message: string): HardhatPluginError {
  return new HardhatPluginError("vivarium", message);
}

export function requireDevChain(hre: HardhatRuntimeEnvironment, what: string): void {
  if (!isDevChain(hre))
    throw userError(
      `${what} only works on development chains (${DEVELOPMENT_CHAINS.join(", ")}), not ${hre.network.name}`,
    );
}

/**
 * A whole-number task parameter that never throws while Hardhat parses the command line (Hardhat's
 * own `types.int` fails with a stack trace on `-1` or `abc`): bad text parses to NaN and the task
 * reports it in one line through `wholeNumber`; a fraction parses as itself, for that message to name it.
 */
export const cliInt: CLIArgumentType<number> = {
  name: "int",
  parse: (_argName: string, value: string) => (/^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN),
  validate: () => undefined,
};

/** `value` as a whole number in [min, max], or a one-line error naming the option. */
export function wholeNumber(option: string, value: number | undefined, min: number, max?: number): number {
  const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
  if (value === undefined || !Number.isInteger(value) || value < min || (max !== undefined && value > max))
    throw userError(
      `--${option} must be a whole number ${range}; got ${value === undefined || Number.isNaN(value) ? "no number" : Number.isInteger(value) ? value : `${value}, a fraction`}`,
    );
  return value;
}

/** The signer at `--from` index, or a one-line error saying how many there are. */
export async function signerAt(hre: HardhatRuntimeEnvironment, from: number) {
  const signers = await hre.ethers.getSigners();
  wholeNumber("from", from, 0, Math.max(signers.length - 1, 0));
  if (signers.length === 0) throw userError(`no accounts on ${hre.network.name}: set DEPLOYER_PRIVATE_KEY`);
  return signers[from];
}

/**
 * The signer at `--from` when it may act on `tokenId` (its holder, approved for it, or an operator of
 * the holder), else a one-line error naming the holder and, when it is one of this network's
 * accounts, the `--from` that acts as it. Checked before anything is sent.
 */
export async function holderSignerAt(
  hre: HardhatRuntimeEnvironment,
  collection: Contract,
  tokenId: bigint | number,
  from: number,
) {
  const signer = await signerAt(hre, from);
  const holder: string = await collection.ownerOf(tokenId);
  if (holder === signer.address) return signer;
  if ((await collection.getApproved(tokenId)) === signer.address) return signer;
  if (await collection.isApprovedForAll(holder, signer.address)) return signer;
  const index = (await hre.ethers.getSigners()).findIndex((s) => s.address === holder);
  const fix = index >= 0 ? `pass --from ${index}` : "only the holder, or an address it approved, can act on it";
  throw userError(`token #${tokenId} is held by ${holder}, not by --from ${from} (${signer.address}): ${fix}`);
}

/** `--<option>` as a checksummed address, or a one-line error. */
export function addressParam(hre: HardhatRuntimeEnvironment, option: string, value: string): string {
  if (!hre.ethers.isAddress(value))
    throw userError(`--${option} must be an address (0x + 40 hex digits); got "${value}"`);
  return hre.ethers.getAddress(value);
}

/** `--<option>` as an amount of ETH such as 0.01, in wei (at most `max`), or a one-line error. */
export function etherParam(option: string, text: string, max?: bigint): bigint {
  const wei = parseEtherAmount(text);
  if (wei === undefined)
    throw userError(`--${option} must be an amount of ETH such as 0.01 (at most 18 decimals); got "${text}"`);
  if (max !== undefined && wei > max) throw userError(`--${option} must be at most ${max} wei; got ${wei}`);
  return wei;
}

/** `--token` as an id that exists, or a one-line error naming the minted range. */
export async function tokenParam(collection: Contract, value: number): Promise<number> {
  const supply = Number(await collection.totalSupply());
  if (supply === 0) throw userError("no token has been minted yet: run `mint` first");
  return wholeNumber("token", value, 1, supply);
}

/** Where the deployments a task needs come from, said in one line when they are missing. */
function missingDeployment(hre: HardhatRuntimeEnvironment, name: string): HardhatPluginError {
  if (hre.network.name === "hardhat")
    return userError(
      `no ${name} on the in-process "hardhat" network: its state lasts one command. Start a node that deploys everything (\`npx hardhat node\`) and run this task with \`--network localhost\`, or run \`npm run demo\` for the whole story`,
    );
  if (hre.network.name === "localhost")
    return userError(
      `no ${name} deployment on localhost: start \`npx hardhat node\` (it deploys on start) or run \`npx hardhat deploy --network localhost\``,
    );
  return userError(
    `no ${name} deployment on ${hre.network.name}: run \`npx hardhat deploy --network ${hre.network.name}\` first`,
  );
}

/** The `--collection` option's help, the same on every task that takes it. */
export const COLLECTION_HELP =
  "Collection: LivingAsset_<SYMBOL>, its symbol or its address (default: the first collection, LivingAsset)";

/** The prefix of the hardhat-deploy name of every collection after the first (`LivingAsset_<SYMBOL>`). */
export const COLLECTION_PREFIX = "LivingAsset_";

/** The hardhat-deploy name a collection with `symbol` is saved under by `new-collection`. */
export function collectionDeploymentName(symbol: string): string {
  return `${COLLECTION_PREFIX}${symbol}`;
}

/**
 * A collection (address from hardhat-deploy), typed loosely: no typechain import. `which` picks
 * one: nothing for the first collection ("LivingAsset"), a deployment name (`LivingAsset_MINI`),
 * the symbol it was created with (`MINI`), or an address.
 */
export async function getCollection(hre: HardhatRuntimeEnvironment, which?: string): Promise<Contract> {
  if (which === undefined || which === "" || which === "LivingAsset") return getDeployed(hre, "LivingAsset");
  const abi = (await hre.artifacts.readArtifact("LivingAsset")).abi;
  if (/^0x/i.test(which)) {
    const address = addressParam(hre, "collection", which);
    if ((await hre.ethers.provider.getCode(address)) === "0x")
      throw userError(`--collection ${address} has no code on ${hre.network.name}`);
    return (await hre.ethers.getContractAt(abi, address)) as unknown as Contract;
  }
  const name = which.startsWith(COLLECTION_PREFIX) ? which : collectionDeploymentName(which);
  const deployment = await hre.deployments.getOrNull(name);
  if (!deployment) {
    const known = await collectionNames(hre);
    throw userError(
      `no collection "${which}" on ${hre.network.name} (${known.length ? `known: ${known.join(", ")}` : "none deployed"}); \`npx hardhat new-collection --symbol ${which.replace(COLLECTION_PREFIX, "")}\` creates one`,
    );
  }
  return (await hre.ethers.getContractAt(abi, deployment.address)) as unknown as Contract;
}

/** The hardhat-deploy names of every collection on this network: "LivingAsset", then `LivingAsset_<SYMBOL>`. */
export async function collectionNames(hre: HardhatRuntimeEnvironment): Promise<string[]> {
  const all = await hre.deployments.all();
  return Object.keys(all)
    .filter((n) => n === "LivingAsset" || (n.startsWith(COLLECTION_PREFIX) && !n.endsWith("_Implementation")))
    .sort((a, b) => (a === "LivingAsset" ? -1 : b === "LivingAsset" ? 1 : a.localeCompare(b)));
}

/** The World a collection lives in (its `world()`), else the deployed "World". */
export async function getWorld(hre: HardhatRuntimeEnvironment, collection?: Contract): Promise<Contract> {
  if (!collection) return getDeployed(hre, "World");
  const address = (await collection.world()) as string;
  return (await hre.ethers.getContractAt("World", address)) as unknown as Contract;
}

/** The World's Data Feed (a MockV3Aggregator on development chains; any AggregatorV3 answers `decimals`). */
export async function getFeed(hre: HardhatRuntimeEnvironment, world: Contract): Promise<Contract> {
  const { feed } = await world.feedConfig();
  return (await hre.ethers.getContractAt("MockV3Aggregator", feed)) as unknown as Contract;
}

export async function getDeployed(hre: HardhatRuntimeEnvironment, name: string): Promise<Contract> {
  const deployment = await hre.deployments.getOrNull(name);
  if (!deployment) throw missingDeployment(hre, name);
  return (await hre.ethers.getContractAt(name, deployment.address)) as unknown as Contract;
}

/**
 * Interfaces used to decode custom errors: the collection (with its libraries' errors), the World
 * it lives in, the renderer and the Chainlink coordinators.
 */
export async function errorInterfaces(hre: HardhatRuntimeEnvironment): Promise<Interface[]> {
  const names = [
    "LivingAsset",
    "World",
    "VRFCoordinatorV2_5Mock",
    "VRFCoordinatorV2_5",
    "MockV3Aggregator",
    "LivingAssetRenderer",
    "PackRenderer",
    "PageStore",
  ];
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

/** The chain's clock and the feed's decimals, for messages in human terms (best effort). */
async function errorContext(hre: HardhatRuntimeEnvironment): Promise<ErrorContext> {
  const ctx: ErrorContext = {};
  try {
    ctx.now = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
    const deployment = await hre.deployments.getOrNull("World");
    if (deployment) {
      const world = await hre.ethers.getContractAt("World", deployment.address);
      const feed = await hre.ethers.getContractAt("MockV3Aggregator", (await world.feedConfig()).feed);
      ctx.priceDecimals = Number(await feed.decimals());
    }
  } catch {
    /* no chain or no feed: plain numbers */
  }
  return ctx;
}

/** One line for any failure of a task: ours as written, contract errors decoded in human terms. */
export async function failureMessage(err: unknown, hre: HardhatRuntimeEnvironment): Promise<string> {
  if (HardhatPluginError.isHardhatPluginError(err)) return err.message;
  const message = describeError(err, await errorInterfaces(hre), await errorContext(hre));
  return message.split("\n")[0];
}

/**
 * Wrap a task action: compile if needed, check the network, print `--json` output or text. Every
 * failure is one line on stderr and exit code 1, never a stack trace (Hardhat prints one for any
 * thrown error on a machine without a display).
 */
export function action<A extends { json?: boolean }>(
  fn: (args: A, hre: HardhatRuntimeEnvironment) => Promise<{ text: string; data: unknown }>,
) {
  return async (args: A, hre: HardhatRuntimeEnvironment): Promise<unknown> => {
    try {
      await hre.run("compile", { quiet: true });
      await checkNetwork(hre);
      const { text, data } = await fn(args, hre);
      console.log(args.json ? toJson(data) : text);
      return data;
    } catch (err) {
      const message = await failureMessage(err, hre);
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
    mood: moodName(p.mood as bigint),
    nurtureCount: Number(p.nurtureCount),
    lifeUpBps: BigInt(p.lifeUpBps as bigint),
    lifeDownBps: BigInt(p.lifeDownBps as bigint),
    lastPrice: BigInt(p.lastPrice as bigint),
  };
}
export type PhenotypeView = ReturnType<typeof phenotypeView>;

/**
 * Move time to the World's `nextEpochAt()` if needed (development chains): the next block gets that
 * timestamp, or with `mine` an empty block is mined at it now (so calls simulated next see it).
 */
export async function timeTravelToNextEpoch(
  hre: HardhatRuntimeEnvironment,
  world: Contract,
  { mine = false }: { mine?: boolean } = {},
): Promise<void> {
  const next = BigInt(await world.nextEpochAt());
  const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
  if (next <= now) return;
  if (mine) await hre.network.provider.send("evm_mine", [Number(next)]);
  else await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(next)]);
}

/** The arguments of `contract`'s own events named `name` in a receipt (logs of other addresses are skipped). */
export function eventsIn(
  contract: Contract,
  receipt: { logs: readonly { address?: string; topics: readonly string[]; data: string }[] } | null,
  name: string,
) {
  const out: Record<string, unknown>[] = [];
  const self = String(contract.target).toLowerCase();
  for (const log of receipt?.logs ?? []) {
    if (log.address !== undefined && log.address.toLowerCase() !== self) continue;
    try {
      const parsed = contract.interface.parseLog({ topics: [...log.topics], data: log.data });
      if (parsed?.name === name) out.push(parsed.args.toObject());
    } catch {
      /* another contract's log */
    }
  }
  return out;
}

/** Which of `names` the contract emitted in `receipt`, in the order given. */
export function eventNamesIn(contract: Contract, receipt: Parameters<typeof eventsIn>[1], names: string[]): string[] {
  return names.filter((name) => eventsIn(contract, receipt, name).length > 0);
}

/** Simple aligned text table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
