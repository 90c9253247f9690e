import { ethers } from "hardhat";
import { Resvg } from "@resvg/resvg-js";

import type { LivingAssetRenderer } from "../../typechain-types";
import { seedOf } from "../helpers/fixture";

/** The seed the collection derives for a token (one formula for all the tests). */
export { seedOf };

export const Stage = { Egg: 0, Hatchling: 1, Juvenile: 2, Adult: 3, Ascended: 4 } as const;
export const Mood = { Calm: 0, Sunny: 1, Stormy: 2 } as const;
export const STAGES = ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"] as const;
export const MOODS = ["Calm", "Sunny", "Stormy"] as const;

const ZERO = "0x" + "00".repeat(32);

export interface PhenotypeOverrides {
  revealed?: boolean;
  stage?: number;
  generation?: number;
  metamorphosisPending?: boolean;
  birthEpoch?: number;
  currentEpoch?: number;
  vitality?: number;
  temperament?: number;
  mood?: number;
  nurtureCount?: number;
  seed?: bigint;
  genome?: bigint;
}

export function phenotype(o: PhenotypeOverrides = {}) {
  const revealed = o.revealed ?? true;
  const seed = revealed ? (o.seed ?? seedOf(7n, 1n)) : 0n;
  const birthEpoch = o.birthEpoch ?? 3;
  const currentEpoch = o.currentEpoch ?? 40;
  return {
    revealed,
    stage: o.stage ?? (revealed ? Stage.Adult : Stage.Egg),
    generation: o.generation ?? 1,
    metamorphosisPending: o.metamorphosisPending ?? false,
    birthEpoch,
    currentEpoch,
    age: currentEpoch - birthEpoch,
    vitality: o.vitality ?? 7350,
    temperament: o.temperament ?? 0,
    mood: o.mood ?? Mood.Calm,
    nurtureCount: o.nurtureCount ?? 4,
    lifeUpBps: 1234n,
    lifeDownBps: 987n,
    lastPrice: 345_678_900_000n,
    seed,
    genome: revealed ? (o.genome ?? seed) : 0n,
  };
}

export function provenance(text = "ipfs://bafy-license") {
  return {
    modelHash: ethers.keccak256(ethers.toUtf8Bytes("model")),
    datasetHash: ethers.keccak256(ethers.toUtf8Bytes("dataset")),
    licenseURI: text,
    generatorName: "vivarium-gen",
    generatorVersion: "0.3.1",
    locked: true,
  };
}

export function tokenParams(
  tokenId: bigint,
  o: PhenotypeOverrides = {},
  name = "Vivarium",
  description = "A living asset.",
) {
  return {
    collection: "0x000000000000000000000000000000000000dEaD",
    tokenId,
    collectionName: name,
    description,
    phenotype: phenotype(o),
    provenance: provenance(),
  };
}

/**
 * Deploys with an estimated gas limit. solidity-coverage sends every transaction with a fixed
 * 2^24 gas (the EIP-7825 cap under Osaka), which the instrumented renderer's deployment exceeds.
 */
export async function deployWithEstimate<T>(name: string, ...args: unknown[]): Promise<T> {
  const factory = await ethers.getContractFactory(name);
  const gasLimit = await ethers.provider.estimateGas(await factory.getDeployTransaction(...args));
  const contract = await factory.deploy(...args, { gasLimit });
  await contract.waitForDeployment();
  return contract as unknown as T;
}

/** The renderer as deploy/02_renderer.ts deploys it: its art contracts first, then itself. */
export async function deployRenderer(): Promise<LivingAssetRenderer> {
  const face = await deployWithEstimate<{ getAddress(): Promise<string> }>("FaceArt");
  const organism = await deployWithEstimate<{ getAddress(): Promise<string> }>("OrganismArt", await face.getAddress());
  const terrarium = await deployWithEstimate<{ getAddress(): Promise<string> }>("TerrariumArt");
  return deployWithEstimate<LivingAssetRenderer>(
    "LivingAssetRenderer",
    await organism.getAddress(),
    await terrarium.getAddress(),
  );
}

