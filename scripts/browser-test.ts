/**
 * Browser test of the demo gallery: opens out/demo/index.html (written by `npm run demo`) over
 * file:// in headless Chromium (playwright-core, system /usr/bin/chromium) at a 1,366 px wide
 * viewport, checks that every image decoded, that the page shows every token the demo minted with
 * its holder's name, that the price chart drew every epoch, reveal cohort and metamorphosis the demo
 * recorded (out/demo/demo.json) with a legend of the moods, that no two of its text labels
 * overlap and its price axis names its currency, that the cohorts grew at least three different
 * temperaments, that each card shows only what differs between tokens (what all share is shown
 * once above the grid), that the card grid uses the width (no empty band on the right) and that
 * nothing scrolls sideways, at 1,366 px and at 390 px; saves test-output/gallery-1366.png,
 * gallery-390.png (full pages) and gallery-chart.png (the chart at 1,366 px). The demo's other
 * collections in the same World: the main page links each one's gallery, each page shows every one
 * of its tokens, and every collection ended at the World's epoch.
 *
 *   npx ts-node --transpile-only scripts/browser-test.ts [gallery dir]
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { labelBox, overlaps, type Box as LabelBox, type LabelClass } from "../tasks/lib/chart";
import { check, tally } from "./lib/checks";

const ROOT = path.resolve(__dirname, "..");
const GALLERY = path.resolve(process.argv[2] ?? path.join(ROOT, "out", "demo"));
const PAGE = path.join(GALLERY, "index.html");
const DEMO_JSON = path.join(GALLERY, "demo.json");
const SHOTS = path.join(ROOT, "test-output");
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The DOM properties read in the page (tsconfig has no "dom" lib). */
interface Img {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
  decode(): Promise<void>;
  getAttribute(name: string): string | null;
}
interface Box {
  offsetWidth: number;
  offsetHeight: number;
}

interface Overflow {
  scrollWidth: number;
  clientWidth: number;
}

interface DemoSummary {
  epochs: number;
  tokenIds: number[];
  storyTokens: number[];
  metamorphoses: { tokenId: number; epoch: number }[];
  holders: { name: string; address: string; quantity: number; mintedAtEpoch: number }[];
  cohorts?: { epoch: number }[];
  history?: { epoch: number; price: number | null; mood: string }[];
  tokens?: { tokenId: number; holder: string; temperament: string; mood: string }[];
  world?: { address: string; epoch: number };
  collections?: {
    symbol: string;
    name: string;
    tokens: number;
    epoch: number;
    gallery: string;
    /** The art pack drawing the collection, if one does. */
    pack?: { name: string; dir: string; hash: string; renderer: string };
  }[];
  outOfStep?: number;
}

const VIEWPORT = { width: 1366, height: 900 };
/** A phone's width: the page still fits, and is screenshot. */
const NARROW = { width: 390, height: 844 };
const MOODS = ["Calm", "Sunny", "Stormy"];

/** Each token's holder's name, as the demo recorded it. */
const holdersOf = (demo: DemoSummary) => new Map((demo.tokens ?? []).map((t) => [t.tokenId, t.holder]));

/** Every <img> loaded and decoded; no failed request, no console error. */
async function checkImages(page: Page, failures: { requests: string[]; console: string[] }): Promise<void> {
  // Every <img>: loaded and decoded (naturalWidth > 0; decode() rejects on a broken image).
  const images = await page.$$eval("img", (imgs) =>
    Promise.all(
      imgs.map(async (img) => {
        const el = img as unknown as Img;
        let decoded = true;
        try {
          await el.decode();
        } catch {
          decoded = false;
        }
        return {
          src: el.getAttribute("src") ?? "",
          complete: el.complete,
          naturalWidth: el.naturalWidth,
          naturalHeight: el.naturalHeight,
          decoded,
        };
      }),
    ),
  );
  const broken = images.filter((i) => !i.complete || !i.decoded || i.naturalWidth === 0);
  check(
    `all ${images.length} images decoded (naturalWidth > 0)`,
    images.length > 0 && broken.length === 0,
    broken.map((b) => b.src).join(", "),
  );
  check(
    "no failed file requests, no console errors",
    failures.requests.length === 0 && failures.console.length === 0,
    [...failures.requests, ...failures.console].join("; "),
  );
}

