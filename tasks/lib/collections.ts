/**
 * Another collection in the same World: a second `LivingAsset` UUPS proxy over the implementation,
 * libraries and renderer already on the chain, subscribed to the World and configured as
 * deploy/05_configure.ts configures the first. Shared by the `new-collection` task, the demo and
 * the `second-collection` deploy tag. No top-level import of "hardhat" or typechain types.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract, Signer } from "ethers";
import { COLLECTION_DEFAULTS, DEVELOPMENT_CHAINS, SYMBOL_PATTERN } from "../../config/networks";
import { collectionFactory, deploymentRecord, implementationTxHash } from "../../scripts/lib/collection";
import { collectionDeploymentName, getDeployed, userError } from "./common";

/** The roles deploy/05_configure.ts grants the deployer on a collection. */
export const COLLECTION_ROLES = ["MINTER_ROLE", "CONFIG_ROLE", "PAUSER_ROLE", "UPGRADER_ROLE"] as const;

/** A symbol that can name a file (`deployments/<network>/LivingAsset_<SYMBOL>.json`). */
const SYMBOL = SYMBOL_PATTERN;

export interface NewCollectionOptions {
  name: string;
  symbol: string;
  description?: string;
  maxSupply?: number;
  priceWei?: bigint;
  maxPerWallet?: number;
  maxPerMint?: number;
  royaltyBps?: number;
  maxRoyaltyBps?: number;
  /** Admin and sender of every transaction (default: the first signer, the deployer). */
  signer?: Signer;
  /** Open the public sale (default: on development chains only, as deploy/05 does). */
  openSale?: boolean;
  /** Seconds a reveal cohort stays open before anyone may close it (default: COLLECTION_DEFAULTS). */
  minRevealDelay?: number;
  /** Every mint closes its own cohort (default: COLLECTION_DEFAULTS, env INSTANT_REVEAL). */
  instantReveal?: boolean;
}

/** One transaction the creation sent (or reused), with the gas it used. */
export interface GasLine {
  step: string;
  tx: string | null;
  gasUsed: bigint;
}

export interface NewCollection {
  deployment: string;
  address: string;
  name: string;
  symbol: string;
  world: string;
  implementation: string;
  implementationReused: boolean;
  renderer: string;
  subscriptionId: bigint;
  coordinator: string;
  vrfConsumerAdded: boolean;
  saleOpen: boolean;
  minRevealDelay: number;
  instantReveal: boolean;
  startEpoch: bigint;
  gas: GasLine[];
  totalGas: bigint;
  collection: Contract;
}

/** A collection's `vrfConfig()` as plain values (as `initialize` and the tasks take them). */
export async function vrfConfigOf(collection: Contract) {
  const v = await collection.vrfConfig();
  return {
    coordinator: v.coordinator as string,
    keyHash: v.keyHash as string,
    subscriptionId: BigInt(v.subscriptionId),
    requestConfirmations: Number(v.requestConfirmations),
    callbackGasLimit: Number(v.callbackGasLimit),
    nativePayment: v.nativePayment as boolean,
    rerequestTimeout: Number(v.rerequestTimeout),
  };
}

/** Every library `contract` links, checked against hardhat-deploy's deployments (one-line error if one is missing). */
export async function requireLibraries(
  hre: HardhatRuntimeEnvironment,
  contract = "LivingAsset",
): Promise<Record<string, string>> {
  const artifact = await hre.artifacts.readArtifact(contract);
  const names = Object.values(artifact.linkReferences).flatMap((file) => Object.keys(file));
  const found: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const d = await hre.deployments.getOrNull(name);
    if (d) found[name] = d.address;
    else missing.push(name);
  }
  if (missing.length) {
    throw userError(
      `${contract} links ${missing.join(", ")}, not deployed on ${hre.network.name}: run \`npx hardhat deploy --tags libraries --network ${hre.network.name}\` first`,
    );
  }
  return found;
}

