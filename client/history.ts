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
import { AbiCoder, getAddress, keccak256, toBeHex, ZeroAddress, type Contract, type Log } from "ethers";
import {
  comparePositions,
  END,
  EMPTY_PROVENANCE,
  epochMarksOf,
  getLogs,
  HistoryError,
  mintsOf,
  parseCollectionLogs,
  positionOf,
  readCollectionLogs,
  valueBefore,
  type ChainReader,
  type CohortRecord,
  type EpochMark,
  type LoadOptions,
  type MintRecord,
  type Position,
  type ProvenanceRecord,
  type Valued,
} from "./history-logs";

export {
  comparePositions,
  HistoryError,
  type ChainReader,
  type CohortRecord,
  type EpochEntryKind,
  type EpochMark,
  type LoadOptions,
  type MintRecord,
  type Position,
  type ProvenanceRecord,
} from "./history-logs";
import { vitalityPercent } from "./units";
import type { LifeKind } from "./data";

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

/** What happened to a token (the same kinds the app's life stories list). */
export type TokenEventKind = LifeKind;

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

/** Which collection text and renderer a replayed `tokenURI` uses. */
export interface RenderOptions {
  /** "today" (default): the current description, provenance and renderer; "then": those in force at that point. */
  metadata?: "today" | "then";
}

/** A token event before replay: one of its logs, or its cohort's hatching. */
type RawEvent = { position: Position; hash: string; log?: Log; kind: "reveal" | "log" };

/** The token's cohort as the collection shows it at the snapshot (`cohort(id)`), or the open cohort's start. */
type CohortState = { revealed?: boolean; birthEpoch?: bigint; randomness?: bigint; openFirstTokenId?: bigint };

/** The seed of a token of a revealed cohort: keccak256(abi.encode(word, tokenId)) (ISeedModule). */
function seedOf(word: bigint, tokenId: number): bigint {
  return BigInt(keccak256(AbiCoder.defaultAbiCoder().encode(["uint256", "uint256"], [word, tokenId])));
}

/** The events' cohort against the collection's state: closed where the state says so, hatched in the same epoch. */
function checkCohortState(tokenId: number, cohort: CohortRecord | undefined, onChain: CohortState): void {
  if (!cohort) {
    if (tokenId < Number(onChain.openFirstTokenId))
      throw new HistoryError(`replay error: token ${tokenId} is in a closed cohort, but no CohortClosed event says so`);
    return;
  }
  if (Boolean(onChain.revealed) !== (cohort.revealed !== undefined))
    throw new HistoryError(`replay error: cohort ${cohort.cohortId}'s CohortRevealed and its state disagree`);
  if (cohort.revealed && Number(onChain.birthEpoch) !== cohort.birthEpoch)
    throw new HistoryError(
      `replay error: cohort ${cohort.cohortId} was born in epoch ${onChain.birthEpoch}, the events say ${cohort.birthEpoch}`,
    );
}

/** An ERC-721 `Transfer` of the token: its mint, its burn or a transfer between holders. */
function transferEvent(
  from: string,
  to: string,
  cohort: CohortRecord | undefined,
): { kind: "minted" | "burned" | "transferred"; what: string } {
  if (from === ZeroAddress)
    return {
      kind: "minted",
      what: `minted to ${to}${cohort ? ` (cohort ${cohort.cohortId})` : " (in the open cohort)"}`,
    };
  if (to === ZeroAddress) return { kind: "burned", what: `burned by its holder ${from}` };
  return { kind: "transferred", what: `transferred from ${from} to ${to}` };
}

/** `Nurtured(id, v)` at epoch E: vitalityEpoch = E, vitality = v, lastNurturedEpoch = E + 1, one more nurture (InteractionModule.nurture). */
function afterNurtured(cp: Checkpoint, epoch: number, vitality: number): Checkpoint {
  return {
    ...cp,
    initialized: true,
    vitalityEpoch: epoch,
    vitality,
    lastNurturedEpoch: epoch + 1,
    nurtureCount: cp.nurtureCount + 1,
  };
}

