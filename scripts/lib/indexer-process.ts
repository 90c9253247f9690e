/**
 * Starting the Ponder indexer (indexer/, its own package) against a node: its dependencies
 * installed on first use (`npm ci --prefix indexer`), then `ponder start` with the network's
 * deployments, PGlite in indexer/.ponder (or Postgres when DATABASE_URL is set), until it has
 * indexed the node's head. Shared by `npm run indexer`, `npm run app` and the indexer test.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const INDEXER_DIR = path.join(__dirname, "..", "..", "indexer");

/** Installs the indexer's dependencies when they are missing. */
export function installIndexer(log: (line: string) => void = console.log): void {
  if (fs.existsSync(path.join(INDEXER_DIR, "node_modules", "ponder"))) return;
  log("installing the indexer's dependencies (npm ci --prefix indexer)...");
  const r = spawnSync("npm", ["ci", "--prefix", INDEXER_DIR, "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("npm ci --prefix indexer failed");
}

export interface IndexerOptions {
  rpc: string;
  port: number;
  network?: string;
  /** PGlite's folder (default indexer/.ponder/pglite); ignored when databaseUrl is given. */
  pgliteDir?: string;
  databaseUrl?: string;
  schema?: string;
  /** Where its output goes (default: inherited). */
  logFile?: string;
}

/** Starts `ponder start` in its own process group. */
export function startIndexer(o: IndexerOptions): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    PONDER_RPC_URL: o.rpc,
    VIVARIUM_NETWORK: o.network ?? "localhost",
  };
  delete env.DATABASE_URL;
  if (o.databaseUrl) env.DATABASE_URL = o.databaseUrl;
  else if (o.pgliteDir) env.VIVARIUM_PGLITE_DIR = o.pgliteDir;
  const out = o.logFile ? fs.openSync(o.logFile, "a") : "inherit";
  return spawn(
    path.join(INDEXER_DIR, "node_modules", ".bin", "ponder"),
    ["start", "--schema", o.schema ?? "vivarium", "--port", String(o.port)],
    { cwd: INDEXER_DIR, env, detached: true, stdio: ["ignore", out, out] },
  );
}

/** Resolves once the indexer answers /ready and has indexed block `head`. */
export async function indexerAt(api: string, head: number, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(`${api}/ready`)).status === 200) {
        const status = (await (await fetch(`${api}/status`)).json()) as Record<string, { block?: { number: number } }>;
        if ((status.local?.block?.number ?? 0) >= head) return;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the indexer at ${api} did not reach block ${head} within ${seconds} s`);
}

/** Stops an indexer started by startIndexer and waits for it. */
export async function stopIndexer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    return;
  }
  await new Promise((r) => child.once("exit", r));
}
