import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Resvg } from "@resvg/resvg-js";

import type { LivingAssetRenderer, OrganismArt } from "../../typechain-types";
import { RESVG_FONT, svgToPng } from "../../tasks/lib/render";
import { advance, deployWorld, mintAndReveal } from "../helpers/fixture";
import { samples } from "../helpers/random";
import { decodeDataUri, decodeJson, deployRenderer, tokenParams, Stage, type PhenotypeOverrides } from "./helpers";

/**
 * What a person sees of a token's life in its picture: the six vitality bands, the tank of its
 * identity, its age and its temperament, and a caption that never covers the creature. Every
 * image comes from `tokenURI` (the renderer's, or the collection's for the cohort test), decoded.
 */

const OUT = path.join(__dirname, "..", "..", "test-output", "vitality");
const IDENTITY_MASK = (1n << 48n) - 1n;

interface GenomeSpec {
  palette?: number;
  body?: number;
  hue?: number;
  pattern?: number;
  symmetry?: number;
  size?: number; // 0..24: sizePct 88..112
  stretch?: number; // 0..26: stretchPct 88..114
  lobe?: number;
  limbs?: number;
  eyes?: number; // field value: eyes = 1 + eyes % 3
  curl?: number;
  salt?: bigint;
}

/** A genome with the given gene fields (bit table in contracts/libraries/Genome.sol). */
function genomeOf(g: GenomeSpec): bigint {
  const f = (v: number | undefined, d: number, at: bigint) => BigInt(v ?? d) << at;
  return (
    f(g.palette, 2, 0n) |
    f(g.body, 0, 16n) |
    f(g.hue, 24, 32n) |
    f(g.pattern, 0, 48n) |
    f(g.symmetry, 2, 64n) |
    f(g.size, 12, 80n) |
    f(g.stretch, 13, 96n) |
    f(g.lobe, 8, 112n) |
    f(g.limbs, 1, 128n) |
    f(g.eyes, 1, 144n) |
    f(g.curl, 10, 160n) |
    ((g.salt ?? 0n) << 176n)
  );
}

/** The tank hash the renderer draws the frame, ground, shafts and plants from. */
function tankOf(genome: bigint): bigint {
  return BigInt(
    ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "string"], [genome & IDENTITY_MASK, "tank"])),
  );
}

async function svgOf(renderer: LivingAssetRenderer, o: PhenotypeOverrides, name = "Vivarium", id = 7n) {
  const json = decodeJson(await renderer.tokenURI(tokenParams(id, o, name)));
  return decodeDataUri(json.image, "image/svg+xml");
}

/** RGBA pixels of `svg` at `width` px, the caption in its font (as the gallery's PNGs). */
function pixels(svg: string, width = 256): Buffer {
  return new Resvg(svg, { fitTo: { mode: "width", value: width }, font: RESVG_FONT }).render().pixels;
}

/** Share of pixels whose largest channel difference is over 24/255. */
function differingShare(a: Buffer, b: Buffer): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    let d = 0;
    for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(a[i + c] - b[i + c]));
    if (d > 24) n++;
  }
  return n / (a.length / 4);
}

/** The element with `id='<id>'`, whole (its children too; none of the ids used nests its own tag). */
function element(svg: string, id: string): string | undefined {
  const at = svg.indexOf(`id='${id}'`);
  if (at < 0) return undefined;
  const open = svg.lastIndexOf("<", at);
  const tag = svg.slice(open + 1).match(/^[a-zA-Z]+/)![0];
  const end = svg.indexOf(">", at);
  if (svg[end - 1] === "/") return svg.slice(open, end + 1);
  const close = svg.indexOf(`</${tag}>`, at);
  return svg.slice(open, close + tag.length + 3);
}

const BANDS = [
  { vitality: 10_000, file: "100", name: "Thriving" },
  { vitality: 7_500, file: "075", name: "Healthy" },
  { vitality: 5_000, file: "050", name: "Tired" },
  { vitality: 2_500, file: "025", name: "Weak" },
  { vitality: 1_000, file: "010", name: "Fading" },
  { vitality: 0, file: "000", name: "Withered" },
];

