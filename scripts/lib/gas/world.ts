/**
 * Gas measurements of the World (contracts/world/World.sol) and its subscribed collections: what
 * `advanceEpoch` costs per subscriber, where the hook's gas goes, what a second collection on the
 * same stack costs to deploy. Shared by test/world-gas.test.ts (the budgets) and scripts/bench.ts
 * (the figures). No tests here.
 *
 * Everything starts from the deploy scripts' fixture (`deployWorld`). Extra collections are UUPS
 * proxies over the fixture's one `LivingAsset` implementation, subscribed to the fixture's world and
 * added to its VRF subscription, as deploy/04_collection.ts and deploy/05_configure.ts do.
 */
import hre from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import type { LivingAsset } from "../../../typechain-types";
import { COLLECTION_DEFAULTS, MOCKS } from "../../../config/networks";
import { collectionFactory } from "../collection";
import { takeSnapshot } from "@nomicfoundation/hardhat-network-helpers";
import { PRICE, closeCohort, fulfil, type World } from "./fixture";

/** ERC721A tokens one `mintTo` may mint at most (`SaleLogic.MAX_PER_MINT_CAP`). */
export const MINT_CHUNK = 1_000;

/** Price in feed units (8 decimals). */
export const usd = (dollars: number): bigint => BigInt(Math.round(dollars * 1e8));

/** A calm price path: +0.5% / -0.5% in turn (under the 1% mood threshold: every epoch is Calm). */
export const calmPrice = (i: number): bigint => usd(i % 2 === 1 ? 3015 : 3000);

/** `gasUsed` of a sent transaction, once mined. */
export async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await sent).wait();
  if (receipt === null) throw new Error("transaction was not mined");
  return receipt.gasUsed;
}

/** Sent transaction and its receipt's gas and hash. */
async function sentOf(sent: Promise<ContractTransactionResponse>): Promise<{ gas: bigint; hash: string }> {
  const receipt = await (await sent).wait();
  if (receipt === null) throw new Error("transaction was not mined");
  return { gas: receipt.gasUsed, hash: receipt.hash };
}

/** The world's epoch interval, seconds. */
export async function epochInterval(w: Pick<World, "world">): Promise<number> {
  return Number((await w.world.feedConfig()).epochInterval);
}

/**
 * Moves the feed one round to `answer` and advances the world one epoch, the interval later.
 * No reads: hundreds of epochs stay fast. Returns the advance's gas and transaction hash.
 */
export async function advanceWorld(
  w: Pick<World, "world" | "feed">,
  answer: bigint,
  interval: number,
): Promise<{ gas: bigint; hash: string }> {
  await hre.network.provider.send("evm_increaseTime", [interval]);
  await (await w.feed.updateAnswer(answer)).wait();
  return sentOf(w.world.advanceEpoch());
}

/** What deploying one more collection on the fixture's stack cost, transaction by transaction. */
export interface ExtraCollection {
  collection: LivingAsset;
  address: string;
  /** The ERC-1967 proxy's deployment, `initialize` included (the implementation is reused). */
  proxyGas: bigint;
  /** `world.addSubscriber` (0 when not subscribed). */
  addSubscriberGas: bigint;
  /** `coordinator.addConsumer` on the fixture's VRF subscription. */
  addConsumerGas: bigint;
}

/**
 * One more collection on the fixture's stack: a UUPS proxy over the fixture's `LivingAsset`
 * implementation (the upgrades plugin finds it in its manifest and deploys only the proxy), with the
 * parameters of deploy/04_collection.ts under another name, living in the same world; then
 * subscribed to the world (unless `subscribe` is false) and added as a consumer of the VRF
 * subscription. The deployer (world admin, subscription owner) sends everything and gets the
 * collection's MINTER_ROLE and CONFIG_ROLE.
 */
