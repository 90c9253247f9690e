/**
 * The app's data read straight from the chain over JSON-RPC: the World's subscribers are the
 * collections, `ownerOf` and `phenotypeOf` the tokens, the history replay (`client/history.ts`) the
 * life stories, `epochEntry` the epochs. No indexer needed; every read costs an `eth_call`, so it
 * suits a local chain or a small collection. Reads are pinned to one block per call of a method.
 */
import { getAddress, type Contract } from "ethers";
import {
  type CollectionSummary,
  type EpochSummary,
  type LifeEntry,
  type TokenSummary,
  type VivariumData,
} from "./data";
import { CollectionHistory, type ChainReader, type TokenEvent } from "./history";
import { phenotypeFields } from "./traits";
import { MOODS } from "./traits";

/** `Phenotype` (IRenderer.sol) as a TokenSummary, with its holder. */
export function tokenSummaryOf(
  collection: string,
  tokenId: number,
  owner: string,
  p: Record<string, unknown>,
): TokenSummary {
  return { collection: getAddress(collection), tokenId, owner: getAddress(owner), ...phenotypeFields(p) };
}

/** A replayed event (`client/history.ts`) as a LifeEntry. */
export function lifeEntryOf(e: TokenEvent): LifeEntry {
  return {
    kind: e.kind,
    blockNumber: e.position.blockNumber,
    transactionIndex: e.position.transactionIndex,
    logIndex: e.position.logIndex,
    transactionHash: e.transactionHash,
    epoch: e.epoch,
    holder: e.holder,
    vitality: e.checkpoint.vitality,
    vitalityEpoch: e.checkpoint.vitalityEpoch,
    nurtureCount: e.checkpoint.nurtureCount,
    generation: e.checkpoint.metamorphoses,
    metamorphosisPending: e.checkpoint.pending,
  };
}

/** PhenotypeLib.mood: an epoch's move against the mood threshold. */
export function epochMood(moveBps: number, thresholdBps: number): string {
  if (moveBps <= -thresholdBps) return MOODS[2];
  if (moveBps >= thresholdBps) return MOODS[1];
  return MOODS[0];
}

export class RpcSource implements VivariumData {
  readonly kind = "rpc" as const;
  private readonly histories = new Map<string, Promise<CollectionHistory>>();

  /**
   * @param chain the provider and ABIs
   * @param world the World whose subscribers are the collections
   * @param blockTag read at this block (default: the latest at each call)
   */
  constructor(
    private readonly chain: ChainReader,
    private readonly world: string,
    private readonly blockTag?: number,
  ) {}

  private async at(): Promise<{ blockTag: number }> {
    if (this.blockTag !== undefined) return { blockTag: this.blockTag };
    // The latest block itself: ethers keeps getBlockNumber's answer for a polling interval, which
    // would pin reads to the block before a transaction the page has just seen mined.
    return { blockTag: (await this.chain.provider.getBlock("latest"))!.number };
  }

  private collection(address: string): Contract {
    return this.chain.contract("LivingAsset", address);
  }

  async collections(): Promise<CollectionSummary[]> {
    const at = await this.at();
    const subscribers = (await this.chain.contract("World", this.world).subscribers(at)) as string[];
    return Promise.all(subscribers.map((a) => this.collectionAt(a, at)));
  }

  private async collectionAt(address: string, at: { blockTag: number }): Promise<CollectionSummary> {
    const c = this.collection(address);
    const [name, symbol, world, renderer, totalSupply, sale, paused, epoch] = await Promise.all([
      c.name(at),
      c.symbol(at),
      c.world(at),
      c.renderer(at),
      c.totalSupply(at),
      c.saleConfig(at),
      c.paused(at),
      c.currentEpoch(at),
    ]);
    return {
      address: getAddress(address),
      name,
      symbol,
      world: getAddress(world),
      renderer: getAddress(renderer),
      totalSupply: Number(totalSupply),
      maxSupply: Number(sale[1]),
      priceWei: BigInt(sale[0]).toString(),
      saleOpen: Boolean(sale[4]),
      paused: Boolean(paused),
      maxPerWallet: Number(sale[2]),
      maxPerMint: Number(sale[3]),
      allowlist: { root: sale[6] as string, priceWei: BigInt(sale[7]).toString(), open: Boolean(sale[8]) },
      epoch: Number(epoch),
    };
  }

  /** Token ids run from 1 to totalSupply (ERC721A from 1; the collection has no burn). */
  async tokens(collection: string, owner?: string): Promise<TokenSummary[]> {
    const at = await this.at();
    const c = this.collection(collection);
    const supply = Number(await c.totalSupply(at));
    const ids = Array.from({ length: supply }, (_, i) => i + 1);
    const owners = (await Promise.all(ids.map((id) => c.ownerOf(id, at)))) as string[];
    const wanted = ids.filter((_, i) => owner === undefined || owners[i].toLowerCase() === owner.toLowerCase());
    return Promise.all(wanted.map((id) => this.tokenAt(c, collection, id, at, owners[id - 1])));
  }

  async tokenRange(collection: string, first: number, count: number): Promise<TokenSummary[]> {
    const at = await this.at();
    const c = this.collection(collection);
    const last = Math.min(first + count - 1, Number(await c.totalSupply(at)));
    const ids = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
    return Promise.all(ids.map((id) => this.tokenAt(c, collection, id, at)));
  }

  private async tokenAt(
    c: Contract,
    collection: string,
    tokenId: number,
    at: { blockTag: number },
    owner?: string,
  ): Promise<TokenSummary> {
    const [holder, p] = await Promise.all([owner ?? c.ownerOf(tokenId, at), c.phenotypeOf(tokenId, at)]);
    return tokenSummaryOf(collection, tokenId, holder as string, p as Record<string, unknown>);
  }

  async token(collection: string, tokenId: number): Promise<TokenSummary> {
    return this.tokenAt(this.collection(collection), collection, tokenId, await this.at());
  }

  /** The collection's history at the read block (loaded once per block). */
  async history(collection: string): Promise<CollectionHistory> {
    const { blockTag } = await this.at();
    const key = `${getAddress(collection)}@${blockTag}`;
    let h = this.histories.get(key);
    if (!h) {
      h = CollectionHistory.load(this.chain, collection, { toBlock: blockTag });
      h.catch(() => this.histories.delete(key));
      this.histories.set(key, h);
    }
    return h;
  }

  async life(collection: string, tokenId: number): Promise<LifeEntry[]> {
    const token = await (await this.history(collection)).token(tokenId);
    return token.events.map(lifeEntryOf);
  }

  async epochs(world: string): Promise<EpochSummary[]> {
    const at = await this.at();
    const w = this.chain.contract("World", world);
    const [count, , threshold] = (await w.state(at)) as [bigint, bigint, bigint];
    const entries = await Promise.all(
      Array.from({ length: Number(count) }, (_, i) => w.epochEntry(i + 1, at) as Promise<Record<string, bigint>>),
    );
    return entries.map((e, i) => ({
      epoch: i + 1,
      price: BigInt(e.price).toString(),
      timestamp: Number(e.timestamp),
      moveBps: Number(e.moveBps),
      mood: epochMood(Number(e.moveBps), Number(threshold)),
    }));
  }
}
