/**
 * What the holder's app reads, in one shape whichever source answers: the chain itself (JSON-RPC
 * reads, `client/rpc-source.ts`) or the indexer (`indexer/`, read through `client/indexer-source.ts`).
 * Both sources must give equal values for the same block: a test compares them.
 *
 * Numbers that fit in 53 bits are numbers; wei and feed answers are decimal strings (JSON-safe).
 * Addresses are checksummed. No Node or Hardhat import: this runs in a browser.
 */

/** A collection, as its page shows it. */
export interface CollectionSummary {
  address: string;
  name: string;
  symbol: string;
  world: string;
  renderer: string;
  totalSupply: number;
  maxSupply: number;
  /** Public sale price, wei. */
  priceWei: string;
  saleOpen: boolean;
  paused: boolean;
  maxPerWallet: number;
  maxPerMint: number;
  allowlist: { root: string; priceWei: string; open: boolean };
  /** The collection's epoch (it may lag the world's by a failed hook). */
  epoch: number;
}

/** A token's live state: `ownerOf` and `phenotypeOf` at one block. */
export interface TokenSummary {
  collection: string;
  tokenId: number;
  owner: string;
  revealed: boolean;
  /** "Egg" | "Hatchling" | "Juvenile" | "Adult" | "Ascended" */
  stage: string;
  generation: number;
  metamorphosisPending: boolean;
  birthEpoch: number;
  age: number;
  /** Basis points, 0..10,000. */
  vitality: number;
  temperament: string;
  mood: string;
  nurtureCount: number;
}

export type LifeKind =
  | "minted"
  | "revealed"
  | "transferred"
  | "burned"
  | "nurtured"
  | "metamorphosis-requested"
  | "metamorphosis-rerequested"
  | "metamorphosed";

/** One event of a token's life, with the collection's epoch then and the token's checkpoint after it. */
export interface LifeEntry {
  kind: LifeKind;
  blockNumber: number;
  transactionIndex: number;
  logIndex: number;
  transactionHash: string;
  /** The collection's epoch when it happened. */
  epoch: number;
  /** The holder after the event. */
  holder: string;
  /** The stored checkpoint after the event (vitality at `vitalityEpoch`, basis points). */
  vitality: number;
  vitalityEpoch: number;
  nurtureCount: number;
  generation: number;
  metamorphosisPending: boolean;
}

/** One epoch of a world's environment log (`World.epochEntry`). */
export interface EpochSummary {
  epoch: number;
  /** The validated feed answer, feed units. */
  price: string;
  /** Block time of the epoch, unix seconds. */
  timestamp: number;
  /** Move against the previous epoch, basis points. */
  moveBps: number;
  /** "Calm" | "Sunny" | "Stormy", by the world's mood threshold today. */
  mood: string;
}

/** Where the app's lists and life stories come from. */
export interface VivariumData {
  readonly kind: "rpc" | "indexer";
  collections(): Promise<CollectionSummary[]>;
  /** Every token of a collection, or only one holder's, by id. */
  tokens(collection: string, owner?: string): Promise<TokenSummary[]>;
  /** Tokens `first` to `first + count - 1` of a collection, by id (ids past the supply left out). */
  tokenRange(collection: string, first: number, count: number): Promise<TokenSummary[]>;
  token(collection: string, tokenId: number): Promise<TokenSummary>;
  /** A token's life in chain order, the mint first. */
  life(collection: string, tokenId: number): Promise<LifeEntry[]>;
  /** A world's epochs 1..n in order. */
  epochs(world: string): Promise<EpochSummary[]>;
}
