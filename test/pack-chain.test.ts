import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import Ajv from "ajv";
import hre, { deployments, ethers } from "hardhat";
import { getBytes, hexlify, keccak256, toBeHex, type Contract } from "ethers";
import { checkPack, MOODS, STAGES, type CheckedPack } from "../tasks/lib/pack/pack";
import { composeSvg, variantsShown, type PackState } from "../tasks/lib/pack/compose";
import { distinctPages, encodeIndex, pageAddress, toolLabel } from "../tasks/lib/pack/encode";
import {
  COLLECTION_OVERHEAD,
  deployPackRendererFresh,
  packRendererName,
  TOKEN_URI_BUDGET,
  uploadPack,
  verifyPack,
  worstCaseParams,
  worstCaseTokenUriGas,
} from "../tasks/lib/pack/chain";
import {
  advance,
  deployWorld,
  mintAndReveal,
  mintAs,
  closeCohort,
  plain,
  runTask,
  type World,
} from "./helpers/fixture";
import { mulberry32, samples } from "./helpers/random";
import { decodeDataUri, decodeJson } from "./renderer/helpers";
import { packCollectionSchema, packTokenSchema } from "./renderer/schemas";

const SAMPLE = path.join(__dirname, "..", "packs", "tide-pool");
const ajv = new Ajv({ allErrors: true, strict: false });
const validToken = ajv.compile(packTokenSchema);
const validCollection = ajv.compile(packCollectionSchema);

