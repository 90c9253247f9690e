/**
 * Gas of art packs (contracts/packs/) for the benchmark, each figure beside a baseline measured in
 * the same run: the sample pack's upload through the PageStore against a plain Solady
 * `SSTORE2.write` of the same pages (contracts/mocks/baselines/PlainSstore2Pages.sol) and the
 * SSTORE2 floor (`pageGasFloor`); re-uploading a stored page; `setPack` against a plain write of the
 * index; tokenURI of random revealed tokens against the built-in LivingAssetRenderer (direct and
 * through a real collection) and the proven bound (`worstCaseTokenUriGas`); and the marginal cost of
 * a layer and of a layer byte, fitted over synthetic packs, against plain `SSTORE2.read`s of the same
 * pages. Uses the pack library of the tasks (tasks/lib/pack/), never test code.
 */
import path from "node:path";
import hre, { ethers } from "hardhat";
import { concat, hexlify, keccak256, toUtf8Bytes, type Contract } from "ethers";

import { MOODS, PACK_FORMAT, checkPack, pageGasFloor, type CheckedPack } from "../../../tasks/lib/pack/pack";
import { distinctPages, encodeIndex, pageAddress } from "../../../tasks/lib/pack/encode";
import {
  COLLECTION_OVERHEAD,
  deployPackRendererFresh,
  uploadPack,
  worstCaseTokenUriGas,
} from "../../../tasks/lib/pack/chain";
import { closeCohort, deployWorld, fulfil, plain, PRICE, type World } from "./fixture";
import { linearFit, type LinearFit } from "./measure";
import { mulberry32 } from "../random";

/** The sample pack the section measures. */
export const SAMPLE_PACK_DIR = path.join(__dirname, "..", "..", "..", "packs", "tide-pool");
/** Random revealed tokens whose tokenURI is measured directly on both renderers. */
export const RANDOM_TOKENS = 100;
/** Tokens minted, revealed and read through the collection with each renderer. */
export const COLLECTION_TOKENS = 5;
/** Synthetic packs: 1..LAYER_SERIES_MAX slots, each drawing a distinct layer of LAYER_SERIES_BYTES. */
export const LAYER_SERIES_MAX = 12;
export const LAYER_SERIES_BYTES = 512;
/** Synthetic packs of BYTE_SERIES_SLOTS slots, each layer of one of BYTE_SERIES_SIZES bytes. */
export const BYTE_SERIES_SLOTS = 6;
export const BYTE_SERIES_SIZES = [128, 512, 1024, 2048, 4096] as const;

type Progress = (line: string) => void;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
};
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

