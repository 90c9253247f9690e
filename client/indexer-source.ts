/**
 * The app's data read from the indexer (`indexer/`, Ponder) over HTTP: the same shapes as the RPC
 * source (client/data.ts), for collections too large to read token by token over JSON-RPC. Uses
 * only `fetch`: it runs in a browser.
 */
import type { CollectionSummary, EpochSummary, LifeEntry, TokenSummary, VivariumData } from "./data";

export class IndexerSource implements VivariumData {
  readonly kind = "indexer" as const;

  /** @param base the indexer's URL, e.g. http://127.0.0.1:42069 */
  constructor(private readonly base: string) {}

  private async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.base.replace(/\/$/, "")}/vivarium/${path}`);
    const body = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`indexer: ${body.error ?? res.statusText} (${path})`);
    return body;
  }

  collections(): Promise<CollectionSummary[]> {
    return this.get("collections");
  }

  tokens(collection: string, owner?: string): Promise<TokenSummary[]> {
    return this.get(`tokens?collection=${collection}${owner ? `&owner=${owner}` : ""}`);
  }

  tokenRange(collection: string, first: number, count: number): Promise<TokenSummary[]> {
    return this.get(`token-range?collection=${collection}&first=${first}&count=${count}`);
  }

  token(collection: string, tokenId: number): Promise<TokenSummary> {
    return this.get(`token/${collection}/${tokenId}`);
  }

  life(collection: string, tokenId: number): Promise<LifeEntry[]> {
    return this.get(`life/${collection}/${tokenId}`);
  }

  epochs(world: string): Promise<EpochSummary[]> {
    return this.get(`epochs/${world}`);
  }
}
