import { formatEther } from "ethers";
import { MOODS } from "./traits";

/**
 * The one formatting module for every figure a person reads in task output, messages, the demo,
 * the gallery and history: feed prices in USD with the feed's decimals, amounts in ETH, vitality
 * and royalties as percentages, ages in epochs, the world's mood by name, durations and times.
 * The contracts count vitality, price moves and royalties in basis points
 * (`phenotypeOf(id).vitality`, 0..10,000); `tokenURI`'s `Vitality` attribute is already a
 * percentage (0..100, the basis points written with two decimals). Raw units stay in `--json`.
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

/** A feed answer as a price with its currency: "3000.12 USD" (every feed the World reads is native/USD). */
export function usd(answer: bigint, decimals: number): string {
  return `${price(answer, decimals)} USD`;
}

/** An amount in wei as ETH with its currency: 10000000000000000n -> "0.01 ETH". */
export function eth(wei: bigint): string {
  return `${formatEther(wei)} ETH`;
}

/**
 * A price as a person types it ("3000.50", at most `decimals` decimals) in feed units, or with
 * `raw` a whole number of feed units; undefined when it is not a number. The inverse of `price`.
 */
export function parsePrice(text: string, decimals: number, raw = false): bigint | undefined {
  const m = raw ? /^(-?\d+)$/.exec(text.trim()) : /^(-?\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  if (raw) return BigInt(m[1]);
  const frac = m[2] ?? "";
  if (frac.length > decimals) return undefined;
  const neg = m[1].startsWith("-");
  const whole = BigInt(m[1].replace("-", "") + frac.padEnd(decimals, "0"));
  return neg ? -whole : whole;
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

export { MOODS } from "./traits";

/** A `Mood` value by name: 1 -> "Sunny". */
export function moodName(mood: number | bigint): string {
  return MOODS[Number(mood)] ?? `mood ${mood}`;
}

/** A price move in basis points as a signed percentage: 150 -> "+1.5%", -666 -> "-6.66%", 0 -> "0%". */
export function movePercent(bps: number | bigint): string {
  return `${BigInt(bps) > 0n ? "+" : ""}${bpsPercent(bps)}`;
}

/** "1d 2h 5m 3s" for a number of seconds. */
export function duration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const parts: string[] = [];
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s % 60 || parts.length === 0) parts.push(`${s % 60}s`);
  return parts.join(" ");
}

/** "2026-11-28T17:00:00Z (in 59m 12s)" for a unix time, relative to `now` when known. */
export function when(unix: number, now?: number): string {
  const iso = new Date(unix * 1000).toISOString().replace(".000Z", "Z");
  if (now === undefined) return iso;
  if (unix === now) return `${iso} (now)`;
  return unix > now ? `${iso} (in ${duration(unix - now)})` : `${iso} (${duration(now - unix)} ago)`;
}