/** A copy of the sample pack in a fresh folder named `name` (its renderer's deployment name follows it). */
function sampleCopy(name: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vivarium-pack-chain-")), name);
  fs.cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

/** A slot's trait name in tokenURI: its name capitalised. */
const title = (slot: string) => slot[0].toUpperCase() + slot.slice(1);
const STAGE = (s: (typeof STAGES)[number]) => STAGES.indexOf(s);
const MOOD = (m: (typeof MOODS)[number]) => MOODS.indexOf(m);

/** Render params for a token in pack state `s` (what the collection would pass). */
function paramsFor(s: PackState, tokenId = 7) {
  const p = worstCaseParams(ethers.ZeroAddress);
  return {
    ...p,
    tokenId,
    collectionName: "Tide Pool Spirits",
    description: "A pack collection.",
    phenotype: {
      ...p.phenotype,
      revealed: s.stage !== "egg",
      stage: STAGE(s.stage),
      mood: MOOD(s.mood),
      vitality: s.vitalityBps,
      generation: s.generation,
      genome: s.genome,
      seed: s.genome,
    },
  };
}

/** A random state a token can be in (an egg has genome 0). */
function randomState(rand: () => number): PackState {
  const stage = STAGES[Math.floor(rand() * STAGES.length)];
  const words = Array.from({ length: 8 }, () => Math.floor(rand() * 2 ** 32));
  const genome = words.reduce((g, w) => (g << 32n) | BigInt(w), 0n);
  return {
    genome: stage === "egg" ? 0n : genome,
    stage,
    mood: MOODS[Math.floor(rand() * MOODS.length)],
    vitalityBps: Math.floor(rand() * 10_001),
    generation: stage === "ascended" || stage === "adult" ? 1 + Math.floor(rand() * 3) : 0,
  };
}

/** Malformed variants of the index `good`, each with the offset and problem `setPack` must name (see PackIndexProblem). */
function malformedIndexes(good: Uint8Array, rendererAddress: string, account: string) {
  const cases: { index: Uint8Array; offset?: number; problem: number; label: string }[] = [];
  // Every 24th truncation point, and the last byte cut.
  for (let n = 0; n < good.length; n += samples(24, 240))
    cases.push({ index: good.slice(0, n), offset: n, problem: 0, label: `cut at ${n}` });
  cases.push({
    index: good.slice(0, good.length - 1),
    offset: good.length - 1,
    problem: 0,
    label: "last byte cut",
  });
  const set = (o: number, v: number) => {
    const b = new Uint8Array(good);
    b[o] = v;
    return b;
  };
  const setMany = (...changes: [number, number][]) => {
    const b = new Uint8Array(good);
    for (const [o, v] of changes) b[o] = v;
    return b;
  };
  // Field offsets in the sample's index (see PackIndex's layout).
  const nameAt = 4;
  const creatorAt = nameAt + 1 + good[nameAt];
  const licenseAt = creatorAt + 1 + good[creatorAt];
  const slotAt = licenseAt + 1 + good[licenseAt];
  const geneAt = slotAt + 1 + good[slotAt];
  const ruleAt = geneAt + 5;
  const variantAt = ruleAt + 5 * good[geneAt + 1];
  cases.push(
    { index: set(0, 2), offset: 0, problem: 1, label: "version 2" },
    { index: setMany([1, 0], [2, 0]), offset: 1, problem: 2, label: "canvas 0" },
    { index: setMany([1, 0x10], [2, 1]), offset: 1, problem: 2, label: "canvas 4097" },
    { index: set(3, 0), offset: 3, problem: 3, label: "no slots" },
    { index: set(3, 13), offset: 3, problem: 3, label: "13 slots" },
    { index: set(nameAt, 0), offset: nameAt, problem: 4, label: "empty name" },
    { index: set(nameAt, 33), offset: nameAt, problem: 4, label: "name over 32 bytes" },
    { index: set(geneAt, 16), offset: geneAt, problem: 5, label: "gene 16" },
    { index: set(geneAt + 2, 0), offset: geneAt + 2, problem: 6, label: "no variants" },
    { index: set(geneAt + 2, 33), offset: geneAt + 2, problem: 6, label: "33 variants" },
    { index: set(geneAt + 1, 17), offset: geneAt + 1, problem: 7, label: "17 rules" },
    { index: set(ruleAt, 0), offset: ruleAt, problem: 8, label: "rule for no stage" },
    { index: set(ruleAt, 32), offset: ruleAt, problem: 8, label: "rule for stage 5" },
    { index: set(ruleAt + 1, 0), offset: ruleAt, problem: 8, label: "rule for no mood" },
    { index: set(ruleAt + 1, 8), offset: ruleAt, problem: 8, label: "rule for mood 3" },
    { index: set(ruleAt + 2, 101), offset: ruleAt, problem: 8, label: "vitality below 101%" },
    {
      index: set(ruleAt + 4, good[geneAt + 2]),
      offset: ruleAt + 4,
      problem: 9,
      label: "rule uses a variant past the last",
    },
    {
      index: set(geneAt + 4, good[geneAt + 4] + 1),
      offset: geneAt + 3,
      problem: 10,
      label: "weights do not sum to the total",
    },
    {
      index: set(variantAt + 2, good[variantAt + 2] ^ 0xff),
      offset: variantAt + 2,
      problem: 11,
      label: "page without code",
    },
    { index: set(variantAt + 22, 3), offset: variantAt + 22, problem: 12, label: "origin 3" },
    { index: new Uint8Array([...good, 0]), offset: good.length, problem: 13, label: "a trailing byte" },
  );
  // A page that is code but not SSTORE2's (the renderer itself), and a page that is an account.
  const withPage = (address: string) => {
    const b = new Uint8Array(good);
    b.set(getBytes(address), variantAt + 2);
    return b;
  };
  cases.push({
    index: withPage(rendererAddress),
    offset: variantAt + 2,
    problem: 11,
    label: "page is a contract",
  });
  cases.push({
    index: withPage(account),
    offset: variantAt + 2,
    problem: 11,
    label: "page is an account",
  });
  // Each forbidden byte in a text: the pack name's first byte.
  for (const c of [0x00, 0x09, 0x1f, 0x22, 0x23, 0x25, 0x5c, 0x7f, 0x80, 0xc3, 0xff])
    cases.push({ index: set(nameAt + 1, c), offset: nameAt + 1, problem: 4, label: `name byte ${c}` });
  return cases;
}

/** The sample pack uploaded on a fresh chain: its store, renderer and checked folder. */
const uploaded = deployments.createFixture(async () => {
  await deployments.fixture(["pages"]);
  const [creator] = await ethers.getSigners();
  const pack = checkPack(SAMPLE);
  const result = await uploadPack(hre, pack, { from: creator.address });
  const renderer = await ethers.getContractAt("PackRenderer", result.renderer!);
  const store = await ethers.getContractAt("PageStore", result.store);
  return { pack, result, renderer, store, creator };
});

describe("Art packs on chain", () => {
  describe("PageStore", () => {
    it("write stores a page at its content address once: a second write of the same bytes sends nothing new", async () => {
      await deployments.fixture(["pages"]);
      const store = await ethers.getContractAt("PageStore", (await deployments.get("PageStore")).address);
      const page = getBytes(ethers.toUtf8Bytes('<circle cx="1" cy="2" r="3"/>'));
      const expected = pageAddress(await store.getAddress(), page);
      expect([...(await store.pointerOf(page))]).to.deep.equal([expected, false]);
      const first = await (await store.write([page])).wait();
      await expect(store.write([page])).not.to.emit(store, "PageWritten");
      const again = await (await store.write([page])).wait();
      expect(first!.logs.length).to.equal(1);
      expect([...(await store.pointerOf(page))]).to.deep.equal([expected, true]);
      expect(await store.read(expected)).to.equal(hexlify(page));
      expect(await ethers.provider.getCode(expected)).to.equal(hexlify(new Uint8Array([0, ...page])));
      // Stored already: the check only (the calldata, a hash and EXTCODESIZE), not 32,000 + 200 per byte.
      expect(again!.gasUsed).to.be.lessThan(40_000n);
      expect(first!.gasUsed - again!.gasUsed).to.be.greaterThan(32_000n + 200n * BigInt(page.length));
    });

    it("write refuses an empty or oversized page with its index, and a refused batch writes none of its pages", async () => {
      await deployments.fixture(["pages"]);
      const store = await ethers.getContractAt("PageStore", (await deployments.get("PageStore")).address);
      const good = getBytes(ethers.toUtf8Bytes("<g/>"));
      await expect(store.write([good, new Uint8Array()]))
        .to.be.revertedWithCustomError(store, "PageStoreEmptyPage")
        .withArgs(1);
      await expect(store.write([good, new Uint8Array(24_576).fill(0x61)]))
        .to.be.revertedWithCustomError(store, "PageStoreTooLarge")
        .withArgs(1, 24_576, 24_575);
      expect((await store.pointerOf(good)).stored).to.equal(false);
      expect(await store.read(ethers.Wallet.createRandom().address)).to.equal("0x");
      // The largest page fits.
      await (await store.write([new Uint8Array(24_575).fill(0x61)])).wait();
    });
  });

  describe("pack upload, status, verify and lock", () => {
    it("upload is resumable: a run after a partial upload sends only the missing pages, and a third run sends nothing", async () => {
      await deployments.fixture(["pages"]);
      const dir = sampleCopy("resume-pack");
      const pack = checkPack(dir);
      const store = await ethers.getContractAt("PageStore", (await deployments.get("PageStore")).address);
      const pages = distinctPages(pack);
      // A first run that failed after five pages.
      await (await store.write(pages.slice(0, 5).map((p) => p.bytes))).wait();
      const dry = await runTask("pack", { subcommand: "upload", dir, dryRun: true, json: true });
      const planned = JSON.parse(dry.out);
      expect(planned.pages.filter((p: { state: string }) => p.state === "missing")).to.have.length(pages.length - 5);
      expect(planned.index).to.equal("would set");
      expect(await deployments.getOrNull(packRendererName(pack))).to.equal(undefined); // nothing sent
      const run = await runTask("pack", { subcommand: "upload", dir });
      expect(run.exitCode, run.errors.join("\n")).to.equal(0);
      expect(run.out).to.contain(`${pages.length - 5} page(s) sent, 5 already stored`);
      expect(run.out).to.match(/index +\d[\d,]* bytes: set, [\d,]+ gas/);
      const again = await runTask("pack", { subcommand: "upload", dir });
      expect(again.out).to.contain(`0 page(s) sent, ${pages.length} already stored`);
      expect(again.out).to.contain("already set: nothing sent");
    });

    it("the upload costs within 10% of the SSTORE2 floor, each page at most 8,000 gas over its own @skip-coverage", async () => {
      const { pack, result } = await uploaded();
      const sent = result.pages.filter((p) => p.state === "sent");
      // Layers with the same bytes share one page (the sample has two such pairs).
      expect(sent.length).to.equal(distinctPages(pack).length).and.to.be.lessThan(pack.pages.length);
      // Over the floor per page: the cold check that the page is not stored yet (2,600), the event and the ABI.
      for (const p of sent) expect(p.gas!, p.file).to.be.within(p.floor, p.floor + 8_000);
      expect(result.sentGas).to.be.within(result.sentFloor, Math.floor(result.sentFloor * 1.1));
    });

    it("verify passes on the uploaded pack and fails after any change to a layer or to pack.json", async () => {
      await deployments.fixture(["pages"]);
      const dir = sampleCopy("verify-pack");
      expect((await runTask("pack", { subcommand: "upload", dir })).exitCode).to.equal(0);
      const ok = await runTask("pack", { subcommand: "verify", dir });
      expect(ok.out).to.match(/verified: the pack hash, the index and all 27 pages on chain match/);
      const status = await runTask("pack", { subcommand: "status", dir });
      expect(status.out).to.contain("matches the folder: 27 pages");

      const layer = path.join(dir, "eyes", "wide.svg");
      const original = fs.readFileSync(layer, "utf8");
      fs.writeFileSync(
        layer,
        original.replace(/r="(\d+)"/, (_, r) => `r="${Number(r) + 1}"`),
      );
      const changed = await runTask("pack", { subcommand: "verify", dir });
      expect(changed.exitCode).to.equal(1);
      expect(changed.errors.join("\n")).to.match(
        /pack verify failed: pack hash .*index .*page eyes\/wide\.svg .*not stored/,
      );
      fs.writeFileSync(layer, original);
      expect((await runTask("pack", { subcommand: "verify", dir })).exitCode).to.equal(0);

      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "pack.json"), "utf8"));
      manifest.slots[1].variants[0].weight += 1;
      fs.writeFileSync(path.join(dir, "pack.json"), JSON.stringify(manifest, null, 2));
      const reweighted = await runTask("pack", { subcommand: "verify", dir });
      expect(reweighted.errors.join("\n")).to.match(/pack verify failed: pack hash .*; index /);
      expect(reweighted.errors.join("\n")).not.to.match(/page [a-z]+\//);
    });

    it("lock freezes the pack: setPack is refused after it, and upload says to deploy a new renderer", async () => {
      await deployments.fixture(["pages"]);
      const dir = sampleCopy("lock-pack");
      const [creator, other] = await ethers.getSigners();
      expect((await runTask("pack", { subcommand: "lock", dir })).errors.join()).to.contain("run `pack upload --dir");
      await runTask("pack", { subcommand: "upload", dir });
      const pack = checkPack(dir);
      const renderer = await ethers.getContractAt(
        "PackRenderer",
        (await deployments.get(packRendererName(pack))).address,
      );
      const [index, hash] = await renderer.pack();
      await expect(renderer.connect(other).lockPack())
        .to.be.revertedWithCustomError(renderer, "OwnableUnauthorizedAccount")
        .withArgs(other.address);
      const locked = await runTask("pack", { subcommand: "lock", dir });
      expect(locked.out).to.match(/Pack "Tide Pool" locked for good/);
      expect(await renderer.pack()).to.deep.equal([index, hash, true]);
      await expect(
        renderer.connect(creator).setPack(encodeIndex(pack, ethers.ZeroAddress), hash),
      ).to.be.revertedWithCustomError(renderer, "PackIsLocked");
      await expect(renderer.lockPack()).to.be.revertedWithCustomError(renderer, "PackIsLocked");
      expect((await runTask("pack", { subcommand: "lock", dir })).errors.join()).to.contain("already locked");
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "pack.json"), "utf8"));
      manifest.license = "CC-BY-4.0";
      fs.writeFileSync(path.join(dir, "pack.json"), JSON.stringify(manifest));
      const refused = await runTask("pack", { subcommand: "upload", dir });
      expect(refused.errors.join()).to.match(/is locked with another pack .*deploy a new renderer/);
    });
  });

  describe("PackRenderer", () => {
    it("setPack and lockPack: owner only, events with the index and hash, zero hash and unset pack refused", async () => {
      await deployments.fixture(["pages"]);
      const [creator, other] = await ethers.getSigners();
      const renderer = await deployPackRendererFresh(hre, creator.address);
      const pack = checkPack(SAMPLE);
      const store = await ethers.getContractAt("PageStore", (await deployments.get("PageStore")).address);
      await (await store.write(distinctPages(pack).map((p) => p.bytes))).wait();
      const index = encodeIndex(pack, await store.getAddress());
      await expect(renderer.lockPack()).to.be.revertedWithCustomError(renderer, "PackNotSet");
      await expect(renderer.tokenURI(paramsFor(randomState(mulberry32(1))))).to.be.revertedWithCustomError(
        renderer,
        "PackNotSet",
      );
      await expect((renderer.connect(other) as Contract).setPack(index, pack.packHash))
        .to.be.revertedWithCustomError(renderer, "OwnableUnauthorizedAccount")
        .withArgs(other.address);
      await expect(renderer.setPack(index, ethers.ZeroHash)).to.be.revertedWithCustomError(renderer, "PackHashZero");
      const tx = await renderer.setPack(index, pack.packHash);
      const [pointer] = await renderer.pack();
      await expect(tx).to.emit(renderer, "PackSet").withArgs(pointer, pack.packHash, 6, 29);
      expect(await ethers.provider.getCode(pointer)).to.equal(hexlify(new Uint8Array([0, ...index])));
      await expect(renderer.lockPack()).to.emit(renderer, "PackLocked").withArgs(pointer, pack.packHash);
    });

    it(`setPack refuses ${samples(150, 50)} malformed indexes, each with the offset and the problem, and changes nothing`, async () => {
      const { pack, renderer, store } = await uploaded();
      const good = encodeIndex(pack, await store.getAddress());
      const before = await renderer.pack();
      const cases = malformedIndexes(good, await renderer.getAddress(), (await ethers.getSigners())[3].address);
      // Random single-byte corruptions of the structure: each either is refused or still well formed.
      const rand = mulberry32(23);
      let refusedRandom = 0;
      while (cases.length < samples(150, 50)) {
        const o = Math.floor(rand() * good.length);
        const b = new Uint8Array(good);
        b[o] = (good[o] + 1 + Math.floor(rand() * 255)) % 256;
        cases.push({ index: b, problem: -1, label: `byte ${o} -> ${b[o]}` });
      }
      for (const c of cases) {
        const call = renderer.setPack.staticCall(c.index, keccak256(c.index));
        if (c.problem === -1) {
          // A corrupted name byte may still be printable ASCII, and a weight moved by one may be offset
          // elsewhere: those are valid indexes. Everything else must be refused.
          try {
            await call;
          } catch (err) {
            expect(renderer.interface.parseError((err as { data: string }).data)?.name, c.label).to.equal(
              "PackIndexInvalid",
            );
            refusedRandom++;
          }
          continue;
        }
        const expectation = expect(call, c.label).to.be.revertedWithCustomError(renderer, "PackIndexInvalid");
        await (c.offset === undefined ? expectation : expectation.withArgs(c.offset, c.problem));
      }
      expect(cases.length).to.be.at.least(samples(150, 50));
      expect(refusedRandom).to.be.greaterThan(samples(10, 0));
      // Sent for real, a refused index changes nothing.
      await expect(renderer.setPack(cases[0].index, keccak256("0x01"))).to.be.revertedWithCustomError(
        renderer,
        "PackIndexInvalid",
      );
      expect(await renderer.pack()).to.deep.equal(before);
    });

    it("setPack refuses a pack whose pixel layer's page is malformed (scale, box, palette, runs), each as Pixels (14)", async () => {
      const { pack, renderer, store } = await uploaded();
      const crab = pack.pages.find((p) => p.file === "accessory/crab.png")!;
      const good = crab.bytes;
      const n = good[6];
      const runsAt = 7 + 3 * n;
      const edit = (f: (b: number[]) => void) => {
        const b = [...good];
        f(b);
        return new Uint8Array(b);
      };
      const bad: [string, Uint8Array][] = [
        ["scale 0", edit((b) => (b[1] = 0))],
        ["scale 7 (does not divide 320)", edit((b) => (b[1] = 7))],
        ["scale 4 (a grid of 80, over 64)", edit((b) => (b[1] = 4))],
        ["top at the bottom", edit((b) => (b[2] = b[4]))],
        ["left at the right", edit((b) => (b[3] = b[5]))],
        ["box past the grid", edit((b) => (b[5] = 33))],
        ["no colours", edit((b) => (b[6] = 0))],
        ["a colour past the palette", edit((b) => (b[runsAt + 1] = n + 1))],
        ["a run of 0", edit((b) => (b[runsAt] = 0))],
        ["a run past the row's end", edit((b) => (b[runsAt] += 1))],
        ["a run cut in half", edit((b) => b.pop())],
        ["the last row missing", edit((b) => b.splice(b.length - 6, 6))],
        ["a run past the box", edit((b) => b.push(1, 1))],
        ["only a header", new Uint8Array(good.slice(0, 10))],
      ];
      for (const [label, page] of bad) {
        await (await store.write([page])).wait();
        const broken: CheckedPack = { ...pack, pages: pack.pages.map((p) => (p === crab ? { ...p, bytes: page } : p)) };
        await expect(
          renderer.setPack.staticCall(encodeIndex(broken, await store.getAddress()), pack.packHash),
          label,
        ).to.be.revertedWithCustomError(renderer, "PackIndexInvalid");
        const err = await renderer.setPack
          .staticCall(encodeIndex(broken, await store.getAddress()), pack.packHash)
          .catch((e: { data: string }) => renderer.interface.parseError(e.data));
        expect((err as { args: bigint[] }).args[1], label).to.equal(14n);
      }
    });

    it(`draws ${samples(200, 30)} random tokens byte for byte as the TypeScript composer does from the pack folder`, async () => {
      const { pack, renderer } = await uploaded();
      const rand = mulberry32(2026);
      const n = samples(200, 30);
      const stages = new Set<string>();
      for (let i = 0; i < n; i++) {
        const s = randomState(rand);
        stages.add(s.stage);
        const params = paramsFor(s, i + 1);
        expect(
          await renderer.svg(params),
          `token ${i}: ${JSON.stringify(s, (_, v) => (typeof v === "bigint" ? toBeHex(v) : v))}`,
        ).to.equal(composeSvg(pack, s));
        if (i % 5 === 0) {
          const json = decodeJson(await renderer.tokenURI(params));
          expect(validToken(json), JSON.stringify(validToken.errors)).to.equal(true);
          expect(decodeDataUri(json.image, "image/svg+xml")).to.equal(composeSvg(pack, s));
          const shown = variantsShown(pack, s);
          const attr = (t: string) => json.attributes.find((a: { trait_type: string }) => a.trait_type === t)?.value;
          for (const slot of pack.manifest.slots)
            expect(attr(title(slot.name))).to.equal(s.stage === "egg" ? undefined : shown[slot.name]);
          expect(attr("AI Layers")).to.equal(`0 of ${pack.manifest.slots.length}`);
          expect(attr("Pack")).to.equal("Tide Pool");
          expect(json.layers.map((l: { variant: string }) => l.variant)).to.deep.equal(Object.values(shown));
          expect(json.pack.hash).to.equal(pack.packHash);
        }
      }
      expect([...stages].sort()).to.deep.equal([...STAGES].sort());
    });

    it("pack check's worst case bounds the tokenURI gas of 100 random tokens @skip-coverage", async () => {
      const { pack, renderer } = await uploaded();
      const worst = (await worstCaseTokenUriGas(hre, pack)) - COLLECTION_OVERHEAD;
      const rand = mulberry32(2027);
      let maxGas = 0n;
      for (let i = 0; i < 100; i++) {
        const gas = await renderer.tokenURI.estimateGas(paramsFor(randomState(rand), i + 1));
        if (gas > maxGas) maxGas = gas;
      }
      expect(maxGas).to.be.greaterThan(300_000n);
      expect(maxGas, "the worst case bounds every token").to.be.lessThanOrEqual(BigInt(worst));
    });

    it("tokenURI shows AI provenance: 'AI Layers: 2 of 6', the model of the first AI layer, and each layer's origin", async () => {
      await deployments.fixture(["pages"]);
      const dir = sampleCopy("ai-pack");
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "pack.json"), "utf8"));
      const model = { tool: "tidal-diffusion", toolVersion: "2.1", modelHash: `0x${"ab".repeat(32)}` };
      for (const v of manifest.slots[1].variants) Object.assign(v, model, { origin: "ai" });
      for (const v of manifest.slots[3].variants) Object.assign(v, model, { origin: "ai-curated", toolVersion: "2.2" });
      fs.writeFileSync(path.join(dir, "pack.json"), JSON.stringify(manifest));
      const pack = checkPack(dir);
      const [creator] = await ethers.getSigners();
      const r = await uploadPack(hre, pack, { from: creator.address });
      const renderer = await ethers.getContractAt("PackRenderer", r.renderer!);
      const s: PackState = { genome: 12345n, stage: "adult", mood: "sunny", vitalityBps: 8_000, generation: 1 };
      const json = decodeJson(await renderer.tokenURI(paramsFor(s)));
      const attr = (t: string) => json.attributes.find((a: { trait_type: string }) => a.trait_type === t)?.value;
      expect(attr("AI Layers")).to.equal("2 of 6");
      expect(attr("Model")).to.equal("tidal-diffusion 2.1");
      expect(json.layers.map((l: { origin: string }) => l.origin)).to.deep.equal([
        "human",
        "ai",
        "human",
        "ai-curated",
        "human",
        "human",
      ]);
      expect(json.layers[3].tool).to.equal(toolLabel({ tool: "tidal-diffusion", toolVersion: "2.2" }));
      expect(json.pack).to.include({ layers: 29, ai_layers: 10, locked: false });
    });
  });

  describe("a collection drawn by a pack", () => {
    async function packCollection(): Promise<{ w: World; pack: CheckedPack; renderer: Contract }> {
      const w = await deployWorld();
      const pack = checkPack(SAMPLE);
      const r = await uploadPack(hre, pack, { from: w.deployer.address }); // deploys the PageStore too
      const traits = await w.collection.getTraitMetadataURI();
      await expect(w.collection.setRenderer(r.renderer!)).to.emit(w.collection, "BatchMetadataUpdate");
      // The ERC-7496 traits are the collection's, whatever draws it: their metadata does not change.
      expect(await w.collection.getTraitMetadataURI()).to.equal(traits);
      expect((await runTask("renderer", { subcommand: "get" })).out).to.match(
        new RegExp(`renderer ${r.renderer} \\(version 1\\.0\\.0\\) unlocked`),
      );
      return { w, pack, renderer: (await ethers.getContractAt("PackRenderer", r.renderer!)) as unknown as Contract };
    }

    it("tokenURI and contractURI show the pack's art for each token's live state, and a storm changes the background", async () => {
      const { w, pack, renderer } = await packCollection();
      await mintAs(w, w.alice, 1);
      await closeCohort(w); // #1 stays an egg
      await mintAndReveal(w, w.alice, 4); // #2..#5
      const stateOf = async (id: number): Promise<PackState> => {
        const ph = await w.collection.phenotypeOf(id);
        return {
          genome: ph.genome,
          stage: STAGES[Number(ph.stage)],
          mood: MOODS[Number(ph.mood)],
          vitalityBps: Number(ph.vitality),
          generation: Number(ph.generation),
        };
      };
      const check = async (id: number) => {
        const json = decodeJson(await w.collection.tokenURI(id));
        expect(validToken(json), JSON.stringify(validToken.errors)).to.equal(true);
        const s = await stateOf(id);
        expect(decodeDataUri(json.image, "image/svg+xml"), `#${id}`).to.equal(composeSvg(pack, s));
        return { json, s };
      };
      expect((await check(1)).s.stage).to.equal("egg");
      for (let id = 2; id <= 5; id++) expect((await check(id)).s.stage).to.equal("hatchling");
      const P = (usd: number) => BigInt(Math.round(usd * 1e8));
      await advance(w, P(3000));
      await advance(w, P(1500)); // a crash: stormy
      const { json, s } = await check(2);
      expect(s.mood).to.equal("stormy");
      expect(json.attributes.find((a: { trait_type: string }) => a.trait_type === "Background").value).to.equal(
        "Storm",
      );
      const collection = decodeJson(await w.collection.contractURI());
      expect(validCollection(collection), JSON.stringify(validCollection.errors)).to.equal(true);
      expect(collection.pack).to.include({ name: "Tide Pool", hash: pack.packHash, layers: 29 });
    });

    it("the collection adds at most COLLECTION_OVERHEAD gas to the renderer's tokenURI, which stays under 750,000 @skip-coverage", async () => {
      const { w, renderer } = await packCollection();
      await mintAndReveal(w, w.alice, 2);
      // The collection's own share of tokenURI (phenotype, params, the call) stays under the bound pack check adds.
      const description = "A tide pool, drawn from a creator's pack.";
      await (await w.collection.setDescription(description)).wait();
      const [model, dataset] = [keccak256("0x01"), keccak256("0x02")];
      await (await w.collection.setProvenance(model, dataset, "ipfs://license", "pack", "1.0")).wait();
      const direct = await renderer.tokenURI.estimateGas({
        collection: await w.collection.getAddress(),
        tokenId: 2,
        collectionName: await w.collection.name(),
        description,
        phenotype: plain(await w.collection.phenotypeOf(2)) as Record<string, unknown>,
        provenance: {
          modelHash: model,
          datasetHash: dataset,
          licenseURI: "ipfs://license",
          generatorName: "pack",
          generatorVersion: "1.0",
          locked: false,
        },
      });
      const through = await w.collection.tokenURI.estimateGas(2);
      expect(through - direct).to.be.lessThanOrEqual(BigInt(COLLECTION_OVERHEAD));
      expect(through).to.be.lessThanOrEqual(BigInt(TOKEN_URI_BUDGET));
    });
  });

  describe("pack check", () => {
    it("prints the worst-case tokenURI gas and refuses a pack whose worst case is over 750,000 @skip-coverage", async () => {
      const ok = await runTask("pack", {
        subcommand: "check",
        dir: SAMPLE,
        out: fs.mkdtempSync(path.join(os.tmpdir(), "vivarium-check-")),
        json: true,
      });
      const data = JSON.parse(ok.out);
      expect(data.worstCaseTokenUriGas).to.be.within(200_000, TOKEN_URI_BUDGET);
      const dir = sampleCopy("heavy-pack");
      // Every SVG layer grows to about 20 KB of paths (each under the 24,000-byte layer limit).
      const big = `<g>${Array.from({ length: 420 }, (_, i) => `<path d="M${i % 300} 10 L${(i * 7) % 300} 300 Z" fill="rgb(${i % 256},1,2)"/>`).join("")}</g>`;
      expect(big.length).to.be.within(18_000, 24_000);
      for (const slot of fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isDirectory()))
        for (const file of fs.readdirSync(path.join(dir, slot)).filter((f) => f.endsWith(".svg")))
          fs.writeFileSync(path.join(dir, slot, file), big);
      const heavy = await runTask("pack", { subcommand: "check", dir, out: path.join(dir, "..", "out") });
      expect(heavy.exitCode).to.equal(1);
      expect(heavy.errors.join()).to.match(
        /pack refused: tokenURI could cost up to [\d,]+ gas, over the 750,000 budget/,
      );
    });
  });
});
