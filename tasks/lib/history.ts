/**
 * A token's history replayed from events: its checkpoint timeline rebuilt from the collection's
 * events and the world's, and its phenotype and `tokenURI` at any epoch (or at the end of any
 * block) of its life, computed on chain by the world's `phenotypeAt` and the renderer.
 *
 * No life maths is copied here. The replay only moves event values into the checkpoint
 * (`IInteractionModule.Checkpoint`) the way the contracts write it:
 * - `Nurtured(id, v)`: initialized, vitalityEpoch = E, vitality = v, lastNurturedEpoch = E + 1,
 *   nurtureCount + 1 (InteractionModule.nurture);
 * - `MetamorphosisRequested`: initialized, vitalityEpoch = E, vitality = the vitality at E, asked of
 *   `world.phenotypeAt` with the checkpoint before, pending, requestedAt = the block's time
 *   (InteractionLogic.metamorphose); `MetamorphosisRerequested`: requestedAt = the block's time;
 * - `Metamorphosed(id, generation, requestId, mutation)`: metamorphoses = generation, pending
 *   cleared, mutation (SeedLogic._applyMetamorphosis);
 * where E is the collection's epoch at the event. That epoch comes from events as well: the
 * collection starts at `WorldLinked(world, epoch)` and every later epoch it enters is marked by its
 * `TraitUpdatedRange(keccak256("age"), 0, max)`; the epoch entered is the one in the `WorldSynced`
 * just before it (`syncWorld`), else the world's `EpochAdvanced` earlier in the same transaction
 * (the world's hook), else the world's epoch count at that point (the hook re-run by the world's
 * `setFeedConfig`, which carries no epoch). Events are ordered by (block, transaction, log index).
 *
 * Births come from events too. A token is minted (its ERC-721 `Transfer` from zero) into the open
 * reveal cohort; `CohortClosed(id, first, quantity)` closes the cohort, and
 * `CohortRevealed(id, first, quantity, birthEpoch)` brings its word: the token hatches, born in
 * `birthEpoch` (the collection's epoch then, checked against the epoch marks). Until then it is
 * an egg, and an egg is asked of `phenotypeAt` as the collection asks it: born in the epoch of the
 * question (age 0). Its first epoch is the one it was minted in.
 *
 * What does come from state, read at the snapshot block the history was loaded at: the cohort's
 * word (`cohort(id).randomness`, fixed once revealed), from which the seed is
 * keccak256(abi.encode(word, tokenId)) (checked against `seedOf` while the token exists); the
 * cohort's birth epoch and state (only to check the replay); the collection's name (fixed at
 * initialisation) and renderer; the world's log and mood threshold (through `phenotypeAt`).
 *
 * `tokenURI` replays use TODAY's collection name, description, provenance and renderer by default
 * (the latest `DescriptionUpdated`, `ProvenanceUpdated`/`ProvenanceLocked` and the current
 * `renderer()`): the art and traits are those of the past, the collection text is today's. Pass
 * `{ metadata: "then" }` for the description, provenance and renderer in force at that point.
 *
 * Contract limitation: `phenotypeAt` uses today's mood threshold, so a past epoch's mood is
 * recomputed with the current threshold (a `setFeedConfig` that changed it rewrites past moods in
 * the replay, where the collection showed them with the threshold of the time).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract, Log } from "ethers";

/** `IInteractionModule.Checkpoint`, as plain values. */
export interface Checkpoint {
  initialized: boolean;
  vitalityEpoch: number;
  vitality: number;
  lastNurturedEpoch: number;
  nurtureCount: number;
  metamorphoses: number;
  pending: boolean;
  requestedAt: number;
  mutation: bigint;
}

/** The checkpoint of a token no one has acted on. */
export const EMPTY_CHECKPOINT: Readonly<Checkpoint> = Object.freeze({
  initialized: false,
  vitalityEpoch: 0,
  vitality: 0,
  lastNurturedEpoch: 0,
  nurtureCount: 0,
  metamorphoses: 0,
  pending: false,
  requestedAt: 0,
  mutation: 0n,
});

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