/** `Metamorphosed(id, generation, requestId, mutation)`: the generation, the request cleared, the mutation (SeedLogic). */
function afterMetamorphosed(cp: Checkpoint, generation: number, mutation: bigint): Checkpoint {
  return { ...cp, metamorphoses: generation, pending: false, mutation };
}

/** The collection's history: its epochs, cohorts, mints and metadata, and each token's life on demand. */
export class CollectionHistory {
  private readonly tokens = new Map<number, Promise<TokenHistory>>();

  private constructor(
    private readonly chain: ChainReader,
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
    chain: ChainReader,
    collectionAddress: string,
    options: LoadOptions = {},
  ): Promise<CollectionHistory> {
    const { provider } = chain;
    const address = getAddress(collectionAddress);
    if ((await provider.getCode(address)) === "0x") throw new HistoryError(`no contract at ${address}`);
    const collection = chain.contract("LivingAsset", address);
    const snapshotBlock = options.toBlock ?? (await provider.getBlock("latest"))!.number;
    const at = { blockTag: snapshotBlock };
    const fromBlock = options.fromBlock ?? (await chain.deployBlockOf?.(address)) ?? 0;
    const worldAddress = getAddress(await collection.world(at));
    const world = chain.contract("World", worldAddress);

    const logs = await readCollectionLogs(provider, collection, world, fromBlock, snapshotBlock);
    const range = { address, fromBlock, snapshotBlock };
    const records = parseCollectionLogs(collection.interface, logs.collection, range, getAddress);
    const epochMarks = epochMarksOf(world.interface, records, logs);
    const mints = mintsOf(collection.interface, logs.mints, getAddress);
    const missedEpochs = logs.hookFailures.map((l) => ({
      epoch: Number(world.interface.parseLog(l)!.args.epoch),
      position: positionOf(l),
    }));
    const [name, renderer, worldEpoch] = await Promise.all([
      collection.name(at) as Promise<string>,
      collection.renderer(at) as Promise<string>,
      world.epochCount(at) as Promise<bigint>,
    ]);
    const history = new CollectionHistory(
      chain,
      collection,
      world,
      address,
      worldAddress,
      fromBlock,
      snapshotBlock,
      epochMarks,
      missedEpochs,
      [...records.cohorts.values()].sort((a, b) => a.cohortId - b.cohortId),
      mints,
      records.descriptions,
      records.provenances,
      records.renderers,
      name,
      getAddress(renderer),
      Number(worldEpoch),
    );
    history.checkCohortBirths();
    return history;
  }