export async function deployExtraCollection(
  w: World,
  index: number,
  { subscribe = true }: { subscribe?: boolean } = {},
): Promise<ExtraCollection> {
  const { upgrades, ethers } = hre;
  const d = COLLECTION_DEFAULTS;
  const deployer = w.deployer.address;
  const params = {
    name: `${d.name} ${index}`,
    symbol: `${d.symbol}${index}`,
    description: d.description,
    admin: deployer,
    adminDelay: d.adminDelaySeconds,
    treasury: deployer,
    maxSupply: d.maxSupply,
    price: d.priceWei,
    maxPerWallet: d.maxPerWallet,
    maxPerMint: d.maxPerMint,
    royaltyReceiver: deployer,
    royaltyBps: d.royaltyBps,
    maxRoyaltyBps: d.maxRoyaltyBps,
    renderer: await w.renderer.getAddress(),
    vrf: {
      coordinator: await w.coordinator.getAddress(),
      keyHash: MOCKS.keyHash,
      subscriptionId: w.subscriptionId,
      requestConfirmations: 3,
      callbackGasLimit: d.callbackGasLimit,
      nativePayment: false,
      rerequestTimeout: d.rerequestTimeoutSeconds,
    },
    minRevealDelay: d.minRevealDelaySeconds,
    instantReveal: d.instantReveal,
    world: await w.world.getAddress(),
  };
  const implementationBefore = await upgrades.erc1967.getImplementationAddress(await w.collection.getAddress());
  const proxy = await upgrades.deployProxy(await collectionFactory(hre), [params], {
    kind: "uups",
    initializer: "initialize",
  });
  await proxy.waitForDeployment();
  const address = await proxy.getAddress();
  const implementation = await upgrades.erc1967.getImplementationAddress(address);
  if (implementation !== implementationBefore) {
    throw new Error(`extra collection got implementation ${implementation}, not the fixture's ${implementationBefore}`);
  }
  const deployTx = proxy.deploymentTransaction();
  if (deployTx === null) throw new Error("no proxy deployment transaction");
  const proxyGas = (await deployTx.wait())!.gasUsed;
  const addSubscriberGas = subscribe ? await gasOf(w.world.connect(w.deployer).addSubscriber(address)) : 0n;
  const addConsumerGas = await gasOf(w.coordinator.connect(w.deployer).addConsumer(w.subscriptionId, address));
  const collection = (await ethers.getContractAt("LivingAsset", address)) as unknown as LivingAsset;
  for (const role of [await collection.MINTER_ROLE(), await collection.CONFIG_ROLE()]) {
    await (await collection.connect(w.deployer).grantRole(role, deployer)).wait();
  }
  return { collection, address, proxyGas, addSubscriberGas, addConsumerGas };
}

/**
 * Mints `supply` tokens of `collection` to `to` with `mintTo` in chunks of `MINT_CHUNK` (the sale
 * limits raised to allow it; the caller holds MINTER_ROLE and CONFIG_ROLE). One VRF request per chunk.
 */
export async function mintSupply(collection: LivingAsset, to: string, supply: number): Promise<void> {
  const sale = await collection.saleConfig();
  if (sale.maxSupply < BigInt(supply) || sale.maxPerMint < BigInt(Math.min(supply, MINT_CHUNK))) {
    const maxSupply = sale.maxSupply < BigInt(supply) ? BigInt(supply) : sale.maxSupply;
    await (await collection.setSaleConfig(sale.price, maxSupply, 10_000, MINT_CHUNK)).wait();
  }
  for (let minted = 0; minted < supply; minted += MINT_CHUNK) {
    await (await collection.mintTo(to, Math.min(MINT_CHUNK, supply - minted))).wait();
  }
}

// ---------------------------------------------------------------- measurements

/** advanceEpoch with 0, 1, ... MAX_SUBSCRIBERS subscribed collections, and what goes with it. */
export interface SubscriberSweep {
  /** `World.MAX_SUBSCRIBERS`. */
  max: number;
  /** `advanceEpoch` gas with `n` subscribers, index `n`. */
  gas: bigint[];
  /** Those transactions' hashes (for `hookFrames`). */
  hashes: string[];
  /** The subscribers, in the order they were added: the fixture's collection first. */
  collections: string[];
  /** The fixture's first advance (epoch 0 to 1: the world's counters and each hook's epoch slot go from zero). */
  genesis: bigint;
  /** `syncWorld` of the fixture's collection, unsubscribed and one epoch behind. */
  syncWorld: bigint;
}

/**
 * One world: the fixture's first advance (one subscriber), then MAX_SUBSCRIBERS - 1 extra
 * collections deployed (born at epoch 1) and the fixture's collection unsubscribed; one advance
 * with no subscriber (after which the fixture's collection, one epoch behind, catches up with
 * `syncWorld`), then one advance after each subscription, up to MAX_SUBSCRIBERS. Every collection
 * already holds a non-zero epoch, as in the steady state, so every hook rewrites its epoch slot.
 * Every measured epoch is the same calm move, +0.5% (the log's arithmetic differs by a few dozen
 * gas between up and down moves).
 */
