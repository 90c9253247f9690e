/**
 * Indexing functions: every collection's and the World's events into the tables of
 * ponder.schema.ts. Live values (a token's stage, vitality, age, mood) change with every epoch
 * without an event per token: the collection announces each epoch with BatchMetadataUpdate(0, max),
 * and the indexer then reads phenotypeOf again for each of its tokens at that block. That is N
 * reads an epoch for N tokens, off chain; the contracts never loop over tokens.
 */
import { ponder, type Context, type Event } from "ponder:registry";
import schema from "ponder:schema";
import { getAddress, type Address } from "viem";
import { phenotypeFields } from "../../client/traits";

type Ctx = Context;
type AnyEvent = Event;

const addr = (a: string) => getAddress(a);
const ZERO = "0x0000000000000000000000000000000000000000";

async function read<T>(context: Ctx, address: string, functionName: string, args: unknown[] = []): Promise<T> {
  return (await context.client.readContract({
    abi: context.contracts.LivingAsset.abi,
    address: address as Address,
    functionName: functionName as never,
    args: args as never,
  })) as T;
}

/** The collection's summary from its views, at the event's block; returns its supply. */
async function refreshCollection(context: Ctx, address: string): Promise<number> {
  const [name, symbol, world, renderer, totalSupply, sale, paused, epoch] = await Promise.all([
    read<string>(context, address, "name"),
    read<string>(context, address, "symbol"),
    read<string>(context, address, "world"),
    read<string>(context, address, "renderer"),
    read<bigint>(context, address, "totalSupply"),
    read<readonly unknown[]>(context, address, "saleConfig"),
    read<boolean>(context, address, "paused"),
    read<bigint>(context, address, "currentEpoch"),
  ]);
  const values = {
    name,
    symbol,
    world: addr(world),
    renderer: addr(renderer),
    totalSupply: Number(totalSupply),
    maxSupply: Number(sale[1]),
    priceWei: BigInt(sale[0] as bigint).toString(),
    saleOpen: Boolean(sale[4]),
    paused,
    maxPerWallet: Number(sale[2]),
    maxPerMint: Number(sale[3]),
    allowlistRoot: String(sale[6]),
    allowlistPriceWei: BigInt(sale[7] as bigint).toString(),
    allowlistOpen: Boolean(sale[8]),
    epoch: Number(epoch),
  };
  await context.db
    .insert(schema.collection)
    .values({ address: addr(address), ...values, subscribed: false, subscribedAt: 0n })
    .onConflictDoUpdate(values);
  return values.totalSupply;
}

/**
 * A token's phenotype at the event's block; its holder too when `owner` is given (a transfer's
 * `to`: the holder changes only with a Transfer, so nothing else reads it).
 */
async function refreshToken(context: Ctx, collection: string, tokenId: number, owner?: string): Promise<void> {
  const p = await read<Record<string, unknown>>(context, collection, "phenotypeOf", [BigInt(tokenId)]);
  const live = { ...(owner ? { owner: addr(owner) } : {}), ...phenotypeFields(p) };
  await context.db
    .insert(schema.token)
    .values({
      collection: addr(collection),
      tokenId,
      owner: addr(owner ?? ZERO),
      ...live,
      cpVitality: 0,
      cpVitalityEpoch: 0,
      cpNurtureCount: 0,
      cpGeneration: 0,
      cpPending: false,
    })
    .onConflictDoUpdate(live);
}

type Checkpoint = {
  cpVitality: number;
  cpVitalityEpoch: number;
  cpNurtureCount: number;
  cpGeneration: number;
  cpPending: boolean;
};

/** A life entry for `tokenId` at `event`, with its checkpoint after `change` (which is stored too). */
async function lifeEvent(
  event: AnyEvent,
  context: Ctx,
  collection: string,
  tokenId: number,
  kind: string,
  change: (cp: Checkpoint, epoch: number) => Partial<Checkpoint> = () => ({}),
): Promise<void> {
  const c = addr(collection);
  const row = await context.db.find(schema.token, { collection: c, tokenId });
  if (!row) throw new Error(`indexer: ${kind} of token ${tokenId} of ${c} before its mint`);
  // The collection's epoch: its row follows every epoch it enters (BatchMetadataUpdate, WorldSynced).
  const epoch = (await context.db.find(schema.collection, { address: c }))!.epoch;
  const cp: Checkpoint = { ...row, ...change(row, epoch) };
  await context.db.update(schema.token, { collection: c, tokenId }).set(cp);
  const log = event.log as { logIndex: number };
  const tx = event.transaction as { hash: string; transactionIndex: number };
  await context.db.insert(schema.life).values({
    id: `${c}-${tokenId}-${event.block.number}-${tx.transactionIndex}-${log.logIndex}-${kind}`,
    collection: c,
    tokenId,
    kind,
    blockNumber: Number(event.block.number),
    transactionIndex: tx.transactionIndex,
    logIndex: log.logIndex,
    transactionHash: tx.hash,
    epoch,
    holder: row.owner,
    vitality: cp.cpVitality,
    vitalityEpoch: cp.cpVitalityEpoch,
    nurtureCount: cp.cpNurtureCount,
    generation: cp.cpGeneration,
    metamorphosisPending: cp.cpPending,
  });
}

