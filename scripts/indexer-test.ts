/**
 * Indexer test: a real `hardhat node` that lived the demo's story (plus a transfer), the Ponder
 * indexer (indexer/) run against it, and every answer of its API compared with fresh contract
 * reads at the same block, through the app's two data sources: IndexerSource (the indexer) and
 * RpcSource (ownerOf, phenotypeOf, epochEntry, the World's subscribers, and the history replay for
 * life stories). Collections, every token (holder, stage, vitality, generation, traits), token
 * ranges, every token's life and every epoch must be equal. Then a reindex from scratch (a new
 * empty database) must give the same rows; with DATABASE_URL set, the same runs on Postgres too.
 *
 *   npx ts-node --transpile-only scripts/indexer-test.ts [--port 8548] [--epochs N]
 *
 * --epochs N first advances the World N more epochs, then indexes once (the catch-up figure: the
 * time from starting the indexer to its having indexed the node's head); no reindex, no Postgres.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { deepStrictEqual } from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Contract, JsonRpcProvider } from "ethers";
import { IndexerSource } from "../client/indexer-source";
import { RpcSource } from "../client/rpc-source";
import type { VivariumData } from "../client/data";
import type { ChainReader } from "../client/history";
import { indexerAt, installIndexer, startIndexer, stopIndexer } from "./lib/indexer-process";
import { check, tally } from "./lib/checks";

const ROOT = path.resolve(__dirname, "..");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const PORT = Number(arg("port", "8548"));
const API_PORT = PORT + 33_600; // 42148 by default
const EXTRA_EPOCHS = Number(arg("epochs", "0"));
const RPC = `http://127.0.0.1:${PORT}`;
const ENV = { ...process.env, LOCALHOST_URL: RPC, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" };

const children: ChildProcess[] = [];
function stopAll(): void {
  for (const c of children)
    try {
      process.kill(-c.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
}
process.on("exit", stopAll);

function hardhat(args: string[]): void {
  const r = spawnSync("npx", ["hardhat", ...args, "--network", "localhost"], { cwd: ROOT, env: ENV, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`hardhat ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitFor(what: string, ok: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

function abiOf(artifact: string) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "artifacts", "contracts", artifact), "utf8")).abi;
}

/** Everything the app reads, from one source: collections, tokens, ranges, lives, epochs. */
async function snapshot(data: VivariumData, world: string) {
  const collections = await data.collections();
  const perCollection = [];
  for (const c of collections) {
    const tokens = await data.tokens(c.address);
    const owners = [...new Set(tokens.map((t) => t.owner))].sort();
    perCollection.push({
      tokens,
      byOwner: await Promise.all(owners.map((o) => data.tokens(c.address, o))),
      range: await data.tokenRange(c.address, 2, 5),
      one: await data.token(c.address, 1),
      lives: await Promise.all(tokens.map((t) => data.life(c.address, t.tokenId))),
    });
  }
  return { collections, perCollection, epochs: await data.epochs(world) };
}

function same(name: string, a: unknown, b: unknown): void {
  try {
    deepStrictEqual(a, b);
    check(name, true);
  } catch (err) {
    check(name, false, String((err as Error).message).slice(0, 1500));
  }
}

