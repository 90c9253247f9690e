import { HardhatPluginError } from "hardhat/plugins";
import { getAddress, isAddress, parseEther } from "ethers";

/**
 * Collection settings read from the environment (or the git-ignored `.env`, which
 * hardhat.config.ts loads after this module is imported: so every value is read when it is used,
 * never at import). Each setting has a unit, a default and a check; a bad value is a one-line
 * error naming the variable, its unit and what it got, before anything is sent.
 */

/** A mistake in a setting: one line, shown without a stack trace by the tasks. */
export function settingError(message: string): HardhatPluginError {
  return new HardhatPluginError("vivarium", message);
}

/** The variable's value, trimmed; undefined when unset or empty. */
export function envValue(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

/** A whole number from `min` to `max` (a count or a number of seconds). */
export function wholeSetting(name: string, fallback: number, min: number, max: number, unit: string): number {
  const text = envValue(name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw settingError(
      `${name} must be a whole number of ${unit} from ${min} to ${max}; got "${text}"${/^\d*\.\d+$/.test(text) ? " (a fraction)" : ""}`,
    );
  return n;
}

/** `text` as an amount of ETH such as 0.01, in wei; undefined when it is not one (or has over 18 decimals). */
export function parseEtherAmount(text: string): bigint | undefined {
  try {
    return /^\d+(\.\d+)?$/.test(text.trim()) ? parseEther(text.trim()) : undefined;
  } catch {
    return undefined; // more than 18 decimals
  }
}

/** An amount of ETH such as 0.01, returned in wei. */
export function ethSetting(name: string, fallback: string, max: bigint): bigint {
  const text = envValue(name) ?? fallback;
  const wei = parseEtherAmount(text);
  if (wei === undefined || wei > max)
    throw settingError(`${name} must be an amount of ETH such as 0.01 (at most 18 decimals); got "${text}"`);
  return wei;
}

/** A text of at most `maxBytes` UTF-8 bytes (the contract's bound). */
export function textSetting(name: string, fallback: string, maxBytes: number): string {
  const text = envValue(name) ?? fallback;
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes === 0 || bytes > maxBytes)
    throw settingError(`${name} must be 1 to ${maxBytes} bytes of text; got ${bytes} bytes`);
  return text;
}

/** An address (checksummed on return), or undefined when unset. */
export function addressSetting(name: string): string | undefined {
  const text = envValue(name);
  if (text === undefined) return undefined;
  if (!isAddress(text) || /^0x0{40}$/i.test(text))
    throw settingError(`${name} must be a non-zero address (0x followed by 40 hex digits); got "${text}"`);
  return getAddress(text);
}

/** true or false (also 1 or 0). */
export function flagSetting(name: string): boolean {
  const text = envValue(name);
  if (text === undefined) return false;
  if (/^(true|1)$/i.test(text)) return true;
  if (/^(false|0)$/i.test(text)) return false;
  throw settingError(`${name} must be true or false; got "${text}"`);
}

/** Variables renamed when their unit changed: a value left under the old name is refused, not ignored. */
const RENAMED: Record<string, string> = {
  MINT_PRICE_WEI: "MINT_PRICE_WEI was renamed MINT_PRICE, in ETH (e.g. MINT_PRICE=0.01): set that instead",
};

/** A one-line error for a variable that was renamed and is still set. */
export function refuseRenamed(): void {
  for (const [name, message] of Object.entries(RENAMED)) if (envValue(name) !== undefined) throw settingError(message);
}