/** The token grid: one card per token the demo minted, each with its own 256 px image. */
async function checkGrid(page: Page, demo: DemoSummary | null): Promise<void> {
  // Every token: one card per token, ids 1..N, N = the demo's minted count = data-token-count (totalSupply).
  const grid = await page.$eval("#tokens", (g) => ({
    declared: Number(g.getAttribute("data-token-count")),
    cards: [...g.querySelectorAll("figure.card")].map((c) => ({
      id: Number(c.getAttribute("data-token-id")),
      src: c.querySelector("img")?.getAttribute("src") ?? "",
      width: (c.querySelector("img") as unknown as Img | null)?.naturalWidth ?? 0,
      visible: (c as unknown as Box).offsetWidth > 0 && (c as unknown as Box).offsetHeight > 0,
    })),
  }));
  const expected = demo ? demo.tokenIds.length : grid.declared;
  check(
    `token grid shows every token (${grid.cards.length} cards, demo minted ${demo ? demo.tokenIds.length : "?"}, data-token-count ${grid.declared})`,
    grid.cards.length === expected && grid.declared === expected && expected > 0,
  );
  const ids = grid.cards.map((c) => c.id).sort((a, b) => a - b);
  const wantIds = demo ? [...demo.tokenIds].sort((a, b) => a - b) : Array.from({ length: expected }, (_, i) => i + 1);
  check(
    "cards carry token ids 1..N, each with its own 256px image",
    JSON.stringify(ids) === JSON.stringify(wantIds) &&
      grid.cards.every((c) => c.src === `tokens/token-${c.id}.png` && c.width === 256 && c.visible),
  );
}

