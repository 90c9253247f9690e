/**
 * Art packs on chain: upload (pages to the PageStore, then the index to the pack's renderer),
 * status, lock and verify. Used by `npx hardhat pack` and the demo.
 */
import type { Contract } from "ethers";
import { getBytes, hexlify, keccak256 } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { userError } from "../common";
import { distinctPages, encodeIndex, pageAddress } from "./encode";
import { pageGasFloor, type CheckedPack, type Page } from "./pack";

/** The hardhat-deploy name of a pack's renderer: `PackRenderer_<folder name>`. */
export function packRendererName(pack: CheckedPack): string {
  return `PackRenderer_${pack.dir.split(/[\\/]/).filter(Boolean).pop()}`;
}

/** What one page of an upload did. */
export interface PageUpload {
  file: string;
  bytes: number;
  address: string;
  /** "sent" (written now), "stored" (already on chain: nothing sent), "missing" (dry run: would be sent). */
  state: "sent" | "stored" | "missing";
  gas?: number;
  floor: number;
  tx?: string;
}

export interface UploadResult {
  store: string;
  renderer: string | null;
  pages: PageUpload[];
  /** "set" now, "unchanged" (the chain already holds this index and hash), "would set" (dry run). */
  index: "set" | "unchanged" | "would set";
  indexBytes: number;
  indexGas?: number;
  packHash: string;
  sentGas: number;
  sentFloor: number;
}

/** `name` at `address`, typed loosely (no typechain import: tasks load before typechain runs). */
async function at(hre: HardhatRuntimeEnvironment, name: string, address: string, from?: string): Promise<Contract> {
  const { abi } = await hre.artifacts.readArtifact(name);
  return new hre.ethers.Contract(address, abi, from ? await hre.ethers.getSigner(from) : hre.ethers.provider);
}

/** The PageStore of this chain, deployed now if it is missing (not in a dry run). */
/**
 * A new PackRenderer owned by `owner`, linked to a PackCheck library deployed for it on the spot:
 * for measurements, tests and the bench on the in-process network (`pack upload` reuses the
 * chain's library instead: `deployments.deploy("PackCheck")`).
 */
export async function deployPackRendererFresh(hre: HardhatRuntimeEnvironment, owner: string): Promise<Contract> {
  const signer = await hre.ethers.getSigner(owner);
  const library = await (await hre.ethers.getContractFactory("PackCheck", signer)).deploy();
  const factory = await hre.ethers.getContractFactory("PackRenderer", {
    signer,
    libraries: { PackCheck: await library.getAddress() },
  });
  return (await factory.deploy(owner)) as unknown as Contract;
}

async function pageStore(hre: HardhatRuntimeEnvironment, from: string, dryRun: boolean): Promise<Contract | null> {
  const existing = await hre.deployments.getOrNull("PageStore");
  if (existing && (await hre.ethers.provider.getCode(existing.address)) !== "0x")
    return at(hre, "PageStore", existing.address, from);
  if (dryRun) return null;
  const d = await hre.deployments.deploy("PageStore", { from, log: false });
  return at(hre, "PageStore", d.address, from);
}

/** The pack's renderer if deployed (hardhat-deploy name `packRendererName`). */
export async function packRenderer(hre: HardhatRuntimeEnvironment, pack: CheckedPack): Promise<Contract | null> {
  const d = await hre.deployments.getOrNull(packRendererName(pack));
  if (!d || (await hre.ethers.provider.getCode(d.address)) === "0x") return null;
  return at(hre, "PackRenderer", d.address);
}

/** The bytes a page contract holds, without SSTORE2's leading STOP (null when it has no code). */
async function storedBytes(hre: HardhatRuntimeEnvironment, address: string): Promise<Uint8Array | null> {
  const code = await hre.ethers.provider.getCode(address);
  return code === "0x" ? null : getBytes(code).slice(1);
}