/**
 * Decodes `data:<mime>;base64,<payload>` or `data:<mime>;utf8,<percent-encoded payload>` to a
 * UTF-8 string, checking the prefix. A `utf8` payload must hold no `#` (a URI would end there) and
 * only well-formed `%XX` escapes.
 */
export function decodeDataUri(uri: string, mime: string): string {
  const base64 = `data:${mime};base64,`;
  const utf8 = `data:${mime};utf8,`;
  if (uri.startsWith(base64)) return Buffer.from(uri.slice(base64.length), "base64").toString("utf8");
  if (!uri.startsWith(utf8)) throw new Error(`expected ${base64} or ${utf8}, got ${uri.slice(0, 40)}`);
  const body = uri.slice(utf8.length);
  if (body.includes("#")) throw new Error("a # in a data URI ends it");
  if (/%(?![0-9A-Fa-f]{2})/.test(body)) throw new Error("malformed percent escape");
  return decodeURIComponent(body);
}

/**
 * Parses a JSON data URI. A `utf8` one must read the same whether or not its reader
 * percent-decodes it (some do, some do not): so it may hold no `%` at all.
 */
export function decodeJson(uri: string): any {
  if (uri.startsWith("data:application/json;utf8,") && uri.includes("%"))
    throw new Error("a % in a utf8 JSON data URI reads differently once percent-decoded");
  return JSON.parse(decodeDataUri(uri, "application/json"));
}

/** Renders `svg` with resvg at `width` pixels: RGBA pixels and the PNG. */
export function rasterize(svg: string, width: number): { pixels: Buffer; png: Buffer; width: number; height: number } {
  const image = new Resvg(svg, { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: false } }).render();
  return { pixels: image.pixels, png: image.asPng(), width: image.width, height: image.height };
}

/** Number of distinct RGB colours in an RGBA buffer. */
export function distinctColours(pixels: Buffer): number {
  const seen = new Set<number>();
  for (let i = 0; i < pixels.length; i += 4) seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
  return seen.size;
}

export const ZERO_HASH = ZERO;

import { expect } from "chai";
import { XMLValidator } from "fast-xml-parser";

/** Asserts that `svg` is well-formed, self-contained SVG with no active content. */
export function expectSafeSvg(svg: string): void {
  const valid = XMLValidator.validate(svg);
  expect(valid, JSON.stringify(valid)).to.equal(true);
  expect(svg.startsWith("<svg ")).to.equal(true);
  expect(svg).to.match(/xmlns=(["'])http:\/\/www\.w3\.org\/2000\/svg\1/);
  expect(svg).to.match(/viewBox=(["'])0 0 512 512\1/);
  const lower = svg.toLowerCase();
  for (const banned of [
    "<script",
    "<foreignobject",
    "<image",
    "<iframe",
    "javascript:",
    'href="http',
    "href='http",
    "url(http",
    "@import",
  ]) {
    expect(lower, banned).to.not.include(banned);
  }
  // Every reference stays inside the document.
  for (const m of svg.matchAll(/href=(["'])(.*?)\1/g)) expect(m[2]).to.match(/^#[a-z]+$/);
  expect(svg.match(/href=/g)?.length ?? 0).to.equal([...svg.matchAll(/href=(["'])(.*?)\1/g)].length);
  for (const m of svg.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).to.match(/^#[a-z]+$/);
  // The only absolute URI is the SVG namespace.
  expect(svg.match(/https?:\/\//g)).to.deep.equal(["http://"]);
}

/** Asserts a rasterised image is not blank: many colours and no dominant single colour. */
export function expectNotBlank(pixels: Buffer): void {
  expect(distinctColours(pixels)).to.be.greaterThan(200);
  const counts = new Map<number, number>();
  for (let i = 0; i < pixels.length; i += 4) {
    const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const top = Math.max(...counts.values());
  expect(top / (pixels.length / 4)).to.be.lessThan(0.25);
}
