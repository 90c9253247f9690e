// solidity-coverage configuration (`npm run coverage`; thresholds in scripts/check-coverage.ts).
module.exports = {
  // Test doubles and harnesses are not product code.
  skipFiles: ["mocks/"],
  // coverage-summary.json feeds scripts/check-coverage.ts.
  istanbulReporter: ["html", "lcov", "text", "json", "json-summary"],
  mocha: {
    // Gas and cost-stability measurements are meaningless on instrumented code (and slow):
    // tests tagged @skip-coverage run in `npm test` only.
    grep: "@skip-coverage",
    invert: true,
    timeout: 600_000,
  },
};
