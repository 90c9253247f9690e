/**
 * The price path a collection lived through, as one inline SVG (no script, no library): epochs on
 * the x axis, the feed price (in the feed's quote currency, USD per ETH by default) as a line with a
 * point per priced epoch, each epoch's mood (as the contract reports it) as a coloured band behind
 * it, the reveal cohorts (the epochs their tokens hatched in) as dashed verticals and the
 * metamorphoses as diamonds on the line. Every mark carries a class and a `data-epoch` so a browser
 * test can count them.
 *
 * Labels never overlap: every text is placed with an estimate of its box (`labelBox`, from font
 * metrics rounded up), the axes and the legend first, then each cohort and metamorphosis label at the
 * first of its candidate positions that is free (`placeLabel`). Metamorphoses at one epoch share one
 * label ("3 metamorphoses"); a label with no free position is left out (its marker keeps its tooltip).
 */
import { price as priceText } from "../../client/units";

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

/** How prices are named: the axis title and the prefix of each tick and tooltip price. */
export interface PriceAxis {
  title: string;
  prefix: string;
}

/** The World's feed is ETH/USD (config/networks.ts `nativeUsdFeed`): a price is US dollars per ether. */
export const ETH_USD: PriceAxis = { title: "USD per ETH", prefix: "$" };

export interface ChartData {
  epochs: ChartEpoch[];
  /** One marker per reveal cohort: who minted how many into it, and the epoch it hatched in (its tokens' birth). */
  cohorts: { label: string; epoch: number }[];
  metamorphoses: { tokenId: number; epoch: number; stage: string }[];
  /** Moods in legend order (all the art has, even those the path never met). */
  moods: readonly string[];
  /** The feed's pair (default ETH_USD). */
  priceAxis?: PriceAxis;
}

/** Band colours: the top of each mood's sky in the on-chain art (SceneArt.defs), lightened for a dark page. */
export const MOOD_COLOURS: Record<string, string> = {
  Calm: "hsl(196,42%,42%)",
  Sunny: "hsl(38,80%,62%)",
  Stormy: "hsl(250,22%,46%)",
};

// ----------------------------------------------------------------------------------------------
// Label geometry
// ----------------------------------------------------------------------------------------------

/** The text classes of the chart and their font sizes (px in the viewBox), as in CHART_CSS. */
export const FONT_PX = { tick: 12, axis: 13, cohort: 12, meta: 11, "legend-text": 13 } as const;
export type LabelClass = keyof typeof FONT_PX;

export interface TextLabel {
  /** The anchor point: on the baseline, at the start, middle or end of the text. */
  x: number;
  y: number;
  text: string;
  cls: LabelClass;
  anchor: "start" | "middle" | "end";
  /** Turned a quarter anticlockwise around (x, y), reading upwards (the price axis title). */
  vertical?: boolean;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * A character's advance in em, rounded up from DejaVu Sans (the widest of the usual system-ui
 * fonts: digits 0.636, lower case at most 0.635 but for m and w, capitals at most 0.79 but for M
 * and W), so that an estimate is never short.
 */
function charEm(c: string): number {
  if (c.charCodeAt(0) > 126 || "mwMW#%&@".includes(c)) return 1;
  if (" .,:;'|!ijlftr()[]".includes(c)) return 0.42;
  if (c >= "A" && c <= "Z") return 0.8;
  return 0.66;
}

/** The estimated width of `text` at `px` pixels. */
export function textWidth(text: string, px: number): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * px;
}

/**
 * Room kept around a label: above and below, half its 3 px halo (`paint-order: stroke`); beside
 * it, more, so that two labels on one line read as two (the old chart's cohort labels, 8 px apart
 * with a dashed line between, read as one run of text).
 */
const LABEL_PAD = { x: 4, y: 1.5 };

/** A font's box above and below the baseline, in em, rounded up from DejaVu Sans (0.928, 0.236). */
const ASCENT = 0.95;
const DESCENT = 0.27;

