/**
 * Reading what a collection serves: `tokenURI` and `contractURI` decoded into their JSON and SVG,
 * attributes as a person reads them. No Node or Hardhat import: it runs in a browser as it does in
 * the tasks.
 */
import { decodeBase64, toUtf8String } from "ethers";
import { epochs, percent } from "./units";

export interface TokenMetadata {
  name?: string;
  description?: string;
  image?: string;
  attributes?: { trait_type: string; value: unknown; display_type?: string }[];
  [key: string]: unknown;
}

/** The text inside a `data:` URI (base64 or percent-encoded). */
export function decodeDataUri(uri: string): string {
  const comma = uri.indexOf(",");
  if (!uri.startsWith("data:") || comma < 0) throw new Error(`not a data URI: ${uri.slice(0, 40)}...`);
  const header = uri.slice(0, comma);
  const body = uri.slice(comma + 1);
  return header.endsWith(";base64") ? toUtf8String(decodeBase64(body)) : decodeURIComponent(body);
}

/** Decode `contractURI` (ERC-7572) into its JSON. */
export function decodeContractUri<T = Record<string, unknown>>(uri: string): T {
  return JSON.parse(decodeDataUri(uri)) as T;
}

/**
 * Decode `tokenURI` into its metadata and SVG: `data:application/json;utf8,` JSON (renderer 1.1:
 * it holds no `%` or `#`, so percent-decoding leaves it as it is) or `;base64,` (renderer 1.0),
 * whose `image` is `data:image/svg+xml;utf8,` with the SVG percent-encoded, or `;base64,`.
 */
export function decodeTokenUri(uri: string): { metadata: TokenMetadata; svg: string } {
  const metadata = JSON.parse(decodeDataUri(uri)) as TokenMetadata;
  const svg = metadata.image ? decodeDataUri(metadata.image) : "";
  return { metadata, svg };
}

const ATTRIBUTE_UNITS: Record<string, (value: unknown) => string> = {
  Vitality: percent,
  Age: (value) => epochs(Number(value)),
};

/** One attribute's value as a person reads it (with its unit). */
export function attributeText(trait: string, value: unknown): string {
  return (ATTRIBUTE_UNITS[trait] ?? String)(value);
}

export function attributesText(metadata: TokenMetadata): string {
  return (metadata.attributes ?? [])
    .map((a) => `  ${a.trait_type}: ${attributeText(a.trait_type, a.value)}`)
    .join("\n");
}