ponder.on("LivingAsset:Transfer", async ({ event, context }) => {
  const { from, to, tokenId } = event.args as { from: string; to: string; tokenId: bigint };
  const c = event.log.address;
  const id = Number(tokenId);
  if (from === ZERO) {
    // A mint moves the supply by one: no need to read the collection's views again.
    const row = await context.db.find(schema.collection, { address: addr(c) });
    if (row) await context.db.update(schema.collection, { address: addr(c) }).set({ totalSupply: row.totalSupply + 1 });
    else await refreshCollection(context, c);
  }
  if (to === ZERO) {
    await lifeEvent(event, context, c, id, "burned");
    return;
  }
  await refreshToken(context, c, id, to);
  await lifeEvent(event, context, c, id, from === ZERO ? "minted" : "transferred");
});

ponder.on("LivingAsset:CohortClosed", async ({ event, context }) => {
  const { cohortId, firstTokenId, quantity } = event.args as {
    cohortId: bigint;
    firstTokenId: bigint;
    quantity: bigint;
  };
  await context.db
    .insert(schema.cohort)
    .values({
      collection: addr(event.log.address),
      cohortId: Number(cohortId),
      firstTokenId: Number(firstTokenId),
      quantity: Number(quantity),
      closedBlock: Number(event.block.number),
      revealed: false,
    })
    .onConflictDoNothing();
});

ponder.on("LivingAsset:CohortRevealed", async ({ event, context }) => {
  const a = event.args as { cohortId: bigint; firstTokenId: bigint; quantity: bigint; birthEpoch: bigint };
  const c = addr(event.log.address);
  await context.db
    .update(schema.cohort, { collection: c, cohortId: Number(a.cohortId) })
    .set({ revealed: true, birthEpoch: Number(a.birthEpoch), revealedBlock: Number(event.block.number) });
  const first = Number(a.firstTokenId);
  const ids = Array.from({ length: Number(a.quantity) }, (_, i) => first + i);
  for (let i = 0; i < ids.length; i += 32)
    await Promise.all(ids.slice(i, i + 32).map((id) => refreshToken(context, c, id)));
  for (const id of ids) await lifeEvent(event, context, c, id, "revealed");
});

ponder.on("LivingAsset:Nurtured", async ({ event, context }) => {
  const { tokenId, vitality } = event.args as { tokenId: bigint; vitality: bigint };
  const c = event.log.address;
  await refreshToken(context, c, Number(tokenId));
  await lifeEvent(event, context, c, Number(tokenId), "nurtured", (cp, e) => ({
    cpVitality: Number(vitality),
    cpVitalityEpoch: e,
    cpNurtureCount: cp.cpNurtureCount + 1,
  }));
});

ponder.on("LivingAsset:MetamorphosisRequested", async ({ event, context }) => {
  const { tokenId } = event.args as { tokenId: bigint };
  const c = event.log.address;
  await refreshToken(context, c, Number(tokenId));
  const row = await context.db.find(schema.token, { collection: addr(c), tokenId: Number(tokenId) });
  // The request stores the vitality at this epoch in the checkpoint: phenotypeOf shows it now.
  await lifeEvent(event, context, c, Number(tokenId), "metamorphosis-requested", (_cp, e) => ({
    cpVitality: row!.vitality,
    cpVitalityEpoch: e,
    cpPending: true,
  }));
});

ponder.on("LivingAsset:MetamorphosisRerequested", async ({ event, context }) => {
  const { tokenId } = event.args as { tokenId: bigint };
  await lifeEvent(event, context, event.log.address, Number(tokenId), "metamorphosis-rerequested");
});

ponder.on("LivingAsset:Metamorphosed", async ({ event, context }) => {
  const { tokenId, generation } = event.args as { tokenId: bigint; generation: bigint };
  const c = event.log.address;
  await refreshToken(context, c, Number(tokenId));
  await lifeEvent(event, context, c, Number(tokenId), "metamorphosed", () => ({
    cpGeneration: Number(generation),
    cpPending: false,
  }));
});

