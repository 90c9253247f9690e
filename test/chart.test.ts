import { expect } from "chai";
import fc from "fast-check";
import {
  FONT_PX,
  labelBox,
  overlaps,
  priceChartSvg,
  type Box,
  type ChartData,
  type LabelClass,
  type TextLabel,
} from "../tasks/lib/chart";

// The gallery's price chart (tasks/lib/chart.ts, issue 22): its labels never overlap. Every <text>
// of the SVG is read back from the markup and boxed with the geometry the chart places labels
// with (labelBox); the browser test checks the same on the boxes Chromium draws.

const VIEW: Box = { left: 0, top: 0, right: 1000, bottom: 380 };
const MOODS = ["Calm", "Sunny", "Stormy"] as const;
const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!);

/** Every <text> of the SVG as the label it draws: anchor point, class, text-anchor and turn. */
function textsOf(svg: string): TextLabel[] {
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(m[1])?.[1];
    const turn = /^translate\(([-\d.]+) ([-\d.]+)\) rotate\(-90\)$/.exec(attr("transform") ?? "");
    const cls = attr("class") as LabelClass;
    expect(FONT_PX, `a text of class ${cls} has no font size in the chart's geometry`).to.have.property(cls);
    return {
      x: Number(turn ? turn[1] : attr("x")),
      y: Number(turn ? turn[2] : attr("y")),
      text: unescape(m[2]),
      cls,
      anchor: attr("text-anchor") as TextLabel["anchor"],
      vertical: turn !== null,
    };
  });
}

/** The pairs of texts whose boxes overlap, and the texts not wholly inside the viewBox. */
function collisions(svg: string): { overlapping: string[]; outside: string[] } {
  const labels = textsOf(svg).map((l) => ({ l, box: labelBox(l) }));
  const overlapping: string[] = [];
  labels.forEach((a, i) =>
    labels
      .slice(i + 1)
      .filter((b) => overlaps(a.box, b.box))
      .forEach((b) => overlapping.push(`"${a.l.text}" / "${b.l.text}"`)),
  );
  const outside = labels
    .filter(
      ({ box }) => box.left < VIEW.left || box.top < VIEW.top || box.right > VIEW.right || box.bottom > VIEW.bottom,
    )
    .map(({ l }) => l.text);
  return { overlapping, outside };
}

const count = (svg: string, cls: string) => svg.split(`class="${cls}"`).length - 1;

/** A path of `epochs` priced epochs (epoch 0 unpriced), prices from `priceOf`. */
function path(epochs: number, priceOf: (e: number) => number): ChartData["epochs"] {
  return Array.from({ length: epochs + 1 }, (_, e) => ({
    epoch: e,
    price: e === 0 ? null : priceOf(e),
    moveBps: 0,
    mood: MOODS[e % 3],
  }));
}

/** Many cohorts at adjacent (and shared) epochs, metamorphoses piled on adjacent epochs, prices near the top. */
const CROWDED: ChartData = {
  epochs: path(40, (e) => 9_000 + 1_500 * Math.sin(e / 2) + (e % 2) * 700),
  cohorts: [3, 4, 4, 5, 6, 7, 7, 8, 20, 21, 22, 39].map((epoch, i) => ({
    label: `cohort ${i}: alice ×4, bob ×2, carol ×11`,
    epoch,
  })),
  metamorphoses: [17, 17, 17, 18, 18, 19, 20, 21, 22, 23, 24, 24, 25, 26, 27, 28, 0, 1, 40, 40].map((epoch, i) => ({
    tokenId: 100 + i,
    epoch,
    stage: i % 2 ? "Ascended" : "Adult",
  })),
  moods: MOODS,
};

