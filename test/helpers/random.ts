/**
 * Mulberry32: a small deterministic PRNG returning floats in [0, 1), so a random test replays
 * exactly from its seed.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
