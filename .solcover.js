// solidity-coverage configuration (`npm run coverage`; thresholds in scripts/check-coverage.ts).
// Instrumented code runs several times slower, and coverage counts the branches a test takes, not
// how often: under coverage the randomised and repeated tests draw fewer samples (test/helpers/
// random.ts `samples`, keyed on UNDER_COVERAGE) and the property tests run fewer sequences (they
// still drive every action). `npm test` runs them all (200 property sequences). If a smaller count
// stops taking a branch, the gate fails and names it.
process.env.UNDER_COVERAGE = "1";
process.env.PROPERTY_RUNS = process.env.PROPERTY_RUNS ?? "8";
process.env.COHORT_PROPERTY_STEPS = process.env.COHORT_PROPERTY_STEPS ?? "30";
// A fixed seed makes the coverage figures reproducible: the gate must not depend on which
// random sequences a run happened to draw.
process.env.PROPERTY_SEED = process.env.PROPERTY_SEED ?? "20261124";

module.exports = {
  // Test doubles and harnesses are not product code.
  skipFiles: ["mocks/"],
  // `onlyInitializing` guards the modules' internal initialisers, which only `initialize` calls:
  // its failing arm has no external entry point. Re-initialisation is tested through `initialize`.
  modifierWhitelist: ["onlyInitializing"],
  // The gate reads lines, functions and branches; statement counters would only slow every call.
  measureStatementCoverage: false,
  // coverage-summary.json feeds scripts/check-coverage.ts.
  istanbulReporter: ["html", "lcov", "text", "json", "json-summary"],
  mocha: {
    // Gas budgets and cost-stability checks are meaningless on instrumented code, and the
    // baselines (mocks only) and PNG samples add nothing to coverage: they run in `npm test` only.
    // New slow or gas-asserting tests: put "@skip-coverage" in the title.
    grep: /@skip-coverage|^baselines|gas is at most|costs at most|cost the same|gas a VRF request|writes sample PNGs/,
    invert: true,
    timeout: 600000,
  },
};
