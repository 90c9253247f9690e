/**
 * The price path a collection lived through, as one inline SVG (no script, no library): epochs on
 * the x axis, the feed price as a line with a point per priced epoch, each epoch's mood (as the
 * contract reports it) as a coloured band behind it, the reveal cohorts (the epochs their tokens
 * hatched in) as dashed verticals and the
 * metamorphoses as diamonds on the line. Every mark carries a class and a `data-epoch` so a browser
 * test can count them.
 */
import { price as priceText } from "./units";

/** A chart price (a number of at most 8 decimals) in the one price format of units.ts. */
const priceLabel = (value: number) => priceText(BigInt(Math.round(value * 1e8)), 8);

export interface ChartEpoch {
  epoch: number;
  /** Feed price recorded for the epoch, as a price (the answer over 10^decimals; null for epoch 0: no price yet). */
  price: number | null;
  /** The epoch's move against the previous epoch, basis points (as in `EpochAdvanced`). */
  moveBps: number;
  /** The world's mood at that epoch, as the contract computed it (Calm, Sunny, Stormy). */
  mood: string;
}

export interface ChartData {
  epochs: ChartEpoch[];
  /** One marker per reveal cohort: who minted how many into it, and the epoch it hatched in (its tokens' birth). */
  cohorts: { label: string; epoch: number }[];
  metamorphoses: { tokenId: number; epoch: number; stage: string }[];
  /** Moods in legend order (all the art has, even those the path never met). */
  moods: readonly string[];
}

/** Band colours: the top of each mood's sky in the on-chain art (SceneArt.defs), lightened for a dark page. */
export const MOOD_COLOURS: Record<string, string> = {
  Calm: "hsl(196,42%,42%)",
  Sunny: "hsl(38,80%,62%)",
  Stormy: "hsl(250,22%,46%)",
};

const W = 1000;
const H = 380;
const M = { left: 64, right: 16, top: 58, bottom: 46 };

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const n = (v: number) => (Math.round(v * 10) / 10).toString();

