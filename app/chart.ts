/** Small SVG line charts for the world's price and a token's vitality: no chart library needed. */

export interface Point {
  x: number;
  y: number;
  /** Fill of the point's dot (a mood colour), if any. */
  color?: string;
  label?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** A line through `points` scaled into a 600 x 200 box, with its y range labelled. */
export function lineChart(
  points: Point[],
  opts: { yLabel: (y: number) => string; xLabel: string; marker?: number },
): string {
  const W = 600;
  const H = 200;
  const pad = { l: 64, r: 12, t: 12, b: 28 };
  if (points.length === 0)
    return `<svg viewBox="0 0 ${W} ${H}" class="chart"><text x="10" y="20">no data yet</text></svg>`;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const sx = (x: number) => pad.l + ((x - x0) / Math.max(1, x1 - x0)) * (W - pad.l - pad.r);
  const sy = (y: number) => H - pad.b - ((y - y0) / (y1 - y0)) * (H - pad.t - pad.b);
  const path = points.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join("");
  const dots = points
    .filter((p) => p.color)
    .map(
      (p) =>
        `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3.5" fill="${p.color}">${p.label ? `<title>${esc(p.label)}</title>` : ""}</circle>`,
    )
    .join("");
  const marker =
    opts.marker === undefined
      ? ""
      : `<line class="marker" x1="${sx(opts.marker)}" x2="${sx(opts.marker)}" y1="${pad.t}" y2="${H - pad.b}"/>`;
  return (
    `<svg viewBox="0 0 ${W} ${H}" class="chart" role="img">` +
    `<text x="${pad.l - 6}" y="${pad.t + 10}" text-anchor="end">${esc(opts.yLabel(y1))}</text>` +
    `<text x="${pad.l - 6}" y="${H - pad.b}" text-anchor="end">${esc(opts.yLabel(y0))}</text>` +
    `<text x="${pad.l}" y="${H - 6}">${esc(`${opts.xLabel} ${x0}`)}</text>` +
    `<text x="${W - pad.r}" y="${H - 6}" text-anchor="end">${esc(String(x1))}</text>` +
    `<path d="${path}" fill="none" stroke="currentColor" stroke-width="2"/>${dots}${marker}</svg>`
  );
}
