/**
 * Gas measurements of the benchmark BASELINES (contracts/mocks/baselines/): what Vivarium is compared
 * against. Every figure is `receipt.gasUsed` of one transaction on a freshly deployed contract.
 *
 * Used by test/baselines/baselines.test.ts and by the bench script. Every function takes the Hardhat
 * runtime environment (default: the one of `import hre from "hardhat"`), so it runs wherever Hardhat
 * does. Generated contract types are imported as types only: erased at run time.
 */
import hre from "hardhat";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractTransactionResponse, Signer } from "ethers";
import type {
  BullBearStyle,
  MockV3Aggregator,
  PerTokenVrfMint,
  PlainERC721AUpgradeable,
  PlainERC721Upgradeable,
  VRFCoordinatorV2_5Mock,
} from "../../../typechain-types";

// ---------------------------------------------------------------- constants

/** Chainlink Automation's gas limit for one `performUpkeep`. */
export const AUTOMATION_PERFORM_GAS_LIMIT = 5_000_000n;

/** VRFCoordinatorV2_5Mock constructor: base fee, gas price, wei per unit LINK. */
export const VRF_MOCK_ARGS = [100000000000000000n, 1000000000n, 4000000000000000n] as const;
/** Any key hash: the mock does not check it. */
export const VRF_KEY_HASH = "0x787d74caea10b2b357790d5b5247c2f63d1d91572a9846f780606e4d953677ae";
/** LINK funded into the test subscription. */
export const VRF_SUB_FUNDING = 100n * 10n ** 18n;

/** MockV3Aggregator: 8 decimals, ETH/USD at 3000. */
export const FEED_DECIMALS = 8;
export const FEED_INITIAL_ANSWER = 3000n * 10n ** 8n;
/** The answer a "price move" sets: down, so every token turns bear. */
export const FEED_MOVED_ANSWER = 2900n * 10n ** 8n;
/** Seconds between two Bull&Bear upkeeps. */
export const BULLBEAR_INTERVAL = 60n;
/** Bull&Bear supplies at which `performUpkeep` is measured. */
export const BULLBEAR_SUPPLIES = [10, 100, 500] as const;
/** Bull&Bear tokens minted per transaction (each sets a 78-byte URI: keeps a tx under the block limit). */
const BULLBEAR_MINT_CHUNK = 100;

/** Token transferred in the transfer figures: the middle of a 10-batch. */
export const TRANSFER_TOKEN_ID = 6n;

// ---------------------------------------------------------------- types

/** Gas figures keyed by what was measured (`mint1`, `transferFirst`, `upkeep500`, ...). */
export type GasFigures = Record<string, bigint>;

/** Figures of a plain (no randomness, no art) collection. */
export interface PlainCollectionFigures extends GasFigures {
  mint1: bigint;
  mint10: bigint;
  mint20: bigint;
  /** Token #6 of a 10-batch, holder -> A. */
  transferFirst: bigint;
  /** The same token again, A -> B. */
  transferSecond: bigint;
}

/** A straight line `gas = intercept + slope * supply`, fitted by least squares. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination, 1 for a perfect line. */
  r2: number;
}

/** Bull&Bear `performUpkeep` figures and their linear fit. */
export interface BullBearFigures {
  /** `performUpkeep` gas keyed `upkeep<supply>`. */
  gas: GasFigures;
  fit: LinearFit;
  /** First supply at which the fitted `performUpkeep` exceeds `AUTOMATION_PERFORM_GAS_LIMIT`. */
  supplyAtGasLimit: number;
}

export interface VrfSetup {
  coordinator: VRFCoordinatorV2_5Mock;
  subId: bigint;
}

// ---------------------------------------------------------------- helpers

/** `gasUsed` of a sent transaction, once mined. */
export async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await sent).wait();
  if (receipt === null) throw new Error("transaction was not mined");
  return receipt.gasUsed;
}