/** ERC-4906: every token in the range is read again (an epoch announces 0..2^256-1). */
ponder.on("LivingAsset:BatchMetadataUpdate", async ({ event, context }) => {
  const { _fromTokenId, _toTokenId } = event.args as { _fromTokenId: bigint; _toTokenId: bigint };
  const c = event.log.address;
  // An epoch, a reveal or a metadata change moves no sale setting (each of those has its own event
  // and handler) and mints count themselves: the collection's epoch is the one view to read again.
  const row = await context.db.find(schema.collection, { address: addr(c) });
  let supply: number;
  if (!row) supply = await refreshCollection(context, c);
  else {
    supply = row.totalSupply;
    const epoch = Number(await read<bigint>(context, c, "currentEpoch"));
    if (epoch !== row.epoch) await context.db.update(schema.collection, { address: addr(c) }).set({ epoch });
  }
  const first = Math.max(1, Number(_fromTokenId > BigInt(supply) ? BigInt(supply + 1) : _fromTokenId));
  const last = Number(_toTokenId > BigInt(supply) ? BigInt(supply) : _toTokenId);
  const ids = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
  for (let i = 0; i < ids.length; i += 32)
    await Promise.all(ids.slice(i, i + 32).map((id) => refreshToken(context, c, id)));
});

for (const name of [
  "SaleConfigUpdated",
  "SaleStateUpdated",
  "Paused",
  "Unpaused",
  "AllowlistUpdated",
  "RendererUpdated",
  "WorldSynced",
  "WorldLinked",
] as const)
  ponder.on(`LivingAsset:${name}` as never, async ({ event, context }: { event: AnyEvent; context: Ctx }) => {
    await refreshCollection(context, event.log.address);
  });

for (const name of ["TraitUpdated", "TraitUpdatedRange", "TraitUpdatedRangeUniformValue"] as const)
  ponder.on(`LivingAsset:${name}` as never, async ({ event, context }: { event: AnyEvent; context: Ctx }) => {
    const a = event.args as Record<string, unknown>;
    const log = event.log as { logIndex: number; address: string };
    const from = String(a.tokenId ?? a.fromTokenId);
    await context.db.insert(schema.traitChange).values({
      id: `${event.block.number}-${log.logIndex}`,
      collection: addr(log.address),
      traitKey: String(a.traitKey),
      fromTokenId: from,
      toTokenId: String(a.toTokenId ?? from),
      value: a.traitValue === undefined ? null : String(a.traitValue),
      blockNumber: Number(event.block.number),
    });
  });

for (const name of ["DefaultRoyaltyUpdated", "TokenRoyaltyUpdated", "TokenRoyaltyReset"] as const)
  ponder.on(`LivingAsset:${name}` as never, async ({ event, context }: { event: AnyEvent; context: Ctx }) => {
    const a = event.args as { tokenId?: bigint; receiver?: string; feeBps?: bigint };
    const log = event.log as { logIndex: number; address: string };
    await context.db.insert(schema.royalty).values({
      id: `${event.block.number}-${log.logIndex}`,
      collection: addr(log.address),
      tokenId: a.tokenId === undefined ? null : Number(a.tokenId),
      receiver: a.receiver ? addr(a.receiver) : null,
      feeBps: a.feeBps === undefined ? null : Number(a.feeBps),
      blockNumber: Number(event.block.number),
    });
  });

ponder.on("World:EpochAdvanced", async ({ event, context }) => {
  const { epoch } = event.args as { epoch: bigint };
  const world = event.log.address;
  const e = (await context.client.readContract({
    abi: context.contracts.World.abi,
    address: world,
    functionName: "epochEntry" as never,
    args: [epoch] as never,
  })) as { price: bigint; timestamp: bigint; moveBps: number };
  await context.db.insert(schema.epoch).values({
    world: addr(world),
    epoch: Number(epoch),
    price: BigInt(e.price).toString(),
    timestamp: Number(e.timestamp),
    moveBps: Number(e.moveBps),
    blockNumber: Number(event.block.number),
  });
});

ponder.on("World:SubscriberAdded", async ({ event, context }) => {
  const { collection } = event.args as { collection: string };
  await refreshCollection(context, collection);
  const order = BigInt(event.block.number) * 100_000n + BigInt((event.log as { logIndex: number }).logIndex);
  await context.db
    .update(schema.collection, { address: addr(collection) })
    .set({ subscribed: true, subscribedAt: order });
});

ponder.on("World:SubscriberRemoved", async ({ event, context }) => {
  const { collection } = event.args as { collection: string };
  await context.db.update(schema.collection, { address: addr(collection) }).set({ subscribed: false });
});
