import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import { deployRenderer, rasterize, seedOf, tokenParams, type PhenotypeOverrides } from "./helpers";

/**
 * The art must not change when the renderer is optimised: the SVG bytes may (shorter numbers,
 * shared defs), the pixels may not. `fixtures/art.json.gz` holds the SVG the renderer drew for
 * each phenotype below (1.2.0's art: vitality bands, tanks, age, temperament faces and the caption's
 * plaque, issue 22; before it 1.0.0's, with the Genome layout of 16-bit fields); this test renders
 * the same phenotypes now and
 * compares both rasterisations with resvg at 256 px.
 *
 * The measure: for every pixel, the largest difference over R, G, B and A (0..255). The images
 * pass if no pixel differs by more than MAX_CHANNEL_DIFF and at most MAX_DIFFERING_SHARE of the
 * pixels differ at all: a shortened number may move anti-aliasing by a hair along an edge, but no
 * shape, colour or layer may change (a 1 px wide edge shift at 256 px already touches ~0.4%).
 *
 * Regenerate the fixture only for a deliberate change of the art:
 * `ART_FIXTURE=write npx hardhat test test/renderer/pixels.test.ts`.
 */
const FIXTURE = path.join(__dirname, "fixtures", "art.json.gz");
const WIDTH = 256;
const MAX_CHANNEL_DIFF = 2;
const MAX_DIFFERING_SHARE = 0.001;

interface GenomeWant {
  palette?: number;
  body?: number;
  pattern?: number;
  symmetry?: number;
}

/** The gene (genome >> start) & 0xffff) % range, as `Genome.decode` reads it. */
const field = (g: bigint, start: bigint, range: bigint) => ((g >> start) & 0xffffn) % range;

/** The first seed of a fixed sequence whose genes match `want` (the same on every run). */
function genomeWith(want: GenomeWant, salt: bigint): bigint {
  for (let k = 0n; ; k++) {
    const g = seedOf(1000n + salt, k);
    if (want.palette !== undefined && field(g, 0n, 10n) !== BigInt(want.palette)) continue;
    if (want.body !== undefined && field(g, 16n, 5n) !== BigInt(want.body)) continue;
    if (want.pattern !== undefined && field(g, 48n, 6n) !== BigInt(want.pattern)) continue;
    if (want.symmetry !== undefined && field(g, 64n, 5n) !== BigInt(want.symmetry)) continue;
    return g;
  }
}

/** 28 phenotypes: the egg, every stage, mood, temperament, palette, body, pattern and symmetry,
 * thriving (100%), middling, neglected (closed eyes under 25%) and withered (0%). */
function cases(): Array<[string, PhenotypeOverrides]> {
  const out: Array<[string, PhenotypeOverrides]> = [["egg", { revealed: false }]];
  const vitalities = [10_000, 7_350, 2_000, 0];
  for (let p = 0; p < 10; p++) {
    const genome = genomeWith({ palette: p, body: p % 5, pattern: p % 6, symmetry: p % 5 }, BigInt(p));
    out.push([
      `palette-${p}`,
      { stage: 1 + (p % 4), mood: p % 3, temperament: (p + 1) % 4, vitality: vitalities[p % 4], genome },
    ]);
  }
  for (let b = 0; b < 5; b++) {
    const genome = genomeWith({ body: b, palette: (b * 3 + 1) % 10, pattern: (b + 3) % 6 }, 20n + BigInt(b));
    out.push([`ascended-body-${b}`, { stage: 4, mood: (b + 1) % 3, temperament: b % 4, vitality: 10_000, genome }]);
    out.push([`hatchling-body-${b}`, { stage: 1, mood: 2, temperament: (b + 2) % 4, vitality: 0, genome }]);
  }
  for (let m = 0; m < 3; m++) {
    const genome = genomeWith({ symmetry: (m + 2) % 5, pattern: 5 - m }, 30n + BigInt(m));
    out.push([`juvenile-mood-${m}`, { stage: 2, mood: m, temperament: m, vitality: 1_500, genome }]);
  }
  for (let t = 0; t < 4; t++) {
    const genome = genomeWith({ symmetry: t, palette: 9 - t }, 40n + BigInt(t));
    out.push([`adult-temperament-${t}`, { stage: 3, mood: t % 3, temperament: t, vitality: 9_000, genome }]);
  }
  return out;
}

async function renderAll(): Promise<Record<string, string>> {
  const renderer = await deployRenderer();
  const svgs: Record<string, string> = {};
  for (const [name, o] of cases()) {
    // seed differs from genome on purpose: the art follows the genome.
    const params = tokenParams(77n, { seed: seedOf(5n, 5n), ...o }, "Vivarium");
    svgs[name] = await renderer.svg(params);
  }
  return svgs;
}

function compare(before: string, after: string): { maxDiff: number; differing: number; total: number } {
  const a = rasterize(before, WIDTH).pixels;
  const b = rasterize(after, WIDTH).pixels;
  expect(b.length).to.equal(a.length);
  let maxDiff = 0;
  let differing = 0;
  for (let i = 0; i < a.length; i += 4) {
    let d = 0;
    for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(a[i + c] - b[i + c]));
    if (d > 0) differing++;
    if (d > maxDiff) maxDiff = d;
  }
  return { maxDiff, differing, total: a.length / 4 };
}

describe("LivingAssetRenderer art stays the same", function () {
  it(`renders every fixture phenotype within ${MAX_CHANNEL_DIFF}/255 per channel on at most ${MAX_DIFFERING_SHARE * 100}% of pixels`, async function () {
    const svgs = await loadFixture(renderAll);
    if (process.env.ART_FIXTURE === "write") {
      fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
      fs.writeFileSync(FIXTURE, zlib.gzipSync(JSON.stringify(svgs, null, 1), { level: 9 }));
    }
    const before = JSON.parse(zlib.gunzipSync(fs.readFileSync(FIXTURE)).toString("utf8")) as Record<string, string>;
    expect(Object.keys(svgs)).to.deep.equal(Object.keys(before));
    let worstDiff = 0;
    let worstShare = 0;
    let bytesBefore = 0;
    let bytesAfter = 0;
    for (const name of Object.keys(before)) {
      const { maxDiff, differing, total } = compare(before[name], svgs[name]);
      expect(maxDiff, `${name}: largest channel difference`).to.be.lessThanOrEqual(MAX_CHANNEL_DIFF);
      expect(differing / total, `${name}: share of pixels that differ`).to.be.lessThanOrEqual(MAX_DIFFERING_SHARE);
      worstDiff = Math.max(worstDiff, maxDiff);
      worstShare = Math.max(worstShare, differing / total);
      bytesBefore += ethers.toUtf8Bytes(before[name]).length;
      bytesAfter += ethers.toUtf8Bytes(svgs[name]).length;
    }
    console.log(
      `      ${Object.keys(before).length} phenotypes: worst channel difference ${worstDiff}, worst share of differing pixels ${(worstShare * 100).toFixed(3)}%; SVG bytes ${bytesBefore} -> ${bytesAfter}`,
    );
  });
});