const COORDINATOR_ABI = [
  "function addConsumer(uint256 subId, address consumer)",
  "function getSubscription(uint256 subId) view returns (uint96 balance, uint96 nativeBalance, uint64 reqCount, address subOwner, address[] consumers)",
];

type VrfConfig = Awaited<ReturnType<typeof vrfConfigOf>>;
type Send = (step: string, tx: Promise<{ hash: string; wait(): Promise<unknown> }>) => Promise<void>;

/**
 * Everything that can be checked before the first transaction: the name is free, the World has
 * room, the signer may subscribe, the libraries and the first collection exist.
 */
/**
 * Refuses a name or symbol that a collection saved on this network already has (compared without
 * case or surrounding spaces): marketplaces and the tasks' output tell collections apart by them.
 */
async function refuseDuplicate(hre: HardhatRuntimeEnvironment, options: NewCollectionOptions): Promise<void> {
  const norm = (text: string) => text.trim().toLowerCase();
  for (const [deployment, saved] of Object.entries(await hre.deployments.all())) {
    if (deployment !== "LivingAsset" && !deployment.startsWith("LivingAsset_")) continue;
    if (/_(Implementation|Proxy)$/.test(deployment)) continue;
    const c = new hre.ethers.Contract(
      saved.address,
      ["function name() view returns (string)", "function symbol() view returns (string)"],
      hre.ethers.provider,
    );
    const [name, symbol] = await Promise.all([c.name().catch(() => null), c.symbol().catch(() => null)]);
    if (name === null || symbol === null) continue;
    const sameName = norm(String(name)) === norm(options.name);
    const sameSymbol = norm(String(symbol)) === norm(options.symbol);
    if (!sameName && !sameSymbol) continue;
    const taken =
      sameName && sameSymbol
        ? `the name "${name}" and the symbol ${symbol} are`
        : sameName
          ? `the name "${name}" is`
          : `the symbol ${symbol} is`;
    throw userError(
      `${taken} taken on ${hre.network.name} by ${deployment} (${name}, ${symbol}) at ${saved.address}: pass another ${sameName && sameSymbol ? "--name and --symbol" : sameName ? "--name" : "--symbol"}`,
    );
  }
}

async function checkNewCollection(hre: HardhatRuntimeEnvironment, options: NewCollectionOptions, admin: string) {
  const { deployments, ethers, network } = hre;
  if (!SYMBOL.test(options.symbol))
    throw userError(
      `--symbol must be 1 to 16 letters or digits (it names the deployment file); got "${options.symbol}"`,
    );
  if (!options.name.trim()) throw userError("--name must not be empty");
  await refuseDuplicate(hre, options);
  const deploymentName = collectionDeploymentName(options.symbol);
  const taken = await deployments.getOrNull(deploymentName);
  if (taken)
    throw userError(`${deploymentName} already exists on ${network.name} (${taken.address}): pass another --symbol`);
  const first = await getDeployed(hre, "LivingAsset");
  const world = await getDeployed(hre, "World");
  const renderer = (await getDeployed(hre, "LivingAssetRenderer")).target as string;
  await requireLibraries(hre);
  const worldAddress = await world.getAddress();
  const subscribers = (await world.subscribers()) as string[];
  const max = Number(await world.MAX_SUBSCRIBERS());
  if (subscribers.length >= max)
    throw userError(
      `the World at ${worldAddress} already notifies ${subscribers.length} collections, its maximum (WorldTooManySubscribers): \`npx hardhat unsubscribe --collection <name>\` one first`,
    );
  if (!(await world.hasRole(ethers.ZeroHash, admin)))
    throw userError(
      `${admin} is not the World's default admin (${await world.defaultAdmin()}): only it may subscribe a collection; pass --from with its signer index`,
    );
  return { deploymentName, first, world, worldAddress, renderer };
}