/** The distance between two stacked labels of a class whose boxes do not overlap. */
const linePitch = (cls: LabelClass) => Math.ceil((ASCENT + DESCENT) * FONT_PX[cls] + 2 * LABEL_PAD.y);

/** The box a label covers: from its ascent above the baseline to its descent below, padded. */
export function labelBox(l: TextLabel): Box {
  const px = FONT_PX[l.cls];
  const w = textWidth(l.text, px);
  const from = l.anchor === "start" ? 0 : l.anchor === "middle" ? -w / 2 : -w;
  const along = { lo: from, hi: from + w };
  const across = { lo: -ASCENT * px, hi: DESCENT * px };
  const box = l.vertical
    ? { left: l.x + across.lo, right: l.x + across.hi, top: l.y - along.hi, bottom: l.y - along.lo }
    : { left: l.x + along.lo, right: l.x + along.hi, top: l.y + across.lo, bottom: l.y + across.hi };
  return {
    left: box.left - LABEL_PAD.x,
    top: box.top - LABEL_PAD.y,
    right: box.right + LABEL_PAD.x,
    bottom: box.bottom + LABEL_PAD.y,
  };
}

/** Whether two boxes share any area (touching edges do not). */
export const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const inside = (a: Box, area: Box) =>
  a.left >= area.left && a.right <= area.right && a.top >= area.top && a.bottom <= area.bottom;

/** A coordinate as the SVG is written: to a tenth of a pixel. */
const tenth = (v: number) => Math.round(v * 10) / 10;
const atTenth = (l: TextLabel): TextLabel => ({ ...l, x: tenth(l.x), y: tenth(l.y) });

/**
 * The first candidate whose box lies in `area` and overlaps nothing in `taken` (its box is then
 * added to `taken`), or undefined when none is free.
 */
export function placeLabel(candidates: TextLabel[], taken: Box[], area: Box): TextLabel | undefined {
  for (const candidate of candidates) {
    // At the tenth of a pixel the SVG is written with, so that the drawn box is the one placed.
    const c = atTenth(candidate);
    const box = labelBox(c);
    if (inside(box, area) && !taken.some((t) => overlaps(box, t))) {
      taken.push(box);
      return c;
    }
  }
  return undefined;
}

// ----------------------------------------------------------------------------------------------
// Layout
// ----------------------------------------------------------------------------------------------

const W = 1000;
const H = 380;
const M = { right: 16, top: 58, bottom: 46 };
/** The legend's row: marks centred on this line, above the plot. */
const LEGEND_Y = 22;
/** The price axis title's baseline, turned upright, this far from the left edge. */
const AXIS_TITLE_X = 18;

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const n = (v: number) => tenth(v).toString();

