/**
 * `npm run indexer`: the Ponder indexer (indexer/) against a running `hardhat node` (or any network
 * with saved deployments), serving the holder's app's lists and life stories. Installs its
 * dependencies on first use. Ctrl-C stops it.
 *
 *   npm run indexer [-- --rpc http://127.0.0.1:8545] [--network localhost] [--port 42069]
 *
 * PGlite in indexer/.ponder/pglite by default; Postgres when DATABASE_URL is set.
 */
import { installIndexer, startIndexer } from "./lib/indexer-process";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

const rpc = arg("rpc", process.env.LOCALHOST_URL ?? "http://127.0.0.1:8545");
const port = Number(arg("port", "42069"));
if (!/^https?:\/\/\S+$/.test(rpc)) {
  console.error(`indexer: --rpc must be an http(s) URL, got "${rpc}"`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 1024 || port > 65535) {
  console.error(`indexer: --port must be a whole number from 1024 to 65535, got "${arg("port", "")}"`);
  process.exit(2);
}
installIndexer();
console.log(`indexer: ${rpc}, API on http://127.0.0.1:${port}/vivarium/collections`);
const databaseUrl = process.env.DATABASE_URL || undefined;
if (databaseUrl && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
  console.error(`indexer: DATABASE_URL must be a postgres:// or postgresql:// URL, got "${databaseUrl}"`);
  process.exit(2);
}
console.log(`indexer: database ${databaseUrl ? "Postgres (DATABASE_URL)" : "PGlite in indexer/.ponder/pglite"}`);
const child = startIndexer({ rpc, port, network: arg("network", "localhost"), databaseUrl });
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
    process.exit(0);
  });
child.on("exit", (code) => process.exit(code ?? 0));
