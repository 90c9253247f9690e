/**
 * Writes the sample art pack, packs/tide-pool: six slots of SVG layers and two pixel-art layers
 * (PNG, 32 x 32) drawn by this script (no model was used: every layer's provenance says so, origin
 * "human", tool this script). Run:
 * `npx ts-node --transpile-only scripts/make-sample-pack.ts [folder]` (default packs/tide-pool).
 */
import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import type { PackManifest, Slot } from "../tasks/lib/pack/pack";

const C = 320; // canvas
const TOOL = { origin: "human" as const, tool: "make-sample-pack.ts", toolVersion: "1.0" };

/** A vertical gradient background with its own id. */
const sky = (id: string, top: string, bottom: string) =>
  `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
  `<rect width="${C}" height="${C}" fill="url(#${id})"/>` +
  `<path d="M0 270 Q80 250 160 268 T320 262 V320 H0 Z" fill="#d8c7a0" opacity="0.85"/>`;

const bubbles = (fill: string) =>
  [
    [52, 80, 6],
    [70, 60, 4],
    [262, 96, 5],
    [250, 70, 3],
  ]
    .map(
      ([x, y, r]) =>
        `<circle cx="${x}" cy="${y}" r="${r}" fill="none" stroke="${fill}" stroke-width="1.5" opacity="0.7"/>`,
    )
    .join("");

const body = (d: string, fill: string) =>
  `<path d="${d}" fill="${fill}" stroke="#1d1d2b" stroke-width="3" stroke-linejoin="round"/>`;

const FILES: Record<string, string> = {
  "background/lagoon.svg": sky("bg-lagoon", "#5fb7d4", "#1f4e79") + bubbles("#e8f6ff"),
  "background/dusk.svg": sky("bg-dusk", "#b58bd6", "#3b2460") + bubbles("#f3e6ff"),
  "background/kelp.svg":
    sky("bg-kelp", "#7cc49a", "#1e5a44") +
    `<path d="M40 320 C30 250 60 220 44 150 M280 320 C296 240 262 210 282 140" stroke="#2f7d4f" stroke-width="8" fill="none" stroke-linecap="round"/>`,
  "background/sand.svg": sky("bg-sand", "#f4e3b5", "#c9a86a"),
  "background/storm.svg":
    sky("bg-storm", "#5d6470", "#20242c") +
    `<path d="M210 20 L190 80 H212 L186 140" stroke="#fff6a8" stroke-width="5" fill="none" stroke-linejoin="round"/>`,
  "body/round.svg": body(
    "M160 110 C225 110 240 160 236 200 C232 245 200 262 160 262 C120 262 88 245 84 200 C80 160 95 110 160 110 Z",
    "#f08a5d",
  ),
  "body/tall.svg": body(
    "M160 80 C205 80 214 140 212 200 C210 250 190 264 160 264 C130 264 110 250 108 200 C106 140 115 80 160 80 Z",
    "#6fc2b0",
  ),
  "body/star.svg": body(
    "M160 96 L184 160 L248 168 L198 208 L214 262 L160 232 L106 262 L122 208 L72 168 L136 160 Z",
    "#f6c85f",
  ),
  "body/drop.svg": body(
    "M160 86 C186 140 232 170 232 212 C232 246 200 264 160 264 C120 264 88 246 88 212 C88 170 134 140 160 86 Z",
    "#9d7fe0",
  ),
  "body/egg.svg": body(
    "M160 130 C200 130 222 190 222 222 C222 252 194 266 160 266 C126 266 98 252 98 222 C98 190 120 130 160 130 Z",
    "#f3efe0",
  ),
  "pattern/dots.svg": [
    [130, 170, 7],
    [188, 180, 9],
    [150, 225, 6],
    [200, 230, 5],
  ]
    .map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="#1d1d2b" opacity="0.25"/>`)
    .join(""),
  "pattern/bands.svg": `<path d="M100 190 Q160 176 220 190 M98 222 Q160 208 222 222" stroke="#1d1d2b" stroke-width="6" fill="none" opacity="0.22" stroke-linecap="round"/>`,
  "pattern/plain.svg": `<ellipse cx="138" cy="150" rx="20" ry="10" fill="#ffffff" opacity="0.35"/>`,
  "pattern/none.svg": `<g/>`,
  "eyes/two.svg": `<circle cx="140" cy="180" r="11" fill="#ffffff" stroke="#1d1d2b" stroke-width="3"/><circle cx="180" cy="180" r="11" fill="#ffffff" stroke="#1d1d2b" stroke-width="3"/><circle cx="142" cy="182" r="5" fill="#1d1d2b"/><circle cx="182" cy="182" r="5" fill="#1d1d2b"/>`,
  "eyes/three.svg": `<circle cx="130" cy="184" r="9" fill="#ffffff" stroke="#1d1d2b" stroke-width="3"/><circle cx="160" cy="172" r="10" fill="#ffffff" stroke="#1d1d2b" stroke-width="3"/><circle cx="190" cy="184" r="9" fill="#ffffff" stroke="#1d1d2b" stroke-width="3"/><circle cx="131" cy="186" r="4" fill="#1d1d2b"/><circle cx="161" cy="174" r="4" fill="#1d1d2b"/><circle cx="191" cy="186" r="4" fill="#1d1d2b"/>`,
  "eyes/wide.svg": `<ellipse cx="138" cy="182" rx="15" ry="12" fill="#ffffff" stroke="#1d1d2b" stroke-width="3"/><ellipse cx="182" cy="182" rx="15" ry="12" fill="#ffffff" stroke="#1d1d2b" stroke-width="3"/><circle cx="141" cy="185" r="6" fill="#1d1d2b"/><circle cx="185" cy="185" r="6" fill="#1d1d2b"/>`,
  "eyes/closed.svg": `<path d="M128 184 Q140 192 152 184 M168 184 Q180 192 192 184" stroke="#1d1d2b" stroke-width="3" fill="none" stroke-linecap="round"/>`,
  "eyes/hidden.svg": `<g/>`,
  "accessory/none.svg": `<g/>`,
  "accessory/shell.svg": `<path d="M196 118 Q214 96 232 118 Z" fill="#f7b5c8" stroke="#1d1d2b" stroke-width="2.5"/>`,
  "accessory/sprout.svg": `<path d="M160 110 V88" stroke="#2f7d4f" stroke-width="4" stroke-linecap="round"/><path d="M160 92 Q144 78 134 86 Q146 98 160 92 Z M160 92 Q176 78 186 86 Q174 98 160 92 Z" fill="#58b368"/>`,
  "accessory/crown.svg": `<path d="M128 104 L136 76 L150 94 L160 70 L170 94 L184 76 L192 104 Z" fill="#ffd24a" stroke="#1d1d2b" stroke-width="3" stroke-linejoin="round"/>`,
  "aura/warm.svg": `<ellipse cx="160" cy="268" rx="78" ry="10" fill="#1d1d2b" opacity="0.18"/>`,
  "aura/cool.svg": `<ellipse cx="160" cy="268" rx="70" ry="9" fill="#0b2a40" opacity="0.22"/>`,
  "aura/sunbeams.svg": `<path d="M20 0 L70 120 M90 0 L110 110 M300 0 L250 120" stroke="#fff3b0" stroke-width="10" opacity="0.35" stroke-linecap="round"/>`,
  "aura/rain.svg": `<path d="M40 20 L30 50 M90 40 L80 70 M240 26 L230 56 M290 60 L280 90 M150 10 L140 40" stroke="#cfe3ff" stroke-width="3" opacity="0.7" stroke-linecap="round"/>`,
};