/** A step of 1, 2 or 5 times a power of ten giving at most `max` intervals over `span`. */
function niceStep(span: number, max: number): number {
  const raw = span / max;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** The plot's frame and scales: the left margin fits the widest price tick beside the axis title. */
interface Frame {
  left: number;
  top: number;
  right: number;
  bottom: number;
  last: number;
  band: number;
  ticks: { value: number; text: string }[];
  /** Epochs between two epoch ticks: a whole number. */
  epochStep: number;
  x: (epoch: number) => number;
  y: (price: number) => number;
}

function frame(data: ChartData, axis: PriceAxis): Frame {
  const last = Math.max(0, ...data.epochs.map((e) => e.epoch));
  const prices = data.epochs.flatMap((e) => (e.price === null ? [] : [e.price]));
  const min = prices.length ? Math.min(...prices) : 0;
  const max = prices.length ? Math.max(...prices) : 1;
  const step = niceStep(Math.max(1, max - min), 5);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step || lo + step;
  const ticks: Frame["ticks"] = [];
  for (let i = 0; lo + i * step <= hi + step / 2; i++) {
    const value = lo + i * step;
    ticks.push({ value, text: `${axis.prefix}${value.toLocaleString("en-US")}` });
  }
  const widest = Math.max(...ticks.map((t) => textWidth(t.text, FONT_PX.tick)));
  const left = Math.ceil(AXIS_TITLE_X + DESCENT * FONT_PX.axis + 2 * LABEL_PAD.x + 4 + widest + 8);
  const [top, right, bottom] = [M.top, W - M.right, H - M.bottom];
  const band = (right - left) / (last + 1);
  return {
    left,
    top,
    right,
    bottom,
    last,
    band,
    ticks,
    epochStep: Math.max(1, niceStep(last || 1, 16)),
    x: (epoch) => left + (epoch + 0.5) * band,
    y: (price) => top + (bottom - top) * (1 - (price - lo) / (hi - lo || 1)),
  };
}

/** The price ticks, the epoch ticks and both axis titles. */
function axisLabels(f: Frame, axis: PriceAxis): TextLabel[] {
  const labels: TextLabel[] = f.ticks.map((t) => ({
    x: f.left - 8,
    y: f.y(t.value) + 4,
    text: t.text,
    cls: "tick",
    anchor: "end",
  }));
  for (let e = 0; e <= f.last; e += f.epochStep)
    labels.push({ x: f.x(e), y: f.bottom + 17, text: String(e), cls: "tick", anchor: "middle" });
  labels.push(
    { x: (f.left + f.right) / 2, y: H - 6, text: "epoch", cls: "axis", anchor: "middle" },
    { x: AXIS_TITLE_X, y: (f.top + f.bottom) / 2, text: axis.title, cls: "axis", anchor: "middle", vertical: true },
  );
  return labels;
}

/** A metamorphosis diamond's box (7 by 8 px each way from its centre, and its stroke), kept clear of labels. */
const diamondBox = (cx: number, cy: number): Box => ({ left: cx - 8, right: cx + 8, top: cy - 9, bottom: cy + 9 });

/** A price point's box (radius 3.5 px, and a hair), kept clear of labels. */
const pointBox = (cx: number, cy: number): Box => ({ left: cx - 4, right: cx + 4, top: cy - 4, bottom: cy + 4 });

interface LegendItem {
  cls: string;
  /** The mark, drawn in a group translated to (x, LEGEND_Y). */
  mark: string;
  x: number;
  label: TextLabel;
}

/** The legend's row above the plot: the moods, then the price line, a cohort and a metamorphosis. */
function legendItems(data: ChartData, left: number): LegendItem[] {
  const marks: { cls: string; mark: string; text: string; gapBefore?: number }[] = [
    ...data.moods.map((mood) => ({
      cls: "legend-item legend-mood",
      mark: `<rect x="0" y="-7" width="16" height="14" rx="2" fill="${MOOD_COLOURS[mood] ?? "#555"}" fill-opacity=".75"/>`,
      text: mood,
    })),
    {
      cls: "legend-item",
      mark: `<line x1="0" x2="16" y1="0" y2="0" stroke="#f4f4f4" stroke-width="2.5"/><circle cx="8" cy="0" r="3.5" fill="#f4f4f4"/>`,
      text: "price at each epoch",
      gapBefore: 12,
    },
    {
      cls: "legend-item",
      mark: `<line x1="8" x2="8" y1="-8" y2="8" stroke="#9fe6c8" stroke-width="1.5" stroke-dasharray="5 4"/>`,
      text: "cohort hatched",
    },
    { cls: "legend-item", mark: `<path d="M8 -8l7 8l-7 8l-7 -8z" fill="#ff7ad9"/>`, text: "metamorphosis" },
  ];
  let x = left;
  return marks.map((m) => {
    x += m.gapBefore ?? 0;
    const item = {
      cls: m.cls,
      mark: m.mark,
      x,
      label: { x: x + 22, y: LEGEND_Y + 5, text: m.text, cls: "legend-text" as const, anchor: "start" as const },
    };
    x += 22 + textWidth(m.text, FONT_PX["legend-text"]) + 16;
    return item;
  });
}

/** A cohort's label: at the foot of its line, right of it or left of it, one row higher at a time. */
function cohortCandidates(f: Frame, epoch: number, text: string): TextLabel[] {
  const out: TextLabel[] = [];
  for (let row = 0; f.bottom - 8 - linePitch("cohort") * row > f.top; row++) {
    const y = f.bottom - 8 - linePitch("cohort") * row;
    out.push(
      { x: f.x(epoch) + 4, y, text, cls: "cohort", anchor: "start" },
      { x: f.x(epoch) - 4, y, text, cls: "cohort", anchor: "end" },
    );
  }
  return out;
}

/**
 * A metamorphosis label: just above its diamond, just below (each centred on it, or starting or
 * ending at it near the plot's edges), beside it, then a line further above or below at a time
 * (drawn with a leader to the diamond). The first two lines clear the diamond's box.
 */
function metamorphosisCandidates(cx: number, cy: number, text: string): TextLabel[] {
  const at = (x: number, y: number, anchor: TextLabel["anchor"]): TextLabel => ({ x, y, text, cls: "meta", anchor });
  const line = (y: number) => [at(cx, y, "middle"), at(cx - 6, y, "start"), at(cx + 6, y, "end")];
  const [above, below, pitch] = [cy - 14, cy + 22, linePitch("meta")];
  const out = [...line(above), ...line(below), at(cx + 10, cy + 4, "start"), at(cx - 10, cy + 4, "end")];
  for (let k = 1; k <= 20; k++) out.push(...line(above - pitch * k), ...line(below + pitch * k));
  return out;
}

/** The metamorphoses grouped by epoch (in epoch order), each group with its one label's text and tooltip. */
function metamorphosisGroups(data: ChartData) {
  const byEpoch = new Map<number, ChartData["metamorphoses"]>();
  for (const m of data.metamorphoses) byEpoch.set(m.epoch, [...(byEpoch.get(m.epoch) ?? []), m]);
  return [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, ms]) => ({
      epoch,
      text: ms.length === 1 ? `#${ms[0].tokenId} ${ms[0].stage}` : `${ms.length} metamorphoses`,
      title: `epoch ${epoch}: ${ms.map((m) => `#${m.tokenId} ${m.stage}`).join(", ")}`,
    }));
}

