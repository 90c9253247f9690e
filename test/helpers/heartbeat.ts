/**
 * A heartbeat for `hardhat test --parallel` (registered as a Mocha root-hook plugin through
 * `mocha.require` in hardhat.config.ts). A parallel worker reports a test file only when the whole
 * file has run, so a file of several minutes would look like a hang: every HEARTBEAT_MS (20 s by
 * default) each worker prints how many tests it has run and the one it is running. Outside a
 * worker (a serial `hardhat test`, which reports every test as it ends) it does nothing.
 */
import path from "node:path";

const EVERY_MS = Number(process.env.HEARTBEAT_MS ?? 20_000);
const worker = process.env.MOCHA_WORKER_ID;
let done = 0;
let current = "";
let since = Date.now();

// Hardhat also loads every file under test/ as a test file: one timer per process all the same.
const globals = globalThis as { vivariumHeartbeat?: boolean };
if (worker !== undefined && !globals.vivariumHeartbeat) {
  globals.vivariumHeartbeat = true;
  setInterval(() => {
    if (!current) return;
    const seconds = ((Date.now() - since) / 1000).toFixed(0);
    // Straight to stdout, not console.log: a test that captures console.log (runTask) must not catch it.
    process.stdout.write(
      `      … worker ${Number(worker) + 1}: ${done} tests done; running ${current} (${seconds} s)\n`,
    );
  }, EVERY_MS).unref();
}

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    const test = this.currentTest;
    if (!test) return;
    const file = test.file ? path.relative(process.cwd(), test.file) : "";
    current = `${file ? `${file}: ` : ""}"${test.title.slice(0, 80)}"`;
    since = Date.now();
  },
  afterEach(): void {
    done++;
    current = "";
  },
};