/** Sprites for the pixel layers: one letter a pixel (`.` clear), placed at (x, y) on a 32 x 32 grid. */
const SPRITES: Record<
  string,
  { at: [number, number]; colours: Record<string, [number, number, number]>; rows: string[] }
> = {
  "accessory/crab.png": {
    at: [21, 5],
    colours: { R: [224, 80, 58], K: [29, 29, 43] },
    rows: [".R......R.", "RR......RR", ".R.RRRR.R.", "..RRRRRR..", ".RRKRRKRR.", "RR.RRRR.RR", ".R......R."],
  },
  "accessory/starfish.png": {
    at: [3, 4],
    colours: { Y: [246, 200, 95], O: [224, 138, 42] },
    rows: ["....Y....", "...YYY...", "YYYYYYYYY", ".YYYOYYY.", "..YYYYY..", "..YY.YY..", ".YY...YY.", "YY.....YY"],
  },
};

/** A 32 x 32 PNG of `sprite`, clear around it. */
function spritePng(sprite: (typeof SPRITES)[string]): Buffer {
  const png = new PNG({ width: 32, height: 32 });
  png.data.fill(0);
  sprite.rows.forEach((row, dy) =>
    [...row].forEach((ch, dx) => {
      if (ch === ".") return;
      const i = 4 * ((sprite.at[1] + dy) * 32 + sprite.at[0] + dx);
      png.data.set([...sprite.colours[ch], 255], i);
    }),
  );
  return PNG.sync.write(png);
}

