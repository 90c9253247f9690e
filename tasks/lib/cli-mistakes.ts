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
        console.error(`Error ${err.message} (see \`npx hardhat help\` or \`npx hardhat help <task>\`)`);
        process.exit(1);
      }
    };
  }
}
