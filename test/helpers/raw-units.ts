/**
 * Raw units in text a person reads: basis points, feed answers, wei and unix times, and figures
 * shown without their unit. Each rule names what it found, so a failing test says where to look.
 */
const RULES: { name: string; re: RegExp }[] = [
  // "bps" or "basis points" as a unit shown to a person (an option's name such as --bps is not).
  { name: "basis points", re: /(?<!--)\b\d[\d,]*\s*(?:bps|basis points)\b/gi },
  { name: "a value in bps", re: /\bbps\b(?!\))/gi },
  // A whole number of 10 or more digits, not part of a hex value, an id or a block: a feed answer
  // (8 decimals), an amount in wei or a unix time.
  {
    name: "a raw amount (10+ digits)",
    re: /(?<![\w.#]|0x[0-9a-f]*|(?:request|subscription|sub|id|block|cohort|seed|genome|nonce)[ :#=]*)\d{10,}(?![\w.])/gi,
  },
  // Attributes and columns that carry a unit.
  { name: "vitality without %", re: /\bvitality\b[^\n\d%]{0,12}\d+(?:\.\d+)?(?![\d.]*\s*%)/gi },
  { name: "age without its unit", re: /\bage\b:?\s+\d+\b(?!\s*(?:epochs?|\)))/gi },
  { name: "a price without its currency", re: /\b(?:price|answer)\b:?\s+-?\d+\.\d+\b(?!\s*(?:USD|ETH))/gi },
];

/** Every raw unit in `text`, as "rule: the text found". */
export function rawUnits(text: string): string[] {
  const found: string[] = [];
  for (const { name, re } of RULES) for (const m of text.matchAll(re)) found.push(`${name}: "${m[0]}"`);
  return found;
}
