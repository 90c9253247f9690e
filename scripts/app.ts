/**
 * `npm run app`: the holder's experience on this machine in one command. Starts a `hardhat node`,
 * lives the demo's story on it (two collections in one World, 32 epochs), starts the indexer
 * (Ponder, indexer/) on it, builds the app for both and serves it, then prints the URL. Ctrl-C
 * stops everything. `--no-indexer` leaves the indexer out: the app then reads over RPC only.
 *
 *   npm run app [-- --port 8545] [--http 8600] [--epochs 32] [--indexer-port 42069] [--no-indexer]
 *
 * Open the URL in a browser with a wallet (any EIP-6963 wallet, or an injected one) on
 * http://127.0.0.1:8545, chain id 31337, and import one of the node's accounts to act as a holder:
 * the demo's holders are accounts #1 to #5.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import { buildApp } from "./app-build";
import { indexerAt, installIndexer, startIndexer } from "./lib/indexer-process";

const ROOT = path.resolve(__dirname, "..");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

function wholeArg(name: string, fallback: number, min: number, max: number): number {
  const text = arg(name, String(fallback));
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`app: --${name} must be a whole number from ${min} to ${max}, got "${text}"`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const port = wholeArg("port", 8545, 1024, 65535);
  const httpPort = wholeArg("http", 8600, 1024, 65535);
  const epochs = wholeArg("epochs", 32, 1, 1000);
  const rpc = `http://127.0.0.1:${port}`;
  const env = { ...process.env, LOCALHOST_URL: rpc, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" };
  const provider = new JsonRpcProvider(rpc, undefined, { staticNetwork: true });
  if (
    await provider.getBlockNumber().then(
      () => true,
      () => false,
    )
  ) {
    console.error(`app: something already answers on ${rpc}: stop it, or pick another port with --port`);
    process.exit(2);
  }

  const steps = process.argv.includes("--no-indexer") ? 3 : 4;
  console.log(`[1/${steps}] starting hardhat node on ${rpc}...`);
  const node = spawn("npx", ["hardhat", "node", "--no-deploy", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => node.kill("SIGTERM");
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      stop();
      process.exit(0);
    });
  process.on("exit", stop);
  for (
    let i = 0;
    !(await provider.getBlockNumber().then(
      () => true,
      () => false,
    ));
    i++
  ) {
    if (i > 240) throw new Error(`hardhat node did not answer on ${rpc} within 2 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }

  console.log(`[2/${steps}] living the demo's story on it (${epochs} epochs)...`);
  const demo = spawnSync(
    "npx",
    ["hardhat", "demo", "--network", "localhost", "--epochs", String(epochs), "--out", "out/app/demo"],
    { cwd: ROOT, env, stdio: "inherit" },
  );
  if (demo.status !== 0) throw new Error("the demo failed on the node (its output is above)");

  let indexer: string | undefined;
  if (!process.argv.includes("--no-indexer")) {
    const indexerPort = wholeArg("indexer-port", 42069, 1024, 65535);
    installIndexer();
    indexer = `http://127.0.0.1:${indexerPort}`;
    console.log(`[3/4] starting the indexer on ${indexer} (log: out/app/indexer.log)...`);
    fs.mkdirSync(path.join(ROOT, "out", "app"), { recursive: true });
    fs.rmSync(path.join(ROOT, "out", "app", "pglite"), { recursive: true, force: true });
    const child = startIndexer({
      rpc,
      port: indexerPort,
      pgliteDir: path.join(ROOT, "out", "app", "pglite"),
      logFile: path.join(ROOT, "out", "app", "indexer.log"),
    });
    process.on("exit", () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
    });
    const t0 = Date.now();
    await indexerAt(indexer, await provider.getBlockNumber(), 600);
    console.log(
      `      indexed the node's ${await provider.getBlockNumber()} blocks in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  console.log(`[${indexer ? 4 : 3}/${indexer ? 4 : 3}] building the app...`);
  const built = await buildApp({ network: "localhost", rpc, indexer });
  const html = fs.readFileSync(built.out);
  http
    .createServer((req, res) => {
      if (req.url === "/" || req.url?.startsWith("/index.html") || req.url?.startsWith("/?")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(html);
      } else {
        res.writeHead(404).end();
      }
    })
    .listen(httpPort, "127.0.0.1");
  console.log(
    `\nThe app: http://127.0.0.1:${httpPort}/  (also ${path.relative(process.cwd(), built.out)}, ${built.gzip.toLocaleString("en-US")} bytes gzipped)\n` +
      `Chain: ${rpc}, chain id ${built.config.chainId}; World ${built.config.world}.\n` +
      (indexer ? `Indexer: ${indexer}/vivarium/collections (the app's lists and life stories).\n` : "") +
      `Act as a demo holder: import hardhat's account #1 (0x70997970C51812dc3A010C7d01b50e0d17dc79C8), key\n` +
      `0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d (a well-known test key: never on a live chain).\n` +
      `Ctrl-C stops the node and the page.`,
  );
}

main().catch((err) => {
  console.error(`app: ${(err as Error).message}`);
  process.exit(1);
});