/**
 * Uploads `pack`: every layer page not yet stored (one transaction each, so a run after a
 * failure sends only what is missing), the pack's renderer if it has none, then the index and
 * pack hash unless the chain already holds them. `dryRun` sends nothing and says what would be sent.
 */
export async function uploadPack(
  hre: HardhatRuntimeEnvironment,
  pack: CheckedPack,
  opts: { from: string; dryRun?: boolean; progress?: (line: string) => void },
): Promise<UploadResult> {
  const progress = opts.progress ?? (() => undefined);
  const dryRun = !!opts.dryRun;
  const store = await pageStore(hre, opts.from, dryRun);
  // A dry run on a chain without a store: the addresses the store would give (it is not deployed yet).
  const storeAddress = store ? await store.getAddress() : hre.ethers.ZeroAddress;
  const pages: PageUpload[] = [];
  const distinct = distinctPages(pack);
  for (const [i, page] of distinct.entries()) {
    const address = pageAddress(storeAddress, page.bytes);
    const row: PageUpload = {
      file: page.file,
      bytes: page.bytes.length,
      address,
      state: "stored",
      floor: pageGasFloor(page.bytes.length),
    };
    if (!store || (await hre.ethers.provider.getCode(address)) === "0x") {
      row.state = "missing";
      if (!dryRun) {
        const tx = await store!.write([page.bytes]);
        const receipt = await tx.wait();
        Object.assign(row, { state: "sent", gas: Number(receipt!.gasUsed), tx: tx.hash });
      }
    }
    pages.push(row);
    const what =
      row.state === "sent"
        ? `${row.gas!.toLocaleString("en-US")} gas (floor ${row.floor.toLocaleString("en-US")})`
        : row.state === "stored"
          ? "already stored: nothing sent"
          : `would send (floor ${row.floor.toLocaleString("en-US")} gas)`;
    progress(`page ${i + 1}/${distinct.length} ${page.file} ${page.bytes.length} bytes: ${what}`);
  }
  const index = encodeIndex(pack, storeAddress);
  let renderer = await packRenderer(hre, pack);
  const result: UploadResult = {
    store: storeAddress,
    renderer: renderer ? await renderer.getAddress() : null,
    pages,
    index: "would set",
    indexBytes: index.length,
    packHash: pack.packHash,
    sentGas: pages.reduce((n, p) => n + (p.gas ?? 0), 0),
    sentFloor: pages.filter((p) => p.state === "sent").reduce((n, p) => n + p.floor, 0),
  };
  if (renderer) {
    const [indexAddress, packHash, locked] = (await renderer.pack()) as [string, string, boolean];
    const held = indexAddress === hre.ethers.ZeroAddress ? null : await storedBytes(hre, indexAddress);
    if (held && hexlify(held) === hexlify(index) && packHash === pack.packHash) result.index = "unchanged";
    else if (locked)
      throw userError(
        `${packRendererName(pack)} at ${result.renderer} is locked with another pack (hash ${packHash}): deploy a new renderer for this one`,
      );
  }
  if (dryRun || result.index === "unchanged") return result;
  if (!renderer) {
    progress(`deploying ${packRendererName(pack)} (owner ${opts.from})`);
    // The index checker, one library per chain, shared by every pack's renderer.
    const check = await hre.deployments.deploy("PackCheck", { from: opts.from, log: false });
    const d = await hre.deployments.deploy(packRendererName(pack), {
      contract: "PackRenderer",
      from: opts.from,
      args: [opts.from],
      libraries: { PackCheck: check.address },
      log: false,
    });
    renderer = await at(hre, "PackRenderer", d.address);
    result.renderer = d.address;
  }
  const r = renderer!;
  const owner = (await r.owner()) as string;
  if (owner.toLowerCase() !== opts.from.toLowerCase())
    throw userError(`${packRendererName(pack)} is owned by ${owner}, not by ${opts.from}: pass the owner's --from`);
  const tx = await (r.connect(await hre.ethers.getSigner(opts.from)) as Contract).setPack(index, pack.packHash);
  const receipt = await tx.wait();
  result.index = "set";
  result.indexGas = Number(receipt!.gasUsed);
  progress(`index ${index.length} bytes set on ${result.renderer}: ${result.indexGas.toLocaleString("en-US")} gas`);
  return result;
}

