import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import { decodeJson, deployRenderer, tokenParams, Stage } from "./helpers";

// Genome.decode: each gene is the genome shifted right by its offset, modulo the gene's range.
function decode(genome: bigint) {
  return {
    palette: Number(genome % 10n),
    body: Number((genome >> 8n) % 5n),
    pattern: Number((genome >> 16n) % 6n),
    symmetry: Number((genome >> 24n) % 5n),
    extraLimbs: Number((genome >> 48n) % 3n),
  };
}

type Wanted = Partial<ReturnType<typeof decode>>;

/** The first genome in a fixed keccak sequence whose genes are `wanted`. */
function genome(wanted: Wanted): bigint {
  for (let i = 0; ; i++) {
    const g = BigInt(ethers.solidityPackedKeccak256(["string", "uint256"], ["genome", i]));
    const d = decode(g);
    if (Object.entries(wanted).every(([k, v]) => d[k as keyof typeof d] === v)) return g;
  }
}

const PALETTES = [
  "Abyssal Teal",
  "Coral Reef",
  "Aurora",
  "Nebula Orchid",
  "Ember Moth",
  "Glacier",
  "Moss Lantern",
  "Rose Quartz",
  "Citrine Jelly",
  "Obsidian Neon",
];
const BODIES = ["Blob", "Starling", "Medusa", "Nautilus", "Morula"];
const PATTERNS = ["Spots", "Stripes", "Rings", "Scales", "Freckles", "Plain"];
const SYMMETRIES = ["Bilateral", "Radial 3-fold", "Radial 5-fold", "Radial 6-fold", "Radial 8-fold"];

describe("LivingAssetRenderer genes", function () {
  async function fixture() {
    return { renderer: await deployRenderer() };
  }

  function trait(json: { attributes: { trait_type: string; value: unknown }[] }, name: string) {
    return json.attributes.find((a) => a.trait_type === name)?.value;
  }

  it("names every palette, body, pattern and symmetry, each drawn in its own colours", async function () {
    const { renderer } = await loadFixture(fixture);
    const fills = new Set<string>();
    for (let i = 0; i < PALETTES.length; i++) {
      const g = { palette: i, body: i % 5, pattern: i % 6, symmetry: (i + 2) % 5 };
      const params = tokenParams(1n, { genome: genome(g) });
      const json = decodeJson(await renderer.tokenURI(params));
      expect(trait(json, "Palette")).to.equal(PALETTES[i]);
      expect(trait(json, "Body")).to.equal(BODIES[g.body]);
      expect(trait(json, "Pattern")).to.equal(PATTERNS[g.pattern]);
      expect(trait(json, "Symmetry")).to.equal(SYMMETRIES[g.symmetry]);
      fills.add(
        (await renderer.svg(params))
          .match(/hsl\([^)]*\)/g)!
          .slice(0, 5)
          .join(),
      );
    }
    expect(fills.size).to.equal(PALETTES.length);
  });

  it("a bilateral body grows one mirrored pair of limbs per stage, plus its extra limbs", async function () {
    const { renderer } = await loadFixture(fixture);
    const stages = [Stage.Hatchling, Stage.Juvenile, Stage.Adult, Stage.Ascended];
    for (const extraLimbs of [0, 1, 2]) {
      for (const stage of stages) {
        const svg = await renderer.svg(
          tokenParams(1n, { stage, genome: genome({ body: 0, symmetry: 0, extraLimbs }) }),
        );
        const limbs = svg.split("<use href='#l'").length - 1;
        expect(limbs, `stage ${stage}, extra ${extraLimbs}`).to.equal(2 * (stage + extraLimbs));
      }
    }
  });
});