const v = (name: string, file: string, weight: number) => ({ name, weight, file, ...TOOL });

const SLOTS: Slot[] = [
  {
    name: "background",
    gene: 3,
    variants: [
      v("Lagoon", "background/lagoon.svg", 4),
      v("Dusk", "background/dusk.svg", 2),
      v("Kelp", "background/kelp.svg", 3),
      v("Sand", "background/sand.svg", 1),
      v("Storm", "background/storm.svg", 0),
    ],
    live: [{ when: { mood: ["stormy"] }, use: "Storm" }],
  },
  {
    name: "body",
    gene: 1,
    variants: [
      v("Round", "body/round.svg", 3),
      v("Tall", "body/tall.svg", 3),
      v("Star", "body/star.svg", 1),
      v("Drop", "body/drop.svg", 2),
      v("Egg", "body/egg.svg", 0),
    ],
    live: [{ when: { stage: ["egg"] }, use: "Egg" }],
  },
  {
    name: "pattern",
    gene: 4,
    variants: [
      v("Dots", "pattern/dots.svg", 2),
      v("Bands", "pattern/bands.svg", 2),
      v("Plain", "pattern/plain.svg", 1),
      v("None", "pattern/none.svg", 0),
    ],
    live: [{ when: { stage: ["egg"] }, use: "None" }],
  },
  {
    name: "eyes",
    gene: 9,
    variants: [
      v("Two", "eyes/two.svg", 4),
      v("Three", "eyes/three.svg", 1),
      v("Wide", "eyes/wide.svg", 2),
      v("Closed", "eyes/closed.svg", 0),
      v("Hidden", "eyes/hidden.svg", 0),
    ],
    live: [
      { when: { stage: ["egg"] }, use: "Hidden" },
      { when: { vitalityBelow: 20 }, use: "Closed" },
    ],
  },
  {
    name: "accessory",
    gene: 5,
    variants: [
      v("None", "accessory/none.svg", 3),
      v("Shell", "accessory/shell.svg", 1),
      v("Sprout", "accessory/sprout.svg", 1),
      v("Crown", "accessory/crown.svg", 0),
      v("Pixel Crab", "accessory/crab.png", 1),
      v("Pixel Starfish", "accessory/starfish.png", 1),
    ],
    live: [
      { when: { stage: ["egg"] }, use: "None" },
      { when: { generationAtLeast: 1 }, use: "Crown" },
    ],
  },
  {
    name: "aura",
    gene: 0,
    variants: [
      v("Warm", "aura/warm.svg", 1),
      v("Cool", "aura/cool.svg", 1),
      v("Sunbeams", "aura/sunbeams.svg", 0),
      v("Rain", "aura/rain.svg", 0),
    ],
    live: [
      { when: { mood: ["sunny"] }, use: "Sunbeams" },
      { when: { mood: ["stormy"] }, use: "Rain" },
    ],
  },
];

/** Writes the pack into `dir` (replacing it). */
export function makeSamplePack(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [file, svg] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), `${svg}\n`);
  }
  for (const [file, sprite] of Object.entries(SPRITES)) fs.writeFileSync(path.join(dir, file), spritePng(sprite));
  const manifest: PackManifest = {
    format: "vivarium-pack/1",
    name: "Tide Pool",
    creator: "Vivarium (sample, drawn by a script)",
    license: "CC0-1.0",
    canvas: C,
    slots: SLOTS,
  };
  fs.writeFileSync(path.join(dir, "pack.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "packs", "tide-pool"));
  makeSamplePack(dir);
  console.log(`Wrote the sample pack to ${path.relative(process.cwd(), dir) || "."}`);
}