describe("price chart labels (tasks/lib/chart.ts)", () => {
  it("priceChartSvg places crowded cohort and metamorphosis labels with no two boxes overlapping, all inside the chart", () => {
    const svg = priceChartSvg(CROWDED);
    const { overlapping, outside } = collisions(svg);
    expect(overlapping, "overlapping label pairs").to.deep.equal([]);
    expect(outside, "labels outside the viewBox").to.deep.equal([]);
    // Every mark is still drawn; one label per metamorphosis epoch, each placed (even at the plot's
    // edges); cohort labels where there is room (9 of these 12: the others keep their tooltip).
    expect(count(svg, "cohort-marker")).to.equal(CROWDED.cohorts.length);
    expect(count(svg, "metamorphosis-marker")).to.equal(CROWDED.metamorphoses.length);
    expect(count(svg, "metamorphosis-label")).to.equal(new Set(CROWDED.metamorphoses.map((m) => m.epoch)).size);
    expect(count(svg, "cohort-label")).to.be.within(9, CROWDED.cohorts.length);
  });

  it("priceChartSvg merges the metamorphoses of one epoch into one label naming how many, the tooltip listing each", () => {
    const svg = priceChartSvg(CROWDED);
    const at17 = /<g class="metamorphosis-label" data-epoch="17">(.*?)<\/g>/.exec(svg)?.[1] ?? "";
    expect(at17).to.match(/>3 metamorphoses<\/text>/);
    expect(at17).to.include("<title>epoch 17: #100 Adult, #101 Ascended, #102 Adult</title>");
    expect(svg.match(/<g class="metamorphosis-label" data-epoch="17">/g)).to.have.length(1);
  });

  it("priceChartSvg labels every cohort and metamorphosis of a demo-sized path", () => {
    const data: ChartData = {
      epochs: path(32, (e) => 3_000 + 60 * (e < 10 ? e : 20 - e) * (e < 20 ? 1 : 0.3)),
      cohorts: [0, 6, 12, 25].map((epoch, i) => ({ label: `cohort ${i}: dave ×3, alice ×2`, epoch })),
      metamorphoses: [5, 11, 17, 18, 24, 26, 30].map((epoch, i) => ({ tokenId: i + 1, epoch, stage: "Ascended" })),
      moods: MOODS,
    };
    const svg = priceChartSvg(data);
    expect(collisions(svg).overlapping).to.deep.equal([]);
    expect(count(svg, "cohort-label")).to.equal(4);
    expect(count(svg, "metamorphosis-label")).to.equal(7);
  });

  it("priceChartSvg names the price axis's currency: USD per ETH, ticks in dollars", () => {
    const svg = priceChartSvg(CROWDED);
    const texts = textsOf(svg);
    expect(texts.find((t) => t.vertical)?.text).to.equal("USD per ETH");
    const ticks = texts.filter((t) => t.cls === "tick" && t.anchor === "end").map((t) => t.text);
    expect(ticks.length).to.be.greaterThan(2);
    for (const t of ticks) expect(t).to.match(/^\$\d{1,3}(,\d{3})*$/);
    expect(svg).to.not.include("feed price");
  });

  it("priceChartSvg never overlaps labels, whatever the path, cohorts and metamorphoses (property)", () => {
    const data = fc.integer({ min: 1, max: 90 }).chain((last) =>
      fc.record({
        prices: fc.array(fc.double({ min: 1, max: 2e6, noNaN: true }), { minLength: last, maxLength: last }),
        cohorts: fc.array(
          fc.record({ epoch: fc.integer({ min: 0, max: last }), holders: fc.integer({ min: 1, max: 4 }) }),
          {
            maxLength: 14,
          },
        ),
        metamorphoses: fc.array(fc.integer({ min: 0, max: last }), { maxLength: 30 }),
      }),
    );
    fc.assert(
      fc.property(data, ({ prices, cohorts, metamorphoses }) => {
        const svg = priceChartSvg({
          epochs: path(prices.length, (e) => prices[e - 1]),
          cohorts: cohorts.map((c, i) => ({
            label: `cohort ${i}: ${["alice ×4", "bob ×12", "carol ×3", "dave ×100"].slice(0, c.holders).join(", ")}`,
            epoch: c.epoch,
          })),
          metamorphoses: metamorphoses.map((epoch, i) => ({ tokenId: i + 1, epoch, stage: "Ascended" })),
          moods: MOODS,
        });
        expect(collisions(svg)).to.deep.equal({ overlapping: [], outside: [] });
      }),
      { numRuns: 300 },
    );
  });
});
