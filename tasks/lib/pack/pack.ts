/**
 * Art packs: a creator's own layers, composed per token from its genome and live state, with the
 * provenance of every layer. A pack is a folder with `pack.json` and its layer files (see
 * README "Art packs"). This module reads and checks a pack, sanitises every layer, encodes each as
 * one page (the bytes a contract will hold) and computes the page hashes and the pack hash. It has
 * no Hardhat import: the tasks, the tests and (later) the app use it alike.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { keccak256, toUtf8Bytes } from "ethers";
import { encodePixelLayer } from "./pixels";
import { PackError, sanitizeFragment } from "./sanitize";

export { PackError } from "./sanitize";

export const PACK_FORMAT = "vivarium-pack/1";
export const STAGES = ["egg", "hatchling", "juvenile", "adult", "ascended"] as const;
export const MOODS = ["calm", "sunny", "stormy"] as const;
/** Genome fields 0..2 (palette, body, hue shift) are the identity genes: kept for life. */
export const IDENTITY_FIELDS = [0, 1, 2];
export const ORIGINS = ["human", "ai", "ai-curated"] as const;

export interface LayerOrigin {
  origin: (typeof ORIGINS)[number];
  /** The tool or model, and its version ("script" for layers a script drew). */
  tool: string;
  toolVersion: string;
  /** keccak256 of the model weights, of the prompt, and the training set's manifest root (0x + 64 hex), for AI layers. */
  modelHash?: string;
  promptHash?: string;
  trainingSet?: { manifestRoot: string; license: string };
}

export interface Variant extends LayerOrigin {
  name: string;
  /** Relative frequency among the slot's gene-picked variants; 0 = only through a live override. */
  weight: number;
  /** The layer file, relative to the pack folder: an SVG fragment (`.svg`) or pixel art (`.png`, see pixels.ts). */
  file: string;
}

/** A live override: when every condition given holds, the slot shows `use` instead of its gene's pick. */
export interface LiveRule {
  when: {
    stage?: (typeof STAGES)[number][];
    mood?: (typeof MOODS)[number][];
    /** Vitality in percent: the rule holds below this. */
    vitalityBelow?: number;
    /** Metamorphoses completed, at least. */
    generationAtLeast?: number;
  };
  use: string;
}

export interface Slot {
  name: string;
  /** The genome's 16-bit field (0..15) whose value picks the variant: `field % totalWeight`. */
  gene: number;
  variants: Variant[];
  live?: LiveRule[];
}

export interface PackManifest {
  format: typeof PACK_FORMAT;
  name: string;
  creator: string;
  license: string;
  /** Side of the square canvas every layer draws on (viewBox 0 0 canvas canvas). */
  canvas: number;
  slots: Slot[];
}

