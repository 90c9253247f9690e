import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import type { LivingAssetRenderer, RendererLibrariesHarness } from "../typechain-types";
import { decodeTokenUri } from "../tasks/lib/render";
import { advance, deployWorld, mintAndReveal, requestIdsOf, type World } from "./helpers/fixture";
import { deployRenderer, deployWithEstimate, Stage, tokenParams } from "./renderer/helpers";
import { samples } from "./helpers/random";

// Issue 12: a metamorphosis keeps the creature's identity, its colours (palette and hue shift)
// and its body plan (body), as decoded and as shown, and remixes the other genes. Checked on the
// decoded genes, on tokenURI's attributes and on the SVG's body colours.

const abi = ethers.AbiCoder.defaultAbiCoder();
const UINT64 = (1n << 64n) - 1n;
const IDENTITY = ["palette", "body", "hueShift"] as const;
const REMIXED = ["pattern", "symmetry", "sizePct", "stretchPct", "lobeDepth", "extraLimbs", "eyes", "curl"] as const;
const PAIRS = samples(200, 40);
const RENDERED = samples(50, 3);

type Genes = Record<(typeof IDENTITY)[number] | (typeof REMIXED)[number], number>;

/** The checkpoint's mutation after a metamorphosis with VRF `word` (InteractionLogic.applyMetamorphosis). */
function mutate(mutation: bigint, word: bigint): bigint {
  return BigInt(ethers.keccak256(abi.encode(["uint64", "uint256"], [mutation, word]))) & UINT64;
}

/** `count` random 256-bit words, the same on every run. */
function words(count: number, seed: number): bigint[] {
  return fc.sample(fc.bigInt({ min: 0n, max: ethers.MaxUint256 }), { numRuns: count, seed });
}

async function decode(harness: RendererLibrariesHarness, genome: bigint): Promise<Genes> {
  const g = await harness.decode(genome);
  return Object.fromEntries([...IDENTITY, ...REMIXED].map((k) => [k, Number(g[k])])) as Genes;
}

function identityOf(g: Genes) {
  return IDENTITY.map((k) => g[k]);
}

function remixedDiffer(a: Genes, b: Genes): boolean {
  return REMIXED.some((k) => a[k] !== b[k]);
}

/** The attribute `name` of a tokenURI's metadata. */
function trait(json: { attributes?: { trait_type: string; value: unknown }[] }, name: string): unknown {
  return json.attributes!.find((a) => a.trait_type === name)?.value;
}