/** A step of 1, 2 or 5 times a power of ten giving at most `max` intervals over `span`. */
function niceStep(span: number, max: number): number {
  const raw = span / max;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

export function priceChartSvg(data: ChartData, title = "Price path, moods, cohorts and metamorphoses"): string {
  const last = Math.max(0, ...data.epochs.map((e) => e.epoch));
  const priced = data.epochs.filter((e): e is ChartEpoch & { price: number } => e.price !== null);
  const prices = priced.map((e) => e.price);
  const step = niceStep(Math.max(1, Math.max(...prices) - Math.min(...prices)), 5);
  const lo = Math.floor(Math.min(...prices) / step) * step;
  const hi = Math.ceil(Math.max(...prices) / step) * step || lo + step;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / (last + 1);
  const x = (epoch: number) => M.left + (epoch + 0.5) * band;
  const y = (price: number) => M.top + plotH * (1 - (price - lo) / (hi - lo || 1));
  const priceAt = new Map(priced.map((e) => [e.epoch, e.price]));
  const out: string[] = [];

  // Mood bands, one per epoch.
  for (const e of data.epochs) {
    out.push(
      `<rect class="mood-band" data-epoch="${e.epoch}" data-mood="${esc(e.mood)}" x="${n(M.left + e.epoch * band)}" y="${M.top}" width="${n(band)}" height="${plotH}" fill="${MOOD_COLOURS[e.mood] ?? "#555"}" fill-opacity=".42"><title>epoch ${e.epoch}: ${esc(e.mood)}${e.price === null ? "" : `, move ${e.moveBps} bps`}</title></rect>`,
    );
  }
  // Grid and axes.
  for (let v = lo; v <= hi + step / 2; v += step) {
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="#fff" stroke-opacity=".12"/>`,
      `<text x="${M.left - 6}" y="${n(y(v) + 4)}" text-anchor="end" class="tick">${v.toLocaleString("en-US")}</text>`,
    );
  }
  const xStep = niceStep(last || 1, 16);
  for (let e = 0; e <= last; e += xStep)
    out.push(
      `<line x1="${n(x(e))}" x2="${n(x(e))}" y1="${M.top + plotH}" y2="${M.top + plotH + 4}" stroke="#aaa"/>`,
      `<text x="${n(x(e))}" y="${M.top + plotH + 17}" text-anchor="middle" class="tick">${e}</text>`,
    );
  out.push(
    `<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + plotH}" y2="${M.top + plotH}" stroke="#aaa"/>`,
    `<text x="${M.left + plotW / 2}" y="${H - 6}" text-anchor="middle" class="axis">epoch</text>`,
    `<text transform="translate(14 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle" class="axis">feed price</text>`,
  );
  // Cohorts: dashed verticals, labels stacked when several cohorts share an epoch.
  const perEpoch = new Map<number, number>();
  for (const b of data.cohorts) {
    const k = perEpoch.get(b.epoch) ?? 0;
    perEpoch.set(b.epoch, k + 1);
    out.push(
      `<g class="cohort-marker" data-epoch="${b.epoch}"><line x1="${n(x(b.epoch))}" x2="${n(x(b.epoch))}" y1="${M.top}" y2="${M.top + plotH}" stroke="#9fe6c8" stroke-width="1.5" stroke-dasharray="5 4"/><text x="${n(x(b.epoch) + 4)}" y="${M.top + plotH - 8 - 15 * k}" class="cohort">${esc(b.label)}</text><title>${esc(b.label)}: hatched at epoch ${b.epoch}</title></g>`,
    );
  }
  // The price line and its points.
  out.push(
    `<polyline class="price-line" fill="none" stroke="#f4f4f4" stroke-width="2.5" stroke-linejoin="round" points="${priced.map((e) => `${n(x(e.epoch))},${n(y(e.price))}`).join(" ")}"/>`,
  );
  for (const e of priced)
    out.push(
      `<circle class="price-point" data-epoch="${e.epoch}" cx="${n(x(e.epoch))}" cy="${n(y(e.price))}" r="3.5" fill="#f4f4f4"><title>epoch ${e.epoch}: ${priceLabel(e.price)}, move ${e.moveBps} bps, ${esc(e.mood)}</title></circle>`,
    );
  // Metamorphoses: diamonds on the line; labels alternate above and below it (neighbours would
  // collide) and stack when several share an epoch.
  perEpoch.clear();
  data.metamorphoses.forEach((m, i) => {
    const k = perEpoch.get(m.epoch) ?? 0;
    perEpoch.set(m.epoch, k + 1);
    const cx = x(m.epoch);
    const cy = y(priceAt.get(m.epoch) ?? lo);
    const ty = i % 2 === 0 ? cy - 13 - 14 * k : cy + 23 + 14 * k;
    out.push(
      `<g class="metamorphosis-marker" data-epoch="${m.epoch}" data-token-id="${m.tokenId}"><path d="M${n(cx)} ${n(cy - 8)}l7 8l-7 8l-7 -8z" fill="#ff7ad9" stroke="#111" stroke-width="1.5"/><text x="${n(cx)}" y="${n(ty)}" text-anchor="middle" class="meta">#${m.tokenId} ${esc(m.stage)}</text><title>epoch ${m.epoch}: token #${m.tokenId} metamorphosed into ${esc(m.stage)}</title></g>`,
    );
  });
  // Legend, in a row above the plot.
  const legend: string[] = [];
  let lx = M.left;
  const item = (mark: string, label: string, cls: string) => {
    legend.push(
      `<g class="${cls}" transform="translate(${n(lx)} 22)">${mark}<text x="22" y="5" class="legend-text">${esc(label)}</text></g>`,
    );
    lx += 34 + label.length * 7.6;
  };
  for (const mood of data.moods)
    item(
      `<rect x="0" y="-7" width="16" height="14" rx="2" fill="${MOOD_COLOURS[mood] ?? "#555"}" fill-opacity=".75"/>`,
      mood,
      "legend-item legend-mood",
    );
  lx += 12;
  item(
    `<line x1="0" x2="16" y1="0" y2="0" stroke="#f4f4f4" stroke-width="2.5"/><circle cx="8" cy="0" r="3.5" fill="#f4f4f4"/>`,
    "price at each epoch",
    "legend-item",
  );
  item(
    `<line x1="8" x2="8" y1="-8" y2="8" stroke="#9fe6c8" stroke-width="1.5" stroke-dasharray="5 4"/>`,
    "cohort hatched",
    "legend-item",
  );
  item(`<path d="M8 -8l7 8l-7 8l-7 -8z" fill="#ff7ad9"/>`, "metamorphosis", "legend-item");
  return `<svg id="price-chart" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="price-chart-title"><title id="price-chart-title">${esc(title)}</title>
<style>.tick{font:12px system-ui,sans-serif;fill:#bbb}.axis{font:13px system-ui,sans-serif;fill:#ddd}.cohort{font:12px system-ui,sans-serif;fill:#9fe6c8;paint-order:stroke;stroke:#181818;stroke-width:3px}.meta{font:11px system-ui,sans-serif;fill:#ffc2ee;paint-order:stroke;stroke:#181818;stroke-width:3px}.legend-text{font:13px system-ui,sans-serif;fill:#eee}</style>
<g class="legend">${legend.join("")}</g>
${out.join("\n")}
</svg>`;
}