/** `initialize`'s parameters: the options over the collection defaults, the first collection's VRF setup. */
function initializeParams(
  options: NewCollectionOptions,
  admin: string,
  renderer: string,
  vrf: VrfConfig,
  worldAddress: string,
) {
  const d = COLLECTION_DEFAULTS;
  return {
    name: options.name,
    symbol: options.symbol,
    description: options.description ?? d.description,
    admin,
    adminDelay: d.adminDelaySeconds,
    treasury: d.treasury ?? admin,
    maxSupply: options.maxSupply ?? d.maxSupply,
    price: options.priceWei ?? d.priceWei,
    maxPerWallet: options.maxPerWallet ?? d.maxPerWallet,
    maxPerMint: options.maxPerMint ?? d.maxPerMint,
    royaltyReceiver: d.royaltyReceiver ?? admin,
    royaltyBps: options.royaltyBps ?? d.royaltyBps,
    maxRoyaltyBps: options.maxRoyaltyBps ?? d.maxRoyaltyBps,
    renderer,
    vrf,
    minRevealDelay: options.minRevealDelay ?? d.minRevealDelaySeconds,
    instantReveal: options.instantReveal ?? d.instantReveal,
    world: worldAddress,
  };
}

/**
 * The proxy, over the implementation the plugin already deployed for these bytes (it finds it in
 * its network manifest); a new implementation only if the code changed since. Saved with
 * hardhat-deploy, first: a failure later leaves a collection the tasks can still find and finish
 * by hand.
 */
async function deployAndSave(
  hre: HardhatRuntimeEnvironment,
  signer: Signer,
  deploymentName: string,
  params: ReturnType<typeof initializeParams>,
  gas: GasLine[],
) {
  const { deployments, ethers, upgrades } = hre;
  const existingImplementation = await deployments.getOrNull("LivingAsset_Implementation");
  const startBlock = await ethers.provider.getBlockNumber();
  const factory = (await collectionFactory(hre)).connect(signer) as Awaited<ReturnType<typeof collectionFactory>>;
  const proxy = await upgrades.deployProxy(factory, [params], { kind: "uups", initializer: "initialize" });
  await proxy.waitForDeployment();
  const address = await proxy.getAddress();
  const implementation = await upgrades.erc1967.getImplementationAddress(address);
  const implementationTx = await implementationTxHash(hre, implementation);
  const implementationReceipt = implementationTx ? await ethers.provider.getTransactionReceipt(implementationTx) : null;
  // Reused unless the plugin deployed it just now.
  const implementationReused = !(implementationReceipt && implementationReceipt.blockNumber > startBlock);
  gas.push({
    step: `implementation (${implementationReused ? "reused" : "new"})`,
    tx: implementationReused ? null : implementationTx!,
    gasUsed: implementationReused ? 0n : implementationReceipt!.gasUsed,
  });
  const deployTx = proxy.deploymentTransaction();
  const deployReceipt = deployTx ? await deployTx.wait() : null;
  gas.push({ step: "proxy + initialize", tx: deployTx?.hash ?? null, gasUsed: deployReceipt?.gasUsed ?? 0n });

  const artifact = await deployments.getExtendedArtifact("LivingAsset");
  const collection = (await ethers.getContractAt(artifact.abi, address, signer)) as unknown as Contract;
  await deployments.save(deploymentName, {
    address,
    abi: artifact.abi,
    implementation,
    ...(await deploymentRecord(hre, deployTx?.hash)),
  });
  if (existingImplementation?.address.toLowerCase() !== implementation.toLowerCase())
    await deployments.save(`${deploymentName}_Implementation`, {
      address: implementation,
      abi: artifact.abi,
      ...(await deploymentRecord(hre, implementationTx)),
    });
  return { collection, address, implementation, implementationReused };
}

/**
 * Configuration, as deploy/05_configure.ts does for the first collection: the admin's roles, the
 * World's subscription, the VRF consumer (development chains). Returns whether the consumer was added.
 */
