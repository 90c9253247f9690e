/**
 * Browser test of the demo gallery: opens out/gallery/index.html (written by `npm run demo`) over
 * file:// in headless Chromium (playwright-core, system /usr/bin/chromium), checks that every image
 * decoded and that the page shows every token the demo minted, and saves test-output/gallery.png.
 *
 *   npx ts-node --transpile-only scripts/browser-test.ts [gallery dir]
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";

const ROOT = path.resolve(__dirname, "..");
const GALLERY = path.resolve(process.argv[2] ?? path.join(ROOT, "out", "gallery"));
const PAGE = path.join(GALLERY, "index.html");
const DEMO_JSON = path.join(GALLERY, "demo.json");
const SCREENSHOT = path.join(ROOT, "test-output", "gallery.png");
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

let passed = 0;
let failed = 0;
function check(name: string, ok: boolean, detail = ""): void {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"} ${name}${!ok && detail ? `: ${detail}` : ""}`);
}

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

interface DemoSummary {
  epochs: number;
  tokenIds: number[];
  storyTokens: number[];
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
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    page.on("requestfailed", (r) => failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));

    const response = await page.goto(pathToFileURL(PAGE).href, { waitUntil: "load" });
    check("page loads over file://", response === null || response.ok(), `status ${response?.status()}`);
    check("title names the gallery", /gallery/i.test(await page.title()), await page.title());

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
      failedRequests.length === 0 && consoleErrors.length === 0,
      [...failedRequests, ...consoleErrors].join("; "),
    );

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

    if (demo) {
      const stories = await page.$$eval("section.story", (ss) =>
        ss.map((s) => ({ title: s.querySelector("h3")?.textContent ?? "", frames: s.querySelectorAll("img").length })),
      );
      check(
        `life stories: ${stories.length} strips for tokens ${demo.storyTokens.join(", ")}`,
        stories.length === demo.storyTokens.length && stories.every((s) => s.frames > 0),
        JSON.stringify(stories),
      );
    }

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const shot = fs.readFileSync(SCREENSHOT);
    check(
      `screenshot ${path.relative(ROOT, SCREENSHOT)} (${shot.readUInt32BE(16)}x${shot.readUInt32BE(20)})`,
      shot.subarray(1, 4).toString() === "PNG" && shot.length > 10_000,
    );
  } finally {
    await browser?.close();
  }
  console.log(`browser: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`browser: ${err instanceof Error ? err.message : String(err)}`);
  console.log(`browser: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