  /** A cohort hatches in the collection's epoch when its word arrives: the event and the epoch marks must agree. */
  private checkCohortBirths(): void {
    for (const c of this.cohorts)
      if (c.revealed && c.birthEpoch !== this.epochAt(c.revealed))
        throw new HistoryError(
          `replay error: cohort ${c.cohortId} hatched in epoch ${c.birthEpoch} (CohortRevealed) while the events put the collection at epoch ${this.epochAt(c.revealed)}`,
        );
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
    const mint = this.mintOf(tokenId);
    const cohort = this.cohorts.find((c) => tokenId >= c.firstTokenId && tokenId < c.firstTokenId + c.quantity);
    const { logs, onChain } = await this.readToken(tokenId, cohort);
    checkCohortState(tokenId, cohort, onChain);
    // A revealed cohort's randomness is its word, fixed for good: seed = keccak256(abi.encode(word, id))
    // (ISeedModule). Checked against seedOf below while the token exists.
    const seed: bigint = cohort?.revealed ? seedOf(BigInt(onChain.randomness!), tokenId) : 0n;
    const birthEpoch = cohort?.revealed ? cohort.birthEpoch : undefined;

    const raw: RawEvent[] = logs.map((log) => ({
      position: positionOf(log),
      hash: log.transactionHash,
      log,
      kind: "log" as const,
    }));
    if (cohort?.revealed) raw.push({ position: cohort.revealed, hash: cohort.revealedTx!, kind: "reveal" });
    raw.sort((a, b) => comparePositions(a.position, b.position));
    const { events, burned } = await this.replayEvents(raw, mint, cohort, seed, birthEpoch);

    if (cohort?.revealed && !burned && BigInt(await this.collection.seedOf(tokenId, this.at)) !== seed)
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

  /** The token's mint, or why there is none. */
  private mintOf(tokenId: number): MintRecord {
    if (!Number.isSafeInteger(tokenId) || tokenId < 1) throw new HistoryError(`token ${tokenId} is not a token id`);
    const mint = this.mints.get(tokenId);
    if (!mint) {
      const last = this.lastTokenId;
      const minted = last ? `tokens 1 to ${last} were` : "no token was";
      throw new HistoryError(`token ${tokenId} was not minted by block ${this.snapshotBlock} (${minted})`);
    }
    return mint;
  }

  /** The token's own logs (actions and transfers) and its cohort's state at the snapshot (the open cohort's start if none). */
  private async readToken(tokenId: number, cohort: CohortRecord | undefined) {
    const c = this.collection;
    const topic = (name: string) => c.interface.getEvent(name)!.topicHash;
    const idTopic = toBeHex(tokenId, 32);
    const read = (topics: (string | string[] | null)[]) =>
      getLogs(this.chain.provider, { address: this.address, topics }, this.fromBlock, this.snapshotBlock);
    const [actions, transfers, onChain] = await Promise.all([
      read([["Nurtured", "MetamorphosisRequested", "MetamorphosisRerequested", "Metamorphosed"].map(topic), idTopic]),
      read([topic("Transfer"), null, null, idTopic]),
      cohort
        ? c.cohort(cohort.cohortId, this.at)
        : c.cohortState(this.at).then((s: { openFirstTokenId: bigint }) => ({ openFirstTokenId: s.openFirstTokenId })),
    ]);
    return { logs: [...actions, ...transfers], onChain: onChain as CohortState };
  }

  /** Replay the token's events in chain order: its checkpoint, reveal state and holder after each. */
  private async replayEvents(
    raw: RawEvent[],
    mint: MintRecord,
    cohort: CohortRecord | undefined,
    seed: bigint,
    birthEpoch: number | undefined,
  ): Promise<{ events: TokenEvent[]; burned?: Position }> {
    const c = this.collection;
    let checkpoint: Checkpoint = { ...EMPTY_CHECKPOINT };
    let revealed = false;
    let holder = mint.to;
    let burned: Position | undefined;
    const events: TokenEvent[] = [];
    const push = (r: RawEvent, kind: TokenEventKind, what: string) =>
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
    const blockTime = async (blockNumber: number) => (await this.chain.provider.getBlock(blockNumber))!.timestamp;

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
          const transfer = transferEvent(ev.args.from as string, ev.args.to as string, cohort);
          holder = ev.args.to as string;
          if (transfer.kind === "burned") burned = r.position;
          push(r, transfer.kind, transfer.what);
          break;
        }
        case "Nurtured":
          checkpoint = afterNurtured(checkpoint, epoch, Number(ev.args.vitality));
          push(r, "nurtured", `nurtured: vitality ${vitalityPercent(checkpoint.vitality)}`);
          break;
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
          push(
            r,
            "metamorphosis-requested",
            `metamorphosis requested (vitality pinned at ${vitalityPercent(checkpoint.vitality)})`,
          );
          break;
        }
        case "MetamorphosisRerequested":
          checkpoint = { ...checkpoint, requestedAt: await blockTime(r.position.blockNumber) };
          push(r, "metamorphosis-rerequested", "metamorphosis request replaced");
          break;
        case "Metamorphosed":
          checkpoint = afterMetamorphosed(checkpoint, Number(ev.args.generation), BigInt(ev.args.mutation));
          push(r, "metamorphosed", `metamorphosed: generation ${checkpoint.metamorphoses}`);
          break;
      }
    }
    return { events, burned };
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
    const r = this.chain.contract("IRenderer", renderer);
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
  chain: ChainReader,
  collectionAddress: string,
  tokenId: number | bigint,
  options: LoadOptions = {},
): Promise<{ history: CollectionHistory; token: TokenHistory }> {
  const history = await CollectionHistory.load(chain, collectionAddress, options);
  return { history, token: await history.token(tokenId) };
}
