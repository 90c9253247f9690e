import fs from "node:fs";
import path from "node:path";
import { subtask } from "hardhat/config";
import {
  TASK_COMPILE_GET_REMAPPINGS,
  TASK_COMPILE_SOLIDITY_COMPILE_JOB,
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
} from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/types";

import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-chai-matchers";
import "@typechain/hardhat";
import "@openzeppelin/hardhat-upgrades";
import "hardhat-deploy";
import "solidity-coverage";
import "./tasks";
import { quietCommandLineMistakes, refuseUnknownNetwork } from "./tasks/lib/cli-mistakes";
import { LIVE_NETWORKS } from "./config/networks";

// Hardhat prints a stack trace with every error on a machine without a display (it takes it for a
// CI server), so a mistyped task or option would end in one. Those two mistakes are reported here
// in one line instead, as every task reports its own (`--show-stack-traces` still shows the trace).
quietCommandLineMistakes();

// Live-network settings come from the environment or a git-ignored .env file (see .env.example).
if (fs.existsSync(path.join(__dirname, ".env"))) process.loadEnvFile(path.join(__dirname, ".env"));

// The compilers come from npm packages (solcjs): nothing in the build downloads a compiler binary.
// Our contracts use 0.8.28 (the `solc` package). Chainlink's production VRF v2.5 coordinator and
// blockhash store pin 0.8.19 exactly: the test-only re-exports in contracts/mocks/chainlink-real/
// use the `solc-0.8.19` alias package (npm:solc@0.8.19), with Chainlink's settings below.
const SOLC_VERSION = "0.8.28";
const CHAINLINK_SOLC_VERSION = "0.8.19";
const SOLC_PACKAGES: Record<string, string> = { [SOLC_VERSION]: "solc", [CHAINLINK_SOLC_VERSION]: "solc-0.8.19" };

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  const pkg = SOLC_PACKAGES[args.solcVersion];
  if (pkg === undefined) return runSuper();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require(pkg) as { version(): string };
  const longVersion = solc.version();
  if (!longVersion.startsWith(args.solcVersion)) {
    throw new Error(`npm package ${pkg} is solc ${longVersion}, expected ${args.solcVersion}`);
  }
  return {
    compilerPath: require.resolve(`${pkg}/soljson.js`),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion,
  };
});

// solcjs takes minutes on a fresh clone and Hardhat says nothing until it is done: each compilation
// job says what it compiles, and every 20 s that it is still at it (solcjs runs in a child process).
subtask(TASK_COMPILE_SOLIDITY_COMPILE_JOB, async (args: CompileJobArgs, _hre, runSuper) => {
  if (args.quiet) return runSuper(args);
  const files = args.compilationJob.getResolvedFiles().map((f) => f.sourceName);
  const { version, settings } = args.compilationJob.getSolcConfig();
  const ours = files.filter((f) => f.startsWith("contracts/")).length;
  const label = `solc ${version} (optimizer runs ${settings?.optimizer?.runs ?? "off"})`;
  console.log(
    `Compiling ${files.length} Solidity files (${ours} of contracts/, ${files.length - ours} imported) with ${label}, ` +
      `job ${args.compilationJobIndex + 1} of ${args.compilationJobs.length}: ${summarise(files)}`,
  );
  const start = Date.now();
  const timer = setInterval(
    () => console.log(`  still compiling with ${label}: ${Math.round((Date.now() - start) / 1000)} s`),
    20_000,
  );
  try {
    return await runSuper(args);
  } finally {
    clearInterval(timer);
  }
});
interface CompileJobArgs {
  compilationJob: {
    getResolvedFiles(): { sourceName: string }[];
    getSolcConfig(): { version: string; settings?: { optimizer?: { runs?: number } } };
  };
  compilationJobs: unknown[];
  compilationJobIndex: number;
  quiet: boolean;
}
/** A few file names, then how many more. */
function summarise(files: string[]): string {
  const ours = files.filter((f) => f.startsWith("contracts/"));
  const shown = (ours.length ? ours : files).slice(0, 4);
  const rest = files.length - shown.length;
  return shown.join(", ") + (rest > 0 ? ` and ${rest} more` : "");
}

// Chainlink's sources import OpenZeppelin by versioned prefixes: the VRF v2.5 coordinator mock
// "@openzeppelin/contracts@4.9.6/...", the LINK token "@openzeppelin/contracts@4.8.3/...". Point
// each prefix at its npm alias package installed beside OpenZeppelin 5.
subtask(TASK_COMPILE_GET_REMAPPINGS, async (_args, _hre, runSuper) => {
  const remappings = (await runSuper()) as Record<string, string>;
  return {
    ...remappings,
    "@openzeppelin/contracts@4.9.6/": "@openzeppelin/contracts-4.9.6/",
    "@openzeppelin/contracts@4.8.3/": "@openzeppelin/contracts-4.8.3/",
  };
});