export interface ChartLayout {
  frame: Frame;
  axis: PriceAxis;
  /** Ticks and axis titles. */
  axisLabels: TextLabel[];
  legend: LegendItem[];
  /** Per cohort (in data order): its placed label, or undefined when there was no room. */
  cohortLabels: (TextLabel | undefined)[];
  metamorphosisLabels: { epoch: number; title: string; label?: TextLabel }[];
}

/**
 * Where everything goes. The axes and the legend are fixed; the diamonds and price points are kept
 * clear; then each cohort label and each epoch's metamorphosis label takes its first free candidate
 * inside the plot (or the strip between legend and plot).
 */
export function chartLayout(data: ChartData): ChartLayout {
  const axis = data.priceAxis ?? ETH_USD;
  const f = frame(data, axis);
  const axes = axisLabels(f, axis).map(atTenth);
  const legend = legendItems(data, f.left).map((item) => ({ ...item, label: atTenth(item.label) }));
  const priceAt = new Map(data.epochs.map((e) => [e.epoch, e.price]));
  const yAt = (epoch: number) => f.y(priceAt.get(epoch) ?? f.ticks[0].value);
  const legendRow: Box = { left: f.left - 2, top: LEGEND_Y - 10, right: W, bottom: LEGEND_Y + 10 };
  const taken: Box[] = [
    ...axes.map(labelBox),
    ...legend.map((l) => labelBox(l.label)),
    legendRow,
    ...data.metamorphoses.map((m) => diamondBox(f.x(m.epoch), yAt(m.epoch))),
    ...data.epochs.flatMap((e) => (e.price === null ? [] : [pointBox(f.x(e.epoch), f.y(e.price))])),
  ];
  const area: Box = { left: f.left, right: f.right, top: legendRow.bottom, bottom: f.bottom };
  const cohortLabels = data.cohorts.map((c) => placeLabel(cohortCandidates(f, c.epoch, c.label), taken, area));
  const metamorphosisLabels = metamorphosisGroups(data).map((g) => ({
    epoch: g.epoch,
    title: g.title,
    label: placeLabel(metamorphosisCandidates(f.x(g.epoch), yAt(g.epoch), g.text), taken, area),
  }));
  return { frame: f, axis, axisLabels: axes, legend, cohortLabels, metamorphosisLabels };
}