/** One difference `verifyPack` found between the folder and the chain. */
export interface Mismatch {
  what: string;
  expected: string;
  found: string;
}

/**
 * Recomputes every hash from the pack's files and compares them with the chain: the pack hash
 * and the index the renderer holds, and every layer page's bytes at its content address.
 */
export async function verifyPack(hre: HardhatRuntimeEnvironment, pack: CheckedPack, renderer: Contract) {
  const mismatches: Mismatch[] = [];
  const [indexAddress, packHash, locked] = (await renderer.pack()) as [string, string, boolean];
  if (packHash !== pack.packHash) mismatches.push({ what: "pack hash", expected: pack.packHash, found: packHash });
  const store = await hre.deployments.getOrNull("PageStore");
  const storeAddress = store?.address ?? hre.ethers.ZeroAddress;
  const expectedIndex = encodeIndex(pack, storeAddress);
  const held = indexAddress === hre.ethers.ZeroAddress ? null : await storedBytes(hre, indexAddress);
  if (!held || hexlify(held) !== hexlify(expectedIndex))
    mismatches.push({
      what: "index (slots, weights, rules, provenance, page addresses)",
      expected: keccak256(expectedIndex),
      found: held ? keccak256(held) : "none set",
    });
  const pages = distinctPages(pack);
  for (const page of pages) {
    const found = await storedBytes(hre, pageAddress(storeAddress, page.bytes));
    if (!found || keccak256(found) !== page.hash)
      mismatches.push({
        what: `page ${page.file}`,
        expected: page.hash,
        found: found ? keccak256(found) : "not stored",
      });
  }
  return {
    renderer: await renderer.getAddress(),
    index: indexAddress,
    packHash,
    locked,
    pages: pages.length,
    mismatches,
  };
}

/** tokenURI's worst case a pack may have, in gas: the collection's budget (README, bench). */
export const TOKEN_URI_BUDGET = 750_000;
/**
 * The most gas the collection adds to its renderer's tokenURI (the token's phenotype, the render
 * params, the call): test/pack-chain.test.ts measures it on a real collection and fails if it is
 * more.
 */
export const COLLECTION_OVERHEAD = 100_000;

/**
 * A pack no token can cost more than: every variant of a slot draws the slot's heaviest page
 * (`heaviest`: by measured drawing gas; by default its largest) and carries its longest name,
 * every layer is AI-made with the pack's longest tool label (so the "Model" attribute is the
 * longest), and every live rule is checked to its last condition and fails (the rules keep their
 * count; none holds, so every slot also walks its weights).
 */
export function worstCasePack(pack: CheckedPack, heaviest?: Map<string, Page>): CheckedPack {
  const bySlot = new Map<string, Page>(heaviest);
  if (!heaviest)
    for (const p of pack.pages) if ((bySlot.get(p.slot)?.bytes.length ?? -1) < p.bytes.length) bySlot.set(p.slot, p);
  const tools = pack.manifest.slots.flatMap((s) =>
    s.variants.map((v) => ({ tool: v.tool, toolVersion: v.toolVersion })),
  );
  const longestTool = tools.reduce((a, b) =>
    `${b.tool} ${b.toolVersion}`.length > `${a.tool} ${a.toolVersion}`.length ? b : a,
  );
  const pages: Page[] = [];
  const slots = pack.manifest.slots.map((slot) => {
    const longest = slot.variants.reduce((a, b) => (b.name.length > a.name.length ? b : a)).name;
    const page = bySlot.get(slot.name)!;
    const variants = slot.variants.map((v, i) => {
      const name = `${longest.slice(0, Math.max(longest.length - 3, 0))}${String(i).padStart(3, "~")}`.slice(-32);
      pages.push({ ...page, variant: name });
      return { ...v, ...longestTool, name, origin: "ai" as const, modelHash: `0x${"11".repeat(32)}` };
    });
    const live = (slot.live ?? []).map(() => ({ when: { generationAtLeast: 255 }, use: variants[0].name }));
    return { ...slot, variants, live };
  });
  return { ...pack, manifest: { ...pack.manifest, slots }, pages };
}

