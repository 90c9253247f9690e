import fs from "node:fs";
import path from "node:path";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { userError } from "./common";

/**
 * Output folders. Every command that writes files writes into a folder of its own: by default
 * `out/<network>/<collection symbol>/<command>[/<subject>]` (the demo: `out/demo`). A marker file
 * records which command, network, collection and subject a folder belongs to; a command replaces
 * its own previous output there and refuses a folder that holds another command's output or files
 * it did not write, so no command deletes or mixes another's files.
 */
export const OUTPUT_MARKER = ".vivarium-output.json";

export interface OutputOwner {
  command: string;
  network: string;
  /** The collection's address, when the output is one collection's. */
  collection?: string;
  /** What within the collection: `token-3` for one token's files. */
  subject?: string;
}

/** `out/<network>/<symbol>/<command>[/<subject>]`, the symbol reduced to letters, digits, `-` and `_`. */
export function defaultOutDir(network: string, symbol: string, command: string, subject?: string): string {
  const label = symbol.replace(/[^A-Za-z0-9_-]/g, "_") || "collection";
  return path.join("out", network, label, command, ...(subject ? [subject] : []));
}

/** The `--out` a collection's command writes to: the one given, else its default folder. */
export async function collectionOutDir(
  hre: HardhatRuntimeEnvironment,
  collection: Contract,
  command: string,
  given?: string,
  subject?: string,
): Promise<{ dir: string; owner: OutputOwner }> {
  const owner: OutputOwner = {
    command,
    network: hre.network.name,
    collection: await collection.getAddress(),
    ...(subject ? { subject } : {}),
  };
  const dir = given ?? defaultOutDir(hre.network.name, await collection.symbol(), command, subject);
  return { dir: path.resolve(dir), owner };
}

function describeOwner(o: OutputOwner): string {
  return `\`${o.command}\`${o.subject ? ` (${o.subject})` : ""}${o.collection ? ` for ${o.collection}` : ""} on ${o.network}`;
}

function sameOwner(a: OutputOwner, b: OutputOwner): boolean {
  return (
    a.command === b.command &&
    a.network === b.network &&
    (a.collection ?? "").toLowerCase() === (b.collection ?? "").toLowerCase() &&
    (a.subject ?? "") === (b.subject ?? "")
  );
}

/**
 * Make `dir` this owner's, empty, before a command writes into it: a new or empty folder is
 * claimed; the owner's own folder is emptied (its previous output replaced); a folder holding
 * another command's output, or files no command wrote, is refused in one line and left untouched.
 * A folder on a development chain is replaced whatever collection wrote it (the chain restarts).
 */
export function claimOutDir(dir: string, owner: OutputOwner): string {
  const resolved = path.resolve(dir);
  if (fs.existsSync(resolved) && !fs.statSync(resolved).isDirectory())
    throw userError(`--out ${resolved} is a file: give a folder`);
  const entries = fs.existsSync(resolved) ? fs.readdirSync(resolved) : [];
  if (entries.length > 0) {
    const markerPath = path.join(resolved, OUTPUT_MARKER);
    if (!fs.existsSync(markerPath))
      throw userError(
        `--out ${resolved} already holds files no Vivarium command wrote: give a new or empty folder (nothing was written)`,
      );
    const previous = JSON.parse(fs.readFileSync(markerPath, "utf8")) as OutputOwner;
    const restarted = { ...previous, collection: owner.collection };
    const devRestart = ["hardhat", "localhost"].includes(owner.network) && sameOwner(restarted, owner);
    if (!sameOwner(previous, owner) && !devRestart)
      throw userError(
        `--out ${resolved} holds the output of ${describeOwner(previous)}: give another folder (nothing was written)`,
      );
    for (const entry of entries) fs.rmSync(path.join(resolved, entry), { recursive: true, force: true });
  }
  fs.mkdirSync(resolved, { recursive: true });
  fs.writeFileSync(path.join(resolved, OUTPUT_MARKER), `${JSON.stringify(owner, null, 2)}\n`);
  return resolved;
}
