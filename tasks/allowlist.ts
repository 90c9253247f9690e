import fs from "node:fs";
import path from "node:path";
import { eth } from "../client/units";
import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import {
  action,
  addressParam,
  cliInt,
  COLLECTION_HELP,
  etherParam,
  eventsIn,
  getCollection,
  signerAt,
  table,
  userError,
} from "./lib/common";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  allowlistDomain,
  allowlistJson,
  entryOf,
  loadAllowlist,
  type Allowlist,
  type AllowlistDomain,
} from "./lib/allowlist";

const SUBCOMMANDS = "build | set | status";
const UINT96_MAX = 2n ** 96n - 1n;
const ZERO_ROOT = `0x${"0".repeat(64)}`;
/** Addresses whose allowlist mints `status --csv` reads one by one, at most. */
const STATUS_ROWS = 100;

/** The allowlist part of `saleConfig()`. */
export async function allowlistConfig(collection: Contract) {
  const s = await collection.saleConfig();
  return { root: s[6] as string, price: BigInt(s[7]), open: s[8] as boolean };
}

/**
 * `build`'s domain: `--collection ADDRESS` and `--chain-id N` build offline for a collection on any
 * chain (no RPC call needed); otherwise the collection deployed on this network, on its chain.
 */
async function buildDomain(
  hre: HardhatRuntimeEnvironment,
  which: string | undefined,
  chainId: string | undefined,
): Promise<AllowlistDomain> {
  if (chainId !== undefined && !/^\d+$/.test(chainId))
    throw userError(`--chain-id must be a whole number (e.g. 11155111 for Sepolia); got "${chainId}"`);
  if (which !== undefined && /^0x/i.test(which) && chainId !== undefined)
    return { collection: addressParam(hre, "collection", which), chainId: BigInt(chainId) };
  const domain = await allowlistDomain(hre, await getCollection(hre, which));
  return chainId === undefined ? domain : { ...domain, chainId: BigInt(chainId) };
}

/** The network a list's chain id is reached through: the current one, else the configured network with that chain id (localhost for Hardhat's own). */
function networkOf(hre: HardhatRuntimeEnvironment, chainId: bigint): string {
  if (hre.network.name !== "hardhat") return hre.network.name;
  const named = Object.entries(hre.config.networks).find(
    ([name, config]) => name !== "hardhat" && BigInt(config.chainId ?? -1) === chainId,
  );
  return named?.[0] ?? "<network>";
}

function listLines(list: Allowlist): string[] {
  return list.entries.map((e) => `${e.address}  allowance ${e.allowance}  proof [${e.proof.join(", ")}]`);
}

