/**
 * The allowlist sale's list: `address,allowance` lines (a CSV) made into an OpenZeppelin
 * StandardMerkleTree of ["address", "uint256", "address", "uint256"] leaves
 * (collection, chain id, account, allowance), the leaves `mintAllowlist` checks
 * (`keccak256(bytes.concat(keccak256(abi.encode(collection, chainId, account, allowance))))`,
 * SaleLogic.allowlistLeaf): a proof mints on one collection on one chain only.
 * A list is read from the CSV or from the proofs file `allowlist build --out` writes.
 */
import fs from "node:fs";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, isAddress, type Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { userError } from "./common";

export const LEAF_ENCODING = ["address", "uint256", "address", "uint256"];

/** The collection and chain a list's proofs are bound to (they are part of every leaf). */
export interface AllowlistDomain {
  collection: string;
  chainId: bigint;
}

export interface AllowlistEntry {
  address: string;
  allowance: number;
  proof: string[];
}

export interface Allowlist extends AllowlistDomain {
  root: string;
  entries: AllowlistEntry[];
}

/** A line of the CSV: an address and its allowance. */
interface Row {
  address: string;
  allowance: number;
  line: number;
}

const unquote = (s: string) =>
  s
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim();

/**
 * `address,allowance` lines: a header line is optional, blank lines and `#` comments are skipped.
 * Every mistake is one line naming the file's line: a bad address (or checksum), an allowance that
 * is not a whole number from 1, an address given twice.
 */
export function parseAllowlistCsv(text: string, file: string): Row[] {
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let first = true;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const content = raw.trim();
    if (content === "" || content.startsWith("#")) return;
    const fields = content.split(",").map(unquote);
    const at = `${file} line ${line}`;
    if (first && fields.length === 2 && /^[A-Za-z][A-Za-z _-]*$/.test(fields[0]) && !/^0x/i.test(fields[0])) {
      first = false; // a header such as "address,allowance"
      return;
    }
    first = false;
    if (fields.length !== 2) throw userError(`${at}: expected "address,allowance"; got "${content}"`);
    const [addressText, allowanceText] = fields;
    if (!isAddress(addressText)) {
      if (/^0x[0-9a-fA-F]{40}$/.test(addressText))
        throw userError(
          `${at}: ${addressText} has a bad checksum (mixed case that is not EIP-55): check it, or write it in lower case`,
        );
      throw userError(`${at}: "${addressText}" is not an address (0x + 40 hex digits)`);
    }
    if (!/^\d+$/.test(allowanceText) || Number(allowanceText) < 1 || !Number.isSafeInteger(Number(allowanceText)))
      throw userError(
        `${at}: the allowance must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}; got "${allowanceText}"`,
      );
    const address = getAddress(addressText);
    const earlier = seen.get(address);
    if (earlier !== undefined)
      throw userError(
        `${at}: ${address} is already on line ${earlier}: give each address one line, with its whole allowance`,
      );
    seen.set(address, line);
    rows.push({ address, allowance: Number(allowanceText), line });
  });
  if (rows.length === 0) throw userError(`${file} has no "address,allowance" line`);
  return rows;
}

/** The leaf values of `account` with `allowance` on `domain`, in {@link LEAF_ENCODING}'s order. */
export function allowlistLeaf(domain: AllowlistDomain, account: string, allowance: number | bigint) {
  return [getAddress(domain.collection), BigInt(domain.chainId), getAddress(account), BigInt(allowance)];
}

/** The tree of `rows` for `domain`, its root, and each address's proof (in the order given). */
export function buildAllowlist(rows: { address: string; allowance: number }[], domain: AllowlistDomain): Allowlist {
  const tree = StandardMerkleTree.of(
    rows.map((r) => allowlistLeaf(domain, r.address, r.allowance)),
    LEAF_ENCODING,
  );
  return {
    root: tree.root,
    collection: getAddress(domain.collection),
    chainId: BigInt(domain.chainId),
    entries: rows.map((r, i) => ({ address: r.address, allowance: r.allowance, proof: tree.getProof(i) })),
  };
}