/** The body's fill: the stops of its radial gradient `#bd`, as hsl() strings. */
function bodyColours(svg: string): string[] {
  const gradient = svg.match(/<radialGradient id=["']bd["'][^>]*>(.*?)<\/radialGradient>/)![1];
  return gradient.match(/hsl\([^)]*\)/g)!;
}

/** The hues of the body's fill (saturation and lightness also follow vitality). */
function bodyHues(svg: string): string[] {
  return bodyColours(svg).map((c) => c.slice(0, c.indexOf(",")));
}

describe("Metamorphosis keeps the creature's identity", function () {
  async function fixture() {
    return {
      harness: await deployWithEstimate<RendererLibrariesHarness>("RendererLibrariesHarness"),
      renderer: await deployRenderer(),
    };
  }

  it(`keeps the decoded palette, body and hue shift for ${PAIRS} random (seed, word) pairs and remixes the rest`, async function () {
    const { harness } = await loadFixture(fixture);
    const seeds = words(PAIRS, 12);
    const vrfWords = words(PAIRS, 13);
    let remixed = 0;
    const changed = Object.fromEntries(REMIXED.map((k) => [k, 0])) as Record<(typeof REMIXED)[number], number>;
    for (let i = 0; i < PAIRS; i++) {
      const before = await decode(harness, await harness.phenotypeGenome(seeds[i], 0n));
      const after = await decode(harness, await harness.phenotypeGenome(seeds[i], mutate(0n, vrfWords[i])));
      expect(identityOf(after), `pair ${i}`).to.deep.equal(identityOf(before));
      if (remixedDiffer(before, after)) remixed++;
      for (const k of REMIXED) if (before[k] !== after[k]) changed[k]++;
    }
    expect(remixed / PAIRS).to.be.greaterThan(0.9);
    // Every other gene is remixed: even a 3-valued gene changes in 2 of 3 metamorphoses.
    for (const k of REMIXED) expect(changed[k] / PAIRS, k).to.be.greaterThan(0.5);
  });

  it(`keeps them through chains of two metamorphoses (${PAIRS} random seeds and word pairs)`, async function () {
    const { harness } = await loadFixture(fixture);
    const seeds = words(PAIRS, 21);
    const first = words(PAIRS, 22);
    const second = words(PAIRS, 23);
    let remixed = 0;
    for (let i = 0; i < PAIRS; i++) {
      const adult = mutate(0n, first[i]);
      const ascended = mutate(adult, second[i]);
      const [hatchling, g1, g2] = await Promise.all(
        [0n, adult, ascended].map(async (m) => decode(harness, await harness.phenotypeGenome(seeds[i], m))),
      );
      expect(identityOf(g1), `chain ${i}, first`).to.deep.equal(identityOf(hatchling));
      expect(identityOf(g2), `chain ${i}, second`).to.deep.equal(identityOf(hatchling));
      if (remixedDiffer(g1, g2)) remixed++;
    }
    expect(remixed / PAIRS).to.be.greaterThan(0.9);
  });

  // Rendering is the slow part: RENDERED random tokens, three renders each.
  it(`shows the same Palette, Body and body colours in tokenURI before and after two metamorphoses (${RENDERED} random tokens)`, async function () {
    const { harness, renderer } = await loadFixture(fixture);
    const seeds = words(RENDERED, 31);
    const vrfWords = words(2 * RENDERED, 32);
    const show = async (r: LivingAssetRenderer, seed: bigint, mutation: bigint, stage: number) => {
      const genome = await harness.phenotypeGenome(seed, mutation);
      const { metadata, svg } = decodeTokenUri(await r.tokenURI(tokenParams(1n, { seed, genome, stage })));
      return { palette: trait(metadata, "Palette"), body: trait(metadata, "Body"), colours: bodyColours(svg), genome };
    };
    for (let i = 0; i < seeds.length; i++) {
      const adult = mutate(0n, vrfWords[2 * i]);
      const juvenile = await show(renderer, seeds[i], 0n, Stage.Juvenile);
      const grown = await show(renderer, seeds[i], adult, Stage.Adult);
      const ascended = await show(renderer, seeds[i], mutate(adult, vrfWords[2 * i + 1]), Stage.Ascended);
      for (const [name, later] of [
        ["adult", grown],
        ["ascended", ascended],
      ] as const) {
        expect(later.genome, `token ${i}, ${name}`).to.not.equal(juvenile.genome);
        expect(later.palette, `token ${i}, ${name}`).to.equal(juvenile.palette);
        expect(later.body, `token ${i}, ${name}`).to.equal(juvenile.body);
        // Same vitality in all three, so the body's colours are equal to the letter.
        expect(later.colours, `token ${i}, ${name}`).to.deep.equal(juvenile.colours);
      }
    }
  });

  describe("through the collection", function () {
    const P = (usd: number) => BigInt(Math.round(usd * 1e8));
    const TOKENS = [1, 2, 3, 4];

    async function live(w: World, epochs: number) {
      for (let i = 0; i < epochs; i++) {
        await advance(w, P(3000 + 10 * i));
        for (const id of TOKENS) await w.collection.connect(w.alice).nurture(id);
      }
    }

    async function shown(w: World, id: number) {
      const { metadata, svg } = decodeTokenUri(await w.collection.tokenURI(id));
      return {
        stage: trait(metadata, "Stage"),
        palette: trait(metadata, "Palette"),
        body: trait(metadata, "Body"),
        hues: bodyHues(svg),
        genome: (await w.collection.phenotypeOf(id)).genome,
      };
    }

    async function metamorphoseAll(w: World) {
      for (const id of TOKENS) {
        const [requestId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(id));
        await (await w.coordinator.fulfillRandomWords(requestId, await w.collection.getAddress())).wait();
      }
    }

    it("mint, reveal, age, metamorphose twice: every token keeps the Palette, Body and body hues it was revealed with", async function () {
      const w = await deployWorld();
      await mintAndReveal(w, w.alice, TOKENS.length);
      const revealed = await Promise.all(TOKENS.map((id) => shown(w, id)));
      await live(w, 5);
      const juvenile = await Promise.all(TOKENS.map((id) => shown(w, id)));
      await metamorphoseAll(w);
      const adult = await Promise.all(TOKENS.map((id) => shown(w, id)));
      await live(w, 5);
      await metamorphoseAll(w);
      const ascended = await Promise.all(TOKENS.map((id) => shown(w, id)));
      const identity = (s: Awaited<ReturnType<typeof shown>>) => [s.palette, s.body, s.hues];
      for (let t = 0; t < TOKENS.length; t++) {
        expect([juvenile[t].stage, adult[t].stage, ascended[t].stage]).to.deep.equal(["Juvenile", "Adult", "Ascended"]);
        expect(adult[t].genome, `token ${TOKENS[t]}`).to.not.equal(juvenile[t].genome);
        expect(ascended[t].genome, `token ${TOKENS[t]}`).to.not.equal(adult[t].genome);
        for (const later of [juvenile[t], adult[t], ascended[t]]) {
          expect(identity(later), `token ${TOKENS[t]}, ${later.stage}`).to.deep.equal(identity(revealed[t]));
        }
      }
    });
  });
});
