/**
 * Coverage gate, run after `hardhat coverage`: every Solidity file under contracts/ (mocks under
 * contracts/mocks/ excepted) must have 100% of its lines and functions and at least 95% of its
 * branches covered.
 *
 * Reads coverage/coverage-summary.json (istanbul's json-summary reporter, enabled in
 * .solcover.js) or, failing that, the raw coverage.json that solidity-coverage always writes.
 *
 * Usage: `npm run coverage`, or `npx ts-node scripts/check-coverage.ts` after a coverage run; with
 * file arguments, the raw coverage.json files of several runs (the suite on Hardhat's chain id, the
 * live-chain file on another), their hits summed.
 * Thresholds can be tightened (never relaxed in CI) with COVERAGE_MIN_LINES, _FUNCTIONS, _BRANCHES.
 */
import fs from "node:fs";
import path from "node:path";

export const THRESHOLDS = {
  lines: Number(process.env.COVERAGE_MIN_LINES ?? 100),
  functions: Number(process.env.COVERAGE_MIN_FUNCTIONS ?? 100),
  branches: Number(process.env.COVERAGE_MIN_BRANCHES ?? 95),
};

type Metric = "lines" | "functions" | "branches";
interface Count {
  total: number;
  covered: number;
}
export type FileCoverage = Record<Metric, Count> & {
  /** Uncovered lines and branch arms, as "line 12" / "branch at line 40, arm 2 of 2" (raw data only). */
  gaps?: string[];
};

/** Raw istanbul file coverage, as in coverage.json. */
interface RawFile {
  path: string;
  l: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
  branchMap?: Record<string, { line?: number; loc?: { start: { line: number } } }>;
}

const ROOT = path.join(__dirname, "..");

function relative(file: string): string {
  return path
    .relative(ROOT, path.isAbsolute(file) ? file : path.join(ROOT, file))
    .split(path.sep)
    .join("/");
}

function fromSummary(file: string): Map<string, FileCoverage> {
  const summary = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Record<Metric, Count>>;
  const out = new Map<string, FileCoverage>();
  for (const [key, v] of Object.entries(summary)) {
    if (key === "total") continue;
    out.set(relative(key), { lines: v.lines, functions: v.functions, branches: v.branches });
  }
  return out;
}

/** Raw istanbul coverage of one or more runs over the same instrumented sources, hits summed. */
function fromRaw(files: string[]): Map<string, FileCoverage> {
  const merged = new Map<string, RawFile>();
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  };
  for (const file of files) {
    const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, RawFile>;
    for (const [key, v] of Object.entries(raw)) {
      const name = relative(v.path ?? key);
      const into = merged.get(name);
      if (!into) {
        merged.set(name, { path: name, l: { ...v.l }, f: { ...v.f }, b: structuredClone(v.b), branchMap: v.branchMap });
        continue;
      }
      add(into.l, v.l);
      add(into.f, v.f);
      for (const [k, hits] of Object.entries(v.b)) {
        into.b[k] = hits.map((n, i) => n + (into.b[k]?.[i] ?? 0));
      }
    }
  }
  const out = new Map<string, FileCoverage>();
  const count = (hits: number[]): Count => ({ total: hits.length, covered: hits.filter((h) => h > 0).length });
  for (const [name, v] of merged) {
    const gaps = Object.entries(v.l)
      .filter(([, n]) => n === 0)
      .map(([line]) => `line ${line}`);
    for (const [id, hits] of Object.entries(v.b)) {
      const at = v.branchMap?.[id];
      const line = at?.line ?? at?.loc?.start.line ?? "?";
      hits.forEach((n, arm) => {
        if (n === 0) gaps.push(`branch at line ${line}, arm ${arm + 1} of ${hits.length}`);
      });
    }
    out.set(name, {
      lines: count(Object.values(v.l)),
      functions: count(Object.values(v.f)),
      branches: count(Object.values(v.b).flat()),
      gaps,
    });
  }
  return out;
}

/** Per-file coverage of the gated files (contracts/, not contracts/mocks/), sorted by path. */
export function loadCoverage(rawFiles: string[] = []): Map<string, FileCoverage> {
  const summary = path.join(ROOT, "coverage", "coverage-summary.json");
  const raw = path.join(ROOT, "coverage.json");
  let all: Map<string, FileCoverage>;
  if (rawFiles.length > 0) all = fromRaw(rawFiles);
  else if (fs.existsSync(summary)) all = fromSummary(summary);
  else if (fs.existsSync(raw)) all = fromRaw([raw]);
  else throw new Error("no coverage/coverage-summary.json or coverage.json: run `npx hardhat coverage` first");
  return new Map(
    [...all.entries()]
      .filter(([file]) => file.startsWith("contracts/") && !file.startsWith("contracts/mocks/"))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export function pct(c: Count): number {
  return c.total === 0 ? 100 : (100 * c.covered) / c.total;
}

function main(): void {
  const files = loadCoverage(process.argv.slice(2));
  if (files.size === 0) throw new Error("coverage report has no file under contracts/");
  const width = Math.max(...[...files.keys()].map((f) => f.length));
  const cell = (c: Count) => `${pct(c).toFixed(1).padStart(5)}% ${`${c.covered}/${c.total}`.padStart(9)}`;
  console.log(`${"file".padEnd(width)}  ${"lines".padEnd(16)}  ${"functions".padEnd(16)}  ${"branches".padEnd(16)}`);
  const failures: string[] = [];
  for (const [file, cov] of files) {
    const bad = (Object.keys(THRESHOLDS) as Metric[]).filter((m) => pct(cov[m]) < THRESHOLDS[m]);
    console.log(
      `${file.padEnd(width)}  ${cell(cov.lines)}  ${cell(cov.functions)}  ${cell(cov.branches)}${bad.length ? "  <- " + bad.join(", ") : ""}`,
    );
    for (const m of bad) failures.push(`${file}: ${m} ${pct(cov[m]).toFixed(2)}% < ${THRESHOLDS[m]}%`);
    if (bad.length > 0 && cov.gaps?.length) failures.push(`  not covered: ${cov.gaps.join("; ")}`);
  }
  console.log(
    `\nthresholds per file: lines ${THRESHOLDS.lines}%, functions ${THRESHOLDS.functions}%, branches ${THRESHOLDS.branches}%`,
  );
  if (failures.length > 0) {
    console.error(
      `FAIL (${failures.length}):\n  ${failures.join("\n  ")}\nSee coverage/index.html for the uncovered code.`,
    );
    process.exit(1);
  }
  console.log(`OK: ${files.size} files meet the thresholds.`);
}

if (require.main === module) main();