// ----------------------------------------------------------------------------------------------
// Drawing
// ----------------------------------------------------------------------------------------------

/** A label as SVG: `<text>` at its anchor, turned upright when vertical. */
export function textSvg(l: TextLabel): string {
  const at = l.vertical ? `transform="translate(${n(l.x)} ${n(l.y)}) rotate(-90)"` : `x="${n(l.x)}" y="${n(l.y)}"`;
  return `<text ${at} text-anchor="${l.anchor}" class="${l.cls}">${esc(l.text)}</text>`;
}

const CHART_CSS = `.tick{font:${FONT_PX.tick}px system-ui,sans-serif;fill:#bbb}.axis{font:${FONT_PX.axis}px system-ui,sans-serif;fill:#ddd}.cohort{font:${FONT_PX.cohort}px system-ui,sans-serif;fill:#9fe6c8;paint-order:stroke;stroke:#181818;stroke-width:3px}.meta{font:${FONT_PX.meta}px system-ui,sans-serif;fill:#ffc2ee;paint-order:stroke;stroke:#181818;stroke-width:3px}.legend-text{font:${FONT_PX["legend-text"]}px system-ui,sans-serif;fill:#eee}`;

/** The mood bands, the price grid, the axes and their labels. */
function backgroundSvg(data: ChartData, layout: ChartLayout): string[] {
  const f = layout.frame;
  const out = data.epochs.map(
    (e) =>
      `<rect class="mood-band" data-epoch="${e.epoch}" data-mood="${esc(e.mood)}" x="${n(f.left + e.epoch * f.band)}" y="${f.top}" width="${n(f.band)}" height="${f.bottom - f.top}" fill="${MOOD_COLOURS[e.mood] ?? "#555"}" fill-opacity=".42"><title>epoch ${e.epoch}: ${esc(e.mood)}${e.price === null ? "" : `, move ${e.moveBps} bps`}</title></rect>`,
  );
  for (const t of f.ticks)
    out.push(
      `<line x1="${f.left}" x2="${f.right}" y1="${n(f.y(t.value))}" y2="${n(f.y(t.value))}" stroke="#fff" stroke-opacity=".12"/>`,
    );
  for (let e = 0; e <= f.last; e += f.epochStep)
    out.push(`<line x1="${n(f.x(e))}" x2="${n(f.x(e))}" y1="${f.bottom}" y2="${f.bottom + 4}" stroke="#aaa"/>`);
  out.push(`<line x1="${f.left}" x2="${f.right}" y1="${f.bottom}" y2="${f.bottom}" stroke="#aaa"/>`);
  out.push(`<g class="axis-labels">${layout.axisLabels.map(textSvg).join("")}</g>`);
  return out;
}

/** A thin line from a diamond to its label when the label sits more than a line away from it. */
function leaderSvg(cx: number, cy: number, l: TextLabel): string {
  const diamond = diamondBox(cx, cy);
  const box = labelBox(l);
  if (box.bottom > diamond.top - 8 && box.top < diamond.bottom + 8) return "";
  const [from, to] = box.bottom <= diamond.top ? [diamond.top, box.bottom] : [diamond.bottom, box.top];
  return `<line class="leader" x1="${n(cx)}" x2="${n(cx)}" y1="${n(from)}" y2="${n(to)}" stroke="#ffc2ee" stroke-opacity=".55"/>`;
}

