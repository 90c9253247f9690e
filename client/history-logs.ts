/**
 * The raw material of a collection's history (tasks/lib/history.ts): where an event is in the
 * chain's order, the logs read in ranges a provider accepts, and the collection's records parsed
 * from them: the epochs it entered, its reveal cohorts, its mints and its metadata over time.
 */
import { id, zeroPadValue, ZeroAddress, type Contract, type Interface, type Log, type Provider } from "ethers";

/** Where an event is in the chain's order. */
export interface Position {
  blockNumber: number;
  transactionIndex: number;
  logIndex: number;
}

/** Total order of events: block, then transaction, then log index. */
export function comparePositions(a: Position, b: Position): number {
  return a.blockNumber - b.blockNumber || a.transactionIndex - b.transactionIndex || a.logIndex - b.logIndex;
}

export function positionOf(log: Log): Position {
  return { blockNumber: log.blockNumber, transactionIndex: log.transactionIndex, logIndex: log.index };
}

/** How the collection entered an epoch. */
export type EpochEntryKind = "linked" | "advance" | "sync" | "feed-config";

/** The collection entered `epoch` at `position`. */
export interface EpochMark {
  position: Position;
  transactionHash: string;
  epoch: number;
  how: EpochEntryKind;
}

/** A closed reveal cohort (`CohortClosed`), and its hatching (`CohortRevealed`) if its word arrived by the snapshot. */
export interface CohortRecord {
  cohortId: number;
  firstTokenId: number;
  quantity: number;
  closed: Position;
  closedTx: string;
  /** `CohortRevealed.birthEpoch`: the collection's epoch when the word arrived (checked against `cohort(id).birthEpoch`). */
  birthEpoch?: number;
  revealed?: Position;
  revealedTx?: string;
}

/** A token's mint: its ERC-721 `Transfer` from the zero address. */
export interface MintRecord {
  position: Position;
  transactionHash: string;
  to: string;
}

/** `IRenderer`'s Provenance, as plain values. */
export interface ProvenanceRecord {
  modelHash: string;
  datasetHash: string;
  licenseURI: string;
  generatorName: string;
  generatorVersion: string;
  locked: boolean;
}

export const EMPTY_PROVENANCE: ProvenanceRecord = {
  modelHash: `0x${"0".repeat(64)}`,
  datasetHash: `0x${"0".repeat(64)}`,
  licenseURI: "",
  generatorName: "",
  generatorVersion: "",
  locked: false,
};

/** Refused queries (epoch or block out of the token's life, unknown token): one line, no maths. */
export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HistoryError";
  }
}

export interface Valued<T> {
  position: Position;
  value: T;
}

/** The latest value strictly before `cut`, or `fallback`. */
export function valueBefore<T>(list: Valued<T>[], cut: Position, fallback: T): T {
  let out = fallback;
  for (const v of list) {
    if (comparePositions(v.position, cut) >= 0) break;
    out = v.value;
  }
  return out;
}

/** A position after every log of the snapshot. */
export const END: Position = { blockNumber: Number.MAX_SAFE_INTEGER, transactionIndex: 0, logIndex: 0 };

/**
 * Where a history is read from: a provider and contracts for reads. The tasks build it from
 * Hardhat (`tasks/lib/history.ts`), the app from its RPC provider and the ABIs bundled with it.
 */
export interface ChainReader {
  provider: Provider;
  /** The contract at `address` with the named ABI, for reads. */
  contract(name: "LivingAsset" | "World" | "IRenderer", address: string): Contract;
  /** The block a contract was deployed in, when the reader knows it (hardhat-deploy's records). */
  deployBlockOf?(address: string): Promise<number | undefined>;
}

export interface LoadOptions {
  /** First block to read logs from (default: the collection's deploy block from hardhat-deploy, else 0). */
  fromBlock?: number;
  /** Snapshot block (default: latest): logs up to it, every state read at it. */
  toBlock?: number;
}

/**
 * `eth_getLogs` over [from, to], halving the range while the node refuses it (providers cap the
 * range or the number of results), down to one block.
 */
export async function getLogs(
  provider: Provider,
  filter: { address: string; topics: (string | string[] | null)[] },
  from: number,
  to: number,
): Promise<Log[]> {
  if (from > to) return [];
  try {
    return await provider.getLogs({ ...filter, fromBlock: from, toBlock: to });
  } catch (err) {
    if (from === to) throw err;
    const mid = Math.floor((from + to) / 2);
    return [...(await getLogs(provider, filter, from, mid)), ...(await getLogs(provider, filter, mid + 1, to))];
  }
}

