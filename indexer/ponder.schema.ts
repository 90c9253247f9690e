/**
 * The indexer's tables. Addresses are checksummed text, amounts and feed answers decimal text (as
 * the app's shapes in client/data.ts have them).
 */
import { index, onchainTable, primaryKey } from "ponder";

/** A collection's summary, refreshed from its views whenever an event changes it. */
export const collection = onchainTable("collection", (t) => ({
  address: t.text().primaryKey(),
  name: t.text().notNull(),
  symbol: t.text().notNull(),
  world: t.text().notNull(),
  renderer: t.text().notNull(),
  totalSupply: t.integer().notNull(),
  maxSupply: t.integer().notNull(),
  priceWei: t.text().notNull(),
  saleOpen: t.boolean().notNull(),
  paused: t.boolean().notNull(),
  maxPerWallet: t.integer().notNull(),
  maxPerMint: t.integer().notNull(),
  allowlistRoot: t.text().notNull(),
  allowlistPriceWei: t.text().notNull(),
  allowlistOpen: t.boolean().notNull(),
  epoch: t.integer().notNull(),
  /** Subscribed to its World (SubscriberAdded / SubscriberRemoved), and in which order. */
  subscribed: t.boolean().notNull(),
  subscribedAt: t.bigint().notNull(),
}));

/** A token's holder and live phenotype (phenotypeOf), and its checkpoint as its events left it. */
export const token = onchainTable(
  "token",
  (t) => ({
    collection: t.text().notNull(),
    tokenId: t.integer().notNull(),
    owner: t.text().notNull(),
    revealed: t.boolean().notNull(),
    stage: t.text().notNull(),
    generation: t.integer().notNull(),
    metamorphosisPending: t.boolean().notNull(),
    birthEpoch: t.integer().notNull(),
    age: t.integer().notNull(),
    vitality: t.integer().notNull(),
    temperament: t.text().notNull(),
    mood: t.text().notNull(),
    nurtureCount: t.integer().notNull(),
    cpVitality: t.integer().notNull(),
    cpVitalityEpoch: t.integer().notNull(),
    cpNurtureCount: t.integer().notNull(),
    cpGeneration: t.integer().notNull(),
    cpPending: t.boolean().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.collection, t.tokenId] }), byOwner: index().on(t.owner) }),
);

/** One event of a token's life (client/data.ts LifeEntry). */
export const life = onchainTable(
  "life",
  (t) => ({
    id: t.text().primaryKey(),
    collection: t.text().notNull(),
    tokenId: t.integer().notNull(),
    kind: t.text().notNull(),
    blockNumber: t.integer().notNull(),
    transactionIndex: t.integer().notNull(),
    logIndex: t.integer().notNull(),
    transactionHash: t.text().notNull(),
    epoch: t.integer().notNull(),
    holder: t.text().notNull(),
    vitality: t.integer().notNull(),
    vitalityEpoch: t.integer().notNull(),
    nurtureCount: t.integer().notNull(),
    generation: t.integer().notNull(),
    metamorphosisPending: t.boolean().notNull(),
  }),
  (t) => ({ byToken: index().on(t.collection, t.tokenId) }),
);

/** Reveal cohorts: closed (one VRF request) and revealed (its word arrived). */
export const cohort = onchainTable(
  "cohort",
  (t) => ({
    collection: t.text().notNull(),
    cohortId: t.integer().notNull(),
    firstTokenId: t.integer().notNull(),
    quantity: t.integer().notNull(),
    closedBlock: t.integer().notNull(),
    revealed: t.boolean().notNull(),
    birthEpoch: t.integer(),
    revealedBlock: t.integer(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.collection, t.cohortId] }) }),
);

/** The World's environment log (epochEntry), one row an epoch. */
export const epoch = onchainTable(
  "epoch",
  (t) => ({
    world: t.text().notNull(),
    epoch: t.integer().notNull(),
    price: t.text().notNull(),
    timestamp: t.integer().notNull(),
    moveBps: t.integer().notNull(),
    blockNumber: t.integer().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.world, t.epoch] }) }),
);

/** ERC-7496 announcements, as emitted. */
export const traitChange = onchainTable("trait_change", (t) => ({
  id: t.text().primaryKey(),
  collection: t.text().notNull(),
  traitKey: t.text().notNull(),
  fromTokenId: t.text().notNull(),
  toTokenId: t.text().notNull(),
  value: t.text(),
  blockNumber: t.integer().notNull(),
}));

/** ERC-2981 changes: the default (tokenId null) and per-token overrides and resets. */
export const royalty = onchainTable("royalty", (t) => ({
  id: t.text().primaryKey(),
  collection: t.text().notNull(),
  tokenId: t.integer(),
  receiver: t.text(),
  feeBps: t.integer(),
  blockNumber: t.integer().notNull(),
}));