/** Run the indexer to the node's head on `db`; compare with the chain; return its snapshot. */
async function indexAndCompare(
  label: string,
  db: { dir?: string; databaseUrl?: string; schema: string },
  provider: JsonRpcProvider,
  rpc: (block: number) => RpcSource,
  world: string,
  tmp: string,
) {
  // Straight from the node: ethers keeps getBlockNumber's answer for a moment.
  const head = Number(await provider.send("eth_blockNumber", []));
  const log = path.join(tmp, `ponder-${label.replace(/\W+/g, "-")}.log`);
  const t0 = Date.now();
  const child = startIndexer({
    rpc: RPC,
    port: API_PORT,
    pgliteDir: db.dir,
    databaseUrl: db.databaseUrl,
    schema: db.schema,
    logFile: log,
  });
  children.push(child);
  const api = `http://127.0.0.1:${API_PORT}`;
  try {
    await indexerAt(api, head, 900);
  } catch (err) {
    console.log(fs.readFileSync(log, "utf8").split("\n").slice(-30).join("\n"));
    throw err;
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(`${label}: indexed to block ${head} in ${seconds.toFixed(1)} s`);
  const fromIndexer = await snapshot(new IndexerSource(api), world);
  const fromChain = await snapshot(rpc(head), world);
  const tokens = fromChain.perCollection.reduce((n, c) => n + c.tokens.length, 0);
  check(`${label}: the chain has tokens and lives to compare (${tokens} tokens)`, tokens > 0);
  same(`${label}: collections equal the chain's`, fromIndexer.collections, fromChain.collections);
  fromChain.perCollection.forEach((c, i) => {
    const s = fromIndexer.perCollection[i];
    const sym = fromChain.collections[i].symbol;
    same(
      `${label}: ${sym}'s ${c.tokens.length} tokens (holder, stage, vitality, generation, traits) equal fresh reads`,
      s?.tokens,
      c.tokens,
    );
    same(`${label}: ${sym}'s tokens by holder`, s?.byOwner, c.byOwner);
    same(`${label}: ${sym}'s token range 2..6 and token 1`, [s?.range, s?.one], [c.range, c.one]);
    same(`${label}: ${sym}'s life stories equal the history replay`, s?.lives, c.lives);
  });
  same(
    `${label}: the World's ${fromChain.epochs.length} epochs equal epochEntry`,
    fromIndexer.epochs,
    fromChain.epochs,
  );
  await stopIndexer(child);
  return { snapshot: fromIndexer, seconds };
}

async function main(): Promise<void> {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "indexer-test-"));
  installIndexer();
  const node = spawn("npx", ["hardhat", "node", "--no-deploy", "--port", String(PORT)], {
    cwd: ROOT,
    env: ENV,
    detached: true,
    stdio: ["ignore", "ignore", "ignore"],
  });
  children.push(node);
  const provider = new JsonRpcProvider(RPC, 31337, { staticNetwork: true });
  await waitFor("hardhat node", async () => (await provider.getBlockNumber()) >= 0, 120);
  console.log(`hardhat node on ${RPC}; the demo's story on it...`);
  hardhat(["demo", "--epochs", "8", "--out", path.join(tmp, "demo")]);
  const dir = path.join(ROOT, "deployments", "localhost");
  const record = (n: string) => JSON.parse(fs.readFileSync(path.join(dir, `${n}.json`), "utf8"));
  const world = record("World").address as string;
  const abis = {
    LivingAsset: abiOf("LivingAsset.sol/LivingAsset.json"),
    World: abiOf("world/World.sol/World.json"),
    IRenderer: abiOf("interfaces/IRenderer.sol/IRenderer.json"),
  };
  // A transfer, so life stories hold one: the first token's holder gives it to another account.
  const main = new Contract(record("LivingAsset").address, abis.LivingAsset, provider);
  const holder = await main.ownerOf(1);
  const to = (await provider.listAccounts())[9].address;
  await (await (main.connect(await provider.getSigner(holder)) as Contract).transferFrom(holder, to, 1)).wait();
  if (EXTRA_EPOCHS > 0) {
    console.log(`advancing the World ${EXTRA_EPOCHS} more epochs...`);
    const w = new Contract(world, abis.World, await provider.getSigner(0));
    const feed = new Contract(
      record("MockV3Aggregator").address,
      ["function updateAnswer(int256)", "function latestAnswer() view returns (int256)"],
      await provider.getSigner(0),
    );
    for (let i = 0; i < EXTRA_EPOCHS; i++) {
      const next = Number(await w.nextEpochAt());
      const now = (await provider.getBlock("latest"))!.timestamp;
      if (next > now) await provider.send("evm_setNextBlockTimestamp", [next]);
      const price = BigInt(await feed.latestAnswer());
      await (await feed.updateAnswer(price + (i % 2 ? 1n : -1n) * (price / 50n))).wait();
      // A gas limit of its own: in a 1,000-epoch run the node's estimate once fell 122 gas short
      // of the hooks' allowance check (WorldHookGasTooLow), as the app and the task guard against.
      await (await w.advanceEpoch({ gasLimit: 1_000_000 })).wait();
    }
  }
  const deployBlocks: Record<string, number> = {};
  for (const f of fs.readdirSync(dir))
    if (/^LivingAsset(_[A-Z0-9]+)?\.json$/.test(f) && f !== "LivingAsset_Implementation.json") {
      const d = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      deployBlocks[String(d.address).toLowerCase()] = Number(d.receipt.blockNumber);
    }
  const chain: ChainReader = {
    provider,
    contract: (name, address) => new Contract(address, abis[name], provider),
    deployBlockOf: async (a) => deployBlocks[a.toLowerCase()],
  };
  const rpc = (block: number) => new RpcSource(chain, world, block);

  const first = await indexAndCompare(
    "PGlite",
    { dir: path.join(tmp, "pglite-1"), schema: "vivarium" },
    provider,
    rpc,
    world,
    tmp,
  );
  if (EXTRA_EPOCHS > 0) {
    console.log(`catch-up: ${first.seconds.toFixed(1)} s for ${EXTRA_EPOCHS + 8} epochs`);
    stopAll();
    console.log(`\n${tally.passed} passed, ${tally.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    process.exit(tally.failed ? 1 : 0);
  }
  const again = await indexAndCompare(
    "PGlite, reindexed from scratch",
    { dir: path.join(tmp, "pglite-2"), schema: "vivarium" },
    provider,
    rpc,
    world,
    tmp,
  );
  same("reindex: the same rows as the first run", again.snapshot, first.snapshot);
  if (process.env.DATABASE_URL) {
    const pg = await indexAndCompare(
      "Postgres",
      { databaseUrl: process.env.DATABASE_URL, schema: `vivarium_test_${process.pid}` },
      provider,
      rpc,
      world,
      tmp,
    );
    same("Postgres: the same rows as PGlite", pg.snapshot, first.snapshot);
  } else console.log("  (DATABASE_URL not set: the Postgres run is skipped; .ci/run sets it)");
  console.log(
    `catch-up: ${first.seconds.toFixed(1)} s for ${Number(await new Contract(world, abis.World, provider).epochCount())} epochs and ${first.snapshot.perCollection.reduce(
      (n, c) => n + c.tokens.length,
      0,
    )} tokens`,
  );
  provider.destroy();
  stopAll();
  console.log(`\n${tally.passed} passed, ${tally.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (tally.failed === 0) fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(tally.failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  stopAll();
  process.exit(1);
});
