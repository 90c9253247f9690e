/**
 * A pack token's picture: for each slot in drawing order, the variant its live rules choose (the
 * first rule whose conditions all hold) or else the one its gene picks by weight, drawn from the
 * slot's page. The contract-side renderer must make the same choice and the same bytes (the
 * differential test compares them).
 */
import { MOODS, STAGES, type CheckedPack, type LiveRule, type Slot, type Variant } from "./pack";
import { layerSvg } from "./pixels";

/** What a pack token's picture depends on: its genome and the live state tokenURI reads. */
export interface PackState {
  genome: bigint;
  stage: (typeof STAGES)[number];
  mood: (typeof MOODS)[number];
  /** Vitality in basis points, 0..10,000 (as the Phenotype holds it). */
  vitalityBps: number;
  generation: number;
}

/** The genome's 16-bit field `i` (bits 16i..16i+15). */
export function geneField(genome: bigint, i: number): number {
  return Number((genome >> BigInt(16 * i)) & 0xffffn);
}

function holds(rule: LiveRule, s: PackState): boolean {
  const w = rule.when;
  return (
    (w.stage === undefined || w.stage.includes(s.stage)) &&
    (w.mood === undefined || w.mood.includes(s.mood)) &&
    (w.vitalityBelow === undefined || s.vitalityBps < w.vitalityBelow * 100) &&
    (w.generationAtLeast === undefined || s.generation >= w.generationAtLeast)
  );
}

/** The variant a slot shows in state `s`. */
export function pickVariant(slot: Slot, s: PackState): Variant {
  for (const rule of slot.live ?? []) if (holds(rule, s)) return slot.variants.find((v) => v.name === rule.use)!;
  const total = slot.variants.reduce((sum, v) => sum + v.weight, 0);
  let r = geneField(s.genome, slot.gene) % total;
  for (const v of slot.variants) {
    if (r < v.weight) return v;
    r -= v.weight;
  }
  throw new Error("unreachable: weights sum to total");
}

/** The token's SVG, composed from the pack's pages. */
export function composeSvg(pack: CheckedPack, s: PackState): string {
  const pages = new Map(pack.pages.map((p) => [`${p.slot}/${p.variant}`, layerSvg(p.bytes)]));
  const c = pack.manifest.canvas;
  const layers = pack.manifest.slots.map((slot) => pages.get(`${slot.name}/${pickVariant(slot, s).name}`)!);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${c} ${c}">${layers.join("")}</svg>`;
}

/** The variants shown in state `s`, slot by slot (what the contact sheet labels). */
export function variantsShown(pack: CheckedPack, s: PackState): Record<string, string> {
  return Object.fromEntries(pack.manifest.slots.map((slot) => [slot.name, pickVariant(slot, s).name]));
}
