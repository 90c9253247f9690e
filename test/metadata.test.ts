import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import Ajv from "ajv";
import {
  deployWorld,
  mintAndReveal,
  advance,
  closeCohort,
  fulfil,
  requestIdsOf,
  PRICE,
  type World,
} from "./helpers/fixture";
import { collectionParams, timeAtLeast } from "./helpers/fixture";
import { tokenSchema, collectionSchema } from "./renderer/schemas";
import {
  decodeJson,
  decodeDataUri,
  deployRenderer,
  expectSafeSvg,
  rasterize,
  expectNotBlank,
} from "./renderer/helpers";
import { collectionFactory } from "../scripts/lib/collection";

const P = (usd: number) => BigInt(Math.round(usd * 1e8));
const ajv = new Ajv({ allErrors: true, strict: false });
const validToken = ajv.compile(tokenSchema);
const validCollection = ajv.compile(collectionSchema);

async function checkToken(w: World, id: number) {
  const json = decodeJson(await w.collection.tokenURI(id));
  expect(validToken(json), JSON.stringify(validToken.errors)).to.equal(true);
  const svg = decodeDataUri(json.image, "image/svg+xml");
  expectSafeSvg(svg);
  expectNotBlank(rasterize(svg, 128).pixels);
  return json;
}

describe("Metadata through the collection", () => {
  it("tokenURI is valid OpenSea metadata at every stage and costs at most 750,000 gas; contractURI at most 400,000", async () => {
    const w = await deployWorld();
    // Worst case for the text the collection controls: the longest description, all quotes.
    await w.collection.setDescription('"'.repeat(160));
    await expect(w.collection.setDescription("x".repeat(161)))
      .to.be.revertedWithCustomError(w.collection, "MetadataTextTooLong")
      .withArgs("description", 161, 160);
    const contractGas = await w.collection.contractURI.estimateGas();
    expect(contractGas).to.be.lte(400_000n);
    await w.collection.connect(w.alice).mint(1, { value: PRICE });
    await closeCohort(w); // #1 stays an egg: its cohort's word never comes
    await mintAndReveal(w, w.alice, 3); // #2..#4, the next cohort
    const gas: Record<string, bigint> = {};
    gas.Egg = await w.collection.tokenURI.estimateGas(1);
    const egg = await checkToken(w, 1);
    expect(egg.attributes.find((a: { trait_type: string }) => a.trait_type === "Stage").value).to.equal("Egg");
    expect(egg.seed).to.equal(undefined);
    await checkToken(w, 2);
    gas.Hatchling = await w.collection.tokenURI.estimateGas(2);
    for (let i = 0; i < 5; i++) {
      await advance(w, P(3000 + 100 * i));
      await w.collection.connect(w.alice).nurture(3);
      await w.collection.connect(w.alice).nurture(4);
    }
    gas.Juvenile = await w.collection.tokenURI.estimateGas(2);
    const [r1] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(3));
    await w.coordinator.fulfillRandomWords(r1, await w.collection.getAddress());
    gas.Adult = await w.collection.tokenURI.estimateGas(3);
    for (let i = 0; i < 5; i++) {
      await advance(w, P(2500 - 100 * i));
      await w.collection.connect(w.alice).nurture(3);
    }
    const [r2] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(3));
    await w.coordinator.fulfillRandomWords(r2, await w.collection.getAddress());
    gas.Ascended = await w.collection.tokenURI.estimateGas(3);
    const json = await checkToken(w, 3);
    expect(json.generation).to.equal(2);
    expect(json.renderer.toLowerCase()).to.equal((await w.renderer.getAddress()).toLowerCase());
    console.log(
      `      tokenURI gas by stage: ${Object.entries(gas)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}; contractURI ${contractGas}`,
    );
    for (const g of Object.values(gas)) expect(g).to.be.lte(750_000n);
  });

  it("contractURI is ERC-7572 JSON consistent with ERC-2981 and shows the provenance record", async () => {
    const w = await deployWorld();
    const modelHash = ethers.id("model-v1");
    const datasetHash = ethers.id("dataset-manifest");
    await expect(w.collection.setProvenance(modelHash, datasetHash, "ipfs://license", "vivarium-gen", "1.0.0"))
      .to.emit(w.collection, "ProvenanceUpdated")
      .and.to.emit(w.collection, "ContractURIUpdated");
    const json = decodeJson(await w.collection.contractURI());
    expect(validCollection(json), JSON.stringify(validCollection.errors)).to.equal(true);
    const [receiver, fee] = await w.collection.royaltyInfo(0, 10_000n);
    expect(json.seller_fee_basis_points).to.equal(Number(fee));
    expect(json.fee_recipient.toLowerCase()).to.equal(receiver.toLowerCase());
    expect(json.provenance.model_hash).to.equal(modelHash);
    await mintAndReveal(w, w.alice, 1);
    expect(decodeJson(await w.collection.tokenURI(1)).provenance.dataset_hash).to.equal(datasetHash);
  });

  it("provenance and renderer lock for good; setters are role-gated", async () => {
    const w = await deployWorld();
    await expect(
      w.collection.connect(w.alice).setProvenance(ethers.ZeroHash, ethers.ZeroHash, "", "", ""),
    ).to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount");
    await expect(w.collection.lockProvenance()).to.emit(w.collection, "ProvenanceLocked");
    await expect(
      w.collection.setProvenance(ethers.ZeroHash, ethers.ZeroHash, "", "", ""),
    ).to.be.revertedWithCustomError(w.collection, "MetadataProvenanceLocked");
    await expect(w.collection.lockProvenance()).to.be.revertedWithCustomError(w.collection, "MetadataProvenanceLocked");
    const other = await deployRenderer();
    await expect(w.collection.setRenderer(w.alice.address))
      .to.be.revertedWithCustomError(w.collection, "MetadataRendererNotContract")
      .withArgs(w.alice.address);
    await expect(w.collection.setRenderer(await other.getAddress()))
      .to.emit(w.collection, "RendererUpdated")
      .and.to.emit(w.collection, "TraitMetadataURIUpdated")
      .and.to.emit(w.collection, "BatchMetadataUpdate");
    await expect(w.collection.lockRenderer())
      .to.emit(w.collection, "RendererLocked")
      .withArgs(await other.getAddress());
    await expect(w.collection.setRenderer(await w.renderer.getAddress())).to.be.revertedWithCustomError(
      w.collection,
      "MetadataRendererLocked",
    );
    await expect(w.collection.lockRenderer()).to.be.revertedWithCustomError(w.collection, "MetadataRendererLocked");
    expect(await w.collection.renderer()).to.equal(await other.getAddress());
    expect(await w.collection.rendererLocked()).to.equal(true);
  });

  it("a collection named and described with quotes, backslashes, <, & and non-ASCII still yields valid JSON and SVG", async () => {
    const w = await deployWorld();
    const name = 'Viv "β" <arium> & \\ ü 🌱';
    const description = 'Line one\nline "two" <b>&amp;</b> \\ é';
    const factory = await collectionFactory(hre);
    const proxy = await upgrades.deployProxy(
      factory,
      [await collectionParams(w, { name, symbol: "ODD", description, maxRoyaltyBps: 100 })],
      { kind: "uups" },
    );
    const odd = await ethers.getContractAt("LivingAsset", await proxy.getAddress());
    await w.coordinator.addConsumer(w.subscriptionId, await odd.getAddress());
    await odd.grantRole(await odd.MINTER_ROLE(), w.deployer.address);
    await (await odd.mintTo(w.alice.address, 2)).wait();
    await fulfil({ collection: odd, coordinator: w.coordinator }, await closeCohort({ collection: odd }));
    const json = decodeJson(await odd.tokenURI(1));
    expect(json.name).to.equal(`${name} #1`);
    expect(json.description).to.equal(description);
    expectSafeSvg(decodeDataUri(json.image, "image/svg+xml"));
    const coll = decodeJson(await odd.contractURI());
    expect(coll.name).to.equal(name);
    expect(coll.description).to.equal(description);
  });

  it("setDescription is role-gated and bounded to 160 bytes, and the new text shows in tokenURI and contractURI", async () => {
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 1);
    await expect(w.collection.connect(w.alice).setDescription("x")).to.be.revertedWithCustomError(
      w.collection,
      "AccessControlUnauthorizedAccount",
    );
    const before = await w.collection.contractURI();
    await expect(w.collection.setDescription("é".repeat(81)))
      .to.be.revertedWithCustomError(w.collection, "MetadataTextTooLong")
      .withArgs("description", 162, 160);
    expect(await w.collection.contractURI()).to.equal(before);
    const text = 'A "new" season <3';
    await expect(w.collection.setDescription(text))
      .to.emit(w.collection, "DescriptionUpdated")
      .withArgs(text)
      .and.to.emit(w.collection, "ContractURIUpdated")
      .and.to.emit(w.collection, "BatchMetadataUpdate")
      .withArgs(0, ethers.MaxUint256);
    expect(decodeJson(await w.collection.tokenURI(1)).description).to.equal(text);
    expect(decodeJson(await w.collection.contractURI()).description).to.equal(text);
  });

  it('setExternalLink: config role only, at most 96 bytes of printable ASCII without " \\ % #, shown as contractURI\'s external_link; "" removes it', async () => {
    const w = await deployWorld();
    const link = `web3://${await w.collection.getAddress()}:31337/`;
    await expect(w.collection.connect(w.alice).setExternalLink(link)).to.be.revertedWithCustomError(
      w.collection,
      "AccessControlUnauthorizedAccount",
    );
    const before = await w.collection.contractURI();
    expect(decodeJson(before)).to.not.have.property("external_link");
    await expect(w.collection.setExternalLink("l".repeat(97)))
      .to.be.revertedWithCustomError(w.collection, "MetadataTextTooLong")
      .withArgs("externalLink", 97, 96);
    for (const [bad, at, byte] of [
      ['https://x/"', 10, 0x22],
      ["https://x/#a", 10, 0x23],
      ["https://x/%20", 10, 0x25],
      ["https://x\\y", 9, 0x5c],
      ["https://x/\n", 10, 0x0a],
      ["https://é", 8, 0xc3],
    ] as const)
      await expect(w.collection.setExternalLink(bad))
        .to.be.revertedWithCustomError(w.collection, "MetadataTextInvalidByte")
        .withArgs("externalLink", at, byte);
    expect(await w.collection.contractURI()).to.equal(before);
    expect(await w.collection.externalLink()).to.equal("");
    await expect(w.collection.setExternalLink(link))
      .to.emit(w.collection, "ExternalLinkUpdated")
      .withArgs(link)
      .and.to.emit(w.collection, "ContractURIUpdated");
    expect(await w.collection.externalLink()).to.equal(link);
    const json = decodeJson(await w.collection.contractURI());
    expect(validCollection(json), ajv.errorsText(validCollection.errors)).to.equal(true);
    expect(json.external_link).to.equal(link);
    await expect(w.collection.setExternalLink("")).to.emit(w.collection, "ExternalLinkUpdated").withArgs("");
    expect(decodeJson(await w.collection.contractURI())).to.not.have.property("external_link");
  });

  it("contractURI changes only with ContractURIUpdated in the same transaction (mints and epochs leave it alone)", async () => {
    const w = await deployWorld();
    const H = ethers.id("model");
    const actions: [string, () => Promise<{ wait(): Promise<unknown> }>][] = [
      ["mint", () => w.collection.connect(w.alice).mint(2, { value: PRICE * 2n })],
      [
        "reveal",
        async () => {
          const s = await w.collection.cohortState();
          await timeAtLeast(s.openedAt + BigInt(s.minRevealDelay));
          return w.collection.reveal();
        },
      ],
      [
        "advanceEpoch",
        async () => {
          const next = Number(await w.world.nextEpochAt());
          const now = (await ethers.provider.getBlock("latest"))!.timestamp;
          await hre.network.provider.send("evm_setNextBlockTimestamp", [Math.max(next, now) + 1]);
          await (await w.feed.updateAnswer(3100n * 10n ** 8n)).wait();
          return w.world.advanceEpoch();
        },
      ],
      ["setDefaultRoyalty", () => w.collection.setDefaultRoyalty(w.bob.address, 250)],
      ["setSaleConfig", () => w.collection.setSaleConfig(PRICE, 5_000, 50, 10)],
      ["setDescription", () => w.collection.setDescription("A new season")],
      ["setExternalLink", () => w.collection.setExternalLink("https://vivarium.example/app")],
      ["setProvenance", () => w.collection.setProvenance(H, H, "ipfs://license", "gen", "1.0")],
      ["setRenderer", async () => w.collection.setRenderer(await w.renderer.getAddress())],
      ["lockProvenance", () => w.collection.lockProvenance()],
      ["nurture", () => w.collection.connect(w.alice).nurture(1)],
    ];
    const changedWithEvent: string[] = [];
    for (const [name, send] of actions) {
      const before = await w.collection.contractURI();
      const receipt = (await (await send()).wait()) as { logs: { topics: readonly string[]; data: string }[] };
      const announced = receipt.logs.some((l) => w.collection.interface.parseLog(l)?.name === "ContractURIUpdated");
      const after = await w.collection.contractURI();
      if (after !== before) {
        expect(announced, `${name} changed contractURI without ContractURIUpdated`).to.equal(true);
        changedWithEvent.push(name);
      }
    }
    // Not vacuous: the creator's changes do change it, and say so.
    expect(changedWithEvent).to.include.members([
      "setDefaultRoyalty",
      "setSaleConfig",
      "setDescription",
      "setExternalLink",
      "setProvenance",
    ]);
    for (const quiet of ["mint", "reveal", "advanceEpoch", "nurture"]) expect(changedWithEvent).to.not.include(quiet);
  });

  it("tokenURI of a missing token reverts with its id", async () => {
    const w = await deployWorld();
    await expect(w.collection.tokenURI(5))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetNonexistentToken")
      .withArgs(5);
  });
});