/** Least-squares line through `(x, y)` points. */
export function linearFit(points: ReadonlyArray<readonly [number, number]>): LinearFit {
  const n = points.length;
  if (n < 2) throw new Error("linearFit needs at least two points");
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
    syy += (y - meanY) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, r2 };
}

/** First integer `x` at which `fit` exceeds `limit`. */
export function firstXAbove(fit: LinearFit, limit: bigint): number {
  if (fit.slope <= 0) return Number.POSITIVE_INFINITY;
  return Math.floor((Number(limit) - fit.intercept) / fit.slope) + 1;
}

async function signers(env: HardhatRuntimeEnvironment): Promise<{
  deployer: Signer;
  holder: Signer;
  alice: Signer;
  bob: Signer;
}> {
  const [deployer, holder, alice, bob] = await env.ethers.getSigners();
  return { deployer, holder, alice, bob };
}

// ---------------------------------------------------------------- deployments

/** A fresh `PlainERC721Upgradeable` behind a UUPS proxy, owned by the first signer. */
export async function deployPlainOz(env: HardhatRuntimeEnvironment = hre): Promise<PlainERC721Upgradeable> {
  const { deployer } = await signers(env);
  const factory = await env.ethers.getContractFactory("PlainERC721Upgradeable", deployer);
  const proxy = await env.upgrades.deployProxy(factory, ["Plain OZ", "POZ", await deployer.getAddress()], {
    kind: "uups",
  });
  await proxy.waitForDeployment();
  return proxy as unknown as PlainERC721Upgradeable;
}

/** A fresh `PlainERC721AUpgradeable` behind a UUPS proxy, owned by the first signer. */
export async function deployPlainErc721a(env: HardhatRuntimeEnvironment = hre): Promise<PlainERC721AUpgradeable> {
  const { deployer } = await signers(env);
  const factory = await env.ethers.getContractFactory("PlainERC721AUpgradeable", deployer);
  const proxy = await env.upgrades.deployProxy(factory, ["Plain 721A", "P721A", await deployer.getAddress()], {
    kind: "uups",
  });
  await proxy.waitForDeployment();
  return proxy as unknown as PlainERC721AUpgradeable;
}

/**
 * A fresh `PausableERC721AUpgradeable` (the plain baseline with OpenZeppelin's `whenNotPaused` on
 * mint) behind the same ERC1967 proxy the upgrades plugin deploys (its own artifact). Deployed
 * without the plugin: its bytecode lookup trips over the linked collection's library offsets for
 * this contract ("Bytecode is not a valid hex string"); the proxy and the initialisation are the same.
 */
export async function deployPausableErc721a(env: HardhatRuntimeEnvironment = hre): Promise<PlainERC721AUpgradeable> {
  const { deployer } = await signers(env);
  const implementation = await (await env.ethers.getContractFactory("PausableERC721AUpgradeable", deployer)).deploy();
  await implementation.waitForDeployment();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const artifact =
    require("@openzeppelin/upgrades-core/artifacts/@openzeppelin/contracts-v5/proxy/ERC1967/ERC1967Proxy.sol/ERC1967Proxy.json") as {
      abi: unknown[];
      bytecode: string;
    };
  const init = implementation.interface.encodeFunctionData("initialize", [
    "Pausable 721A",
    "Z721A",
    await deployer.getAddress(),
  ]);
  const proxy = await new env.ethers.ContractFactory(artifact.abi as never[], artifact.bytecode, deployer).deploy(
    await implementation.getAddress(),
    init,
  );
  await proxy.waitForDeployment();
  return (await env.ethers.getContractAt(
    "PausableERC721AUpgradeable",
    await proxy.getAddress(),
    deployer,
  )) as unknown as PlainERC721AUpgradeable;
}

