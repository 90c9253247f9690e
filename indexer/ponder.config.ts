/**
 * Ponder configuration: every collection and the World that hardhat-deploy recorded for a network
 * (deployments/<VIVARIUM_NETWORK>, default localhost), each indexed from its deploy block, with the
 * ABIs of the compiled artifacts. PGlite (embedded) by default, in VIVARIUM_PGLITE_DIR (default
 * .ponder/pglite); Postgres when DATABASE_URL is set. The chain: PONDER_RPC_URL (default
 * http://127.0.0.1:8545) with the chain id of the deployments.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createConfig } from "ponder";
import type { Abi } from "viem";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NETWORK = process.env.VIVARIUM_NETWORK ?? "localhost";
const DIR = path.join(ROOT, "deployments", NETWORK);

interface Record {
  address: `0x${string}`;
  receipt?: { blockNumber?: number };
}

function record(name: string): Record {
  const file = path.join(DIR, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`indexer: no ${name} deployed on ${NETWORK} (${file}): deploy first`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record;
}

function abi(artifact: string): Abi {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "artifacts", "contracts", artifact), "utf8")).abi as Abi;
}

const world = record("World");
const collections = fs
  .readdirSync(DIR)
  .filter((f) => /^LivingAsset(_[A-Z0-9]+)?\.json$/.test(f) && f !== "LivingAsset_Implementation.json")
  .map((f) => record(f.slice(0, -5)));
const blockOf = (r: Record) => Number(r.receipt?.blockNumber ?? 0);

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.VIVARIUM_PGLITE_DIR ?? ".ponder/pglite" },
  chains: {
    local: {
      id: Number(fs.readFileSync(path.join(DIR, ".chainId"), "utf8").trim()),
      rpc: process.env.PONDER_RPC_URL ?? "http://127.0.0.1:8545",
      // A development chain restarts with the same block numbers: never trust a cached answer.
      disableCache: true,
      pollingInterval: 500,
      // A node on this machine, not a metered provider: Ponder's default is 50 requests a second.
      maxRequestsPerSecond: Number(process.env.PONDER_MAX_RPS ?? 1000),
    },
  },
  contracts: {
    LivingAsset: {
      chain: "local",
      abi: abi("LivingAsset.sol/LivingAsset.json"),
      address: collections.map((c) => c.address),
      startBlock: Math.min(...collections.map(blockOf)),
    },
    World: {
      chain: "local",
      abi: abi("world/World.sol/World.json"),
      address: world.address,
      startBlock: blockOf(world),
    },
  },
});