export async function measureSubscriberSweep(w: World): Promise<SubscriberSweep> {
  const max = Number(await w.world.MAX_SUBSCRIBERS());
  const interval = await epochInterval(w);
  const start = await w.world.epochCount();
  if (start !== 0n) throw new Error(`the fixture's world is at epoch ${start}, expected a new world`);
  const genesis = (await advanceWorld(w, usd(3000), interval)).gas;
  const collections = [await w.collection.getAddress()];
  for (let i = 1; i < max; i++) {
    collections.push((await deployExtraCollection(w, i + 1, { subscribe: false })).address);
  }
  await (await w.world.removeSubscriber(collections[0])).wait();
  const gas: bigint[] = [];
  const hashes: string[] = [];
  let syncWorld = 0n;
  for (let n = 0; n <= max; n++) {
    if (n > 0) await (await w.world.addSubscriber(collections[n - 1])).wait();
    const subscribed = (await w.world.subscribers()).length;
    if (subscribed !== n) throw new Error(`expected ${n} subscribers, the world has ${subscribed}`);
    const { gas: g, hash } = await advanceWorld(w, usd(3000 * 1.005 ** (n + 1)), interval);
    gas.push(g);
    hashes.push(hash);
    if (n === 0) syncWorld = await gasOf(w.collection.syncWorld());
  }
  return { max, gas, hashes, collections, genesis, syncWorld };
}

/**
 * advanceEpoch with MAX_SUBSCRIBERS collections subscribed (the fixture's and extra ones), each
 * minted `supply` tokens with `mintTo` (chunks of 1,000), for each of `supplies`, from one snapshot.
 * The measured advance follows one advance made before the extra collections were deployed.
 */
export async function measureSupplies(
  w: World,
  supplies: readonly number[],
): Promise<{ max: number; gas: Record<number, bigint> }> {
  const max = Number(await w.world.MAX_SUBSCRIBERS());
  const interval = await epochInterval(w);
  await advanceWorld(w, usd(3000), interval);
  const collections: LivingAsset[] = [w.collection];
  for (let i = 1; i < max; i++) collections.push((await deployExtraCollection(w, i + 1)).collection);
  const subscribed = (await w.world.subscribers()).length;
  if (subscribed !== max) throw new Error(`expected ${max} subscribers, the world has ${subscribed}`);
  const snapshot = await takeSnapshot();
  const gas: Record<number, bigint> = {};
  for (const supply of supplies) {
    await snapshot.restore();
    for (const c of collections) await mintSupply(c, w.deployer.address, supply);
    for (const c of collections) {
      const minted = await c.totalSupply();
      if (minted !== BigInt(supply)) throw new Error(`collection ${await c.getAddress()} has ${minted} tokens`);
    }
    gas[supply] = (await advanceWorld(w, usd(3015), interval)).gas;
  }
  return { max, gas };
}

/** Figures of one long life (`measureLongLife`). */
export interface LongLife {
  /** advanceEpoch when the world is 1 epoch old (epoch 1 to 2), and 1,000 epochs old (1,000 to 1,001). */
  advanceAtAge1: bigint;
  advanceAtAge1000: bigint;
  /** A token's phenotypeOf and tokenURI (estimateGas) after 1 and 500 epochs of its life. */
  phenotypeOf1?: bigint;
  phenotypeOf500?: bigint;
  tokenURI1?: bigint;
  tokenURI500?: bigint;
  /** That token's phenotype at both ages. */
  early?: Awaited<ReturnType<LivingAsset["phenotypeOf"]>>;
  late?: Awaited<ReturnType<LivingAsset["phenotypeOf"]>>;
  seconds: number;
}

export const LIFE_TOKEN = 2n;

/**
 * One world advanced 1,000 times for real (the feed moves one round per epoch), the fixture's
 * collection subscribed, in a calm market (±0.5% per epoch: Calm mood, Serene temperament). With
 * `token`, alice's token #2 (of 3, revealed, born at epoch 0) is nurtured every epoch of its first
 * 500 (vitality 100%), so only its age differs between its two measurements. Both measured
 * advances move up 0.5%.
 */
export async function measureLongLife(w: World, { token = true }: { token?: boolean } = {}): Promise<LongLife> {
  const started = Date.now();
  const interval = await epochInterval(w);
  const life: Partial<LongLife> = {};
  if (token) {
    await (await w.collection.connect(w.alice).mint(3, { value: 3n * PRICE })).wait();
    await fulfil(w, await closeCohort(w));
  }
  await advanceWorld(w, calmPrice(0), interval);
  const measureToken = async (): Promise<{ phenotypeOf: bigint; tokenURI: bigint; phenotype: LongLife["early"] }> => ({
    phenotypeOf: await w.collection.phenotypeOf.estimateGas(LIFE_TOKEN),
    tokenURI: await w.collection.tokenURI.estimateGas(LIFE_TOKEN),
    phenotype: await w.collection.phenotypeOf(LIFE_TOKEN),
  });
  if (token) {
    await (await w.collection.connect(w.alice).nurture(LIFE_TOKEN)).wait();
    ({ phenotypeOf: life.phenotypeOf1, tokenURI: life.tokenURI1, phenotype: life.early } = await measureToken());
  }
  for (let epoch = 2; epoch <= 1_001; epoch++) {
    const price = epoch === 1_001 ? usd(3030) : calmPrice(epoch - 1);
    const { gas } = await advanceWorld(w, price, interval);
    if (epoch === 2) life.advanceAtAge1 = gas;
    if (epoch === 1_001) life.advanceAtAge1000 = gas;
    if (token && epoch <= 500) await (await w.collection.connect(w.alice).nurture(LIFE_TOKEN)).wait();
    if (token && epoch === 500) {
      ({ phenotypeOf: life.phenotypeOf500, tokenURI: life.tokenURI500, phenotype: life.late } = await measureToken());
    }
  }
  const count = await w.world.epochCount();
  if (count !== 1_001n) throw new Error(`the world is at epoch ${count}, expected 1,001`);
  life.seconds = (Date.now() - started) / 1000;
  return life as LongLife;
}