/** A VRF v2.5 coordinator mock with one subscription, funded with `VRF_SUB_FUNDING`. */
export async function deployVrfCoordinator(env: HardhatRuntimeEnvironment = hre): Promise<VrfSetup> {
  const { deployer } = await signers(env);
  const factory = await env.ethers.getContractFactory("VRFCoordinatorV2_5Mock", deployer);
  const coordinator = (await factory.deploy(...VRF_MOCK_ARGS)) as unknown as VRFCoordinatorV2_5Mock;
  await coordinator.waitForDeployment();

  const receipt = await (await coordinator.createSubscription()).wait();
  let subId: bigint | undefined;
  for (const log of receipt?.logs ?? []) {
    const parsed = coordinator.interface.parseLog(log);
    if (parsed?.name === "SubscriptionCreated") subId = parsed.args.subId as bigint;
  }
  if (subId === undefined) throw new Error("SubscriptionCreated not emitted");
  await (await coordinator.fundSubscription(subId, VRF_SUB_FUNDING)).wait();
  return { coordinator, subId };
}

/** A fresh `PerTokenVrfMint` behind a UUPS proxy, added as a consumer of `vrf` (or of a new mock). */
export async function deployPerTokenVrf(
  env: HardhatRuntimeEnvironment = hre,
  vrf?: VrfSetup,
): Promise<{ token: PerTokenVrfMint } & VrfSetup> {
  const { deployer } = await signers(env);
  const { coordinator, subId } = vrf ?? (await deployVrfCoordinator(env));
  const factory = await env.ethers.getContractFactory("PerTokenVrfMint", deployer);
  const proxy = await env.upgrades.deployProxy(
    factory,
    ["Per-token VRF", "PTV", await deployer.getAddress(), await coordinator.getAddress(), VRF_KEY_HASH, subId],
    { kind: "uups" },
  );
  await proxy.waitForDeployment();
  const token = proxy as unknown as PerTokenVrfMint;
  await (await coordinator.addConsumer(subId, await token.getAddress())).wait();
  return { token, coordinator, subId };
}

/** A fresh `MockV3Aggregator` at `FEED_INITIAL_ANSWER`. */
export async function deployFeed(env: HardhatRuntimeEnvironment = hre): Promise<MockV3Aggregator> {
  const { deployer } = await signers(env);
  const factory = await env.ethers.getContractFactory("MockV3Aggregator", deployer);
  const feed = (await factory.deploy(FEED_DECIMALS, FEED_INITIAL_ANSWER)) as unknown as MockV3Aggregator;
  await feed.waitForDeployment();
  return feed;
}

/** A fresh `BullBearStyle` reading a fresh feed, with `supply` tokens minted to the holder. */
export async function deployBullBear(
  env: HardhatRuntimeEnvironment = hre,
  supply = 0,
): Promise<{ token: BullBearStyle; feed: MockV3Aggregator }> {
  const { deployer, holder } = await signers(env);
  const feed = await deployFeed(env);
  const factory = await env.ethers.getContractFactory("BullBearStyle", deployer);
  const token = (await factory.deploy(await feed.getAddress(), BULLBEAR_INTERVAL)) as unknown as BullBearStyle;
  await token.waitForDeployment();
  const to = await holder.getAddress();
  for (let minted = 0; minted < supply; minted += BULLBEAR_MINT_CHUNK) {
    await (await token.mint(to, Math.min(BULLBEAR_MINT_CHUNK, supply - minted))).wait();
  }
  return { token, feed };
}

/** Moves time past the Bull&Bear interval. */
export async function passBullBearInterval(env: HardhatRuntimeEnvironment = hre): Promise<void> {
  await env.network.provider.send("evm_increaseTime", [Number(BULLBEAR_INTERVAL) + 1]);
  await env.network.provider.send("evm_mine", []);
}

// ---------------------------------------------------------------- measurements

type PlainCollection = PlainERC721Upgradeable | PlainERC721AUpgradeable;