/** The logs a history is read from, each list in chain order. */
export interface CollectionLogs {
  /** The collection's link, syncs, cohorts and metadata events. */
  collection: Log[];
  /** The collection's `TraitUpdatedRange(keccak256("age"), ...)`: one per epoch it entered. */
  age: Log[];
  /** The world's `EpochAdvanced`. */
  advances: Log[];
  /** The world's `SubscriberHookFailed` for this collection. */
  hookFailures: Log[];
  /** The collection's `Transfer`s from the zero address. */
  mints: Log[];
}

const COLLECTION_EVENTS = [
  "WorldLinked",
  "WorldSynced",
  "CohortClosed",
  "CohortRevealed",
  "DescriptionUpdated",
  "ProvenanceUpdated",
  "ProvenanceLocked",
  "RendererUpdated",
];

/** Read every log the collection's history needs from `fromBlock` to `snapshotBlock`. */
export async function readCollectionLogs(
  provider: Provider,
  collection: Contract,
  world: Contract,
  fromBlock: number,
  snapshotBlock: number,
): Promise<CollectionLogs> {
  const address = await collection.getAddress();
  const worldAddress = await world.getAddress();
  const topic = (c: Contract, name: string) => c.interface.getEvent(name)!.topicHash;
  const addressTopic = zeroPadValue(address, 32);
  const zeroTopic = zeroPadValue(ZeroAddress, 32);
  const read = (filter: { address: string; topics: (string | string[] | null)[] }) =>
    getLogs(provider, filter, fromBlock, snapshotBlock);
  const [collectionLogs, age, advances, hookFailures, mints] = await Promise.all([
    read({ address, topics: [COLLECTION_EVENTS.map((n) => topic(collection, n))] }),
    read({ address, topics: [topic(collection, "TraitUpdatedRange"), id("age")] }),
    read({ address: worldAddress, topics: [[topic(world, "EpochAdvanced")]] }),
    read({ address: worldAddress, topics: [topic(world, "SubscriberHookFailed"), addressTopic] }),
    read({ address, topics: [topic(collection, "Transfer"), zeroTopic] }),
  ]);
  const byPosition = (a: Log, b: Log) => comparePositions(positionOf(a), positionOf(b));
  collectionLogs.sort(byPosition);
  age.sort(byPosition);
  advances.sort(byPosition);
  return { collection: collectionLogs, age, advances, hookFailures, mints };
}

/** An event that moved the collection or the world to an epoch, within a transaction. */
interface EpochEvent {
  position: Position;
  hash: string;
  epoch: number;
}

/** What the collection's own events say: its link, its syncs, its cohorts and its metadata over time. */
export interface CollectionRecords {
  /** The `WorldLinked` mark: the collection's first epoch. */
  link: EpochMark;
  syncs: EpochEvent[];
  /** Closed cohorts by id, with their hatching when their word arrived. */
  cohorts: Map<number, CohortRecord>;
  descriptions: Valued<string>[];
  provenances: Valued<ProvenanceRecord>[];
  renderers: Valued<string>[];
}

