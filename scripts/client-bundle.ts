/**
 * Bundles the client library (client/index.ts) for a browser with esbuild: one self-contained
 * IIFE script defining `VivariumClient`, minified. Fails if anything in it needs Node (a `node:`
 * module, `fs`, `path`...): the platform is "browser", where those do not exist. Prints the
 * bundle's bytes, raw and gzipped.
 *
 * Usage: `npm run client:bundle` (writes out/client/vivarium-client.js).
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildSync } from "esbuild";

export const CLIENT_BUNDLE = path.join(__dirname, "..", "out", "client", "vivarium-client.js");

/** Builds the bundle; returns its path and sizes. */
export function bundleClient(outfile = CLIENT_BUNDLE): { outfile: string; bytes: number; gzip: number } {
  buildSync({
    entryPoints: [path.join(__dirname, "..", "client", "index.ts")],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "iife",
    globalName: "VivariumClient",
    target: "es2020",
    outfile,
    logLevel: "silent",
  });
  const code = fs.readFileSync(outfile);
  return { outfile, bytes: code.length, gzip: gzipSync(code).length };
}

if (require.main === module) {
  const { outfile, bytes, gzip } = bundleClient();
  console.log(
    `client bundle ${path.relative(process.cwd(), outfile)}: ${bytes.toLocaleString("en-US")} bytes, ${gzip.toLocaleString("en-US")} gzipped`,
  );
}