async function configureCollection(
  hre: HardhatRuntimeEnvironment,
  target: { collection: Contract; address: string; world: Contract; vrf: VrfConfig },
  signer: Signer,
  admin: string,
  send: Send,
): Promise<boolean> {
  const { collection, address, world, vrf } = target;
  for (const role of COLLECTION_ROLES) {
    const id = await collection[role]();
    if (!(await collection.hasRole(id, admin))) await send(`grantRole ${role}`, collection.grantRole(id, admin));
  }
  await send("world.addSubscriber", (world.connect(signer) as Contract).addSubscriber(address));
  if (!DEVELOPMENT_CHAINS.includes(hre.network.name)) return false;
  const coordinator = (await hre.ethers.getContractAt(COORDINATOR_ABI, vrf.coordinator, signer)) as unknown as Contract;
  const consumers = ((await coordinator.getSubscription(vrf.subscriptionId))[4] as string[]).map((a) =>
    a.toLowerCase(),
  );
  if (!consumers.includes(address.toLowerCase()))
    await send("vrf addConsumer", coordinator.addConsumer(vrf.subscriptionId, address));
  return true;
}

/**
 * Deploy, configure and save another collection in the World. Everything that can be checked is
 * checked before the first transaction: the name is free, the World has room, the signer may
 * subscribe, the libraries and the first collection (whose VRF configuration is copied) exist.
 */
export async function createCollection(
  hre: HardhatRuntimeEnvironment,
  options: NewCollectionOptions,
): Promise<NewCollection> {
  const dev = DEVELOPMENT_CHAINS.includes(hre.network.name);
  const signer = options.signer ?? (await hre.ethers.getSigners())[0];
  const admin = await signer.getAddress();
  const { deploymentName, first, world, worldAddress, renderer } = await checkNewCollection(hre, options, admin);

  // The VRF setup of the first collection: its coordinator (the mock, or the real one after the
  // `real-vrf` tag), key hash and subscription.
  const vrf = await vrfConfigOf(first);
  const params = initializeParams(options, admin, renderer, vrf, worldAddress);

  const gas: GasLine[] = [];
  const send: Send = async (step, tx) => {
    const sent = await tx;
    const receipt = (await sent.wait()) as { gasUsed: bigint } | null;
    gas.push({ step, tx: sent.hash, gasUsed: BigInt(receipt?.gasUsed ?? 0n) });
  };
  const { collection, address, implementation, implementationReused } = await deployAndSave(
    hre,
    signer,
    deploymentName,
    params,
    gas,
  );
  const vrfConsumerAdded = await configureCollection(hre, { collection, address, world, vrf }, signer, admin, send);
  const openSale = options.openSale ?? dev;
  if (openSale) await send("setSaleOpen(true)", collection.setSaleOpen(true));

  return {
    deployment: deploymentName,
    address,
    name: params.name,
    symbol: params.symbol,
    world: worldAddress,
    implementation,
    implementationReused,
    renderer,
    subscriptionId: vrf.subscriptionId,
    coordinator: vrf.coordinator,
    vrfConsumerAdded,
    saleOpen: openSale,
    minRevealDelay: params.minRevealDelay,
    instantReveal: params.instantReveal,
    startEpoch: BigInt(await collection.currentEpoch()),
    gas,
    totalGas: gas.reduce((sum, g) => sum + g.gasUsed, 0n),
    collection,
  };
}

/** The gas lines as an aligned list with the total. */
export function gasText(gas: GasLine[], total: bigint): string {
  const width = Math.max(...gas.map((g) => g.step.length), "total".length);
  const num = (n: bigint) => n.toLocaleString("en-US").padStart(11);
  return [
    ...gas.map((g) => `  ${g.step.padEnd(width)}  ${num(g.gasUsed)} gas`),
    `  ${"total".padEnd(width)}  ${num(total)} gas`,
  ].join("\n");
}