// A live network with no RPC URL in the environment gets a placeholder that is never dialled: the
// tasks' pre-flight (tasks/lib/network.ts) names the missing variable before any request is sent.
// A malformed key is left out (Hardhat would reject the whole config with a stack trace); the
// pre-flight then says what is wrong with it.
const key = process.env.DEPLOYER_PRIVATE_KEY ?? "";
const accounts = /^0x[0-9a-fA-F]{64}$/.test(key) ? [key] : [];
const liveNetworks = Object.fromEntries(
  Object.entries(LIVE_NETWORKS).map(([name, { chainId, rpcEnv }]) => [
    name,
    { url: process.env[rpcEnv] || `http://127.0.0.1:1/${rpcEnv}-is-not-set`, chainId, accounts, saveDeployments: true },
  ]),
);

// The collection is compiled for size (runs: 1) to stay under EIP-170; everything else, the
// renderer above all (tokenURI gas is its speed), is compiled for execution (runs: 10,000 for the
// art, whose loops run on every tokenURI call).
const sizeFirst = {
  version: SOLC_VERSION,
  settings: {
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 1 },
    // No CBOR metadata hash in the runtime code: 53 bytes the collection needs under EIP-170.
    metadata: { bytecodeHash: "none", appendCBOR: false },
  },
};
const speedFirst = (runs: number) => ({
  version: SOLC_VERSION,
  settings: { evmVersion: "cancun", optimizer: { enabled: true, runs } },
});

// Chainlink's own settings for the Chainlink contracts the real-VRF tests deploy (test only, so
// that the coordinator under test is the bytecode Chainlink ships): their contracts/foundry.toml
// compiles with solc 0.8.19, no metadata hash, evm paris (0.8.19's default) and per-product
// optimizer runs: 500 for the VRF v2.5 coordinator (profile "vrfv2plus_coordinator"; its runtime
// is then 22,120 bytes), 1,000 for the rest of VRF (profile "vrf": the blockhash store), 1,000,000
// for shared code (profile "shared": the LINK token, whose ^0.8.0 pragma would otherwise pick 0.8.28).
const chainlink = (runs: number) => ({
  version: CHAINLINK_SOLC_VERSION,
  settings: { evmVersion: "paris", optimizer: { enabled: true, runs }, metadata: { bytecodeHash: "none" } },
});
const chainlinkVrf = chainlink(1_000);

refuseUnknownNetwork(["hardhat", "localhost", ...Object.keys(liveNetworks)]);

const config: HardhatUserConfig = {
  solidity: {
    compilers: [sizeFirst, chainlinkVrf],
    overrides: {
      "contracts/renderers/LivingAssetRenderer.sol": speedFirst(200),
      "contracts/renderers/OrganismArt.sol": speedFirst(200),
      "contracts/renderers/FaceArt.sol": speedFirst(200),
      "contracts/renderers/TerrariumArt.sol": speedFirst(200),
      "contracts/packs/PackRenderer.sol": speedFirst(200),
      "contracts/packs/PackCheck.sol": speedFirst(200),
      "contracts/packs/PageStore.sol": speedFirst(200),
      // The bench's baseline for the PageStore and the PackRenderer's reads: compiled as they are.
      "contracts/mocks/baselines/PlainSstore2Pages.sol": speedFirst(200),
      "contracts/mocks/chainlink-real/ChainlinkVrf.sol": chainlinkVrf,
      "@chainlink/contracts/src/v0.8/vrf/dev/VRFCoordinatorV2_5.sol": chainlink(500),
      "@chainlink/contracts/src/v0.8/vrf/dev/BlockhashStore.sol": chainlinkVrf,
      "@chainlink/contracts/src/v0.8/shared/token/ERC677/LinkToken.sol": chainlink(1_000_000),
    },
  },
  defaultNetwork: "hardhat",
  networks: {
    // HARDHAT_CHAIN_ID lets `npx hardhat node` pose as a live chain to rehearse a live deploy.
    hardhat: { chainId: Number(process.env.HARDHAT_CHAIN_ID ?? 31337), allowUnlimitedContractSize: false },
    // LOCALHOST_URL: a `hardhat node --port N` elsewhere than 8545 (the app test runs beside the client test).
    localhost: { url: process.env.LOCALHOST_URL ?? "http://127.0.0.1:8545", chainId: 31337 },
    ...liveNetworks,
  },
  namedAccounts: {
    deployer: { default: 0 },
  },
  paths: {
    sources: path.join(__dirname, "contracts"),
    tests: path.join(__dirname, "test"),
    // hardhat-deploy's saved deployments (DEPLOYMENTS_DIR lets a rehearsal write elsewhere).
    deployments: process.env.DEPLOYMENTS_DIR ?? "deployments",
  },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  // Two workers for `hardhat test --parallel` (npm test); the heartbeat keeps long files from looking like a hang.
  mocha: { timeout: 600_000, jobs: 2, require: ["hardhat/register", "test/helpers/heartbeat.ts"] },
};

export default config;