/** The cohort lines, the price line and points, the diamonds, then every placed label on top. */
function marksSvg(data: ChartData, layout: ChartLayout): string[] {
  const f = layout.frame;
  const priced = data.epochs.filter((e): e is ChartEpoch & { price: number } => e.price !== null);
  const priceAt = new Map(priced.map((e) => [e.epoch, e.price]));
  const out = data.cohorts.map(
    (c) =>
      `<g class="cohort-marker" data-epoch="${c.epoch}"><line x1="${n(f.x(c.epoch))}" x2="${n(f.x(c.epoch))}" y1="${f.top}" y2="${f.bottom}" stroke="#9fe6c8" stroke-width="1.5" stroke-dasharray="5 4"/><title>${esc(c.label)}: hatched at epoch ${c.epoch}</title></g>`,
  );
  out.push(
    `<polyline class="price-line" fill="none" stroke="#f4f4f4" stroke-width="2.5" stroke-linejoin="round" points="${priced.map((e) => `${n(f.x(e.epoch))},${n(f.y(e.price))}`).join(" ")}"/>`,
  );
  for (const e of priced)
    out.push(
      `<circle class="price-point" data-epoch="${e.epoch}" cx="${n(f.x(e.epoch))}" cy="${n(f.y(e.price))}" r="3.5" fill="#f4f4f4"><title>epoch ${e.epoch}: ${layout.axis.prefix}${priceLabel(e.price)}, move ${e.moveBps} bps, ${esc(e.mood)}</title></circle>`,
    );
  for (const m of data.metamorphoses) {
    const [cx, cy] = [f.x(m.epoch), f.y(priceAt.get(m.epoch) ?? f.ticks[0].value)];
    out.push(
      `<g class="metamorphosis-marker" data-epoch="${m.epoch}" data-token-id="${m.tokenId}"><path d="M${n(cx)} ${n(cy - 8)}l7 8l-7 8l-7 -8z" fill="#ff7ad9" stroke="#111" stroke-width="1.5"/><title>epoch ${m.epoch}: token #${m.tokenId} metamorphosed into ${esc(m.stage)}</title></g>`,
    );
  }
  layout.cohortLabels.forEach((l, i) => {
    const c = data.cohorts[i];
    if (l)
      out.push(
        `<g class="cohort-label" data-epoch="${c.epoch}">${textSvg(l)}<title>${esc(c.label)}: hatched at epoch ${c.epoch}</title></g>`,
      );
  });
  for (const g of layout.metamorphosisLabels) {
    if (!g.label) continue;
    const [cx, cy] = [f.x(g.epoch), f.y(priceAt.get(g.epoch) ?? f.ticks[0].value)];
    out.push(
      `<g class="metamorphosis-label" data-epoch="${g.epoch}">${leaderSvg(cx, cy, g.label)}${textSvg(g.label)}<title>${esc(g.title)}</title></g>`,
    );
  }
  return out;
}

export function priceChartSvg(data: ChartData, title = "Price path, moods, cohorts and metamorphoses"): string {
  const layout = chartLayout(data);
  const legend = layout.legend
    .map(
      (l) => `<g class="${l.cls}"><g transform="translate(${n(l.x)} ${LEGEND_Y})">${l.mark}</g>${textSvg(l.label)}</g>`,
    )
    .join("");
  return `<svg id="price-chart" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="price-chart-title"><title id="price-chart-title">${esc(title)}</title>
<style>${CHART_CSS}</style>
<g class="legend">${legend}</g>
${[...backgroundSvg(data, layout), ...marksSvg(data, layout)].join("\n")}
</svg>`;
}