task(
  "allowlist",
  "Allowlist sale (Merkle tree of address,allowance, bound to one collection on one chain): build --csv FILE [--out proofs.json] | set --csv FILE --price ETH [--open|--closed] (CONFIG_ROLE) | status",
)
  .addPositionalParam("subcommand", SUBCOMMANDS, undefined, types.string)
  .addOptionalParam(
    "csv",
    "The list: a CSV of address,allowance lines (header optional), or the proofs file `build --out` wrote",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "out",
    "build: write {root, entries: [{address, allowance, proof}]} to this JSON file",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "price",
    "set: price per token in the allowlist phase, in ETH (default: keep)",
    undefined,
    types.string,
  )
  .addFlag("open", "set: open the allowlist phase")
  .addFlag("closed", "set: close the allowlist phase")
  .addOptionalParam(
    "address",
    "status: also show this address's allowance and allowlist mints",
    undefined,
    types.string,
  )
  .addOptionalParam(
    "chainId",
    "build: the chain the collection lives on, with --collection ADDRESS, to build offline (default: this network's)",
    undefined,
    types.string,
  )
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      subcommand: string;
      csv?: string;
      out?: string;
      price?: string;
      open?: boolean;
      closed?: boolean;
      address?: string;
      chainId?: string;
      from: number;
      collection?: string;
      json?: boolean;
    }>(async (args, hre) => {
      switch (args.subcommand) {
        case "build": {
          if (!args.csv) throw userError("allowlist build needs --csv FILE (address,allowance lines)");
          const list = loadAllowlist(args.csv, await buildDomain(hre, args.collection, args.chainId), "csv");
          let written: string | null = null;
          if (args.out) {
            written = path.resolve(args.out);
            fs.mkdirSync(path.dirname(written), { recursive: true });
            fs.writeFileSync(written, `${allowlistJson(list)}\n`);
          }
          const total = list.entries.reduce((s, e) => s + e.allowance, 0);
          const text = [
            `Allowlist of ${list.entries.length} address(es), ${total} token(s) in all, from ${args.csv}, for collection ${list.collection} on chain ${list.chainId} (OpenZeppelin StandardMerkleTree, leaves collection,chainId,address,allowance)`,
            `root ${list.root}`,
            ...listLines(list),
            ...(written ? [`Wrote ${written}`] : []),
            `Next: \`npx hardhat allowlist set --csv ${args.csv} --open${args.collection ? ` --collection ${args.collection}` : ""} --network ${networkOf(hre, list.chainId)}\` (CONFIG_ROLE) sets it on the collection and opens the phase; add --price ETH to change the allowlist price.`,
          ].join("\n");
          return { data: { root: list.root, entries: list.entries, out: written }, text };
        }
        case "set": {
          if (args.open && args.closed) throw userError("give --open or --closed, not both");
          if (!args.csv && args.price === undefined && !args.open && !args.closed)
            throw userError("allowlist set needs --csv FILE, --price ETH, --open or --closed (what to change)");
          const collection = await getCollection(hre, args.collection);
          const current = await allowlistConfig(collection);
          const list = args.csv ? loadAllowlist(args.csv, await allowlistDomain(hre, collection), "csv") : null;
          const root = list?.root ?? current.root;
          const price = args.price === undefined ? current.price : etherParam("price", args.price, UINT96_MAX);
          const open = args.open ? true : args.closed ? false : current.open;
          if (open && root === ZERO_ROOT)
            throw userError("the collection has no allowlist yet: give --csv FILE to open the allowlist phase");
          const signer = await signerAt(hre, args.from);
          const tx = await (collection.connect(signer) as Contract).setAllowlist(root, price, open);
          const receipt = await tx.wait();
          const [e] = eventsIn(collection, receipt, "AllowlistUpdated");
          const data = {
            tx: tx.hash,
            root: (e?.root as string) ?? root,
            price: BigInt((e?.price as bigint) ?? price),
            open: Boolean(e?.open ?? open),
            addresses: list?.entries.length ?? null,
          };
          return {
            data,
            text: `Allowlist of ${await collection.symbol()}: root ${data.root}${list ? ` (${list.entries.length} address(es) from ${args.csv})` : ""}, price ${eth(data.price)}, ${data.open ? "open: listed addresses mint with `mint --allowlist FILE`" : "closed"}`,
          };
        }
        case "status": {
          const collection = await getCollection(hre, args.collection);
          const config = await allowlistConfig(collection);
          const [publicPrice, , , , publicOpen] = await collection.saleConfig();
          const list = args.csv ? loadAllowlist(args.csv, await allowlistDomain(hre, collection), "csv") : null;
          const matches = list ? list.root.toLowerCase() === config.root.toLowerCase() : null;
          const rows: { address: string; allowance: number | null; minted: bigint }[] = [];
          if (list)
            for (const e of list.entries.slice(0, STATUS_ROWS))
              rows.push({ ...e, minted: BigInt(await collection.allowlistMinted(e.address)) });
          let account: { address: string; allowance: number | null; minted: bigint } | null = null;
          if (args.address) {
            const address = addressParam(hre, "address", args.address);
            account = {
              address,
              allowance: list ? (entryOf(list, address)?.allowance ?? null) : null,
              minted: BigInt(await collection.allowlistMinted(address)),
            };
          }
          const set = config.root !== ZERO_ROOT;
          const data = {
            ...config,
            set,
            publicPrice: BigInt(publicPrice),
            publicOpen,
            matches,
            entries: rows,
            account,
          };
          const lines = [
            set
              ? `Allowlist ${config.open ? "open" : "closed"}: root ${config.root}, price ${eth(config.price)} (public sale ${publicOpen ? "open" : "closed"} at ${eth(publicPrice)})`
              : `No allowlist set (\`allowlist set --csv FILE --price ETH --open\`, CONFIG_ROLE); public sale ${publicOpen ? "open" : "closed"} at ${eth(publicPrice)}`,
          ];
          if (list)
            lines.push(
              matches
                ? `${args.csv} is the collection's list (same root)`
                : `${args.csv} is NOT the collection's list: its root is ${list.root}`,
              table(
                ["address", "allowance", "minted"],
                rows.map((r) => [r.address, r.allowance ?? "", String(r.minted)]),
              ),
              ...(list.entries.length > STATUS_ROWS
                ? [`(the first ${STATUS_ROWS} of ${list.entries.length} addresses)`]
                : []),
            );
          if (account)
            lines.push(
              `${account.address}: ${account.minted} minted in the allowlist phase${account.allowance === null ? (list ? "; not on the list" : "") : ` of ${account.allowance}`}`,
            );
          return { data, text: lines.join("\n") };
        }
        default:
          throw userError(`unknown subcommand "${args.subcommand}" (${SUBCOMMANDS})`);
      }
    }),
  );
