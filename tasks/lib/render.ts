import fs from "node:fs";
import path from "node:path";
import type { Contract } from "ethers";

export interface TokenMetadata {
  name?: string;
  description?: string;
  image?: string;
  attributes?: { trait_type: string; value: unknown; display_type?: string }[];
  [key: string]: unknown;
}

function decodeDataUri(uri: string): string {
  const comma = uri.indexOf(",");
  if (!uri.startsWith("data:") || comma < 0) throw new Error(`not a data URI: ${uri.slice(0, 40)}...`);
  const header = uri.slice(0, comma);
  const body = uri.slice(comma + 1);
  return header.endsWith(";base64") ? Buffer.from(body, "base64").toString("utf8") : decodeURIComponent(body);
}

/** Decode `tokenURI` (base64 JSON data URI) into its metadata and SVG. */
export function decodeTokenUri(uri: string): { metadata: TokenMetadata; svg: string } {
  const metadata = JSON.parse(decodeDataUri(uri)) as TokenMetadata;
  const svg = metadata.image ? decodeDataUri(metadata.image) : "";
  return { metadata, svg };
}

export async function fetchToken(collection: Contract, tokenId: bigint | number) {
  return decodeTokenUri(await collection.tokenURI(tokenId));
}

/** SVG -> PNG with resvg (lazy require: resvg is a native module). */
export function svgToPng(svg: string, width = 256): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  const resvg = new Resvg(svg, { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

/** Write `<base>.svg` and `<base>.png` under `dir`; returns both paths. */
export function writeArt(dir: string, base: string, svg: string, width = 256): { svg: string; png: string } {
  fs.mkdirSync(dir, { recursive: true });
  const svgPath = path.join(dir, `${base}.svg`);
  const pngPath = path.join(dir, `${base}.png`);
  fs.writeFileSync(svgPath, svg);
  fs.writeFileSync(pngPath, svgToPng(svg, width));
  return { svg: svgPath, png: pngPath };
}

export function attributesText(metadata: TokenMetadata): string {
  return (metadata.attributes ?? []).map((a) => `  ${a.trait_type}: ${String(a.value)}`).join("\n");
}

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface GalleryCard {
  tokenId?: number;
  title: string;
  png: string; // path relative to the page
  attributes: { trait_type: string; value: unknown }[];
}

export interface LifeStory {
  title: string;
  frames: { label: string; png: string }[];
}

/**
 * A self-contained HTML page (images referenced by relative path). `tokenCount` (the collection's
 * totalSupply when written) goes into `data-token-count` on the grid so a browser test can compare
 * the cards it finds with the number of tokens on chain.
 */
export function galleryHtml(
  title: string,
  cards: GalleryCard[],
  stories: LifeStory[] = [],
  intro = "",
  tokenCount = cards.length,
): string {
  const cardHtml = cards
    .map(
      (c) =>
        `<figure class="card"${c.tokenId === undefined ? "" : ` data-token-id="${c.tokenId}"`}><img src="${esc(c.png)}" width="256" height="256" alt="${esc(c.title)}"><figcaption><b>${esc(c.title)}</b><table>${c.attributes
          .map((a) => `<tr><td>${esc(a.trait_type)}</td><td>${esc(a.value)}</td></tr>`)
          .join("")}</table></figcaption></figure>`,
    )
    .join("\n");
  const storyHtml = stories
    .map(
      (s) =>
        `<section class="story"><h3>${esc(s.title)}</h3><div class="strip">${s.frames
          .map(
            (f) =>
              `<figure><img src="${esc(f.png)}" width="160" height="160" alt="${esc(f.label)}"><figcaption>${esc(f.label)}</figcaption></figure>`,
          )
          .join("")}</div></section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#111;color:#eee;margin:2rem}
h1,h2{font-weight:600}.grid{display:flex;flex-wrap:wrap;gap:1rem}
.card{background:#1c1c1c;border-radius:8px;padding:.6rem;margin:0;width:256px}
.card table{font-size:12px;width:100%;border-collapse:collapse}.card td{padding:1px 4px;border-bottom:1px solid #333}
.strip{display:flex;gap:.5rem;overflow-x:auto}.strip figure{margin:0;text-align:center;font-size:12px}
img{border-radius:6px;background:#000}
</style></head><body>
<h1>${esc(title)}</h1>${intro ? `<p>${esc(intro)}</p>` : ""}
${stories.length ? `<h2>Life stories</h2>\n${storyHtml}` : ""}
<h2>Every token</h2><div class="grid" id="tokens" data-token-count="${tokenCount}">
${cardHtml}
</div></body></html>
`;
}
