/**
 * The on-chain form of a checked pack: each layer's page address in a `PageStore` (SSTORE2
 * content addressing, computed here exactly as the contract does) and the binary index
 * `PackRenderer.setPack` takes (layout in contracts/libraries/PackIndex.sol). No Hardhat import.
 */
import { concat, getBytes, getCreate2Address, keccak256, toUtf8Bytes, ZeroHash } from "ethers";
import { MOODS, ORIGINS, STAGES, type CheckedPack, type Page } from "./pack";

/** The index format version `PackIndex` reads. */
export const INDEX_VERSION = 1;

/**
 * Solady SSTORE2's creation code for `data`: PUSH2 (n + 1), DUP1, PUSH1 0x0a, RETURNDATASIZE,
 * CODECOPY, RETURNDATASIZE, RETURN, then the code it deposits: STOP and the bytes.
 */
export function pageInitCode(data: Uint8Array): Uint8Array {
  const n = data.length + 1;
  return getBytes(
    concat([new Uint8Array([0x61, n >> 8, n & 0xff, 0x80, 0x60, 0x0a, 0x3d, 0x39, 0x3d, 0xf3, 0x00]), data]),
  );
}

/** Where `PageStore` at `store` keeps (or will keep) `data`: CREATE2 with salt 0. */
export function pageAddress(store: string, data: Uint8Array): string {
  return getCreate2Address(store, ZeroHash, keccak256(pageInitCode(data)));
}

/** The code a stored page holds: STOP, then its bytes (hex). */
export function pageCode(data: Uint8Array): string {
  return concat([new Uint8Array([0]), data]);
}

function text(s: string): Uint8Array {
  const b = toUtf8Bytes(s);
  if (b.length === 0 || b.length > 255) throw new Error(`index text of ${b.length} bytes: "${s}"`);
  return getBytes(concat([new Uint8Array([b.length]), b]));
}

const u8 = (v: number) => new Uint8Array([v]);
const u16 = (v: number) => new Uint8Array([v >> 8, v & 0xff]);
const mask = (all: readonly string[], given?: string[]) =>
  given === undefined ? (1 << all.length) - 1 : given.reduce((m, x) => m | (1 << all.indexOf(x)), 0);

/** The tool text a layer's metadata shows: "<tool> <version>". */
export function toolLabel(v: { tool: string; toolVersion: string }): string {
  return `${v.tool} ${v.toolVersion}`;
}

/** The binary index of `pack`, its layers stored by `PageStore` at `store`. */
export function encodeIndex(pack: CheckedPack, store: string): Uint8Array {
  const m = pack.manifest;
  const pageOf = new Map<string, Page>(pack.pages.map((p) => [`${p.slot}/${p.variant}`, p]));
  const parts: Uint8Array[] = [
    u8(INDEX_VERSION),
    u16(m.canvas),
    u8(m.slots.length),
    text(m.name),
    text(m.creator),
    text(m.license),
  ];
  for (const slot of m.slots) {
    const live = slot.live ?? [];
    const total = slot.variants.reduce((n, v) => n + v.weight, 0);
    parts.push(text(slot.name), u8(slot.gene), u8(live.length), u8(slot.variants.length), u16(total));
    for (const rule of live) {
      const w = rule.when;
      parts.push(
        u8(mask(STAGES, w.stage)),
        u8(mask(MOODS, w.mood)),
        u8(w.vitalityBelow ?? 0),
        u8(w.generationAtLeast ?? 0),
        u8(slot.variants.findIndex((v) => v.name === rule.use)),
      );
    }
    for (const v of slot.variants) {
      const page = pageOf.get(`${slot.name}/${v.name}`)!;
      parts.push(u16(v.weight), new Uint8Array(Buffer.from(pageAddress(store, page.bytes).slice(2), "hex")));
      parts.push(u8(ORIGINS.indexOf(v.origin)), text(v.name), text(toolLabel(v)));
    }
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** Pages of `pack` with distinct bytes (two layers with the same bytes share one page). */
export function distinctPages(pack: CheckedPack): Page[] {
  const seen = new Set<string>();
  return pack.pages.filter((p) => !seen.has(p.hash) && seen.add(p.hash));
}
