// Shared with the bench (scripts/lib/gas/packs.ts).
export { mulberry32 } from "../../scripts/lib/random";

/**
 * True under `npm run coverage` (.solcover.js sets UNDER_COVERAGE=1). Instrumented contracts run
 * several times slower there, and coverage counts the branches a test takes, not how often.
 */
export const UNDER_COVERAGE = process.env.UNDER_COVERAGE === "1";

/**
 * How many samples a randomised or repeated test draws: `full` in `npm test`, `underCoverage` under
 * `npm run coverage`. The smaller count must still take every branch the full one does; the
 * coverage gate (scripts/check-coverage.ts) fails and names the branch if it does not.
 */
export function samples(full: number, underCoverage: number): number {
  return UNDER_COVERAGE ? underCoverage : full;
}
