import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { parseEther } from "ethers";
import { COLLECTION_DEFAULTS, collectionSettingProblems } from "../config/networks";

const ROOT = path.join(__dirname, "..");

/** Variables read by code that a person never sets, each with the reason. */
const INTERNAL: Record<string, string> = {
  HARDHAT_NETWORK: "set by Hardhat itself (--network)",
  DOCS_IMAGES_OUT: "scripts/docs-images.ts: where the README's images are written",
  BENCH_BEFORE: "scripts/bench.ts: a previous bench to compare with",
  COVERAGE_MIN_LINES: "scripts/check-coverage.ts: the coverage gate's thresholds",
  COVERAGE_MIN_FUNCTIONS: "scripts/check-coverage.ts",
  COVERAGE_MIN_BRANCHES: "scripts/check-coverage.ts",
  APP_TEST_PORT: "scripts/app-test.ts: the port of the app test's own hardhat node (default 8546)",
};

/** Every environment variable the deploy scripts, tasks, config and scripts read. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .filter((f) => f.endsWith(".ts"));
  const files = [
    ...["config", "deploy", "tasks", "scripts"].flatMap((d) => walk(path.join(ROOT, d))),
    "hardhat.config.ts",
  ];
  for (const file of files) {
    const source = fs.readFileSync(path.resolve(ROOT, file), "utf8");
    const patterns = [
      /process\.env\.([A-Z][A-Z0-9_]+)/g,
      /(?:envValue|wholeSetting|ethSetting|textSetting|addressSetting|flagSetting)\(\s*"([A-Z][A-Z0-9_]+)"/g,
      /rpcEnv: "([A-Z][A-Z0-9_]+)"/g,
      /_ENV = "([A-Z][A-Z0-9_]+)"/g,
    ];
    for (const p of patterns) for (const m of source.matchAll(p)) names.add(m[1]);
  }
  return names;
}

/** .env.example: each variable with the comment block above it. */
function envExample(): Map<string, string> {
  const lines = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8").split("\n");
  const vars = new Map<string, string>();
  let comment: string[] = [];
  for (const line of lines) {
    if (line.startsWith("#")) comment.push(line);
    else if (/^[A-Z][A-Z0-9_]*=/.test(line)) vars.set(line.split("=")[0], comment.join(" "));
    else comment = [];
  }
  return vars;
}

/** Runs `fn` with the given variables set, restoring the environment after. */
function withEnv<T>(values: Record<string, string>, fn: () => T): T {
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe("settings: every variable in .env.example with its unit, checked in one line", () => {
  it("every variable the code reads is in .env.example (or named internal with its reason), and nothing else is", () => {
    const read = variablesRead();
    const listed = envExample();
    const missing = [...read].filter((v) => !listed.has(v) && !(v in INTERNAL)).sort();
    expect(missing, "read by the code but missing from .env.example").to.deep.equal([]);
    const unread = [...listed.keys()].filter((v) => !read.has(v)).sort();
    expect(unread, "in .env.example but read by nothing").to.deep.equal([]);
  });

  it("every variable in .env.example has a comment that says what it takes", () => {
    const unit =
      /ETH|seconds|tokens|bytes|basis points|[Aa]ddress|URL|true|1:|hex|decimal|chain id|[Ff]older|letters|USD|name and symbol/;
    const without = [...envExample()].filter(([, comment]) => !unit.test(comment)).map(([name]) => name);
    expect(without).to.deep.equal([]);
  });

  it("reads the environment when used, not at import (so .env, loaded after the config, counts)", () => {
    withEnv({ COLLECTION_NAME: "Tide Pool Spirits", MINT_PRICE: "0.05", MAX_SUPPLY: "500", ROYALTY_BPS: "750" }, () => {
      expect(COLLECTION_DEFAULTS.name).to.equal("Tide Pool Spirits");
      expect(COLLECTION_DEFAULTS.priceWei).to.equal(parseEther("0.05"));
      expect(COLLECTION_DEFAULTS.maxSupply).to.equal(500);
      expect(COLLECTION_DEFAULTS.royaltyBps).to.equal(750);
      expect(collectionSettingProblems()).to.deep.equal([]);
    });
    // Empty is unset (as in a copied .env.example): the defaults.
    withEnv({ COLLECTION_NAME: "", MINT_PRICE: "", MAX_SUPPLY: "", ROYALTY_BPS: "" }, () => {
      expect(COLLECTION_DEFAULTS.name).to.equal("Vivarium Genesis");
      expect(COLLECTION_DEFAULTS.priceWei).to.equal(parseEther("0.01"));
      expect(COLLECTION_DEFAULTS.maxSupply).to.equal(10_000);
      expect(COLLECTION_DEFAULTS.royaltyBps).to.equal(500);
    });
  });

  it("names each bad value with its variable, unit and what it got", () => {
    const problems = withEnv(
      {
        MINT_PRICE: "10000000000000000",
        MAX_SUPPLY: "2.5",
        ROYALTY_BPS: "1500",
        COLLECTION_SYMBOL: "MY-SYM",
        TREASURY: "0x1234",
        INSTANT_REVEAL: "yes",
        MIN_REVEAL_DELAY: "10",
      },
      collectionSettingProblems,
    );
    expect(problems).to.deep.equal([
      'COLLECTION_SYMBOL must be 1 to 16 letters or digits (it names the deployment file); got "MY-SYM"',
      'MINT_PRICE must be an amount of ETH such as 0.01 (at most 18 decimals); got "10000000000000000"',
      'MAX_SUPPLY must be a whole number of tokens from 1 to 9007199254740991; got "2.5" (a fraction)',
      'ROYALTY_BPS must be a whole number of basis points (500 = 5%) from 0 to 1000; got "1500"',
      'TREASURY must be a non-zero address (0x followed by 40 hex digits); got "0x1234"',
      'MIN_REVEAL_DELAY must be a whole number of seconds from 60 to 2592000; got "10"',
      'INSTANT_REVEAL must be true or false; got "yes"',
    ]);
  });

  it("refuses the old MINT_PRICE_WEI instead of silently ignoring it", () => {
    expect(withEnv({ MINT_PRICE_WEI: "50000000000000000" }, collectionSettingProblems)).to.deep.equal([
      "MINT_PRICE_WEI was renamed MINT_PRICE, in ETH (e.g. MINT_PRICE=0.01): set that instead",
    ]);
  });
});
