/**
 * EIP-170 gate: lists the runtime size of every deployable contract compiled from contracts/ and
 * exits 1 if any of them (mocks under contracts/mocks/ excepted, but the `LivingAssetV2` upgrade
 * mock included) is over 20,480 bytes: 4 KiB under EIP-170's 24,576, so that every implementation
 * has room for the code a creator's upgrade adds (the V2 mock proves it with holder burns).
 *
 * Only sources under contracts/ count: contracts compiled from dependencies are not ours to size.
 * Chainlink's production VRF coordinator (22,120 bytes, re-exported by
 * contracts/mocks/chainlink-real/ for the real-VRF tests) is compiled from @chainlink/contracts and
 * so is not listed; a re-export file has no contract of its own.
 *
 * Deployable = a contract or library whose artifact has runtime code (interfaces and abstract
 * contracts have none). Libraries with an empty ABI are internal-only: their code is inlined
 * into their callers and never deployed, so they are left out unless `--all` is given.
 *
 * Usage: `npm run sizes` (compiles first), or `npx ts-node scripts/check-sizes.ts [--all]`.
 */
import fs from "node:fs";
import path from "node:path";

export const EIP170_LIMIT = 24_576;
/** Every deployable implementation keeps 4 KiB of EIP-170 free for upgrades. */
export const ROOM_LIMIT = EIP170_LIMIT - 4_096;
/** Mocks held to the room limit too: the upgrade a creator would ship. */
const GATED_MOCKS = ["LivingAssetV2"];
const WARN_MARGIN = 1_024; // flag contracts within 1 KiB of the limit

interface Artifact {
  contractName: string;
  sourceName: string;
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
}

export interface SizeRow {
  name: string;
  source: string;
  runtime: number;
  initcode: number;
  mock: boolean;
}

/** Bytes of a hex string; unlinked library placeholders (`__$…$__`, 40 chars) count as 20 bytes. */
function byteLength(hex: string): number {
  const body = hex.startsWith("0x") ? hex.slice(2) : hex;
  return body.length / 2;
}

function* artifactFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* artifactFiles(full);
    else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) yield full;
  }
}

/** Every deployable contract compiled from `contracts/`, largest first. */
export function collectSizes(artifactsDir: string, includeInternalLibraries = false): SizeRow[] {
  const root = path.join(artifactsDir, "contracts");
  if (!fs.existsSync(root)) throw new Error(`no artifacts under ${root}: run \`npx hardhat compile\` first`);
  const rows: SizeRow[] = [];
  for (const file of artifactFiles(root)) {
    const a = JSON.parse(fs.readFileSync(file, "utf8")) as Artifact;
    if (!a.sourceName?.startsWith("contracts/")) continue;
    const runtime = byteLength(a.deployedBytecode ?? "0x");
    if (runtime === 0) continue; // interface or abstract contract
    if (!includeInternalLibraries && isLibrary(a) && a.abi.length === 0) continue;
    rows.push({
      name: a.contractName,
      source: a.sourceName,
      runtime,
      initcode: byteLength(a.bytecode ?? "0x"),
      mock: a.sourceName.startsWith("contracts/mocks/"),
    });
  }
  return rows.sort((x, y) => y.runtime - x.runtime || x.name.localeCompare(y.name));
}

/** A library's runtime code starts with solc's call guard: PUSH20 <address> (0x73…), ADDRESS, EQ (0x3014). */
function isLibrary(a: Artifact): boolean {
  return /^0x73[0-9a-f]{40}3014/i.test(a.deployedBytecode);
}

function main(): void {
  const all = process.argv.includes("--all");
  const rows = collectSizes(path.join(__dirname, "..", "artifacts"), all);
  const nameWidth = Math.max(8, ...rows.map((r) => r.name.length));
  const line = (cols: string[]) => console.log(cols.join("  "));
  line(["contract".padEnd(nameWidth), "runtime".padStart(8), "initcode".padStart(8), "margin".padStart(8), "status"]);
  line(["-".repeat(nameWidth), "-".repeat(8), "-".repeat(8), "-".repeat(8), "-".repeat(10)]);
  const failures: SizeRow[] = [];
  for (const r of rows) {
    const margin = EIP170_LIMIT - r.runtime;
    const gated = !r.mock || GATED_MOCKS.includes(r.name);
    let status =
      margin < 0 ? "OVER" : gated && r.runtime > ROOM_LIMIT ? "no room" : margin < WARN_MARGIN ? "near limit" : "ok";
    if (r.mock) status += " (mock)";
    if (gated && r.runtime > ROOM_LIMIT) failures.push(r);
    line([
      r.name.padEnd(nameWidth),
      r.runtime.toLocaleString("en-US").padStart(8),
      r.initcode.toLocaleString("en-US").padStart(8),
      margin.toLocaleString("en-US").padStart(8),
      status,
    ]);
  }
  console.log(
    `\nEIP-170 limit: ${EIP170_LIMIT.toLocaleString("en-US")} bytes of runtime code; implementations (and ${GATED_MOCKS.join(", ")}) at most ${ROOM_LIMIT.toLocaleString("en-US")}; ${rows.length} contracts.`,
  );
  if (failures.length > 0) {
    console.error(
      `FAIL: over ${ROOM_LIMIT.toLocaleString("en-US")} bytes: ${failures.map((f) => `${f.name} (${f.source})`).join(", ")}`,
    );
    process.exit(1);
  }
  console.log(`OK: every implementation leaves at least 4 KiB of EIP-170 free.`);
}

if (require.main === module) main();