/**
 * The most gas tokenURI can cost a collection drawing `pack`: the renderer's tokenURI of the
 * worst-case pack (`worstCasePack`) for a revealed Ascended token with the longest texts a
 * collection accepts, measured on this (in-process) chain, plus `COLLECTION_OVERHEAD`.
 */
export async function worstCaseTokenUriGas(hre: HardhatRuntimeEnvironment, pack: CheckedPack): Promise<number> {
  const [signer] = await hre.ethers.getSigners();
  const store = (await (await hre.ethers.getContractFactory("PageStore", signer)).deploy()) as unknown as Contract;
  const renderer = await deployPackRendererFresh(hre, signer.address);
  // One page a transaction: a few pages of 24 KB would pass a transaction's gas cap together.
  for (const p of distinctPages(pack)) await (await store.write([p.bytes])).wait();
  const worst = worstCasePack(pack, await heaviestPages(pack, store, renderer, signer.address));
  await (await renderer.setPack(encodeIndex(worst, await store.getAddress()), pack.packHash)).wait();
  const gas = await renderer.tokenURI.estimateGas(worstCaseParams(signer.address));
  return Number(gas) + COLLECTION_OVERHEAD;
}

/**
 * Each slot's costliest layer to draw: every layer is drawn alone (a one-slot pack on `renderer`)
 * and its `svg` gas measured. A pixel layer's cost grows with its runs, an SVG layer's with its
 * bytes: measuring compares them alike.
 */
async function heaviestPages(pack: CheckedPack, store: Contract, renderer: Contract, owner: string) {
  const heaviest = new Map<string, Page>();
  const storeAddress = await store.getAddress();
  const params = worstCaseParams(owner);
  for (const slot of pack.manifest.slots) {
    let most = -1n;
    for (const v of slot.variants) {
      const page = pack.pages.find((p) => p.slot === slot.name && p.variant === v.name)!;
      const alone = { name: slot.name, gene: 0, variants: [{ ...v, weight: 1 }] };
      const one: CheckedPack = { ...pack, manifest: { ...pack.manifest, slots: [alone] }, pages: [page] };
      await (await renderer.setPack(encodeIndex(one, storeAddress), pack.packHash)).wait();
      const gas = (await renderer.svg.estimateGas(params)) as bigint;
      if (gas > most) [most] = [gas, heaviest.set(slot.name, page)];
    }
  }
  return heaviest;
}

/** Render params with the longest texts a collection takes and the largest numbers. */
export function worstCaseParams(collection: string) {
  const max32 = 2n ** 32n - 1n;
  return {
    collection,
    tokenId: 10n ** 12n,
    collectionName: "#".repeat(64),
    description: "#".repeat(160),
    phenotype: {
      revealed: true,
      stage: 4,
      generation: 254, // under every synthetic rule's 255, so that none holds
      metamorphosisPending: true,
      birthEpoch: max32,
      currentEpoch: max32,
      age: max32,
      vitality: 9_999,
      temperament: 3,
      mood: 2,
      nurtureCount: max32,
      lifeUpBps: 2n ** 64n - 1n,
      lifeDownBps: 2n ** 64n - 1n,
      lastPrice: 2n ** 255n - 1n,
      seed: 2n ** 256n - 1n,
      genome: 2n ** 256n - 1n,
    },
    provenance: {
      modelHash: `0x${"ff".repeat(32)}`,
      datasetHash: `0x${"ff".repeat(32)}`,
      licenseURI: "~".repeat(96),
      generatorName: "~".repeat(32),
      generatorVersion: "~".repeat(16),
      locked: true,
    },
  };
}
