import { HardhatError } from "hardhat/internal/core/errors";

type Parser = Record<string, (...args: unknown[]) => unknown>;

/**
 * An unknown task or option (HH303, HH305 and the other argument-parsing errors) becomes one line
 * and exit code 1, like every other mistake on the command line. Hardhat 2 runs these parsers after
 * loading the config, so wrapping them here is enough; if its internals move, nothing is wrapped.
 */
export function quietCommandLineMistakes(): void {
  if (process.argv.includes("--show-stack-traces")) return;
  let parser: Parser;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    parser = require("hardhat/internal/cli/ArgumentsParser").ArgumentsParser.prototype as Parser;
  } catch {
    return;
  }
  for (const method of ["parseScopeAndTaskNames", "parseTaskArguments"]) {
    const original = parser[method];
    if (typeof original !== "function") continue;
    parser[method] = function (this: unknown, ...args: unknown[]) {
      try {
        return original.apply(this, args);
      } catch (err) {
        if (!HardhatError.isHardhatError(err)) throw err;
        console.error(
          `Error ${err.message}${didYouMean(err, args)} (see \`npx hardhat help\` or \`npx hardhat help <task>\`)`,
        );
        process.exit(1);
      }
    };
  }
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short words. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** "; did you mean X?" for the closest of `candidates` (a third of the word's letters may differ), else "". */
export function suggest(word: string, candidates: string[]): string {
  const scored = candidates
    .map((c) => ({ c, d: editDistance(word.toLowerCase(), c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  const best = scored[0];
  return best && best.d > 0 && best.d <= Math.max(1, Math.floor(word.length / 3)) ? `; did you mean ${best.c}?` : "";
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The suggestion for a mistyped task (HH303) or option (HH305), from the parser's own arguments. */
function didYouMean(err: HardhatError, args: unknown[]): string {
  const given = err.messageArguments as Record<string, string>;
  if (err.number === 303 && typeof given.task === "string") {
    const tasks = Object.entries((args[1] ?? {}) as Record<string, { isSubtask?: boolean }>)
      .filter(([, t]) => !t.isSubtask)
      .map(([name]) => name);
    return suggest(given.task, tasks);
  }
  if (err.number === 305 && typeof given.param === "string") {
    const params = (args[0] as { paramDefinitions?: Record<string, unknown> } | undefined)?.paramDefinitions ?? {};
    const options = [...Object.keys(params), "network", "showStackTraces", "config", "verbose"].map(
      (p) => `--${kebab(p)}`,
    );
    return suggest(given.param, options);
  }
  return "";
}

/**
 * `--network NAME` (or HARDHAT_NETWORK) naming no configured network: one line listing the
 * networks, with the closest name, and exit code 1 (Hardhat's own HH100 comes with a stack trace
 * on a machine without a display). Called from hardhat.config.ts with the configured names.
 */
export function refuseUnknownNetwork(configured: string[]): void {
  const i = process.argv.indexOf("--network");
  const name = i >= 0 ? process.argv[i + 1] : process.env.HARDHAT_NETWORK;
  if (name === undefined || name.startsWith("--") || configured.includes(name)) return;
  console.error(
    `Error: there is no network "${name}"${suggest(name, configured)} Networks: ${configured.join(", ")} (see hardhat.config.ts)`,
  );
  process.exit(1);
}
