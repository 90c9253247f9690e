import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import { deployRenderer, rasterize, seedOf, tokenParams, Stage, Mood } from "./helpers";
import { samples } from "../helpers/random";

const TOKENS = samples(200, 12);
const RENDER = 128; // px, rasterised by resvg
const CELL = 2; // box-downscale factor: compare 64x64 images
const THRESHOLD = 24; // max channel difference a viewer notices at a glance
const MIN_DIFFERENT_FRACTION = 0.05; // of the image, for a pair to count as visibly different

/**
 * Fairness of the measure: both images are box-filtered 2x2 first, so one-pixel shifts of
 * anti-aliased edges (which no collector would call "different art") do not count; a pixel
 * then counts as different only if some RGB channel moves by more than 24/255, about the
 * smallest step that reads as a different colour; and a pair counts as visibly different
 * when over 5% of the image (205 of 4096 cells, e.g. a 14x14 patch) differs. Background,
 * mood, stage and vitality are held equal, so only the genome can make the difference.
 */
function downscale(pixels: Buffer, size: number): Uint8Array {
  const out = size / CELL;
  const res = new Uint8Array(out * out * 3);
  for (let y = 0; y < out; y++) {
    for (let x = 0; x < out; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = 0; dy < CELL; dy++)
          for (let dx = 0; dx < CELL; dx++) sum += pixels[((y * CELL + dy) * size + x * CELL + dx) * 4 + c];
        res[(y * out + x) * 3 + c] = Math.round(sum / (CELL * CELL));
      }
    }
  }
  return res;
}

function differentFraction(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 3) {
    const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
    if (d > THRESHOLD) n++;
  }
  return n / (a.length / 3);
}

describe("LivingAssetRenderer diversity", function () {
  async function fixture() {
    return { renderer: await deployRenderer() };
  }

  it(`svg of ${TOKENS} revealed tokens gives visibly different images`, async function () {
    const { renderer } = await loadFixture(fixture);
    const raw: Buffer[] = [];
    const small: Uint8Array[] = [];
    for (let id = 1; id <= TOKENS; id++) {
      const svg = await renderer.svg(
        tokenParams(BigInt(id), {
          stage: Stage.Adult,
          mood: Mood.Calm,
          vitality: 8000,
          temperament: 0,
          seed: seedOf(2026n, BigInt(id)),
        }),
      );
      const { pixels } = rasterize(svg, RENDER);
      raw.push(pixels);
      small.push(downscale(pixels, RENDER));
    }
    const fractions: number[] = [];
    let identical = 0;
    for (let i = 0; i < TOKENS; i++) {
      for (let j = i + 1; j < TOKENS; j++) {
        if (raw[i].equals(raw[j])) identical++;
        fractions.push(differentFraction(small[i], small[j]));
      }
    }
    fractions.sort((x, y) => x - y);
    const q = (p: number) => fractions[Math.min(fractions.length - 1, Math.floor(p * fractions.length))];
    const visible = fractions.filter((f) => f > MIN_DIFFERENT_FRACTION).length / fractions.length;
    console.log(
      `      ${fractions.length} pairs: identical ${identical}; differing-pixel fraction min ${q(0).toFixed(3)} p1 ${q(0.01).toFixed(3)} p5 ${q(0.05).toFixed(3)} median ${q(0.5).toFixed(3)} max ${q(1).toFixed(3)}; visibly different ${(100 * visible).toFixed(2)}%`,
    );
    expect(identical).to.equal(0);
    expect(visible).to.be.greaterThanOrEqual(0.95);
  });
});
