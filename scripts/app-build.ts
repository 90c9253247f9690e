/**
 * Builds the holder's app (app/) into ONE self-contained HTML file: its CSS, its script (esbuild,
 * minified, for browsers) and its configuration inline, nothing fetched but JSON-RPC (or the
 * indexer's API). The same file opens from disk, from a server, or from the chain (`app upload`).
 *
 * The configuration comes from hardhat-deploy's records of a network: the World, the chain id and
 * the collections' deploy blocks (where their histories start). The ABIs come from the compiled
 * artifacts, as human-readable fragments.
 *
 *   npx ts-node --transpile-only scripts/app-build.ts [--network localhost] [--rpc URL] [--indexer URL] [--out FILE]
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, transformSync, type Plugin } from "esbuild";
import { Interface, type InterfaceAbi } from "ethers";
import { readArtifact } from "./lib/artifacts";

const ROOT = path.resolve(__dirname, "..");
export const APP_HTML = path.join(ROOT, "out", "app", "index.html");

export interface AppBuildOptions {
  network?: string;
  rpc?: string;
  indexer?: string;
  out?: string;
}

export interface AppConfig {
  chainId: number;
  rpc: string;
  world: string;
  indexer?: string;
  deployBlocks: Record<string, number>;
}

function artifactAbi(name: string): string[] {
  return new Interface(readArtifact(name).abi as InterfaceAbi).format(false) as string[];
}

/** A hardhat-deploy record: what the configuration needs of it. */
export interface DeploymentRecord {
  address: string;
  receipt?: { blockNumber?: number };
}

/** The app's configuration from a network's deployment records (by name). */
export function configFromDeployments(
  records: Record<string, DeploymentRecord>,
  chainId: number,
  rpc: string,
  indexer?: string,
): AppConfig {
  if (!records.World) throw new Error("no World deployed on this network: deploy first");
  const deployBlocks: Record<string, number> = {};
  for (const [name, d] of Object.entries(records)) {
    if (!/^LivingAsset(_[A-Z0-9]+)?$/.test(name) || name === "LivingAsset_Implementation") continue;
    if (d.receipt?.blockNumber !== undefined) deployBlocks[d.address.toLowerCase()] = Number(d.receipt.blockNumber);
  }
  return { chainId, rpc, world: records.World.address, ...(indexer ? { indexer } : {}), deployBlocks };
}

/** The app's configuration from `deployments/<network>` (written by hardhat-deploy). */
export function appConfig(network: string, rpc: string, indexer?: string): AppConfig {
  const dir = path.join(ROOT, "deployments", network);
  if (!fs.existsSync(path.join(dir, "World.json")))
    throw new Error(`no World deployed on ${network} (deployments/${network}/World.json): deploy first`);
  const records: Record<string, DeploymentRecord> = {};
  for (const f of fs.readdirSync(dir))
    if (f.endsWith(".json")) records[f.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  const chainId = Number(fs.readFileSync(path.join(dir, ".chainId"), "utf8").trim());
  return configFromDeployments(records, chainId, rpc, indexer);
}

const abisPlugin: Plugin = {
  name: "vivarium-abis",
  setup(build) {
    build.onResolve({ filter: /^vivarium:abis$/ }, () => ({ path: "abis", namespace: "vivarium" }));
    build.onLoad({ filter: /.*/, namespace: "vivarium" }, () => ({
      contents: JSON.stringify({
        LivingAsset: artifactAbi("LivingAsset"),
        World: artifactAbi("World"),
        IRenderer: artifactAbi("IRenderer"),
      }),
      loader: "json",
    }));
  },
};

/** The page: CSS, configuration and script inline. */
export function appHtml(script: string, config: AppConfig): string {
  const css = transformSync(fs.readFileSync(path.join(ROOT, "app", "style.css"), "utf8"), {
    loader: "css",
    minify: true,
  }).code.replace(/<\/(style)/gi, "<\\/$1");
  const safe = (s: string) => s.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>Vivarium</title><style>${css}</style></head><body>` +
    `<script>window.VIVARIUM_CONFIG=${safe(JSON.stringify(config))}</script>` +
    `<script>${safe(script)}</script></body></html>\n`
  );
}

/** The app's script: app/main.ts bundled for browsers, minified, with the ABIs. */
export async function appScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, "app", "main.ts")],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "iife",
    target: "es2020",
    write: false,
    plugins: [abisPlugin],
    alias: { "@adraffy/ens-normalize": path.join(ROOT, "app", "no-ens.ts") },
    logLevel: "silent",
    legalComments: "none",
  });
  return result.outputFiles[0].text;
}

/**
 * The page as stored on chain: the same HTML, gzipped and base64-encoded inside a small page that
 * inflates it with the browser's DecompressionStream, then moves its head into this page and runs
 * its scripts here. The page is not rewritten (`document.open` would drop the listeners wallets
 * set up, EIP-6963's among them). Still one self-contained file; about 40% of the plain page's
 * bytes, and of the gas to store it.
 */
export function compressedHtml(html: string): string {
  const packed = gzipSync(html, { level: 9 }).toString("base64");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vivarium</title></head><body>` +
    `<script type="application/octet-stream" id="app">${packed}</script>` +
    `<script>(async()=>{const z=document.getElementById("app");` +
    `const b=Uint8Array.from(atob(z.textContent),c=>c.charCodeAt(0));z.remove();` +
    `const h=await new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream("gzip"))).text();` +
    `const d=new DOMParser().parseFromString(h,"text/html");document.head.replaceChildren(...d.head.childNodes);` +
    `for(const s of d.body.querySelectorAll("script")){const n=document.createElement("script");n.textContent=s.textContent;document.body.append(n)}` +
    `})()</script></body></html>\n`
  );
}

/** Builds the app; returns the file, its bytes and its gzipped bytes. */
export async function buildApp(
  options: AppBuildOptions = {},
): Promise<{ out: string; bytes: number; gzip: number; config: AppConfig }> {
  const config = appConfig(options.network ?? "localhost", options.rpc ?? "http://127.0.0.1:8545", options.indexer);
  const html = appHtml(await appScript(), config);
  const out = options.out ?? APP_HTML;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, html);
  return { out, bytes: Buffer.byteLength(html), gzip: gzipSync(html).length, config };
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  buildApp({ network: flag("network"), rpc: flag("rpc"), indexer: flag("indexer"), out: flag("out") })
    .then(({ out, bytes, gzip, config }) =>
      console.log(
        `app ${path.relative(process.cwd(), out)}: ${bytes.toLocaleString("en-US")} bytes, ${gzip.toLocaleString("en-US")} gzipped; World ${config.world} on chain ${config.chainId}, RPC ${config.rpc}${config.indexer ? `, indexer ${config.indexer}` : ""}`,
      ),
    )
    .catch((err) => {
      console.error(`app build: ${(err as Error).message}`);
      process.exit(1);
    });
}
