import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";

import { deployRenderer, rasterize, seedOf, tokenParams, Stage, Mood, STAGES, MOODS } from "./helpers";

const OUT = path.join(__dirname, "..", "..", "test-output", "renderer");

describe("LivingAssetRenderer samples", function () {
  it("svg writes sample PNGs for review", async function () {
    const renderer = await deployRenderer();
    fs.mkdirSync(OUT, { recursive: true });
    const cases: Array<[string, bigint, Parameters<typeof tokenParams>[1]]> = [
      ["egg", 1n, { revealed: false }],
      ...[1, 2, 3, 4].map((s, i) => [`stage-${STAGES[s]}`, 2n, { stage: s, mood: i % 3 }] as [string, bigint, object]),
      ...[0, 1, 2].map(
        (m) =>
          [`mood-${MOODS[m]}`, 3n + BigInt(m), { stage: Stage.Adult, mood: m, seed: seedOf(11n, 3n + BigInt(m)) }] as [
            string,
            bigint,
            object,
          ],
      ),
      ["withered", 9n, { stage: Stage.Adult, vitality: 300, mood: Mood.Stormy, seed: seedOf(5n, 9n) }],
      ...[0, 1, 2, 3, 4, 5].map(
        (k) =>
          [
            `adult-${k}`,
            20n + BigInt(k),
            { stage: Stage.Adult, seed: seedOf(99n, 20n + BigInt(k)), mood: k % 3, temperament: k % 4 },
          ] as [string, bigint, object],
      ),
    ];
    for (const [name, id, o] of cases) {
      const svg = await renderer.svg(tokenParams(id, o));
      fs.writeFileSync(path.join(OUT, `${name}.svg`), svg);
      fs.writeFileSync(path.join(OUT, `${name}.png`), rasterize(svg, 512).png);
    }
    expect(fs.readdirSync(OUT).length).to.be.greaterThan(0);
  });
});