/** What each band shows, read from the SVG: bubbles, lids (half or three quarters), droop, closed eyes, cracks, grey. */
function markers(svg: string) {
  const lid = element(svg, "lid");
  return {
    bubbles: svg.includes("id='bub'"),
    // The lid's arc: the small arc (flag 0) closes half the eye, the large one (1) three quarters.
    lids: lid === undefined ? "none" : / 0 0 1 -?\d/.test(lid.replace(/A\d+,\d+/, "")) ? "half" : "three-quarters",
    droop: /id='cr'[^>]*scale\([0-9.]+ [0-9.]+\)/.test(svg),
    eyesClosed: !element(svg, "e")!.includes("<circle"),
    cracks: svg.includes("id='crk'"),
    grey: /id='cr' filter='url\(#gy\)'/.test(svg),
  };
}

describe("LivingAssetRenderer: the art shows a life", function () {
  async function fixture() {
    const renderer = await deployRenderer();
    const organismArt = (await ethers.getContractAt(
      "OrganismArt",
      await renderer.organismArt(),
    )) as unknown as OrganismArt;
    return { renderer, organismArt };
  }

  const adult = (o: PhenotypeOverrides = {}): PhenotypeOverrides => ({
    stage: Stage.Adult,
    mood: 0,
    temperament: 0,
    birthEpoch: 3,
    currentEpoch: 13,
    genome: genomeOf({ body: 1, palette: 2 }),
    ...o,
  });

  it("tokenURI shows six vitality bands, each unlike its neighbours (PNGs in test-output/vitality)", async function () {
    const { renderer } = await loadFixture(fixture);
    fs.mkdirSync(OUT, { recursive: true });
    const svgs: string[] = [];
    for (const b of BANDS) {
      const svg = await svgOf(renderer, adult({ vitality: b.vitality }));
      svgs.push(svg);
      fs.writeFileSync(path.join(OUT, `vitality-${b.file}.png`), svgToPng(svg, 512));
    }
    const seen = svgs.map(markers);
    expect(seen).to.deep.equal([
      { bubbles: true, lids: "none", droop: false, eyesClosed: false, cracks: false, grey: false },
      { bubbles: false, lids: "none", droop: false, eyesClosed: false, cracks: false, grey: false },
      { bubbles: false, lids: "half", droop: false, eyesClosed: false, cracks: false, grey: false },
      { bubbles: false, lids: "three-quarters", droop: true, eyesClosed: false, cracks: false, grey: false },
      { bubbles: false, lids: "none", droop: true, eyesClosed: true, cracks: false, grey: false },
      { bubbles: false, lids: "none", droop: true, eyesClosed: true, cracks: true, grey: true },
    ]);
    // At a glance: neighbouring bands differ on a visible share of the picture, not a pixel or two.
    const px = svgs.map((s) => pixels(s));
    const shares: string[] = [];
    for (let i = 1; i < px.length; i++) {
      const share = differingShare(px[i - 1], px[i]);
      expect(share, `${BANDS[i - 1].name} -> ${BANDS[i].name}`).to.be.greaterThan(0.01);
      shares.push(`${BANDS[i - 1].name}->${BANDS[i].name} ${(share * 100).toFixed(1)}%`);
    }
    console.log(`      pixels that differ between neighbouring bands: ${shares.join(", ")}`);
  });

  it("the band boundaries are 85 / 65 / 40 / 20 / 5 %", async function () {
    const { renderer } = await loadFixture(fixture);
    const at = async (v: number) => markers(await svgOf(renderer, adult({ vitality: v })));
    expect((await at(8_500)).bubbles).to.equal(true);
    expect((await at(8_499)).bubbles).to.equal(false);
    expect((await at(6_500)).lids).to.equal("none");
    expect((await at(6_499)).lids).to.equal("half");
    expect((await at(4_000)).lids).to.equal("half");
    expect((await at(3_999)).lids).to.equal("three-quarters");
    expect((await at(2_000)).eyesClosed).to.equal(false);
    expect((await at(1_999)).eyesClosed).to.equal(true);
    expect((await at(500)).cracks).to.equal(false);
    expect((await at(499)).cracks).to.equal(true);
  });

  it("the caption is drawn in a font the PNGs carry: its plaque shows text", async function () {
    const { renderer } = await loadFixture(fixture);
    const svg = await svgOf(renderer, adult({ vitality: 7_500 }));
    expect(svg).to.match(/<g id='plq' font-family='DejaVu Sans Mono,monospace'/);
    const withFont = pixels(svg, 512);
    const noFont = new Resvg(svg, { fitTo: { mode: "width", value: 512 }, font: { loadSystemFonts: false } }).render()
      .pixels;
    // Inside the plaque (x 14.., y 12..44) the text's pixels differ from the bare plaque's.
    let differ = 0;
    for (let y = 14; y < 42; y++)
      for (let x = 20; x < 140; x++) {
        const i = (y * 512 + x) * 4;
        if (Math.abs(withFont[i] - noFont[i]) > 60) differ++;
      }
    expect(differ).to.be.greaterThan(100);
  });

  it("two tokens of different identity genes live in different tanks; a metamorphosis keeps the tank", async function () {
    const { renderer } = await loadFixture(fixture);
    const frames = new Set<string>();
    const grounds = new Set<string>();
    let a: bigint | undefined;
    let b: bigint | undefined;
    for (let palette = 0; palette < 10 && (a === undefined || b === undefined); palette++) {
      for (let body = 0; body < 5; body++) {
        const g = genomeOf({ palette, body });
        const t = tankOf(g);
        if (a === undefined) a = g;
        else if (b === undefined && t % 4n !== tankOf(a) % 4n && (t >> 8n) % 4n !== (tankOf(a) >> 8n) % 4n) b = g;
      }
    }
    const svgA = await svgOf(renderer, adult({ genome: a! }));
    const svgB = await svgOf(renderer, adult({ genome: b! }));
    expect(element(svgA, "frame")).to.not.equal(element(svgB, "frame"));
    const sand = (s: string) => s.match(/<linearGradient id='sand'.*?<\/linearGradient>/)![0];
    expect(sand(svgA)).to.not.equal(sand(svgB));
    // Identity only: the same identity genes with every other gene remixed keep frame, ground, shafts and plants.
    const remixed =
      (a! & IDENTITY_MASK) | (genomeOf({ palette: 0, body: 0, hue: 0, size: 3, eyes: 2, salt: 99n }) & ~IDENTITY_MASK);
    const svgA2 = await svgOf(renderer, adult({ genome: remixed }));
    expect(element(svgA2, "frame")).to.equal(element(svgA, "frame"));
    expect(sand(svgA2)).to.equal(sand(svgA));
    expect(element(svgA2, "shafts")).to.equal(element(svgA, "shafts"));
    // Over many identities every frame and every ground appears.
    for (let k = 0; k < 40; k++) {
      const g = BigInt(ethers.keccak256(ethers.toUtf8Bytes(`identity ${k}`)));
      const s = await svgOf(renderer, adult({ genome: g }));
      frames.add(element(s, "frame")!);
      grounds.add(sand(s));
    }
    expect(frames.size).to.equal(4);
    expect(grounds.size).to.equal(4);
  });

  it("age shows: whiskers at 6, 16 and 40 epochs, and 1% growth per 5 epochs up to 10%", async function () {
    const { renderer } = await loadFixture(fixture);
    const whiskers = async (age: number) => {
      const svg = await svgOf(renderer, adult({ vitality: 7_500, birthEpoch: 2, currentEpoch: 2 + age }));
      const wh = element(svg, "wh");
      const scale = Number(svg.match(/id='cr'[^>]*scale\(([0-9.]+)\)/)![1]);
      return { pairs: wh === undefined ? 0 : (wh.match(/M-18,/g) ?? []).length, scale };
    };
    const rows = new Map<number, { pairs: number; scale: number }>();
    for (const age of [0, 5, 6, 15, 16, 39, 40, 50, 200]) rows.set(age, await whiskers(age));
    expect([...rows.values()].map((r) => r.pairs)).to.deep.equal([0, 0, 1, 1, 2, 2, 3, 3, 3]);
    const base = rows.get(0)!.scale;
    expect(rows.get(5)!.scale / base).to.be.closeTo(1.01, 0.0002);
    expect(rows.get(50)!.scale / base).to.be.closeTo(1.1, 0.0002);
    expect(rows.get(200)!.scale).to.equal(rows.get(50)!.scale);
  });

  it("temperament shows in brows, mouth and tilt", async function () {
    const { renderer } = await loadFixture(fixture);
    const faces = [];
    for (let t = 0; t < 4; t++) {
      const svg = await svgOf(renderer, adult({ vitality: 7_500, temperament: t }));
      faces.push({
        brows: element(svg, "br"),
        tilt: svg.match(/id='cr'[^>]*rotate\((-?\d+)\)/)![1],
      });
    }
    expect(new Set(faces.map((f) => f.brows)).size).to.equal(4);
    expect(faces.map((f) => f.tilt)).to.deep.equal(["0", "-3", "5", "-6"]);
  });

  it("OrganismArt.draw, called directly with vitality over 100%, draws the 100% creature", async function () {
    const { organismArt } = await loadFixture(fixture);
    const genome = genomeOf({ body: 2, size: 12, stretch: 13, lobe: 7, limbs: 1, eyes: 1, curl: 10, symmetry: 1 });
    const full = await organismArt.draw(genome, 10_000, 3, 1, 20);
    expect([...(await organismArt.draw(genome, 65_535, 3, 1, 20))]).to.deep.equal([...full]);
    expect([...(await organismArt.draw(genome, 9_999, 3, 1, 20))]).to.not.deep.equal([...full]);
  });

  it("the caption's plaque never overlaps the creature (largest bodies, oldest, every stage, tilt and band)", async function () {
    const { renderer, organismArt } = await loadFixture(fixture);
    const name = "W".repeat(64); // cut to 48 bytes on the plaque: its widest caption
    let checked = 0;
    let closest = Infinity;
    const failures: string[] = [];
    // Under coverage (instrumented art, ten times slower) every 8th combination; in full otherwise.
    const stride = samples(1, 8);
    let index = 0;
    // Every body, stage and temperament (tilt), thriving (bright halo, bubbles) and withered (most
    // tilted); every symmetry (limb directions) where the limbs are longest.
    for (let body = 0; body < 5; body++)
      for (let stage = 1; stage <= 4; stage++)
        for (let symmetry = 0; symmetry < (stage >= 3 ? 5 : 1); symmetry++)
          for (let t = 0; t < 4; t++)
            for (const vitality of [10_000, 0]) {
              if (index++ % stride !== 0) continue;
              const genome = genomeOf({ body, size: 24, stretch: 26, lobe: 15, limbs: 2, eyes: 2, curl: 27, symmetry });
              const o = adult({ stage, temperament: t, vitality, genome, birthEpoch: 0, currentEpoch: 80 });
              const svg = await svgOf(renderer, o, name, 999_999n);
              const rect = svg.match(/<g id='plq'[^>]*><rect x='(\d+)' y='(\d+)' width='(\d+)' height='(\d+)'/)!;
              const [px, py, pw, ph] = rect.slice(1).map(Number);
              const drawn = await organismArt.draw(genome, vitality, stage, t, 80);
              const defs = svg.slice(svg.indexOf("<defs>"), svg.indexOf("</defs>") + 7);
              expect(svg).to.contain(drawn.body);
              const only = `${svg.slice(0, svg.indexOf("<defs>"))}${defs}${drawn.body}</svg>`;
              const pix = new Resvg(only, { fitTo: { mode: "width", value: 512 } }).render().pixels;
              // The creature's bounding box: every pixel at least a quarter opaque (its faint outer halo aside).
              let top = 512;
              let left = 512;
              for (let y = 0; y < 512; y++)
                for (let x = 0; x < 512; x++)
                  if (pix[(y * 512 + x) * 4 + 3] >= 64) {
                    top = Math.min(top, y);
                    left = Math.min(left, x);
                  }
              const clear = top >= py + ph || left >= px + pw;
              if (!clear)
                failures.push(
                  `body ${body} stage ${stage} symmetry ${symmetry} temperament ${t} vitality ${vitality}: top ${top} left ${left}`,
                );
              closest = Math.min(closest, Math.max(top - (py + ph), left - (px + pw)));
              checked++;
            }
    console.log(`      ${checked} creatures, the closest is ${closest} px clear of the plaque`);
    expect(failures, failures.join("\n")).to.deep.equal([]);
  });

  it("temperament differs within one reveal cohort: tokenURI's Temperament, at birth and after a mixed market", async function () {
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 12);
    const temperaments = async () => {
      const out: string[] = [];
      for (let id = 1; id <= 12; id++) {
        const json = decodeJson(await w.collection.tokenURI(id));
        out.push(json.attributes.find((a: { trait_type: string }) => a.trait_type === "Temperament").value);
      }
      return out;
    };
    const atBirth = await temperaments();
    expect(new Set(atBirth).size, atBirth.join(", ")).to.be.greaterThan(1);
    const P = (usd: number) => BigInt(Math.round(usd * 1e8));
    for (const p of [3000, 3300, 3000, 3300, 3000, 3150]) await advance(w, P(p));
    const later = await temperaments();
    expect(new Set(later).size, later.join(", ")).to.be.greaterThan(1);
  });
});