/** The life-story strips: one per story token, named by its holder, captions in the units' convention, every mood. */
async function checkStories(page: Page, demo: DemoSummary): Promise<void> {
  const holders = holdersOf(demo);
  const stories = await page.$$eval("section.story", (ss) =>
    ss.map((s) => ({
      title: s.querySelector("h3")?.textContent ?? "",
      frames: s.querySelectorAll("img").length,
      captions: [...s.querySelectorAll("figcaption")].map((c) => c.textContent ?? ""),
    })),
  );
  check(
    `life stories: ${stories.length} strips for tokens ${demo.storyTokens.join(", ")}`,
    stories.length === demo.storyTokens.length && stories.every((s) => s.frames > 0),
    JSON.stringify(stories.map((s) => [s.title, s.frames])),
  );
  const holderInTitle = (title: string) => holders.get(Number(/#(\d+)/.exec(title)?.[1])) ?? "?";
  check(
    "strips name their holder; captions give vitality in % and ages in epochs",
    stories.every((s) => s.title.includes(`held by ${holderInTitle(s.title)}`)) &&
      stories.every((s) => s.captions.every((c) => /vitality \d+(\.\d+)?%/.test(c) && /age \d+ epochs?/.test(c))),
    JSON.stringify(stories.map((s) => [s.title, s.captions[0]])),
  );
  const captionMoods = new Set(stories.flatMap((s) => s.captions.map((c) => MOODS.find((m) => c.includes(m)))));
  check(
    `life stories show every mood (${[...captionMoods].join(", ")})`,
    MOODS.every((m) => captionMoods.has(m)),
  );
}

/** What the token grid shows: each card's rows and note, and the block of what every token shares. */
interface ShownCards {
  cards: { id: number; rows: Record<string, string>; rowCount: number; note: string }[];
  shared: { rows: Record<string, string>; keys: string[]; notes: string[] } | null;
}

async function readCards(page: Page): Promise<ShownCards> {
  return page.$eval("body", (body) => {
    const block = body.querySelector("#shared-attributes");
    const sharedKeys = block ? [...block.querySelectorAll("dt")].map((dt) => dt.textContent ?? "") : [];
    const sharedValues = block ? [...block.querySelectorAll("dd")].map((dd) => dd.textContent ?? "") : [];
    return {
      cards: [...body.querySelectorAll("#tokens figure.card")].map((c) => {
        const rows: Record<string, string> = {};
        const trs = [...c.querySelectorAll("tr")];
        for (const tr of trs) {
          const [k, v] = [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "");
          rows[k] = v;
        }
        return {
          id: Number(c.getAttribute("data-token-id")),
          rows,
          rowCount: trs.length,
          note: c.querySelector(".note")?.textContent ?? "",
        };
      }),
      shared: block
        ? {
            rows: Object.fromEntries(sharedKeys.map((k, i) => [k, sharedValues[i]])),
            keys: sharedKeys,
            notes: [...block.querySelectorAll(".note")].map((n) => n.textContent ?? ""),
          }
        : null,
    };
  });
}

/** A token's value for `key`: on its card, or in the block of what every token shares. */
const shownValue = (shown: ShownCards, card: ShownCards["cards"][number], key: string): string | undefined =>
  card.rows[key] ?? shown.shared?.rows[key];

/** The cards: the holder's name as owner, vitality in %, age in epochs, one row for the stage; at least three temperaments. */
async function checkCards(page: Page, demo: DemoSummary): Promise<void> {
  const holders = holdersOf(demo);
  // Cards (or the block of what all tokens share): the holder's name as owner, vitality in %, age in
  // epochs, one row for the stage, the temperament explained.
  const shown = await readCards(page);
  const { cards } = shown;
  const value = (c: (typeof cards)[number], key: string) => shownValue(shown, c, key) ?? "";
  const tokens = new Map((demo.tokens ?? []).map((t) => [t.tokenId, t]));
  const badCards = cards.filter(
    (c) =>
      value(c, "Owner") !== holders.get(c.id) ||
      !/^\d+(\.\d+)?%$/.test(value(c, "Vitality")) ||
      !/^\d+ epochs?$/.test(value(c, "Age")) ||
      "Stage Level" in c.rows ||
      !/^\w+ \(level \d of \d\)$/.test(value(c, "Stage")) ||
      ![c.note, ...(shown.shared?.notes ?? [])].some((n) => n.startsWith(`${value(c, "Temperament")}: `)),
  );
  check(
    "cards: owner is the holder's name, vitality in %, age in epochs, stage in one row, temperament explained",
    tokens.size === cards.length && badCards.length === 0,
    JSON.stringify(badCards.slice(0, 3)),
  );

  // Temperaments: the cohorts hatched into different markets (checked only on a run long enough to shape them).
  const temperaments = new Set(cards.map((c) => value(c, "Temperament")));
  const cardsMatchDemo = cards.every((c) => value(c, "Temperament") === tokens.get(c.id)?.temperament);
  if (demo.epochs >= 16)
    check(
      `at least 3 distinct temperaments (${[...temperaments].join(", ")}), as phenotypeOf reported in demo.json`,
      temperaments.size >= 3 && cardsMatchDemo,
    );
  else console.log(`  skip temperament variety: the demo lived only ${demo.epochs} epochs`);
}

/** The final tokenURI of each token in uris.json, decoded: its attributes' names. */
function tokenUriTraits(): Map<number, string[]> {
  const uris = JSON.parse(fs.readFileSync(path.join(GALLERY, "uris.json"), "utf8")) as {
    tokenURIs: { tokenId: number; uri: string }[];
  };
  const traits = new Map<number, string[]>();
  for (const { tokenId, uri } of uris.tokenURIs) {
    const body = uri.slice(uri.indexOf(",") + 1);
    const json = uri.slice(0, uri.indexOf(",")).endsWith(";base64")
      ? Buffer.from(body, "base64").toString("utf8")
      : decodeURIComponent(body);
    const meta = JSON.parse(json) as { attributes?: { trait_type: string }[] };
    traits.set(
      tokenId,
      (meta.attributes ?? []).map((a) => a.trait_type).filter((t) => t !== "Stage Level"),
    );
  }
  return traits;
}

/**
 * Each card shows only the attributes whose values differ between tokens; those all tokens share
 * are in one block above the grid, each once, with the notes (temperaments explained) several
 * cards would repeat; and nothing is lost: every attribute of a token's
 * tokenURI is on its card or in that block, never both.
 */
async function checkCardRows(page: Page, label: string, withUris: boolean): Promise<void> {
  const shown = await readCards(page);
  const { cards, shared } = shown;
  const onCards = [...new Set(cards.flatMap((c) => Object.keys(c.rows)))];
  const alike = onCards.filter((k) => cards.every((c) => c.rows[k] !== undefined && c.rows[k] === cards[0].rows[k]));
  const sharedKeys = shared?.keys ?? [];
  const twice = sharedKeys.filter((k, i) => sharedKeys.indexOf(k) !== i || onCards.includes(k));
  const counts = cards.map((c) => c.rowCount);
  const repeatedNotes = cards.map((c) => c.note).filter((n, i, all) => n && all.indexOf(n) !== i);
  check(
    `${label}: cards show only what differs (${Math.min(...counts)}-${Math.max(...counts)} rows: ${onCards.join(", ")}); all ${cards.length} share ${sharedKeys.length} shown once above the grid (${sharedKeys.map((k) => `${k} ${shared?.rows[k]}`).join(", ")}), with ${shared?.notes.length ?? 0} note(s) no card repeats`,
    cards.length < 2 ||
      (shared !== null && sharedKeys.length > 0 && alike.length === 0 && twice.length === 0 && !repeatedNotes.length),
    JSON.stringify({ alike, twice, repeatedNotes }),
  );
  if (!withUris) return;
  const lost: string[] = [];
  for (const [tokenId, traits] of tokenUriTraits()) {
    const card = cards.find((c) => c.id === tokenId);
    for (const t of traits) if (!card || t in card.rows === sharedKeys.includes(t)) lost.push(`#${tokenId} ${t}`);
  }
  check(
    `${label}: every attribute of the tokenURIs read (${tokenUriTraits().size} tokens) is on its card or in the shared block, once`,
    lost.length === 0 && tokenUriTraits().size > 0,
    lost.join(", "),
  );
}

/** The price chart: its line, a point per priced epoch, the mood bands, the cohort and metamorphosis markers, the legend. */
async function checkChart(page: Page, demo: DemoSummary): Promise<void> {
  // The price chart: an inline <svg> with the price line, a point per priced epoch, a mood band per
  // epoch, a marker per reveal cohort and per metamorphosis, and a legend naming the three moods.
  const history = demo.history ?? [];
  const chart = await page.$eval("svg#price-chart", (svg) => {
    const box = (
      svg as unknown as { getBoundingClientRect(): { width: number; height: number } }
    ).getBoundingClientRect();
    const epochsOf = (sel: string) => [...svg.querySelectorAll(sel)].map((e) => Number(e.getAttribute("data-epoch")));
    return {
      width: box.width,
      height: box.height,
      line: (svg.querySelector(".price-line")?.getAttribute("points") ?? "").trim().split(/\s+/).length,
      points: epochsOf(".price-point"),
      bands: [...svg.querySelectorAll(".mood-band")].map((b) => b.getAttribute("data-mood") ?? ""),
      cohorts: epochsOf(".cohort-marker"),
      metamorphoses: epochsOf(".metamorphosis-marker"),
      legend: [...svg.querySelectorAll(".legend .legend-mood")].map((g) => g.textContent ?? ""),
    };
  });
  const priced = history.filter((h) => h.price !== null).map((h) => h.epoch);
  check(
    `chart drawn (${Math.round(chart.width)}x${Math.round(chart.height)} px) with its price line through ${chart.line} points`,
    chart.width > 0 && chart.height > 0 && chart.line === priced.length && priced.length === demo.epochs,
    JSON.stringify({ line: chart.line, priced: priced.length }),
  );
  check(
    `chart: ${chart.points.length} epoch points, ${chart.bands.length} mood bands as recorded in demo.json`,
    JSON.stringify(chart.points) === JSON.stringify(priced) &&
      JSON.stringify(chart.bands) === JSON.stringify(history.map((h) => h.mood)),
  );
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const wantCohorts = (demo.cohorts ?? []).map((c) => c.epoch);
  check(
    `chart: ${chart.cohorts.length} cohort markers, ${chart.metamorphoses.length} metamorphosis markers`,
    chart.cohorts.length > 0 &&
      JSON.stringify(sorted(chart.cohorts)) === JSON.stringify(sorted(wantCohorts)) &&
      JSON.stringify(sorted(chart.metamorphoses)) === JSON.stringify(sorted(demo.metamorphoses.map((m) => m.epoch))),
    JSON.stringify({ cohorts: chart.cohorts, metamorphoses: chart.metamorphoses }),
  );
  check(
    `chart legend names the moods (${chart.legend.join(", ")}) and the path lived through all of them`,
    JSON.stringify(chart.legend) === JSON.stringify(MOODS) && MOODS.every((m) => chart.bands.includes(m)),
  );
}

/** A chart text as drawn: its attributes (to box it with the chart's geometry) and the box Chromium gives it. */
interface DrawnText {
  text: string;
  x: number;
  y: number;
  cls: string;
  anchor: string;
  transform: string;
  rect: { left: number; top: number; right: number; bottom: number };
}

/**
 * The chart's text labels: no two of them overlap (the boxes Chromium draws, pairwise); each lies
 * within the box the chart's geometry placed it by (labelBox, so the placement's estimate holds for
 * this font); the price axis names its currency (USD per ETH, ticks in dollars).
 */
async function checkChartLabels(page: Page): Promise<void> {
  const drawn = await page.$eval("svg#price-chart", (svg) => {
    type Rect = { left: number; top: number; right: number; bottom: number; width: number; height: number };
    const rectOf = (e: unknown) => (e as { getBoundingClientRect(): Rect }).getBoundingClientRect();
    const r = rectOf(svg);
    return {
      svg: { left: r.left, top: r.top, width: r.width, height: r.height },
      texts: [...svg.querySelectorAll("text")].map((t) => {
        const b = rectOf(t);
        return {
          text: t.textContent ?? "",
          x: Number(t.getAttribute("x")),
          y: Number(t.getAttribute("y")),
          cls: t.getAttribute("class") ?? "",
          anchor: t.getAttribute("text-anchor") ?? "start",
          transform: t.getAttribute("transform") ?? "",
          rect: { left: b.left, top: b.top, right: b.right, bottom: b.bottom },
        };
      }),
    };
  });
  const { texts } = drawn;
  const overlapping: string[] = [];
  texts.forEach((a, i) =>
    texts.slice(i + 1).forEach((b) => overlaps(a.rect, b.rect) && overlapping.push(`"${a.text}" / "${b.text}"`)),
  );
  check(
    `chart: no two of its ${texts.length} text labels overlap (bounding boxes, pairwise)`,
    texts.length > 10 && overlapping.length === 0,
    overlapping.join("; "),
  );
  // The same labels boxed as the chart placed them, in screen pixels: each drawn box lies inside.
  const scale = drawn.svg.width / 1000;
  const placed = (t: DrawnText): LabelBox => {
    const turn = /^translate\(([-\d.]+) ([-\d.]+)\) rotate\(-90\)$/.exec(t.transform);
    const [x, y] = turn ? [Number(turn[1]), Number(turn[2])] : [t.x, t.y];
    const box = labelBox({
      x,
      y,
      text: t.text,
      cls: t.cls as LabelClass,
      anchor: t.anchor as "start",
      vertical: !!turn,
    });
    const at = (v: number, origin: number) => origin + v * scale;
    return {
      left: at(box.left, drawn.svg.left),
      right: at(box.right, drawn.svg.left),
      top: at(box.top, drawn.svg.top),
      bottom: at(box.bottom, drawn.svg.top),
    };
  };
  const outside = texts.filter((t) => {
    const p = placed(t);
    return (
      t.rect.left < p.left - 0.5 ||
      t.rect.right > p.right + 0.5 ||
      t.rect.top < p.top - 0.5 ||
      t.rect.bottom > p.bottom + 0.5
    );
  });
  check(
    "chart: every label drawn inside the box its placement reserved (labelBox's estimate holds for this font)",
    outside.length === 0,
    outside.map((t) => `"${t.text}" ${JSON.stringify(t.rect)} vs ${JSON.stringify(placed(t))}`).join("; "),
  );
  const axisTitle = texts.find((t) => t.transform.includes("rotate(-90)"))?.text ?? "";
  const priceTicks = texts.filter((t) => t.cls === "tick" && t.anchor === "end").map((t) => t.text);
  check(
    `chart: the price axis names its currency ("${axisTitle}", ticks ${priceTicks.join(" ")})`,
    axisTitle === "USD per ETH" &&
      priceTicks.length > 1 &&
      priceTicks.every((t) => /^\$\d{1,3}(,\d{3})*(\.\d+)?$/.test(t)),
  );
}

/**
 * The card grid uses the page's width: its columns reach the grid's right edge (no band wider than
 * one gap), and the grid's edges are the page's margins, the same on both sides.
 */
async function checkGridWidth(page: Page): Promise<void> {
  const g = await page.$eval("#tokens", (grid) => {
    type Rect = { left: number; right: number; width: number };
    const rectOf = (e: unknown) => (e as { getBoundingClientRect(): Rect }).getBoundingClientRect();
    const style = (globalThis as unknown as { getComputedStyle(e: unknown): { columnGap: string } }).getComputedStyle(
      grid,
    );
    const cards = [...grid.querySelectorAll("figure.card")].map(rectOf);
    const root = grid.ownerDocument.documentElement as unknown as { clientWidth: number };
    return {
      grid: rectOf(grid),
      cardsLeft: Math.min(...cards.map((c) => c.left)),
      cardsRight: Math.max(...cards.map((c) => c.right)),
      columns: new Set(cards.map((c) => Math.round(c.left))).size,
      cardWidth: cards[0]?.width ?? 0,
      gap: parseFloat(style.columnGap),
      viewport: root.clientWidth,
    };
  });
  const band = g.grid.right - g.cardsRight;
  const [leftMargin, rightMargin] = [g.cardsLeft, g.viewport - g.cardsRight];
  check(
    `at ${VIEWPORT.width}px the card grid uses the width: ${g.columns} columns of ${Math.round(g.cardWidth)}px, empty band right of the cards ${Math.round(band)}px (gap ${g.gap}px), margins ${Math.round(leftMargin)}/${Math.round(rightMargin)}px`,
    g.columns > 1 && band <= g.gap && Math.abs(rightMargin - leftMargin) <= g.gap,
  );
}

/** Nothing scrolls sideways at this width: not the document, not a life-story strip. */
async function checkOverflow(page: Page, width: number): Promise<void> {
  const overflow = await page.$eval("html", (root) => {
    const doc = root as unknown as Overflow;
    return {
      document: { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth },
      strips: [...root.querySelectorAll(".strip")].map((s) => {
        const o = s as unknown as Overflow;
        return { scrollWidth: o.scrollWidth, clientWidth: o.clientWidth };
      }),
    };
  });
  const wide = [overflow.document, ...overflow.strips].filter((o) => o.scrollWidth > o.clientWidth);
  check(
    `no horizontal overflow at ${width}px (document ${overflow.document.scrollWidth}/${overflow.document.clientWidth}, ${overflow.strips.length} strips)`,
    overflow.strips.length > 0 && wide.length === 0,
    JSON.stringify(wide),
  );
}

/**
 * The metadata URIs as the contracts return them, read the way a marketplace's web client does:
 * fetch the data: URI, parse the JSON, and draw its image (a utf8 SVG data URI).
 */
async function checkUris(page: Page): Promise<void> {
  const uris = JSON.parse(fs.readFileSync(path.join(GALLERY, "uris.json"), "utf8")) as {
    contractURI: string;
    tokenURIs: { tokenId: number; uri: string }[];
  };
  for (const { tokenId, uri } of [{ tokenId: 0, uri: uris.contractURI }, ...uris.tokenURIs]) {
    const drawn = await page.evaluate(async (u: string) => {
      const meta = (await (await fetch(u)).json()) as { name?: string; image?: string };
      type Img = { src: string; naturalWidth: number; naturalHeight: number; decode(): Promise<void> };
      const img = new (globalThis as unknown as { Image: new () => Img }).Image();
      img.src = meta.image ?? "";
      await img.decode();
      return { name: meta.name ?? "", width: img.naturalWidth, height: img.naturalHeight };
    }, uri);
    check(
      `${tokenId ? `tokenURI(${tokenId})` : "contractURI"} fetched and parsed in Chromium, its image drawn (${drawn.width}x${drawn.height})`,
      drawn.name.length > 0 && drawn.width > 0 && drawn.height > 0,
      JSON.stringify(drawn),
    );
  }
}

/** A screenshot under test-output/ (git-ignored): the full page, or one element; a real PNG. */
async function checkScreenshot(page: Page, name: string, selector?: string): Promise<void> {
  const file = path.join(SHOTS, name);
  fs.mkdirSync(SHOTS, { recursive: true });
  if (selector) await page.locator(selector).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
  const shot = fs.readFileSync(file);
  check(
    `screenshot ${path.relative(ROOT, file)} (${shot.readUInt32BE(16)}x${shot.readUInt32BE(20)})`,
    shot.subarray(1, 4).toString() === "PNG" && shot.length > 10_000,
  );
}

/**
 * The other collections of the same World: linked from the page, each gallery complete, and every
 * collection at the World's epoch when the demo ended (one advance moved them all).
 */
async function checkOtherCollections(page: Page, demo: DemoSummary | null): Promise<void> {
  const others = (demo?.collections ?? []).filter((c) => c.gallery !== "index.html");
  if (demo?.collections && demo.world) {
    const world = demo.world;
    check(
      `${demo.collections.length} collections in one World, each at its epoch ${world.epoch} (${demo.collections.map((c) => `${c.symbol} ${c.epoch}`).join(", ")}), never out of step`,
      demo.collections.length >= 2 &&
        world.epoch === demo.epochs &&
        demo.collections.every((c) => c.epoch === world.epoch) &&
        demo.outOfStep === 0,
    );
  }
  const links = await page.$$eval("p.links a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
  for (const other of others) {
    check(
      `the page links ${other.symbol}'s gallery (${other.gallery})`,
      links.includes(other.gallery),
      links.join(", "),
    );
    const file = path.join(GALLERY, other.gallery);
    const res = await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const shown = await page.$$eval("#tokens figure.card img", (imgs) =>
      Promise.all(
        imgs.map(async (img) => {
          const el = img as unknown as Img;
          try {
            await el.decode();
          } catch {
            return 0;
          }
          return el.naturalWidth;
        }),
      ),
    );
    check(
      `${other.symbol}'s gallery shows its ${other.tokens} tokens, every image decoded`,
      (res === null || res.ok()) && shown.length === other.tokens && shown.every((w) => w > 0),
      JSON.stringify(shown),
    );
    if (other.pack) await checkPackImages(page, other.symbol, other.pack.name, path.dirname(file));
    await checkScreenshot(page, `gallery-${other.symbol.toLowerCase()}-1366.png`);
    await checkCardRows(page, other.symbol, false);
  }
}

/**
 * A collection drawn by an art pack: the page says which pack, and its token images (decoded
 * above) differ from one another (each token's genome and life pick its own layers) and from every
 * image of the first collection (another look, in the same World).
 */
async function checkPackImages(page: Page, symbol: string, packName: string, dir: string): Promise<void> {
  const intro = await page.$eval("body", (b) => (b as unknown as { innerText: string }).innerText);
  check(`${symbol}'s gallery says it is drawn by the art pack "${packName}"`, intro.includes(`art pack "${packName}"`));
  const srcs = await page.$$eval("#tokens figure.card img", (imgs) => imgs.map((i) => i.getAttribute("src") ?? ""));
  const digest = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  const own = srcs.map((src) => digest(path.join(dir, src)));
  const first = fs
    .readdirSync(path.join(GALLERY, "tokens"))
    .filter((f) => f.endsWith(".png"))
    .map((f) => digest(path.join(GALLERY, "tokens", f)));
  check(
    `${symbol}'s ${own.length} pack images differ from one another and from the first collection's ${first.length}`,
    own.length >= 2 && new Set(own).size === own.length && own.every((h) => !first.includes(h)),
    `${new Set(own).size} distinct`,
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!fs.existsSync(PAGE)) throw new Error(`${PAGE} not found: run \`npm run demo\` first`);
  const demo: DemoSummary | null = fs.existsSync(DEMO_JSON)
    ? (JSON.parse(fs.readFileSync(DEMO_JSON, "utf8")) as DemoSummary)
    : null;

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const page = await browser.newPage({ viewport: VIEWPORT });
    const failures = { requests: [] as string[], console: [] as string[] };
    page.on("console", (m) => m.type() === "error" && failures.console.push(m.text()));
    page.on("pageerror", (e) => failures.console.push(e.message));
    page.on("requestfailed", (r) => failures.requests.push(`${r.url()} (${r.failure()?.errorText})`));

    const response = await page.goto(pathToFileURL(PAGE).href, { waitUntil: "load" });
    check("page loads over file://", response === null || response.ok(), `status ${response?.status()}`);
    check("title names the gallery", /gallery/i.test(await page.title()), await page.title());
    await checkImages(page, failures);
    await checkGrid(page, demo);
    if (demo) {
      await checkStories(page, demo);
      await checkCards(page, demo);
      await checkChart(page, demo);
      await checkChartLabels(page);
    }
    await checkCardRows(page, demo?.collections?.find((c) => c.gallery === "index.html")?.symbol ?? "gallery", true);
    await checkGridWidth(page);
    await checkOverflow(page, VIEWPORT.width);
    await checkUris(page);
    await checkScreenshot(page, "gallery-1366.png");
    await checkScreenshot(page, "gallery-chart.png", "svg#price-chart");
    await page.setViewportSize(NARROW);
    await checkOverflow(page, NARROW.width);
    await checkScreenshot(page, "gallery-390.png");
    await page.setViewportSize(VIEWPORT);
    await checkOtherCollections(page, demo);
  } finally {
    await browser?.close();
  }
  console.log(
    `browser: ${tally.passed} passed, ${tally.failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
  if (tally.failed > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`browser: ${err instanceof Error ? err.message : String(err)}`);
  console.log(`browser: ${tally.passed} passed, ${tally.failed + 1} failed`);
  process.exit(1);
});