/** The proofs file: `{ root, collection, chainId, leafEncoding, entries: [{ address, allowance, proof }] }`. */
export function allowlistJson(list: Allowlist): string {
  return JSON.stringify(
    {
      root: list.root,
      collection: list.collection,
      chainId: list.chainId.toString(),
      leafEncoding: LEAF_ENCODING,
      entries: list.entries,
    },
    null,
    2,
  );
}

/**
 * A list for `domain` from a CSV or from a proofs file (JSON). The proofs file is rebuilt from its
 * collection, chain id, addresses and allowances, refused if its root is not theirs (an edited
 * file) or if it was built for another collection or chain.
 */
export function loadAllowlist(file: string, domain: AllowlistDomain, option = "allowlist"): Allowlist {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw userError(`--${option} ${file}: no such file`);
  }
  if (!file.toLowerCase().endsWith(".json") && !text.trimStart().startsWith("{"))
    return buildAllowlist(parseAllowlistCsv(text, file), domain);
  let data: { root?: unknown; entries?: unknown; collection?: unknown; chainId?: unknown };
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw userError(
      `${file} is not JSON (${(err as Error).message}): give the CSV or the file \`allowlist build --out\` wrote`,
    );
  }
  if (!Array.isArray(data.entries) || typeof data.root !== "string")
    throw userError(`${file} has no "root" and "entries": give the CSV or the file \`allowlist build --out\` wrote`);
  const rows = (data.entries as { address?: unknown; allowance?: unknown }[]).map((e, i) => {
    const address = String(e.address ?? "");
    const allowance = Number(e.allowance);
    if (!isAddress(address) || !Number.isSafeInteger(allowance) || allowance < 1)
      throw userError(`${file} entry ${i + 1} is not an address with a whole allowance from 1`);
    return { address: getAddress(address), allowance };
  });
  if (rows.length === 0) throw userError(`${file} has no entries`);
  if (typeof data.collection !== "string" || !isAddress(data.collection) || !/^\d+$/.test(String(data.chainId)))
    throw userError(
      `${file} names no collection and chain id (a proofs file of an older version?): build it again with \`allowlist build\``,
    );
  const fileDomain = { collection: getAddress(data.collection), chainId: BigInt(String(data.chainId)) };
  if (fileDomain.collection !== getAddress(domain.collection) || fileDomain.chainId !== BigInt(domain.chainId))
    throw userError(
      `${file} was built for collection ${fileDomain.collection} on chain ${fileDomain.chainId}, not for ${getAddress(domain.collection)} on chain ${domain.chainId}: its proofs mint nowhere else; build it for this collection with \`allowlist build --csv FILE\``,
    );
  const list = buildAllowlist(rows, fileDomain);
  if (list.root.toLowerCase() !== data.root.toLowerCase())
    throw userError(
      `${file}'s root ${data.root} is not the root of its entries (${list.root}): the file was edited; build it again with \`allowlist build\``,
    );
  return list;
}

/** The entry of `address` (any case), if it is on the list. */
export function entryOf(list: Allowlist, address: string): AllowlistEntry | undefined {
  return list.entries.find((e) => e.address.toLowerCase() === address.toLowerCase());
}

/** The chain a command runs on. */
export async function chainIdOf(hre: HardhatRuntimeEnvironment): Promise<bigint> {
  return BigInt(await hre.network.provider.send("eth_chainId", []));
}

/** The collection and chain a list is for: the collection's own (deployed, or `--collection`). */
export async function allowlistDomain(hre: HardhatRuntimeEnvironment, collection: Contract): Promise<AllowlistDomain> {
  return { collection: await collection.getAddress(), chainId: await chainIdOf(hre) };
}