function positionOf(log: Log): Position {
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

export type TokenEventKind =
  | "minted"
  | "revealed"
  | "transferred"
  | "burned"
  | "nurtured"
  | "metamorphosis-requested"
  | "metamorphosis-rerequested"
  | "metamorphosed";

/** One event of a token's life, with the collection's epoch then and the token's state after it. */
export interface TokenEvent {
  kind: TokenEventKind;
  position: Position;
  transactionHash: string;
  /** The collection's epoch when it happened. */
  epoch: number;
  /** One line for people. */
  what: string;
  /** Whether the token's seed was known after the event. */
  revealed: boolean;
  /** The token's checkpoint after the event. */
  checkpoint: Checkpoint;
  /** The holder after the event (transfers and mint). */
  holder: string;
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

export interface TokenHistory {
  tokenId: number;
  /** The cohort it was closed into; undefined while it is in the open cohort at the snapshot. */
  cohort?: CohortRecord;
  minted: Position;
  mintedTx: string;
  /** The collection's epoch at the mint: the token's first epoch (an egg until its cohort hatches). */
  mintEpoch: number;
  /** The epoch its cohort hatched in (`CohortRevealed.birthEpoch`); undefined while it is an egg at the snapshot. */
  birthEpoch?: number;
  /** The seed, when the cohort was revealed by the snapshot (0n otherwise). */
  seed: bigint;
  /** Every event of the token's life, in chain order (the mint first). */
  events: TokenEvent[];
  /** Where it was burned (an upgrade may add burns), if it was: its life ends there. */
  burned?: Position;
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

const EMPTY_PROVENANCE: ProvenanceRecord = {
  modelHash: `0x${"0".repeat(64)}`,
  datasetHash: `0x${"0".repeat(64)}`,
  licenseURI: "",
  generatorName: "",
  generatorVersion: "",
  locked: false,
};

/** Which collection text and renderer a replayed `tokenURI` uses. */
export interface RenderOptions {
  /** "today" (default): the current description, provenance and renderer; "then": those in force at that point. */
  metadata?: "today" | "then";
}

/** Refused queries (epoch or block out of the token's life, unknown token): one line, no maths. */
export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HistoryError";
  }
}

interface Valued<T> {
  position: Position;
  value: T;
}

/** The latest value strictly before `cut`, or `fallback`. */
function valueBefore<T>(list: Valued<T>[], cut: Position, fallback: T): T {
  let out = fallback;
  for (const v of list) {
    if (comparePositions(v.position, cut) >= 0) break;
    out = v.value;
  }
  return out;
}

/** A position after every log of the snapshot. */
const END: Position = { blockNumber: Number.MAX_SAFE_INTEGER, transactionIndex: 0, logIndex: 0 };

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
async function getLogs(
  hre: HardhatRuntimeEnvironment,
  filter: { address: string; topics: (string | string[] | null)[] },
  from: number,
  to: number,
): Promise<Log[]> {
  if (from > to) return [];
  try {
    return await hre.ethers.provider.getLogs({ ...filter, fromBlock: from, toBlock: to });
  } catch (err) {
    if (from === to) throw err;
    const mid = Math.floor((from + to) / 2);
    return [...(await getLogs(hre, filter, from, mid)), ...(await getLogs(hre, filter, mid + 1, to))];
  }
}

/** The block the collection was deployed in, from hardhat-deploy's saved receipt, or undefined. */
export async function deployBlockOf(hre: HardhatRuntimeEnvironment, address: string): Promise<number | undefined> {
  const all = await hre.deployments.all();
  let best: number | undefined;
  for (const d of Object.values(all)) {
    if (d.address?.toLowerCase() !== address.toLowerCase()) continue;
    const n = d.receipt?.blockNumber;
    if (n !== undefined && (best === undefined || Number(n) < best)) best = Number(n);
  }
  return best;
}

/** The collection's history: its epochs, cohorts, mints and metadata, and each token's life on demand. */
export class CollectionHistory {
  private readonly tokens = new Map<number, Promise<TokenHistory>>();

  private constructor(
    private readonly hre: HardhatRuntimeEnvironment,
    readonly collection: Contract,
    readonly world: Contract,
    readonly address: string,
    readonly worldAddress: string,
    readonly fromBlock: number,
    /** Every log and state read stops at this block. */
    readonly snapshotBlock: number,
    /** When the collection entered each epoch, in chain order (the link first). */
    readonly epochMarks: EpochMark[],
    /** The world's epochs the collection's hook failed for (it caught up later, or still has to). */
    readonly missedEpochs: { epoch: number; position: Position }[],
    readonly cohorts: CohortRecord[],
    /** Every token minted by the snapshot, by id. */
    readonly mints: ReadonlyMap<number, MintRecord>,
    private readonly descriptions: Valued<string>[],
    private readonly provenances: Valued<ProvenanceRecord>[],
    private readonly renderers: Valued<string>[],
    /** The collection's name (fixed at initialisation). */
    readonly name: string,
    /** The collection's renderer at the snapshot. */
    readonly renderer: string,
    /** The world's epoch count at the snapshot (the collection may lag behind it). */
    readonly worldEpoch: number,
  ) {}

  /** Read the collection's and the world's logs from `fromBlock` to the snapshot. */
  static async load(
    hre: HardhatRuntimeEnvironment,
    collectionAddress: string,
    options: LoadOptions = {},
  ): Promise<CollectionHistory> {
    const { ethers } = hre;
    const address = ethers.getAddress(collectionAddress);
    if ((await ethers.provider.getCode(address)) === "0x") throw new HistoryError(`no contract at ${address}`);
    const collection = (await ethers.getContractAt("LivingAsset", address)) as unknown as Contract;
    const snapshotBlock = options.toBlock ?? (await ethers.provider.getBlockNumber());
    const at = { blockTag: snapshotBlock };
    const fromBlock = options.fromBlock ?? (await deployBlockOf(hre, address)) ?? 0;
    const worldAddress = ethers.getAddress(await collection.world(at));
    const world = (await ethers.getContractAt("World", worldAddress)) as unknown as Contract;
    const ci = collection.interface;
    const wi = world.interface;
    const topic = (c: Contract, name: string) => c.interface.getEvent(name)!.topicHash;
    const ageKey = ethers.id("age");
    const addressTopic = ethers.zeroPadValue(address, 32);

    const zeroTopic = ethers.zeroPadValue(ethers.ZeroAddress, 32);
    const [collectionLogs, ageLogs, worldLogs, hookFailures, mintLogs] = await Promise.all([
      getLogs(
        hre,
        {
          address,
          topics: [
            [
              "WorldLinked",
              "WorldSynced",
              "CohortClosed",
              "CohortRevealed",
              "DescriptionUpdated",
              "ProvenanceUpdated",
              "ProvenanceLocked",
              "RendererUpdated",
            ].map((n) => topic(collection, n)),
          ],
        },
        fromBlock,
        snapshotBlock,
      ),
      getLogs(hre, { address, topics: [topic(collection, "TraitUpdatedRange"), ageKey] }, fromBlock, snapshotBlock),
      getLogs(hre, { address: worldAddress, topics: [[topic(world, "EpochAdvanced")]] }, fromBlock, snapshotBlock),
      getLogs(
        hre,
        { address: worldAddress, topics: [topic(world, "SubscriberHookFailed"), addressTopic] },
        fromBlock,
        snapshotBlock,
      ),
      getLogs(hre, { address, topics: [topic(collection, "Transfer"), zeroTopic] }, fromBlock, snapshotBlock),
    ]);
    const byPosition = (a: Log, b: Log) => comparePositions(positionOf(a), positionOf(b));
    collectionLogs.sort(byPosition);
    ageLogs.sort(byPosition);
    worldLogs.sort(byPosition);

    // The world's epoch count after each EpochAdvanced, for `worldEpochAt`.
    const advances = worldLogs.map((l) => ({
      position: positionOf(l),
      hash: l.transactionHash,
      epoch: Number(wi.parseLog(l)!.args.epoch),
    }));

    let linkEpoch: number | undefined;
    const epochMarks: EpochMark[] = [];
    const cohorts = new Map<number, CohortRecord>();
    const descriptions: Valued<string>[] = [];
    const provenances: Valued<ProvenanceRecord>[] = [];
    const renderers: Valued<string>[] = [];
    const syncs: { position: Position; hash: string; epoch: number }[] = [];
    let provenance = { ...EMPTY_PROVENANCE };
    for (const log of collectionLogs) {
      const ev = ci.parseLog(log)!;
      const position = positionOf(log);
      switch (ev.name) {
        case "WorldLinked":
          linkEpoch = Number(ev.args.epoch);
          epochMarks.push({ position, transactionHash: log.transactionHash, epoch: linkEpoch, how: "linked" });
          break;
        case "WorldSynced":
          syncs.push({ position, hash: log.transactionHash, epoch: Number(ev.args.epoch) });
          break;
        case "CohortClosed":
          cohorts.set(Number(ev.args.cohortId), {
            cohortId: Number(ev.args.cohortId),
            firstTokenId: Number(ev.args.firstTokenId),
            quantity: Number(ev.args.quantity),
            closed: position,
            closedTx: log.transactionHash,
          });
          break;
        case "CohortRevealed": {
          const c = cohorts.get(Number(ev.args.cohortId));
          if (c) {
            c.revealed = position;
            c.revealedTx = log.transactionHash;
            c.birthEpoch = Number(ev.args.birthEpoch);
          }
          break;
        }
        case "DescriptionUpdated":
          descriptions.push({ position, value: ev.args.description as string });
          break;
        case "ProvenanceUpdated":
          provenance = {
            modelHash: ev.args.modelHash as string,
            datasetHash: ev.args.datasetHash as string,
            licenseURI: ev.args.licenseURI as string,
            generatorName: ev.args.generatorName as string,
            generatorVersion: ev.args.generatorVersion as string,
            locked: provenance.locked,
          };
          provenances.push({ position, value: provenance });
          break;
        case "ProvenanceLocked":
          provenance = { ...provenance, locked: true };
          provenances.push({ position, value: provenance });
          break;
        case "RendererUpdated":
          renderers.push({ position, value: ethers.getAddress(ev.args.renderer as string) });
          break;
      }
    }
    if (linkEpoch === undefined)
      throw new HistoryError(
        `no WorldLinked event of ${address} in blocks ${fromBlock}..${snapshotBlock}: not a World collection, or its initialisation is before block ${fromBlock}`,
      );
    const link = epochMarks[0];
    const worldEpochAt = (p: Position) => {
      let e = linkEpoch!;
      for (const a of advances) {
        if (comparePositions(a.position, p) >= 0) break;
        if (comparePositions(a.position, link.position) > 0) e = a.epoch;
      }
      return e;
    };

    // Each age-range event marks an epoch the collection entered.
    for (const log of ageLogs) {
      const position = positionOf(log);
      const previous = epochMarks[epochMarks.length - 1].position;
      const sameTx = (p: { position: Position; hash: string }) =>
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

    const mints = new Map<number, MintRecord>();
    for (const l of mintLogs) {
      const ev = ci.parseLog(l)!;
      mints.set(Number(ev.args.tokenId), {
        position: positionOf(l),
        transactionHash: l.transactionHash,
        to: ethers.getAddress(ev.args.to as string),
      });
    }

    const missedEpochs = hookFailures.map((l) => ({
      epoch: Number(wi.parseLog(l)!.args.epoch),
      position: positionOf(l),
    }));
    const [name, renderer, worldEpoch] = await Promise.all([
      collection.name(at) as Promise<string>,
      collection.renderer(at) as Promise<string>,
      world.epochCount(at) as Promise<bigint>,
    ]);
    const history = new CollectionHistory(
      hre,
      collection,
      world,
      address,
      worldAddress,
      fromBlock,
      snapshotBlock,
      epochMarks,
      missedEpochs,
      [...cohorts.values()].sort((a, b) => a.cohortId - b.cohortId),
      mints,
      descriptions,
      provenances,
      renderers,
      name,
      ethers.getAddress(renderer),
      Number(worldEpoch),
    );
    // A cohort hatches in the collection's epoch when its word arrives: the event and the epoch marks must agree.
    for (const c of history.cohorts)
      if (c.revealed && c.birthEpoch !== history.epochAt(c.revealed))
        throw new HistoryError(
          `replay error: cohort ${c.cohortId} hatched in epoch ${c.birthEpoch} (CohortRevealed) while the events put the collection at epoch ${history.epochAt(c.revealed)}`,
        );
    return history;
  }

  /** The collection's epoch just before `position` (the link's epoch before the first mark). */
  epochAt(position: Position): number {
    let e = this.epochMarks[0].epoch;
    for (const m of this.epochMarks) {
      if (comparePositions(m.position, position) >= 0) break;
      e = m.epoch;
    }
    return e;
  }

  /** The collection's epoch at the snapshot. */
  get currentEpoch(): number {
    return this.epochMarks[this.epochMarks.length - 1].epoch;
  }

  private get at() {
    return { blockTag: this.snapshotBlock };
  }

  /** A token's life (loaded once per token). */
  token(tokenId: number | bigint): Promise<TokenHistory> {
    const id = Number(tokenId);
    let p = this.tokens.get(id);
    if (!p) {
      p = this.loadToken(id);
      p.catch(() => this.tokens.delete(id));
      this.tokens.set(id, p);
    }
    return p;
  }

  /** The highest token id minted by the snapshot (0 if none). */
  get lastTokenId(): number {
    let last = 0;
    for (const id of this.mints.keys()) if (id > last) last = id;
    return last;
  }

  private async loadToken(tokenId: number): Promise<TokenHistory> {
    if (!Number.isSafeInteger(tokenId) || tokenId < 1) throw new HistoryError(`token ${tokenId} is not a token id`);
    const mint = this.mints.get(tokenId);
    if (!mint) {
      const last = this.lastTokenId;
      const minted = last ? `tokens 1 to ${last} were` : "no token was";
      throw new HistoryError(`token ${tokenId} was not minted by block ${this.snapshotBlock} (${minted})`);
    }
    const cohort = this.cohorts.find((c) => tokenId >= c.firstTokenId && tokenId < c.firstTokenId + c.quantity);
    const { ethers } = this.hre;
    const c = this.collection;
    const topic = (name: string) => c.interface.getEvent(name)!.topicHash;
    const idTopic = ethers.toBeHex(tokenId, 32);
    const [actions, transfers, onChain] = await Promise.all([
      getLogs(
        this.hre,
        {
          address: this.address,
          topics: [
            ["Nurtured", "MetamorphosisRequested", "MetamorphosisRerequested", "Metamorphosed"].map(topic),
            idTopic,
          ],
        },
        this.fromBlock,
        this.snapshotBlock,
      ),
      getLogs(
        this.hre,
        { address: this.address, topics: [topic("Transfer"), null, null, idTopic] },
        this.fromBlock,
        this.snapshotBlock,
      ),
      cohort
        ? c.cohort(cohort.cohortId, this.at)
        : c.cohortState(this.at).then((s: { openFirstTokenId: bigint }) => ({ openFirstTokenId: s.openFirstTokenId })),
    ]);
    if (!cohort) {
      if (tokenId < Number(onChain.openFirstTokenId))
        throw new HistoryError(
          `replay error: token ${tokenId} is in a closed cohort, but no CohortClosed event says so`,
        );
    } else {
      if (Boolean(onChain.revealed) !== (cohort.revealed !== undefined))
        throw new HistoryError(`replay error: cohort ${cohort.cohortId}'s CohortRevealed and its state disagree`);
      if (cohort.revealed && Number(onChain.birthEpoch) !== cohort.birthEpoch)
        throw new HistoryError(
          `replay error: cohort ${cohort.cohortId} was born in epoch ${onChain.birthEpoch}, the events say ${cohort.birthEpoch}`,
        );
    }
    // A revealed cohort's randomness is its word, fixed for good: seed = keccak256(abi.encode(word, id))
    // (ISeedModule). Checked against seedOf below while the token exists.
    const seed: bigint = cohort?.revealed
      ? BigInt(
          ethers.keccak256(
            ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "uint256"], [onChain.randomness, tokenId]),
          ),
        )
      : 0n;
    const birthEpoch = cohort?.revealed ? cohort.birthEpoch : undefined;

    type Raw = { position: Position; hash: string; log?: Log; kind: "reveal" | "log" };
    const raw: Raw[] = [...actions, ...transfers].map((log) => ({
      position: positionOf(log),
      hash: log.transactionHash,
      log,
      kind: "log" as const,
    }));
    if (cohort?.revealed) raw.push({ position: cohort.revealed, hash: cohort.revealedTx!, kind: "reveal" });
    raw.sort((a, b) => comparePositions(a.position, b.position));

    let checkpoint: Checkpoint = { ...EMPTY_CHECKPOINT };
    let revealed = false;
    let holder = mint.to;
    let burned: Position | undefined;
    const events: TokenEvent[] = [];
    const push = (r: Raw, kind: TokenEventKind, what: string) =>
      events.push({
        kind,
        position: r.position,
        transactionHash: r.hash,
        epoch: this.epochAt(r.position),
        what,
        revealed,
        checkpoint: { ...checkpoint },
        holder,
      });
    const blockTime = async (blockNumber: number) => (await ethers.provider.getBlock(blockNumber))!.timestamp;

    for (const r of raw) {
      if (r.kind === "reveal") {
        revealed = true;
        push(r, "revealed", `revealed: cohort ${cohort!.cohortId} hatched, born in epoch ${birthEpoch}`);
        continue;
      }
      const ev = c.interface.parseLog(r.log!)!;
      const epoch = this.epochAt(r.position);
      switch (ev.name) {
        case "Transfer": {
          const from = ev.args.from as string;
          holder = ev.args.to as string;
          if (from === ethers.ZeroAddress)
            push(
              r,
              "minted",
              `minted to ${holder}${cohort ? ` (cohort ${cohort.cohortId})` : " (in the open cohort)"}`,
            );
          else if (holder === ethers.ZeroAddress) {
            burned = r.position;
            push(r, "burned", `burned by its holder ${from}`);
          } else push(r, "transferred", `transferred from ${from} to ${holder}`);
          break;
        }
        case "Nurtured": {
          const v = Number(ev.args.vitality);
          checkpoint = {
            ...checkpoint,
            initialized: true,
            vitalityEpoch: epoch,
            vitality: v,
            lastNurturedEpoch: epoch + 1,
            nurtureCount: checkpoint.nurtureCount + 1,
          };
          push(r, "nurtured", `nurtured: vitality ${v} bps`);
          break;
        }
        case "MetamorphosisRequested": {
          // The request pins the vitality it had then: asked of the world, not computed here.
          const ph = await this.world.phenotypeAt(this.query(revealed, seed, birthEpoch, epoch, checkpoint), this.at);
          checkpoint = {
            ...checkpoint,
            initialized: true,
            vitalityEpoch: epoch,
            vitality: Number(ph.vitality),
            pending: true,
            requestedAt: await blockTime(r.position.blockNumber),
          };
          push(r, "metamorphosis-requested", `metamorphosis requested (vitality pinned at ${checkpoint.vitality} bps)`);
          break;
        }
        case "MetamorphosisRerequested":
          checkpoint = { ...checkpoint, requestedAt: await blockTime(r.position.blockNumber) };
          push(r, "metamorphosis-rerequested", "metamorphosis request replaced");
          break;
        case "Metamorphosed":
          checkpoint = {
            ...checkpoint,
            metamorphoses: Number(ev.args.generation),
            pending: false,
            mutation: BigInt(ev.args.mutation),
          };
          push(r, "metamorphosed", `metamorphosed: generation ${checkpoint.metamorphoses}`);
          break;
      }
    }
    if (cohort?.revealed && !burned && BigInt(await c.seedOf(tokenId, this.at)) !== seed)
      throw new HistoryError(`replay error: token ${tokenId}'s seed is not keccak256(abi.encode(word, id))`);
    return {
      tokenId,
      cohort,
      minted: mint.position,
      mintedTx: mint.transactionHash,
      mintEpoch: this.epochAt(mint.position),
      birthEpoch,
      seed,
      events,
      burned,
    };
  }

  /**
   * The question `phenotypeAt` answers, as the collection asks it (SeedLogic.seedAndBirth): a
   * hatched token with its seed and birth epoch; an egg with no seed, born in the epoch asked about.
   */
  private query(revealed: boolean, seed: bigint, birthEpoch: number | undefined, epoch: number, cp: Checkpoint) {
    return {
      revealed,
      seed: revealed ? seed : 0n,
      birthEpoch: revealed ? birthEpoch! : epoch,
      epoch,
      checkpoint: { ...cp },
    };
  }

  /**
   * The token's first and last epoch: its birth and the collection's epoch at the snapshot (or,
   * for a burned token, at its burn: the end of that epoch is its state just before the burn).
   */
  async epochRange(tokenId: number | bigint): Promise<{ first: number; last: number }> {
    const t = await this.token(tokenId);
    return { first: t.mintEpoch, last: t.burned ? this.epochAt(t.burned) : this.currentEpoch };
  }

  /** Where "the end of epoch E" is: before the first mark of a later epoch (or the snapshot's end). */
  private endOfEpoch(epoch: number): Position {
    return this.epochMarks.find((m) => m.epoch > epoch)?.position ?? END;
  }

  /** The token's state just before `cut`. */
  private async stateBefore(tokenId: number | bigint, cut: Position, epoch: number) {
    const t = await this.token(tokenId);
    // The end of a burned token's last epoch is the moment before the burn.
    if (t.burned && comparePositions(cut, t.burned) > 0) cut = t.burned;
    let revealed = false;
    let checkpoint: Checkpoint = { ...EMPTY_CHECKPOINT };
    for (const e of t.events) {
      if (comparePositions(e.position, cut) >= 0) break;
      revealed = e.revealed;
      checkpoint = e.checkpoint;
    }
    return { token: t, revealed, checkpoint, epoch, cut };
  }

  private async checkEpoch(tokenId: number | bigint, epoch: number): Promise<void> {
    const { first, last } = await this.epochRange(tokenId);
    if (!Number.isInteger(epoch) || epoch < first || epoch > last) {
      const t = await this.token(tokenId);
      if (t.burned && Number.isInteger(epoch) && epoch > last)
        throw new HistoryError(
          `epoch ${epoch} is out of range for token ${tokenId}: it lived epochs ${first} to ${last} and was burned in block ${t.burned.blockNumber}`,
        );
      const lag =
        this.worldEpoch > last
          ? `; the world is at epoch ${this.worldEpoch} but the collection has not caught up (anyone may call syncWorld())`
          : "";
      const birth =
        t.birthEpoch === first
          ? `born in ${first}`
          : `minted in ${first}, ${t.birthEpoch === undefined ? "still an egg" : `hatched in ${t.birthEpoch}`}`;
      throw new HistoryError(
        `epoch ${epoch} is out of range for token ${tokenId}: it lived epochs ${first} to ${last} (${birth}, the collection is at ${last})${lag}`,
      );
    }
  }

  /** The token at the end of `epoch` of the collection (everything that happened while it was at `epoch` or before). */
  async stateAtEpoch(tokenId: number | bigint, epoch: number) {
    await this.checkEpoch(tokenId, epoch);
    return this.stateBefore(tokenId, this.endOfEpoch(epoch), epoch);
  }

  /** The token after block `block`: what the collection answered for it then. */
  async stateAtBlock(tokenId: number | bigint, block: number) {
    const t = await this.token(tokenId);
    if (t.burned && Number.isInteger(block) && block >= t.burned.blockNumber)
      throw new HistoryError(
        `block ${block} is out of range for token ${tokenId}: it was burned in block ${t.burned.blockNumber}`,
      );
    if (!Number.isInteger(block) || block < t.minted.blockNumber || block > this.snapshotBlock)
      throw new HistoryError(
        `block ${block} is out of range for token ${tokenId}: it was minted in block ${t.minted.blockNumber} and the history stops at block ${this.snapshotBlock}`,
      );
    const cut: Position = { blockNumber: block + 1, transactionIndex: 0, logIndex: 0 };
    return this.stateBefore(tokenId, cut, this.epochAt(cut));
  }

  private async phenotypeOfState(s: Awaited<ReturnType<CollectionHistory["stateBefore"]>>) {
    return this.world.phenotypeAt(
      this.query(s.revealed, s.token.seed, s.token.birthEpoch, s.epoch, s.checkpoint),
      this.at,
    ) as Promise<Record<string, unknown> & unknown[]>;
  }

  /** The token's phenotype at the end of `epoch`, from `world.phenotypeAt`. */
  async phenotypeAt(tokenId: number | bigint, epoch: number) {
    return this.phenotypeOfState(await this.stateAtEpoch(tokenId, epoch));
  }

  /** The token's phenotype after block `block` (the collection's epoch then). */
  async phenotypeAtBlock(tokenId: number | bigint, block: number) {
    return this.phenotypeOfState(await this.stateAtBlock(tokenId, block));
  }

  private renderParams(
    s: Awaited<ReturnType<CollectionHistory["stateBefore"]>>,
    phenotype: Record<string, unknown> & unknown[],
    options: RenderOptions,
  ) {
    const then = options.metadata === "then";
    const cut = then ? s.cut : END;
    const provenance = valueBefore(this.provenances, cut, EMPTY_PROVENANCE);
    return {
      renderer: then ? valueBefore(this.renderers, cut, this.renderer) : this.renderer,
      params: {
        collection: this.address,
        tokenId: s.token.tokenId,
        collectionName: this.name,
        description: valueBefore(this.descriptions, cut, ""),
        phenotype: (phenotype as unknown as { toObject(): Record<string, unknown> }).toObject(),
        provenance: { ...provenance },
      },
    };
  }

  private async render(
    s: Awaited<ReturnType<CollectionHistory["stateBefore"]>>,
    options: RenderOptions,
    fn: "tokenURI" | "svg",
  ): Promise<string> {
    const { renderer, params } = this.renderParams(s, await this.phenotypeOfState(s), options);
    const r = (await this.hre.ethers.getContractAt("IRenderer", renderer)) as unknown as Contract;
    return r[fn](params, this.at) as Promise<string>;
  }

  /** The token's `tokenURI` at the end of `epoch` (today's collection text unless `metadata: "then"`). */
  async tokenURIAt(tokenId: number | bigint, epoch: number, options: RenderOptions = {}): Promise<string> {
    return this.render(await this.stateAtEpoch(tokenId, epoch), options, "tokenURI");
  }

  /** The token's `tokenURI` after block `block`. */
  async tokenURIAtBlock(tokenId: number | bigint, block: number, options: RenderOptions = {}): Promise<string> {
    return this.render(await this.stateAtBlock(tokenId, block), options, "tokenURI");
  }

  /** The token's SVG at the end of `epoch`. */
  async svgAt(tokenId: number | bigint, epoch: number, options: RenderOptions = {}): Promise<string> {
    return this.render(await this.stateAtEpoch(tokenId, epoch), options, "svg");
  }

  /** Whether the replay at the snapshot gives the live token's `tokenURI`, byte for byte (not for a burned token). */
  async matchesLive(tokenId: number | bigint): Promise<boolean> {
    if ((await this.token(tokenId)).burned)
      throw new HistoryError(`token ${tokenId} was burned: it has no live tokenURI`);
    const live = (await this.collection.tokenURI(tokenId, this.at)) as string;
    return live === (await this.tokenURIAtBlock(tokenId, this.snapshotBlock));
  }
}

/** Load a collection's history and one token's life in one call. */
export async function tokenHistory(
  hre: HardhatRuntimeEnvironment,
  collectionAddress: string,
  tokenId: number | bigint,
  options: LoadOptions = {},
): Promise<{ history: CollectionHistory; token: TokenHistory }> {
  const history = await CollectionHistory.load(hre, collectionAddress, options);
  return { history, token: await history.token(tokenId) };
}