async function gasUsed(sent: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<number> {
  const receipt = await (await sent).wait();
  if (receipt === null) throw new Error("transaction was not mined");
  return Number(receipt.gasUsed);
}

// ---------------------------------------------------------------- render params

/** The texts the collection is given (description, provenance), so direct and collection calls match. */
const DESCRIPTION = "A tide pool, drawn from a creator's pack.";
const PROVENANCE = {
  modelHash: keccak256("0x01"),
  datasetHash: keccak256("0x02"),
  licenseURI: "ipfs://license",
  generatorName: "pack",
  generatorVersion: "1.0",
  locked: false,
};

/** Render params of a revealed token: stage Hatchling..Ascended, a random genome, mood, vitality and life. */
function randomParams(collection: string, name: string, tokenId: number, rand: () => number) {
  const stage = 1 + Math.floor(rand() * 4);
  const words = Array.from({ length: 8 }, () => Math.floor(rand() * 2 ** 32));
  const genome = words.reduce((g, w) => (g << 32n) | BigInt(w), 0n);
  const age = Math.floor(rand() * 500);
  return {
    collection,
    tokenId,
    collectionName: name,
    description: DESCRIPTION,
    phenotype: {
      revealed: true,
      stage,
      generation: stage >= 3 ? stage - 2 : 0, // Adult after one metamorphosis, Ascended after two
      metamorphosisPending: false,
      birthEpoch: 1,
      currentEpoch: 1 + age,
      age,
      vitality: Math.floor(rand() * 10_001),
      temperament: Math.floor(rand() * 4),
      mood: Math.floor(rand() * MOODS.length),
      nurtureCount: Math.floor(rand() * age),
      lifeUpBps: BigInt(Math.floor(rand() * 50_000)),
      lifeDownBps: BigInt(Math.floor(rand() * 50_000)),
      lastPrice: BigInt(Math.round((2000 + rand() * 2000) * 1e8)),
      seed: genome,
      genome,
    },
    provenance: PROVENANCE,
  };
}
type Params = ReturnType<typeof randomParams>;

// ---------------------------------------------------------------- upload

export interface PackUploadFigures {
  slots: number;
  layers: number;
  /** Bytes of all layers, shared pages counted once for each layer that uses them. */
  layerBytes: number;
  pages: { file: string; bytes: number; gas: number; floor: number; baselineGas: number; reuploadGas: number }[];
  bytes: number;
  gas: number;
  floor: number;
  baselineGas: number;
  indexBytes: number;
  setPackGas: number;
  /** A plain `SSTORE2.write` of the index bytes: setPack without the check, the slots and the event. */
  indexBaselineGas: number;
}

/**
 * The sample pack uploaded by `uploadPack` on a fresh world (PageStore deployed then, one page per
 * transaction, then the renderer and `setPack`); the same pages and the index through the plain
 * baseline, one per transaction; every page written again (already stored).
 */
async function measureUpload(w: World, pack: CheckedPack, progress: Progress) {
  const result = await uploadPack(hre, pack, { from: w.deployer.address });
  const sent = result.pages.filter((p) => p.state === "sent");
  if (sent.length !== distinctPages(pack).length) throw new Error(`uploaded ${sent.length} pages, expected all`);
  if (result.index !== "set" || result.indexGas === undefined) throw new Error("setPack was not sent");
  const store = (await ethers.getContractAt("PageStore", result.store)) as unknown as Contract;
  const plainPages = (await (await ethers.getContractFactory("PlainSstore2Pages")).deploy()) as unknown as Contract;
  const pages: PackUploadFigures["pages"] = [];
  for (const page of distinctPages(pack)) {
    const row = sent.find((p) => p.address === pageAddress(result.store, page.bytes))!;
    pages.push({
      file: page.file,
      bytes: page.bytes.length,
      gas: row.gas!,
      floor: pageGasFloor(page.bytes.length),
      baselineGas: await gasUsed(plainPages.write([page.bytes])),
      reuploadGas: await gasUsed(store.write([page.bytes])),
    });
  }
  const upload: PackUploadFigures = {
    slots: pack.manifest.slots.length,
    layers: pack.pages.length,
    layerBytes: sum(pack.pages.map((p) => p.bytes.length)),
    pages,
    bytes: sum(pages.map((p) => p.bytes)),
    gas: result.sentGas,
    floor: result.sentFloor,
    baselineGas: sum(pages.map((p) => p.baselineGas)),
    indexBytes: result.indexBytes,
    setPackGas: result.indexGas,
    indexBaselineGas: await gasUsed(plainPages.write([encodeIndex(pack, result.store)])),
  };
  progress(
    `art packs: upload of ${pages.length} pages (${upload.bytes} bytes): PageStore ${upload.gas}, ` +
      `plain SSTORE2.write ${upload.baselineGas}, floor ${upload.floor}; ` +
      `re-upload of a stored page ${Math.min(...pages.map((p) => p.reuploadGas))}..${Math.max(...pages.map((p) => p.reuploadGas))}; ` +
      `setPack (${upload.indexBytes}-byte index) ${upload.setPackGas}, plain write of the index ${upload.indexBaselineGas}`,
  );
  return { upload, renderer: result.renderer!, store };
}

// ---------------------------------------------------------------- tokenURI

export interface PackTokenUriFigures {
  samples: number;
  seed: number;
  /** Direct `tokenURI(params)` of each random token: the pack's renderer and the built-in one. */
  pack: number[];
  builtIn: number[];
  collection: { tokenId: number; stage: number; pack: number; packDirect: number; builtIn: number }[];
  /** `worstCaseTokenUriGas`: the worst-case pack's direct tokenURI plus COLLECTION_OVERHEAD. */
  bound: number;
  collectionOverhead: number;
}

const RANDOM_SEED = 2026;

/** tokenURI on both renderers: random tokens directly, then minted tokens through the collection. */
async function measureTokenUris(w: World, pack: CheckedPack, packRenderer: string, progress: Progress) {
  const renderer = (await ethers.getContractAt("PackRenderer", packRenderer)) as unknown as Contract;
  const collection = await w.collection.getAddress();
  const name = await w.collection.name();
  const rand = mulberry32(RANDOM_SEED);
  const figures: PackTokenUriFigures = {
    samples: RANDOM_TOKENS,
    seed: RANDOM_SEED,
    pack: [],
    builtIn: [],
    collection: [],
    bound: 0,
    collectionOverhead: COLLECTION_OVERHEAD,
  };
  for (let i = 0; i < RANDOM_TOKENS; i++) {
    const params = randomParams(collection, name, i + 1, rand);
    figures.pack.push(Number(await renderer.tokenURI.estimateGas(params)));
    figures.builtIn.push(Number(await w.renderer.tokenURI.estimateGas(params)));
  }
  progress(
    `art packs: tokenURI of ${RANDOM_TOKENS} random revealed tokens, median / worst: pack ${median(figures.pack)} / ` +
      `${Math.max(...figures.pack)}, built-in ${median(figures.builtIn)} / ${Math.max(...figures.builtIn)}`,
  );

  await (await w.collection.setDescription(DESCRIPTION)).wait();
  const p = PROVENANCE;
  await (
    await w.collection.setProvenance(p.modelHash, p.datasetHash, p.licenseURI, p.generatorName, p.generatorVersion)
  ).wait();
  await (
    await w.collection.connect(w.alice).mint(COLLECTION_TOKENS, { value: PRICE * BigInt(COLLECTION_TOKENS) })
  ).wait();
  await fulfil(w, await closeCohort(w));
  const ids = Array.from({ length: COLLECTION_TOKENS }, (_, i) => i + 1);
  const builtIn = [];
  for (const id of ids) builtIn.push(Number(await w.collection.tokenURI.estimateGas(id)));
  await (await w.collection.setRenderer(packRenderer)).wait();
  for (const [i, id] of ids.entries()) {
    const phenotype = plain(await w.collection.phenotypeOf(id)) as Params["phenotype"];
    if (!phenotype.revealed) throw new Error(`token #${id} is not revealed`);
    const params = { ...randomParams(collection, name, id, rand), phenotype };
    figures.collection.push({
      tokenId: id,
      stage: Number(phenotype.stage),
      pack: Number(await w.collection.tokenURI.estimateGas(id)),
      packDirect: Number(await renderer.tokenURI.estimateGas(params)),
      builtIn: builtIn[i],
    });
  }
  progress(
    `art packs: through the collection, tokens #1..#${COLLECTION_TOKENS}: pack ${figures.collection.map((c) => c.pack).join(" / ")}, ` +
      `built-in ${builtIn.join(" / ")}`,
  );
  figures.bound = await worstCaseTokenUriGas(hre, pack);
  progress(`art packs: proven tokenURI bound (worstCaseTokenUriGas) ${figures.bound}`);
  return figures;
}

// ---------------------------------------------------------------- cost per layer

/** A layer fragment of exactly `size` bytes, distinct for each `k`. */
function layerBytes(k: number, size: number): Uint8Array {
  const head = `<g data-layer="${k}">`;
  const tail = "</g>";
  const unit = `<circle cx="${k % 300}" cy="9" r="3"/>`;
  let body = "";
  while (head.length + body.length + unit.length + tail.length <= size) body += unit;
  const svg = head + body.padEnd(size - head.length - tail.length, " ") + tail;
  if (svg.length !== size) throw new Error(`layer of ${svg.length} bytes, expected ${size}`);
  return toUtf8Bytes(svg);
}

/** An in-memory pack: one slot per layer, one variant each (weight 1), fixed-length names. */
function syntheticPack(layers: Uint8Array[]): CheckedPack {
  const two = (i: number) => String(i + 1).padStart(2, "0");
  const slots = layers.map((_, i) => ({
    name: `layer-${two(i)}`,
    gene: i % 16,
    variants: [
      {
        name: `Variant ${two(i)}`,
        weight: 1,
        file: `layer-${two(i)}.svg`,
        origin: "human" as const,
        tool: "bench",
        toolVersion: "1.0",
      },
    ],
  }));
  const pages = layers.map((bytes, i) => ({
    slot: slots[i].name,
    variant: slots[i].variants[0].name,
    file: slots[i].variants[0].file,
    bytes,
    hash: keccak256(bytes),
  }));
  return {
    dir: "(synthetic)",
    manifest: {
      format: PACK_FORMAT,
      name: "Bench",
      creator: "scripts/bench.ts",
      license: "CC0-1.0",
      canvas: 320,
      slots,
    },
    pages,
    packHash: keccak256(concat(pages.map((p) => p.hash))),
    origins: { human: layers.length, ai: 0, "ai-curated": 0 },
  };
}

export interface LayerPoint {
  slots: number;
  layerBytes: number;
  /** PackRenderer.tokenURI (estimateGas). */
  gas: number;
  /** PlainSstore2Pages.read of the same pages (estimateGas). */
  baselineGas: number;
}

export interface LayerCostFigures {
  bySlots: LayerPoint[];
  byBytes: LayerPoint[];
  perLayer: LinearFit;
  perByte: LinearFit;
  baselinePerLayer: LinearFit;
  baselinePerByte: LinearFit;
}

/**
 * Two series of synthetic packs on one renderer (its pack set again for each point): 1..12 slots of
 * 512-byte layers, and 6 slots of layers of 128..4,096 bytes. Each point is the tokenURI of one
 * revealed Adult token and, as the baseline, plain `SSTORE2.read`s of the same pages.
 */
async function measureLayerCost(store: Contract, params: Params, progress: Progress): Promise<LayerCostFigures> {
  const [signer] = await ethers.getSigners();
  const renderer = await deployPackRendererFresh(hre, signer.address);
  const reader = (await (await ethers.getContractFactory("PlainSstore2Pages")).deploy()) as unknown as Contract;
  const storeAddress = await store.getAddress();
  const point = async (layers: Uint8Array[]): Promise<LayerPoint> => {
    for (const bytes of layers) await (await store.write([bytes])).wait(); // stored pages are skipped
    const pack = syntheticPack(layers);
    await (await renderer.setPack(encodeIndex(pack, storeAddress), pack.packHash)).wait();
    const pointers = layers.map((b) => pageAddress(storeAddress, b));
    // The baseline reads the very bytes the renderer draws, or its gas would measure something else.
    const read = (await reader.read(pointers)) as string[];
    if (read.some((r, i) => r !== hexlify(layers[i]))) throw new Error("PlainSstore2Pages.read returned other bytes");
    return {
      slots: layers.length,
      layerBytes: layers[0].length,
      gas: Number(await renderer.tokenURI.estimateGas(params)),
      baselineGas: Number(await reader.read.estimateGas(pointers)),
    };
  };
  const bySlots: LayerPoint[] = [];
  for (let n = 1; n <= LAYER_SERIES_MAX; n++)
    bySlots.push(await point(Array.from({ length: n }, (_, k) => layerBytes(k, LAYER_SERIES_BYTES))));
  const byBytes: LayerPoint[] = [];
  for (const size of BYTE_SERIES_SIZES)
    byBytes.push(await point(Array.from({ length: BYTE_SERIES_SLOTS }, (_, k) => layerBytes(100 + k, size))));
  const fit = (pts: LayerPoint[], x: (p: LayerPoint) => number, y: (p: LayerPoint) => number) =>
    linearFit(pts.map((p) => [x(p), y(p)] as const));
  const total = (p: LayerPoint) => p.slots * p.layerBytes;
  const figures: LayerCostFigures = {
    bySlots,
    byBytes,
    perLayer: fit(
      bySlots,
      (p) => p.slots,
      (p) => p.gas,
    ),
    perByte: fit(byBytes, total, (p) => p.gas),
    baselinePerLayer: fit(
      bySlots,
      (p) => p.slots,
      (p) => p.baselineGas,
    ),
    baselinePerByte: fit(byBytes, total, (p) => p.baselineGas),
  };
  progress(
    `art packs: tokenURI per ${LAYER_SERIES_BYTES}-byte layer ${figures.perLayer.slope.toFixed(0)} ` +
      `(plain read ${figures.baselinePerLayer.slope.toFixed(0)}), per layer byte ${figures.perByte.slope.toFixed(2)} ` +
      `(plain read ${figures.baselinePerByte.slope.toFixed(2)})`,
  );
  return figures;
}

// ---------------------------------------------------------------- all of it

export interface PackFigures {
  dir: string;
  upload: PackUploadFigures;
  tokenUri: PackTokenUriFigures;
  layers: LayerCostFigures;
  seconds: number;
}

/** Everything the "Art packs" section shows, on a fresh world. */
export async function measurePacks(progress: Progress): Promise<PackFigures> {
  const started = performance.now();
  const pack = checkPack(SAMPLE_PACK_DIR);
  const w = await deployWorld();
  const { upload, renderer, store } = await measureUpload(w, pack, progress);
  const tokenUri = await measureTokenUris(w, pack, renderer, progress);
  const params = randomParams(await w.collection.getAddress(), await w.collection.name(), 1, mulberry32(1));
  const adult = { ...params, phenotype: { ...params.phenotype, stage: 3, generation: 1 } };
  const layers = await measureLayerCost(store, adult, progress);
  return {
    dir: path.relative(hre.config.paths.root, SAMPLE_PACK_DIR),
    upload,
    tokenUri,
    layers,
    seconds: (performance.now() - started) / 1000,
  };
}
