import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import type { RendererLibrariesHarness } from "../../typechain-types";
import { decodeJson, deployRenderer, deployWithEstimate, tokenParams, Stage } from "./helpers";

// Genome.decode: each gene is its own 16-bit field of the genome, modulo the gene's range.
const FIELDS = {
  palette: { start: 0n, range: 10n },
  body: { start: 16n, range: 5n },
  pattern: { start: 48n, range: 6n },
  symmetry: { start: 64n, range: 5n },
  extraLimbs: { start: 128n, range: 3n },
} as const;

function decode(genome: bigint) {
  const field = ({ start, range }: { start: bigint; range: bigint }) => Number(((genome >> start) & 0xffffn) % range);
  return {
    palette: field(FIELDS.palette),
    body: field(FIELDS.body),
    pattern: field(FIELDS.pattern),
    symmetry: field(FIELDS.symmetry),
    extraLimbs: field(FIELDS.extraLimbs),
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
    return {
      renderer: await deployRenderer(),
      harness: await deployWithEstimate<RendererLibrariesHarness>("RendererLibrariesHarness"),
    };
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

  it("each gene reads its own 16-bit field only: keeping a field keeps the gene, changing it changes no other", async function () {
    const { harness } = await loadFixture(fixture);
    // Genome.sol's layout: where each gene's field starts.
    const LAYOUT = [
      ["palette", 0n],
      ["body", 16n],
      ["hueShift", 32n],
      ["pattern", 48n],
      ["symmetry", 64n],
      ["sizePct", 80n],
      ["stretchPct", 96n],
      ["lobeDepth", 112n],
      ["extraLimbs", 128n],
      ["eyes", 144n],
      ["curl", 160n],
    ] as const;
    const genes = async (genome: bigint) => {
      const g = await harness.decode(genome);
      return Object.fromEntries(LAYOUT.map(([gene]) => [gene, Number(g[gene])]));
    };
    for (let i = 0; i < 16; i++) {
      const genome = BigInt(ethers.solidityPackedKeccak256(["string", "uint256"], ["genome", i]));
      const other = BigInt(ethers.solidityPackedKeccak256(["string", "uint256"], ["other", i]));
      const base = await genes(genome);
      for (const [gene, start] of LAYOUT) {
        const field = 0xffffn << start;
        const kept = await genes((genome & field) | (other & ~field));
        expect(kept[gene], `${gene} of genome ${i}, other bits changed`).to.equal(base[gene]);
        const changed = await genes((other & field) | (genome & ~field));
        for (const [g] of LAYOUT) if (g !== gene) expect(changed[g], `${g} when ${gene} changed`).to.equal(base[g]);
      }
    }
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