const TEXT = { type: "string", minLength: 1, maxLength: 96, pattern: "^[ !$'-\\[\\]-~]+$" }; // printable ASCII without " # % \
const HASH = { type: "string", pattern: "^0x[0-9a-f]{64}$" };
const SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["format", "name", "creator", "license", "canvas", "slots"],
  properties: {
    format: { const: PACK_FORMAT },
    name: { ...TEXT, maxLength: 32 },
    creator: { ...TEXT, maxLength: 64 },
    license: TEXT,
    canvas: { type: "integer", minimum: 16, maximum: 4096 },
    slots: {
      type: "array",
      minItems: 1,
      maxItems: 12,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "gene", "variants"],
        properties: {
          name: { type: "string", pattern: "^[a-z][a-z0-9-]{0,23}$" },
          gene: { type: "integer", minimum: 0, maximum: 15 },
          variants: {
            type: "array",
            minItems: 1,
            maxItems: 32,
            items: {
              type: "object",
              additionalProperties: false,
              required: ["name", "weight", "file", "origin", "tool", "toolVersion"],
              properties: {
                name: { ...TEXT, maxLength: 32 },
                weight: { type: "integer", minimum: 0, maximum: 1000 },
                file: { type: "string", pattern: "^[a-z0-9][a-z0-9_/-]*\\.(svg|png)$" },
                origin: { enum: [...ORIGINS] },
                tool: { ...TEXT, maxLength: 32 },
                toolVersion: { ...TEXT, maxLength: 16 },
                modelHash: HASH,
                promptHash: HASH,
                trainingSet: {
                  type: "object",
                  additionalProperties: false,
                  required: ["manifestRoot", "license"],
                  properties: { manifestRoot: HASH, license: TEXT },
                },
              },
            },
          },
          live: {
            type: "array",
            maxItems: 16,
            items: {
              type: "object",
              additionalProperties: false,
              required: ["when", "use"],
              properties: {
                use: { type: "string" },
                when: {
                  type: "object",
                  additionalProperties: false,
                  minProperties: 1,
                  properties: {
                    stage: { type: "array", minItems: 1, uniqueItems: true, items: { enum: [...STAGES] } },
                    mood: { type: "array", minItems: 1, uniqueItems: true, items: { enum: [...MOODS] } },
                    vitalityBelow: { type: "integer", minimum: 1, maximum: 100 },
                    generationAtLeast: { type: "integer", minimum: 1, maximum: 255 },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: false, strict: true }).compile(SCHEMA);

/** One encoded layer: the bytes a page holds and their hash. */
export interface Page {
  slot: string;
  variant: string;
  file: string;
  bytes: Uint8Array;
  hash: string;
}

export interface CheckedPack {
  dir: string;
  manifest: PackManifest;
  pages: Page[];
  /** keccak256 of the canonical manifest, each layer file replaced by its page hash. */
  packHash: string;
  /** Layers by origin, for the provenance attributes ("AI layers: 2 of 5"). */
  origins: Record<(typeof ORIGINS)[number], number>;
}

/** JSON with object keys sorted, no spaces: the same manifest always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The rules the schema cannot say: names unique, overrides name a variant, AI layers say their model. */
function checkRules(m: PackManifest): void {
  const slotNames = new Set<string>();
  for (const slot of m.slots) {
    const where = `slot "${slot.name}"`;
    if (slotNames.has(slot.name)) throw new PackError(`${where}: the name is used twice`);
    slotNames.add(slot.name);
    const names = new Set<string>();
    for (const v of slot.variants) {
      if (names.has(v.name)) throw new PackError(`${where}: variant "${v.name}" is named twice`);
      names.add(v.name);
      if (v.origin !== "human" && !v.modelHash)
        throw new PackError(
          `${where}, variant "${v.name}": an ${v.origin} layer needs modelHash (the weights' keccak256)`,
        );
    }
    if (slot.variants.every((v) => v.weight === 0))
      throw new PackError(`${where}: every weight is 0; at least one variant must be picked by the gene`);
    for (const rule of slot.live ?? [])
      if (!names.has(rule.use)) throw new PackError(`${where}: a live rule uses "${rule.use}", which is not a variant`);
  }
}

/**
 * Reads the pack in `dir`: checks `pack.json` against the format, sanitises every layer and
 * encodes it as a page. Throws a `PackError` naming the first problem (file and reason).
 */
export function checkPack(dir: string): CheckedPack {
  const file = path.join(dir, "pack.json");
  if (!fs.existsSync(file)) throw new PackError(`${file}: no pack.json in ${dir}`);
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8")) as PackManifest;
  } catch (err) {
    throw new PackError(`${file}: not JSON (${(err as Error).message})`);
  }
  if (!validate(manifest)) {
    const e = validate.errors![0];
    throw new PackError(
      `${file}: ${e.instancePath || "(top)"} ${e.message}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as string[]).join(", ")})` : ""}`,
    );
  }
  checkRules(manifest);
  const pages: Page[] = [];
  const allIds = new Map<string, string>();
  const origins = { human: 0, ai: 0, "ai-curated": 0 };
  for (const slot of manifest.slots) {
    for (const v of slot.variants) {
      const layer = path.join(dir, v.file);
      if (path.relative(dir, path.resolve(layer)).startsWith("..")) throw new PackError(`${v.file}: outside the pack`);
      if (!fs.existsSync(layer)) throw new PackError(`${v.file}: no such file in the pack`);
      let bytes: Uint8Array;
      if (v.file.endsWith(".png")) {
        bytes = encodePixelLayer(fs.readFileSync(layer), manifest.canvas, v.file);
      } else {
        const { svg, ids } = sanitizeFragment(fs.readFileSync(layer, "utf8"), v.file);
        for (const id of ids) {
          if (allIds.has(id)) throw new PackError(`${v.file}: id "${id}" is also defined in ${allIds.get(id)}`);
          allIds.set(id, v.file);
        }
        bytes = toUtf8Bytes(svg);
      }
      pages.push({ slot: slot.name, variant: v.name, file: v.file, bytes, hash: keccak256(bytes) });
      origins[v.origin]++;
    }
  }
  const byFile = new Map(pages.map((p) => [p.file, p.hash]));
  const hashed = {
    ...manifest,
    slots: manifest.slots.map((s) => ({
      ...s,
      variants: s.variants.map(({ file, ...v }) => ({ ...v, page: byFile.get(file)! })),
    })),
  };
  return { dir, manifest, pages, packHash: keccak256(toUtf8Bytes(canonicalJson(hashed))), origins };
}

/** Gas of writing one page as contract code (SSTORE2): the floor the upload is measured against. */
export { pageGasFloor } from "../../../scripts/lib/pages";
