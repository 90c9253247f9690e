import type { Interface } from "ethers";

/** Hex revert data found anywhere in an ethers / hardhat error object. */
export function revertDataOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const candidates: unknown[] = [];
  const walk = (e: unknown, depth: number): void => {
    if (!e || typeof e !== "object" || seen.has(e) || depth > 6) return;
    seen.add(e);
    const o = e as Record<string, unknown>;
    candidates.push(o.data);
    walk(o.error, depth + 1);
    walk(o.info, depth + 1);
    walk(o.cause, depth + 1);
    walk(o.parent, depth + 1);
  };
  walk(err, 0);
  for (const c of candidates) {
    if (typeof c === "string" && /^0x[0-9a-fA-F]{8,}$/.test(c)) return c;
    if (c && typeof c === "object" && typeof (c as { data?: unknown }).data === "string") {
      const d = (c as { data: string }).data;
      if (/^0x[0-9a-fA-F]{8,}$/.test(d)) return d;
    }
  }
  return undefined;
}

function fmtArg(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return `[${v.map(fmtArg).join(", ")}]`;
  if (typeof v === "string") return v;
  return String(v);
}

/** `ErrorName(arg, ...)` for a custom error known to one of `interfaces`, else undefined. */
export function decodeCustomError(err: unknown, interfaces: Interface[]): string | undefined {
  const data = revertDataOf(err);
  if (!data) return undefined;
  for (const iface of interfaces) {
    try {
      const parsed = iface.parseError(data);
      if (parsed) return `${parsed.name}(${parsed.args.map(fmtArg).join(", ")})`;
    } catch {
      /* not this interface */
    }
  }
  return `unknown revert ${data.slice(0, 10)} (${data})`;
}

/** A human-readable message for any error: custom error name and arguments when decodable. */
export function describeError(err: unknown, interfaces: Interface[]): string {
  const decoded = decodeCustomError(err, interfaces);
  if (decoded) return decoded;
  const o = err as { shortMessage?: string; reason?: string; message?: string };
  return o?.reason ?? o?.shortMessage ?? o?.message ?? String(err);
}