// ---------------------------------------------------------------- where a transaction's gas goes

interface StructLog {
  depth: number;
  gas: number;
  gasCost: number;
  op: string;
  stack?: string[];
}

/** Gas of one call frame (one subscriber's hook), split by what it paid for. */
export interface FrameGas {
  /** The called address (the subscriber), lower case. */
  to: string;
  /**
   * What the world's CALL cost the world beyond the gas the callee used: the cold account access
   * (2,600) and the CALL's own base cost.
   */
  callOverhead: number;
  /** Gas used inside the callee (its code and everything it called). */
  inside: number;
  /** `inside` split by opcode group. */
  byGroup: Record<string, number>;
}

const GROUPS: [RegExp, string][] = [
  [/^LOG[0-4]$/, "events (LOG)"],
  [/^SSTORE$/, "storage writes (SSTORE)"],
  [/^SLOAD$/, "storage reads (SLOAD)"],
  [/^(CALL|DELEGATECALL|STATICCALL|CALLCODE)$/, "calls (account access, proxy to implementation)"],
];
const groupOf = (op: string): string => GROUPS.find(([re]) => re.test(op))?.[1] ?? "other opcodes";

/**
 * The subscriber hooks of an `advanceEpoch` transaction, from its trace (`debug_traceTransaction`):
 * one entry per CALL to one of `subscribers`, in call order (the world's proxy delegates to its
 * implementation, which calls each hook). Each hook's gas is split by opcode group over every frame
 * below it; a CALL-family opcode is charged what it cost its own frame beyond the callee's use.
 */
export async function hookFrames(txHash: string, subscribers: readonly string[]): Promise<FrameGas[]> {
  const trace = (await hre.network.provider.send("debug_traceTransaction", [
    txHash,
    { disableStorage: true, disableMemory: true },
  ])) as { structLogs: StructLog[] };
  const logs = trace.structLogs;
  const wanted = new Set(subscribers.map((a) => a.toLowerCase()));
  const isCall = (op: string): boolean => /^(CALL|DELEGATECALL|STATICCALL|CALLCODE)$/.test(op);

  /** Gas a step cost its own frame: up to the next step of the same frame (calls included). */
  const stepCost = (i: number): number => {
    const d = logs[i].depth;
    for (let j = i + 1; j < logs.length; j++) {
      if (logs[j].depth === d) return logs[i].gas - logs[j].gas;
      if (logs[j].depth < d) break;
    }
    return logs[i].gasCost; // the frame's last step
  };
  /** Gas used by the frame that starts at step `start` (until its depth is left). */
  const frameUsed = (start: number): { used: number; end: number } => {
    const d = logs[start].depth;
    let j = start;
    while (j + 1 < logs.length && logs[j + 1].depth >= d) j++;
    return { used: logs[start].gas - (logs[j].gas - logs[j].gasCost), end: j };
  };

  const frames: FrameGas[] = [];
  for (let i = 0; i < logs.length - 1; i++) {
    const s = logs[i];
    if (s.op !== "CALL" || logs[i + 1].depth !== s.depth + 1) continue;
    const stack = s.stack ?? [];
    const raw = stack[stack.length - 2] ?? "0";
    const to = `0x${BigInt(raw.startsWith("0x") ? raw : `0x${raw}`)
      .toString(16)
      .padStart(40, "0")}`;
    if (!wanted.has(to)) continue;
    const { used, end } = frameUsed(i + 1);
    const byGroup: Record<string, number> = {};
    for (let k = i + 1; k <= end; k++) {
      const op = logs[k].op;
      let cost = stepCost(k);
      if (isCall(op) && k + 1 <= end && logs[k + 1].depth > logs[k].depth) cost -= frameUsed(k + 1).used;
      byGroup[groupOf(op)] = (byGroup[groupOf(op)] ?? 0) + cost;
    }
    frames.push({ to, callOverhead: stepCost(i) - used, inside: used, byGroup });
  }
  return frames;
}
