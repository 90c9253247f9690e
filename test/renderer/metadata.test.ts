import { TRAIT_NAMES } from "../helpers/fixture";
import { expect } from "chai";
import { ethers } from "hardhat";
import Ajv from "ajv";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import { collectionSchema, tokenSchema, traitMetadataSchema } from "./schemas";
import {
  decodeDataUri,
  decodeJson,
  deployRenderer,
  expectSafeSvg,
  provenance,
  seedOf,
  Stage,
  tokenParams,
} from "./helpers";

const ajv = new Ajv({ allErrors: true, strict: false });
const validateToken = ajv.compile(tokenSchema);
const validateCollection = ajv.compile(collectionSchema);
const validateTraits = ajv.compile(traitMetadataSchema);

function attribute(json: any, traitType: string) {
  return json.attributes.find((a: any) => a.trait_type === traitType);
}

describe("LivingAssetRenderer metadata", function () {
  async function fixture() {
    return { renderer: await deployRenderer() };
  }

  it("tokenURI of a revealed token matches the OpenSea schema and carries reproducibility fields", async function () {
    const { renderer } = await loadFixture(fixture);
    const seed = seedOf(42n, 7n);
    const json = decodeJson(
      await renderer.tokenURI(
        tokenParams(7n, {
          stage: Stage.Adult,
          seed,
          genome: seed ^ 5n,
          vitality: 7350,
          generation: 2,
          mood: 2,
          temperament: 1,
        }),
      ),
    );
    expect(validateToken(json), ajv.errorsText(validateToken.errors)).to.equal(true);
    expect(json.name).to.equal("Vivarium #7");
    expect(json.seed).to.equal(ethers.toBeHex(seed, 32));
    expect(json.genome).to.equal(ethers.toBeHex(seed ^ 5n, 32));
    expect(json.generation).to.equal(2);
    expect(json.birth_epoch).to.equal(3);
    expect(json.current_epoch).to.equal(40);
    expect(json.renderer).to.equal(await renderer.getAddress());
    expect(json.renderer_version).to.equal(await renderer.version());
    expect(json.provenance).to.deep.equal({
      model_hash: provenance().modelHash,
      dataset_hash: provenance().datasetHash,
      license: "ipfs://bafy-license",
      generator: "vivarium-gen",
      generator_version: "0.3.1",
      locked: true,
    });
    expect(attribute(json, "Stage").value).to.equal("Adult");
    expect(attribute(json, "Stage Level")).to.equal(undefined);
    expect(attribute(json, "Metamorphosis Pending")).to.deep.equal({
      trait_type: "Metamorphosis Pending",
      value: "false",
    });
    expect(attribute(json, "Genome")).to.deep.equal({ trait_type: "Genome", value: ethers.toBeHex(seed ^ 5n, 32) });
    expect(attribute(json, "Vitality")).to.deep.equal({
      display_type: "boost_percentage",
      trait_type: "Vitality",
      value: 73.5,
    });
    expect(attribute(json, "Age").value).to.equal(37);
    expect(attribute(json, "Generation").value).to.equal(2);
    expect(attribute(json, "Mood").value).to.equal("Stormy");
    expect(attribute(json, "Temperament").value).to.equal("Bold");
    for (const gene of ["Palette", "Body", "Pattern", "Symmetry"])
      expect(attribute(json, gene).value).to.be.a("string").and.not.empty;
    const svg = decodeDataUri(json.image, "image/svg+xml");
    expectSafeSvg(svg);
    expect(svg).to.equal(
      await renderer.svg(
        tokenParams(7n, {
          stage: Stage.Adult,
          seed,
          genome: seed ^ 5n,
          vitality: 7350,
          generation: 2,
          mood: 2,
          temperament: 1,
        }),
      ),
    );
  });

  it("tokenURI of an unrevealed token shows the egg and only known traits", async function () {
    const { renderer } = await loadFixture(fixture);
    const json = decodeJson(await renderer.tokenURI(tokenParams(12n, { revealed: false })));
    expect(validateToken(json), ajv.errorsText(validateToken.errors)).to.equal(true);
    expect(json).to.not.have.property("seed");
    expect(json).to.not.have.property("genome");
    expect(json.attributes.map((a: any) => a.trait_type)).to.deep.equal([
      "Stage",
      "Stage Level",
      "Birth Epoch",
      "Revealed",
    ]);
    expect(attribute(json, "Stage").value).to.equal("Egg");
    expect(attribute(json, "Revealed").value).to.equal("false");
    // Same egg for every unrevealed token but for the label.
    const other = decodeJson(await renderer.tokenURI(tokenParams(13n, { revealed: false, mood: 2, vitality: 0 })));
    const strip = (j: any) => decodeDataUri(j.image, "image/svg+xml").replace(/#\d+/, "#");
    expect(strip(json)).to.equal(strip(other));
  });

  it("tokenURI lists a pending metamorphosis", async function () {
    const { renderer } = await loadFixture(fixture);
    const json = decodeJson(await renderer.tokenURI(tokenParams(1n, { metamorphosisPending: true })));
    expect(attribute(json, "Metamorphosis Pending").value).to.equal("true");
    expect(attribute(json, "Metamorphosis")).to.equal(undefined);
  });

  it("tokenURI formats vitality basis points as an exact percentage", async function () {
    const { renderer } = await loadFixture(fixture);
    for (const [bps, pct] of [
      [0, 0],
      [5, 0.05],
      [7305, 73.05],
      [7350, 73.5],
      [10000, 100],
    ]) {
      const json = decodeJson(await renderer.tokenURI(tokenParams(1n, { vitality: bps })));
      expect(attribute(json, "Vitality").value).to.equal(pct);
    }
  });

  it("contractURI returns ERC-7572 metadata with royalty and provenance", async function () {
    const { renderer } = await loadFixture(fixture);
    const receiver = "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4";
    const json = decodeJson(
      await renderer.contractURI({
        collection: "0x000000000000000000000000000000000000dEaD",
        name: "Vivarium",
        description: "Living assets.",
        royaltyReceiver: receiver,
        royaltyBps: 500,
        totalSupply: 12,
        maxSupply: 1000,
        currentEpoch: 40,
        provenance: provenance(),
        externalLink: "web3://0x000000000000000000000000000000000000bEEF:31337/",
      }),
    );
    expect(validateCollection(json), ajv.errorsText(validateCollection.errors)).to.equal(true);
    expect(json.seller_fee_basis_points).to.equal(500);
    expect(json.fee_recipient).to.equal(receiver);
    // Only values that change with an event: no supply, no epoch.
    expect(json).to.not.have.property("total_supply");
    expect(json).to.not.have.property("current_epoch");
    expect(json.max_supply).to.equal(1000);
    expect(json.external_link).to.equal("web3://0x000000000000000000000000000000000000bEEF:31337/");
    expectSafeSvg(decodeDataUri(json.image, "image/svg+xml"));
  });

  it("contractURI costs at most 400,000 gas with the longest name, description and external link", async function () {
    const { renderer } = await loadFixture(fixture);
    const gas = await renderer.contractURI.estimateGas({
      collection: "0x000000000000000000000000000000000000dEaD",
      name: 'N"&<'.repeat(16),
      description: '"'.repeat(160),
      royaltyReceiver: "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4",
      royaltyBps: 1000,
      totalSupply: 2n ** 256n - 1n,
      maxSupply: 2n ** 256n - 1n,
      currentEpoch: 2 ** 32 - 1,
      provenance: provenance('"'.repeat(200)),
      externalLink: "l".repeat(96),
    });
    expect(gas).to.be.lessThanOrEqual(400_000n);
  });

  it("traitMetadataURI returns ERC-7496 trait metadata with the agreed keys", async function () {
    const { renderer } = await loadFixture(fixture);
    const json = decodeJson(await renderer.traitMetadataURI());
    expect(validateTraits(json), ajv.errorsText(validateTraits.errors)).to.equal(true);
    // Exactly the traits the collection's getTraitValue answers.
    expect(Object.keys(json.traits)).to.deep.equal([...TRAIT_NAMES]);
    const key = (i: number) => ethers.toBeHex(i, 32);
    const labels = (t: string) => Object.entries(json.traits[t].dataType.valueMappings);
    expect(labels("stage")).to.deep.equal(
      ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"].map((l, i) => [key(i), l]),
    );
    expect(labels("mood")).to.deep.equal(["Calm", "Sunny", "Stormy"].map((l, i) => [key(i), l]));
    expect(labels("temperament")).to.deep.equal(["Serene", "Bold", "Wary", "Restless"].map((l, i) => [key(i), l]));
    expect(json.traits.generation.dataType).to.deep.equal({ type: "decimal", signed: false, bits: 8, decimals: 0 });
    expect(json.traits.age).to.deep.equal({
      displayName: "Age",
      dataType: { type: "decimal", signed: false, bits: 32, decimals: 0 },
    });
    expect(json.traits.metamorphosisPending).to.deep.equal({
      displayName: "Metamorphosis Pending",
      validateOnSale: "requireEq",
      dataType: { type: "boolean" },
    });
    expect(json.traits.genome).to.deep.equal({ displayName: "Genome", dataType: { type: "string" } });
    for (const key of ["stage", "generation", "metamorphosisPending"])
      expect(json.traits[key].validateOnSale, key).to.equal("requireEq");
    for (const key of ["age", "vitality", "mood", "temperament", "revealed", "genome"])
      expect(json.traits[key], key).to.not.have.property("validateOnSale");
    // Every ERC-7496 display name is a trait_type of a revealed token's tokenURI, one for one.
    const token = decodeJson(await renderer.tokenURI(tokenParams(1n)));
    const traitTypes = new Set(token.attributes.map((a: any) => a.trait_type));
    for (const t of Object.values(json.traits) as any[]) expect(traitTypes, t.displayName).to.include(t.displayName);
    expect(json.traits.vitality.dataType).to.deep.equal({ type: "decimal", signed: false, bits: 16, decimals: 2 });
    expect(json.traits.revealed.dataType).to.deep.equal({ type: "boolean" });
  });

  it("version returns a semantic version", async function () {
    const { renderer } = await loadFixture(fixture);
    expect(await renderer.version()).to.equal("1.2.0");
  });
});