/** Parse the collection's link, sync, cohort and metadata events (in chain order). */
export function parseCollectionLogs(
  ci: Interface,
  logs: Log[],
  range: { address: string; fromBlock: number; snapshotBlock: number },
  getAddress: (a: string) => string,
): CollectionRecords {
  let link: EpochMark | undefined;
  const cohorts = new Map<number, CohortRecord>();
  const descriptions: Valued<string>[] = [];
  const provenances: Valued<ProvenanceRecord>[] = [];
  const renderers: Valued<string>[] = [];
  const syncs: EpochEvent[] = [];
  let provenance = { ...EMPTY_PROVENANCE };
  for (const log of logs) {
    const ev = ci.parseLog(log)!;
    const position = positionOf(log);
    const args = ev.args;
    switch (ev.name) {
      case "WorldLinked":
        link = { position, transactionHash: log.transactionHash, epoch: Number(args.epoch), how: "linked" };
        break;
      case "WorldSynced":
        syncs.push({ position, hash: log.transactionHash, epoch: Number(args.epoch) });
        break;
      case "CohortClosed":
        cohorts.set(Number(args.cohortId), {
          cohortId: Number(args.cohortId),
          firstTokenId: Number(args.firstTokenId),
          quantity: Number(args.quantity),
          closed: position,
          closedTx: log.transactionHash,
        });
        break;
      case "CohortRevealed": {
        const c = cohorts.get(Number(args.cohortId));
        if (c) {
          c.revealed = position;
          c.revealedTx = log.transactionHash;
          c.birthEpoch = Number(args.birthEpoch);
        }
        break;
      }
      case "DescriptionUpdated":
        descriptions.push({ position, value: args.description as string });
        break;
      case "ProvenanceUpdated":
      case "ProvenanceLocked":
        provenance = ev.name === "ProvenanceLocked" ? { ...provenance, locked: true } : provenanceOf(args, provenance);
        provenances.push({ position, value: provenance });
        break;
      case "RendererUpdated":
        renderers.push({ position, value: getAddress(args.renderer as string) });
        break;
    }
  }
  if (link === undefined)
    throw new HistoryError(
      `no WorldLinked event of ${range.address} in blocks ${range.fromBlock}..${range.snapshotBlock}: not a World collection, or its initialisation is before block ${range.fromBlock}`,
    );
  return { link, syncs, cohorts, descriptions, provenances, renderers };
}

/** A `ProvenanceUpdated` event's provenance (the lock is kept as it was). */
function provenanceOf(args: Record<string, unknown>, before: ProvenanceRecord): ProvenanceRecord {
  return {
    modelHash: args.modelHash as string,
    datasetHash: args.datasetHash as string,
    licenseURI: args.licenseURI as string,
    generatorName: args.generatorName as string,
    generatorVersion: args.generatorVersion as string,
    locked: before.locked,
  };
}

/**
 * When the collection entered each epoch, the link first. Each age-range event marks an epoch
 * the collection entered: the one of the `WorldSynced` just before it in the same transaction,
 * else of the world's `EpochAdvanced` there, else the world's epoch count at that point.
 */
export function epochMarksOf(
  wi: Interface,
  records: Pick<CollectionRecords, "link" | "syncs">,
  logs: Pick<CollectionLogs, "age" | "advances">,
): EpochMark[] {
  const { link, syncs } = records;
  // The world's epoch count after each EpochAdvanced.
  const advances: EpochEvent[] = logs.advances.map((l) => ({
    position: positionOf(l),
    hash: l.transactionHash,
    epoch: Number(wi.parseLog(l)!.args.epoch),
  }));
  const worldEpochAt = (p: Position) => {
    let e = link.epoch;
    for (const a of advances) {
      if (comparePositions(a.position, p) >= 0) break;
      if (comparePositions(a.position, link.position) > 0) e = a.epoch;
    }
    return e;
  };
  const epochMarks: EpochMark[] = [link];
  for (const log of logs.age) {
    const position = positionOf(log);
    const previous = epochMarks[epochMarks.length - 1].position;
    const sameTx = (p: EpochEvent) =>
      p.hash === log.transactionHash &&
      comparePositions(p.position, position) < 0 &&
      comparePositions(p.position, previous) > 0;
    const sync = syncs.filter(sameTx).pop();
    const advance = advances.filter(sameTx).pop();
    const worldEpoch = worldEpochAt(position);
    const [epoch, how]: [number, EpochEntryKind] = sync
      ? [sync.epoch, "sync"]
      : advance
        ? [advance.epoch, "advance"]
        : [worldEpoch, "feed-config"];
    if (epoch !== worldEpoch)
      throw new HistoryError(
        `inconsistent logs: the collection entered epoch ${epoch} in ${log.transactionHash} while the world was at ${worldEpoch}`,
      );
    epochMarks.push({ position, transactionHash: log.transactionHash, epoch, how });
  }
  return epochMarks;
}

/** Every mint (`Transfer` from zero) by token id. */
export function mintsOf(ci: Interface, logs: Log[], getAddress: (a: string) => string): Map<number, MintRecord> {
  const mints = new Map<number, MintRecord>();
  for (const l of logs) {
    const ev = ci.parseLog(l)!;
    mints.set(Number(ev.args.tokenId), {
      position: positionOf(l),
      transactionHash: l.transactionHash,
      to: getAddress(ev.args.to as string),
    });
  }
  return mints;
}
