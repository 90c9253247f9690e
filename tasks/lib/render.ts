import fs from "node:fs";
import path from "node:path";
import type { Contract } from "ethers";
import { MOOD_COLOURS } from "./chart";
import { STAGES } from "./common";
import { decodeTokenUri } from "../../client/metadata";
import { epochs, percent } from "../../client/units";

/** Highest stage level: the index of the last stage (0 Egg .. 4 Ascended). */
const MAX_STAGE_LEVEL = STAGES.length - 1;

// Decoding is the client library's (client/metadata.ts); the tasks take it from here too.
export {
  attributeText,
  attributesText,
  decodeContractUri,
  decodeDataUri,
  decodeTokenUri,
  type TokenMetadata,
} from "../../client/metadata";

export async function fetchToken(collection: Contract, tokenId: bigint | number) {
  return decodeTokenUri(await collection.tokenURI(tokenId));
}

/**
 * The font the art's caption names first (`font-family='DejaVu Sans Mono,monospace'`), shipped by
 * the `dejavu-fonts-ttf` package: resvg loads no system font here, so without it the caption
 * would be dropped from the PNGs while a marketplace's browser shows it.
 */
export const CAPTION_FONT_FILE = path.join(
  path.dirname(require.resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
  "DejaVuSansMono.ttf",
);

/** resvg's font options: the caption's font only, the same on every machine. */
export const RESVG_FONT = {
  loadSystemFonts: false,
  fontFiles: [CAPTION_FONT_FILE],
  defaultFontFamily: "DejaVu Sans Mono",
  monospaceFamily: "DejaVu Sans Mono",
};

/** SVG -> PNG with resvg (lazy require: resvg is a native module), the caption in its font. */
export function svgToPng(svg: string, width = 256): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  const resvg = new Resvg(svg, { fitTo: { mode: "width", value: width }, font: RESVG_FONT });
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

/** Attributes whose values carry a unit in text: tokenURI's Vitality is a percentage, Age a number of epochs. */
const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface GalleryCard {
  tokenId?: number;
  title: string;
  png: string; // path relative to the page
  attributes: { trait_type: string; value: unknown; display_type?: string }[];
  /**
   * One line under the attributes (the gallery explains the token's temperament here); when several
   * cards carry the same note, it is shown once above the grid instead.
   */
  note?: string;
}

export interface LifeStory {
  title: string;
  /** Holder shown beside the title (a name in the demo, a short address otherwise). */
  owner?: string;
  /** `label` is the frame's alt text; `lines` (default: the label) are shown under the image. */
  frames: { label: string; png: string; lines?: string[]; mood?: string }[];
}

export interface GalleryOptions {
  stories?: LifeStory[];
  intro?: string;
  /** The collection's totalSupply when written (default: the number of cards). */
  tokenCount?: number;
  /** Inline SVG shown above the life stories (the demo's price chart). */
  chartSvg?: string;
  /** Text under the chart. */
  chartCaption?: string;
  /** Other pages shown under the intro: the demo links the other collections of its World. */
  links?: { href: string; label: string }[];
}

/**
 * How the gallery shows the metadata's attributes. `Stage` (the name) is shown with its level (0 Egg
 * .. 4 Ascended) in one row, "Juvenile (level 2 of 4)"; an older renderer's separate `Stage Level`
 * attribute is folded into that row. Vitality is a percentage on chain (0..100) and ages are
 * epochs: the card says so.
 */
export function presentAttributes(
  attributes: { trait_type: string; value: unknown; display_type?: string }[],
): { trait_type: string; value: string }[] {
  const stage = attributes.find((a) => a.trait_type === "Stage")?.value;
  const level = (STAGES as readonly unknown[]).indexOf(stage);
  const out: { trait_type: string; value: string }[] = [];
  for (const a of attributes) {
    if (a.trait_type === "Stage Level") continue;
    let value = String(a.value);
    if (a.trait_type === "Stage" && level >= 0) value = `${value} (level ${String(level)} of ${MAX_STAGE_LEVEL})`;
    else if (a.trait_type === "Vitality") value = percent(a.value);
    else if (a.trait_type === "Age") value = epochs(Number(a.value));
    else if (a.trait_type === "Birth Epoch") value = `epoch ${value}`;
    else if (a.trait_type === "Nurtured") value = `${value} time${value === "1" ? "" : "s"}`;
    // The genome is 66 characters without a break: shown short on a card (the full value is in
    // tokenURI and getTraitValue).
    else if (a.trait_type === "Genome" && value.length > 14) value = `${value.slice(0, 8)}…${value.slice(-4)}`;
    out.push({ trait_type: a.trait_type, value });
  }
  return out;
}

type Row = { trait_type: string; value: string };

/**
 * What the cards show: the rows alike on every card once for the collection, and on each card only
 * what differs. An attribute is shared when every card has it with the same shown value; a note
 * that several cards carry (a temperament's explanation) is shown once too. With fewer than two
 * cards nothing is shared.
 */
export function splitSharedAttributes(cards: GalleryCard[]): {
  shared: Row[];
  notes: string[];
  cards: { rows: Row[]; note?: string }[];
} {
  const rows = cards.map((c) => presentAttributes(c.attributes));
  if (cards.length < 2) return { shared: [], notes: [], cards: cards.map((c, i) => ({ rows: rows[i], note: c.note })) };
  const valueOn = (card: Row[], trait: string) => card.find((r) => r.trait_type === trait)?.value;
  const shared = rows[0].filter((r) => rows.every((card) => valueOn(card, r.trait_type) === r.value));
  const isShared = new Set(shared.map((r) => r.trait_type));
  const notes = [...new Set(cards.flatMap((c) => (c.note === undefined ? [] : [c.note])))].filter(
    (note) => cards.filter((c) => c.note === note).length > 1,
  );
  return {
    shared,
    notes,
    cards: cards.map((c, i) => ({
      rows: rows[i].filter((r) => !isShared.has(r.trait_type)),
      note: c.note !== undefined && notes.includes(c.note) ? undefined : c.note,
    })),
  };
}

/** The token grid: a block of what the tokens share, then one card per token with what is its own. */
function tokensHtml(cards: GalleryCard[], tokenCount: number): string {
  const { shared, notes, cards: own } = splitSharedAttributes(cards);
  const sharedRows = shared.length
    ? `<p>All ${cards.length} tokens share:</p><dl>${shared
        .map((r) => `<div><dt>${esc(r.trait_type)}</dt><dd>${esc(r.value)}</dd></div>`)
        .join("")}</dl>`
    : "";
  const sharedNotes = notes.length
    ? `<ul class="notes">${notes.map((t) => `<li class="note">${esc(t)}</li>`).join("")}</ul>`
    : "";
  const sharedHtml =
    sharedRows || sharedNotes
      ? `<section class="shared" id="shared-attributes">${sharedRows}${sharedNotes}</section>\n`
      : "";
  const cardHtml = cards
    .map(
      (c, i) =>
        `<figure class="card"${c.tokenId === undefined ? "" : ` data-token-id="${c.tokenId}"`}><img src="${esc(c.png)}" width="256" height="256" alt="${esc(c.title)}"><figcaption><b>${esc(c.title)}</b><table>${own[
          i
        ].rows
          .map((a) => `<tr><td>${esc(a.trait_type)}</td><td>${esc(a.value)}</td></tr>`)
          .join("")}</table>${own[i].note ? `<p class="note">${esc(own[i].note)}</p>` : ""}</figcaption></figure>`,
    )
    .join("\n");
  return `<h2>Every token</h2>\n${sharedHtml}<div class="grid" id="tokens" data-token-count="${tokenCount}">\n${cardHtml}\n</div>`;
}

/**
 * A self-contained HTML page (images referenced by relative path). `tokenCount` (the collection's
 * totalSupply when written) goes into `data-token-count` on the grid so a browser test can compare
 * the cards it finds with the number of tokens on chain. Life-story strips are grids that wrap and
 * scale their frames to the page width: nothing scrolls sideways. The token grid's columns share
 * the page width (no empty band on the right); what every token shares is shown once above it.
 */
export function galleryHtml(title: string, cards: GalleryCard[], options: GalleryOptions = {}): string {
  const { stories = [], intro = "", tokenCount = cards.length, chartSvg, chartCaption, links = [] } = options;
  const storyHtml = stories
    .map(
      (s) =>
        `<section class="story"><h3>${esc(s.title)}${s.owner ? ` <span class="owner">held by ${esc(s.owner)}</span>` : ""}</h3><div class="strip">${s.frames
          .map(
            (f) =>
              `<figure${f.mood ? ` class="mood-${esc(f.mood.toLowerCase())}"` : ""}><img src="${esc(f.png)}" width="160" height="160" alt="${esc(f.label)}"><figcaption>${(
                f.lines ?? [f.label]
              )
                .map(esc)
                .join("<br>")}</figcaption></figure>`,
          )
          .join("")}</div></section>`,
    )
    .join("\n");
  const chartHtml = chartSvg
    ? `<h2>The market it lived through</h2>\n<figure class="chart-box">${chartSvg}${chartCaption ? `<figcaption>${esc(chartCaption)}</figcaption>` : ""}</figure>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#111;color:#eee;margin:2rem;max-width:1600px}
@media (max-width:600px){body{margin:1rem}}
h1,h2{font-weight:600}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(224px,1fr));gap:1rem}
.card{background:#1c1c1c;border-radius:8px;padding:.6rem;margin:0;min-width:0}
.card img{display:block;width:100%;max-width:256px;height:auto;margin:0 auto .3rem}
.card table{font-size:12px;width:100%;border-collapse:collapse}.card td{padding:1px 4px;border-bottom:1px solid #333}
.card td:first-child{color:#aaa;white-space:nowrap}
.card .note,.shared .note{font-size:12px;color:#cfc6a8;margin:.4rem 4px 0}.shared ul{list-style:none;padding:0;margin:.4rem 0 0}.shared li.note{margin:.15rem 0}
.shared{background:#1c1c1c;border-radius:8px;padding:.6rem .8rem;margin:0 0 1rem;font-size:13px}.shared p{margin:0 0 .3rem}
.shared dl{display:flex;flex-wrap:wrap;gap:.3rem 1.4rem;margin:0}.shared dl div{display:flex;gap:.4rem}
.shared dt{color:#aaa}.shared dd{margin:0}
.chart-box{margin:0}.chart{display:block;width:100%;height:auto;background:#181818;border-radius:8px}
.chart-box figcaption{font-size:13px;color:#bbb;margin-top:.4rem}
.story h3 .owner{font-weight:400;font-size:.85em;color:#aaa}
.strip{display:grid;grid-template-columns:repeat(auto-fill,minmax(132px,1fr));gap:.5rem}
.strip figure{margin:0;text-align:center;font-size:12px;min-width:0}
.strip img{width:100%;max-width:160px;height:auto}
${Object.entries(MOOD_COLOURS)
  .map(([mood, colour]) => `.strip figure.mood-${mood.toLowerCase()} img{box-shadow:0 0 0 3px ${colour}}`)
  .join("\n")}
img{border-radius:6px;background:#000}
a{color:#9cf}
</style></head><body>
<h1>${esc(title)}</h1>${intro ? `<p>${esc(intro)}</p>` : ""}${
    links.length
      ? `\n<p class="links">${links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join(" · ")}</p>`
      : ""
  }
${chartHtml}
${stories.length ? `<h2>Life stories</h2>\n${storyHtml}` : ""}
${tokensHtml(cards, tokenCount)}</body></html>
`;
}
