/**
 * The indexer's HTTP API for the holder's app: the shapes of client/data.ts, read from the tables
 * (client/indexer-source.ts is its client). CORS is open: the app is a file or a data: page.
 *   GET /vivarium/collections
 *   GET /vivarium/tokens?collection=0x..[&owner=0x..]
 *   GET /vivarium/token-range?collection=0x..&first=N&count=N
 *   GET /vivarium/token/:collection/:id
 *   GET /vivarium/life/:collection/:id
 *   GET /vivarium/epochs/:world   (moods by the World's threshold today)
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { db, publicClients } from "ponder:api";
import schema from "ponder:schema";
import { and, asc, between, eq } from "ponder";
import { getAddress, type Address } from "viem";

const app = new Hono();
app.use("/vivarium/*", cors());

const MOODS = ["Calm", "Sunny", "Stormy"];

type TokenRow = typeof schema.token.$inferSelect;

function tokenSummary(t: TokenRow) {
  return {
    collection: t.collection,
    tokenId: t.tokenId,
    owner: t.owner,
    revealed: t.revealed,
    stage: t.stage,
    generation: t.generation,
    metamorphosisPending: t.metamorphosisPending,
    birthEpoch: t.birthEpoch,
    age: t.age,
    vitality: t.vitality,
    temperament: t.temperament,
    mood: t.mood,
    nurtureCount: t.nurtureCount,
  };
}

const address = (a: string | undefined) => {
  try {
    return getAddress(a ?? "");
  } catch {
    return undefined;
  }
};

app.get("/vivarium/collections", async (c) => {
  const rows = await db
    .select()
    .from(schema.collection)
    .where(eq(schema.collection.subscribed, true))
    .orderBy(asc(schema.collection.subscribedAt));
  return c.json(
    rows.map((r) => ({
      address: r.address,
      name: r.name,
      symbol: r.symbol,
      world: r.world,
      renderer: r.renderer,
      totalSupply: r.totalSupply,
      maxSupply: r.maxSupply,
      priceWei: r.priceWei,
      saleOpen: r.saleOpen,
      paused: r.paused,
      maxPerWallet: r.maxPerWallet,
      maxPerMint: r.maxPerMint,
      allowlist: { root: r.allowlistRoot, priceWei: r.allowlistPriceWei, open: r.allowlistOpen },
      epoch: r.epoch,
    })),
  );
});

app.get("/vivarium/tokens", async (c) => {
  const collection = address(c.req.query("collection"));
  if (!collection) return c.json({ error: "collection must be an address" }, 400);
  const owner = c.req.query("owner");
  const ownerAddress = owner === undefined ? undefined : address(owner);
  if (owner !== undefined && !ownerAddress) return c.json({ error: "owner must be an address" }, 400);
  const where = ownerAddress
    ? and(eq(schema.token.collection, collection), eq(schema.token.owner, ownerAddress))
    : eq(schema.token.collection, collection);
  const rows = await db.select().from(schema.token).where(where).orderBy(asc(schema.token.tokenId));
  return c.json(rows.map(tokenSummary));
});

app.get("/vivarium/token-range", async (c) => {
  const collection = address(c.req.query("collection"));
  const first = Number(c.req.query("first"));
  const count = Number(c.req.query("count"));
  if (!collection || !Number.isInteger(first) || !Number.isInteger(count) || first < 1 || count < 0 || count > 1000)
    return c.json({ error: "collection (an address), first (1 or more) and count (0 to 1,000) are required" }, 400);
  const rows = await db
    .select()
    .from(schema.token)
    .where(and(eq(schema.token.collection, collection), between(schema.token.tokenId, first, first + count - 1)))
    .orderBy(asc(schema.token.tokenId));
  return c.json(rows.map(tokenSummary));
});

app.get("/vivarium/token/:collection/:id", async (c) => {
  const collection = address(c.req.param("collection"));
  const tokenId = Number(c.req.param("id"));
  if (!collection || !Number.isInteger(tokenId)) return c.json({ error: "collection and token id required" }, 400);
  const [row] = await db
    .select()
    .from(schema.token)
    .where(and(eq(schema.token.collection, collection), eq(schema.token.tokenId, tokenId)));
  if (!row) return c.json({ error: `token ${tokenId} of ${collection} is not indexed` }, 404);
  return c.json(tokenSummary(row));
});

app.get("/vivarium/life/:collection/:id", async (c) => {
  const collection = address(c.req.param("collection"));
  const tokenId = Number(c.req.param("id"));
  if (!collection || !Number.isInteger(tokenId)) return c.json({ error: "collection and token id required" }, 400);
  const rows = await db
    .select()
    .from(schema.life)
    .where(and(eq(schema.life.collection, collection), eq(schema.life.tokenId, tokenId)))
    .orderBy(asc(schema.life.blockNumber), asc(schema.life.transactionIndex), asc(schema.life.logIndex));
  return c.json(
    rows.map((r) => ({
      kind: r.kind,
      blockNumber: r.blockNumber,
      transactionIndex: r.transactionIndex,
      logIndex: r.logIndex,
      transactionHash: r.transactionHash,
      epoch: r.epoch,
      holder: r.holder,
      vitality: r.vitality,
      vitalityEpoch: r.vitalityEpoch,
      nurtureCount: r.nurtureCount,
      generation: r.generation,
      metamorphosisPending: r.metamorphosisPending,
    })),
  );
});

const WORLD_STATE = [
  {
    type: "function",
    name: "state",
    stateMutability: "view",
    inputs: [],
    outputs: [
      { name: "epochCount", type: "uint256" },
      { name: "mood", type: "uint256" },
      { name: "moodThresholdBps", type: "uint256" },
    ],
  },
] as const;

app.get("/vivarium/epochs/:world", async (c) => {
  const world = address(c.req.param("world"));
  if (!world) return c.json({ error: "world must be an address" }, 400);
  const [, , threshold] = await publicClients.local.readContract({
    abi: WORLD_STATE,
    address: world as Address,
    functionName: "state",
  });
  const t = Number(threshold);
  const rows = await db
    .select()
    .from(schema.epoch)
    .where(eq(schema.epoch.world, world))
    .orderBy(asc(schema.epoch.epoch));
  return c.json(
    rows.map((r) => ({
      epoch: r.epoch,
      price: r.price,
      timestamp: r.timestamp,
      moveBps: r.moveBps,
      mood: r.moveBps <= -t ? MOODS[2] : r.moveBps >= t ? MOODS[1] : MOODS[0],
    })),
  );
});

export default app;
