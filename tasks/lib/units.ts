/**
 * One convention for the units people read in task output, the demo table, the gallery and its
 * captions: prices with the feed's decimals, vitality as a percentage, ages in epochs. The
 * contracts return vitality in basis points (`phenotypeOf(id).vitality`, 0..10,000); `tokenURI`'s
 * `Vitality` attribute is already a percentage (0..100, the basis points written with two decimals).
 */

const BPS_PER_PERCENT = 100n;

/**
 * A feed answer with its decimals, as a price: every significant decimal, at least two, never
 * rounded (300012000000 at 8 decimals -> "3000.12", 300050000000 -> "3000.50",
 * 300012345678 -> "3000.12345678"). The one price format of tasks, messages, the demo and the gallery.
 */
export function price(answer: bigint, decimals: number): string {
  const neg = answer < 0n;
  const a = (neg ? -answer : answer).toString().padStart(decimals + 1, "0");
  const whole = a.slice(0, a.length - decimals);
  const frac = a
    .slice(a.length - decimals)
    .replace(/0+$/, "")
    .padEnd(2, "0");
  return `${neg ? "-" : ""}${whole}.${frac}`;
}

/** Basis points -> percentage text: 8000 -> "80%", 8050 -> "80.5%", 1 -> "0.01%". */
export function bpsPercent(bps: number | bigint): string {
  const b = BigInt(bps);
  const neg = b < 0n;
  const a = neg ? -b : b;
  const whole = a / BPS_PER_PERCENT;
  const frac = (a % BPS_PER_PERCENT).toString().padStart(2, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? `.${frac}` : ""}%`;
}

/** Vitality from `phenotypeOf` (basis points, 0..10,000) as a percentage: 8000 -> "80%". */
export function vitalityPercent(bps: number | bigint): string {
  return bpsPercent(bps);
}

/** A value that is already a percentage (e.g. `tokenURI`'s `Vitality` attribute, "80") -> "80%". */
export function percent(value: unknown): string {
  return `${String(value)}%`;
}

/** An age or duration in epochs: 1 -> "1 epoch", 12 -> "12 epochs". */
export function epochs(n: number | bigint): string {
  return `${n} epoch${BigInt(n) === 1n ? "" : "s"}`;
}

/** Column header for ages in tables (the cells are plain numbers of epochs). */
export const AGE_HEADER = "age (epochs)";