async function measurePlain(
  env: HardhatRuntimeEnvironment,
  deploy: (env: HardhatRuntimeEnvironment) => Promise<PlainCollection>,
): Promise<PlainCollectionFigures> {
  const { holder, alice, bob } = await signers(env);
  const [holderAddress, aliceAddress, bobAddress] = await Promise.all([holder, alice, bob].map((s) => s.getAddress()));

  const mint = async (quantity: number): Promise<{ token: PlainCollection; gas: bigint }> => {
    const token = await deploy(env);
    return { token, gas: await gasOf(token.mint(holderAddress, quantity)) };
  };
  const { gas: mint1 } = await mint(1);
  const { token, gas: mint10 } = await mint(10);
  const { gas: mint20 } = await mint(20);

  const transferFirst = await gasOf(token.connect(holder).transferFrom(holderAddress, aliceAddress, TRANSFER_TOKEN_ID));
  const transferSecond = await gasOf(token.connect(alice).transferFrom(aliceAddress, bobAddress, TRANSFER_TOKEN_ID));
  return { mint1, mint10, mint20, transferFirst, transferSecond };
}

/** OpenZeppelin ERC721Upgradeable, one `_mint` per token: mints of 1/10/20 and two transfers. */
export async function measurePlainOz(env: HardhatRuntimeEnvironment = hre): Promise<PlainCollectionFigures> {
  return measurePlain(env, deployPlainOz);
}

/** ERC721A-upgradeable, one batch `_mint`: mints of 1/10/20 and two transfers. */
export async function measurePlainErc721a(env: HardhatRuntimeEnvironment = hre): Promise<PlainCollectionFigures> {
  return measurePlain(env, deployPlainErc721a);
}

/** The plain ERC721A baseline with OpenZeppelin's `whenNotPaused` on mint: mints of 1/10/20 and two transfers. */
export async function measurePausableErc721a(env: HardhatRuntimeEnvironment = hre): Promise<PlainCollectionFigures> {
  return measurePlain(env, deployPausableErc721a);
}

/** One VRF request per token: mints of 1 and 10 (each on a fresh proxy). */
export async function measurePerTokenVrf(env: HardhatRuntimeEnvironment = hre): Promise<GasFigures> {
  const { holder } = await signers(env);
  const to = await holder.getAddress();
  const vrf = await deployVrfCoordinator(env);
  const figures: GasFigures = {};
  for (const quantity of [1, 10]) {
    const { token } = await deployPerTokenVrf(env, vrf);
    figures[`mint${quantity}`] = await gasOf(token.mint(to, quantity));
  }
  return figures;
}

/** `performUpkeep` of a Bull&Bear-style collection after a price move, at each supply, plus its fit. */
export async function measureBullBear(
  env: HardhatRuntimeEnvironment = hre,
  supplies: readonly number[] = BULLBEAR_SUPPLIES,
): Promise<BullBearFigures> {
  const gas: GasFigures = {};
  const points: [number, number][] = [];
  for (const supply of supplies) {
    const { token, feed } = await deployBullBear(env, supply);
    await (await feed.updateAnswer(FEED_MOVED_ANSWER)).wait();
    await passBullBearInterval(env);
    const used = await gasOf(token.performUpkeep("0x"));
    gas[`upkeep${supply}`] = used;
    points.push([supply, Number(used)]);
  }
  const fit = linearFit(points);
  return { gas, fit, supplyAtGasLimit: firstXAbove(fit, AUTOMATION_PERFORM_GAS_LIMIT) };
}

/** Every baseline figure, keyed by baseline. */
export async function measureAllBaselines(env: HardhatRuntimeEnvironment = hre): Promise<{
  plainOz: PlainCollectionFigures;
  plainErc721a: PlainCollectionFigures;
  perTokenVrf: GasFigures;
  bullBear: BullBearFigures;
}> {
  return {
    plainOz: await measurePlainOz(env),
    plainErc721a: await measurePlainErc721a(env),
    perTokenVrf: await measurePerTokenVrf(env),
    bullBear: await measureBullBear(env),
  };
}
