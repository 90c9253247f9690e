// Spawned `npx hardhat` processes and `hardhat node`s for the command-line tests.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect } from "chai";

export const ROOT = path.resolve(__dirname, "..");
export const HARDHAT = path.join(ROOT, "node_modules", ".bin", "hardhat");

/** The environment of a user who has set nothing: none of the deploy variables, no .env values. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (
      /_RPC_URL$|^DEPLOYER_PRIVATE_KEY$|^VRF_|^FEED_|^HARDHAT_CHAIN_ID$|^DEPLOYMENTS_DIR$|^COLLECTION_|^MINT_PRICE|^MAX_(SUPPLY|PER_)|^ROYALTY_|^TREASURY$|^MIN_REVEAL_DELAY$|^INSTANT_REVEAL$|^EPOCH_INTERVAL$|^ADMIN_DELAY$/.test(
        key,
      )
    )
      delete env[key];
  return { ...env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true", ...extra };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

export function hardhat(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(HARDHAT, args, { cwd: ROOT, env: cleanEnv(env), encoding: "utf8", timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}\n${r.stderr}` };
}

/** A stack frame as Node prints it ("    at fn (file:line:col)"). */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** A failed command whose output names the cause in a line or two, without a stack trace. */
export function expectOneLineFailure(r: Run, ...patterns: RegExp[]): string {
  expect(r.status, `exit code of a failing command\n${r.out}`).to.equal(1);
  expect(r.out, "stack trace").not.to.match(STACK_FRAME);
  const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
  const error = lines.find((l) => l.startsWith("Error: "));
  expect(error, `an "Error: " line on stderr\n${r.out}`).to.be.a("string");
  for (const p of patterns) expect(r.stderr, String(p)).to.match(p);
  return error!;
}

export async function startNode(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(HARDHAT, ["node", "--no-deploy", "--port", String(port)], {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited: ${log}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`hardhat node did not start: ${log}`);
}

/** Stops a node and its process group, and waits for it to exit (the next suite reuses its port). */
export async function stopNode(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // gone
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
}
