/**
 * The holder's app on chain: `app upload` writes the app (one self-contained HTML file, built for
 * this network) into PageStore pages and publishes it as an AppSite, served over ERC-6860
 * (web3://); `app link` makes it the collection's ERC-7572 `external_link`; `app fetch` reads it
 * back through eth_call; `app status` shows the site and which collections link to it.
 */
import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getBytes, keccak256, toUtf8Bytes, type Contract } from "ethers";
import { action, cliInt, COLLECTION_HELP, getCollection, isDevChain, signerAt, userError } from "./lib/common";
import { claimOutDir } from "./lib/output";
import { deployedSite, publishApp } from "../scripts/lib/app-site";
import { pageGasFloor, splitPages } from "../scripts/lib/pages";

const fmt = (n: number | bigint) => Number(n).toLocaleString("en-US");

interface Args {
  subcommand: string;
  rpc?: string;
  out?: string;
  collection?: string;
  from: number;
  dryRun?: boolean;
  json?: boolean;
}

/** The web3:// URL of a site on this chain (ERC-6860, manual mode). */
export function siteUrl(address: string, chainId: number | bigint): string {
  return `web3://${address}:${chainId}/`;
}

/** The page the chain keeps: the app built for this network, compressed. */
async function onchainPage(hre: HardhatRuntimeEnvironment, rpc: string | undefined) {
  if (!rpc) {
    if (!isDevChain(hre))
      throw userError(
        `app upload on ${hre.network.name} needs --rpc URL: a public RPC the page reads through (the network's own URL may hold an API key)`,
      );
    rpc = hre.network.name === "localhost" ? (hre.network.config as { url: string }).url : "http://127.0.0.1:8545";
  }
  if (!/^https?:\/\/[^\s"'<>\\]+$/.test(rpc)) throw userError(`--rpc must be an http(s) URL, got "${rpc}"`);
  const { appScript, appHtml, compressedHtml, configFromDeployments } = await import("../scripts/app-build");
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  const config = configFromDeployments(await hre.deployments.all(), chainId, rpc);
  const html = appHtml(await appScript(), config);
  const page = compressedHtml(html);
  return { html, page, bytes: toUtf8Bytes(page), chainId, rpc };
}

async function upload(args: Args, hre: HardhatRuntimeEnvironment) {
  const signer = await signerAt(hre, args.from);
  const built = await onchainPage(hre, args.rpc);
  const parts = splitPages(built.bytes);
  const hash = keccak256(built.bytes);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  progress(
    `app: ${fmt(Buffer.byteLength(built.html))} bytes of HTML, ${fmt(built.bytes.length)} on chain (gzipped inside the page), ${parts.length} page(s); reads through ${built.rpc}`,
  );
  if (args.dryRun) {
    const existing = await deployedSite(hre);
    const same = !!existing && (await existing.contentHash()) === hash;
    const floor = parts.reduce((n, p) => n + pageGasFloor(p.length), 0);
    return {
      data: { dryRun: true, bytes: built.bytes.length, pages: parts.length, hash, floor, published: same },
      text: same
        ? `Dry run: nothing to send: this app is already on chain (hash ${hash})`
        : `Dry run: nothing sent. ${parts.length} page(s), ${fmt(built.bytes.length)} bytes (SSTORE2 floor ${fmt(floor)} gas), then an AppSite; hash ${hash}`,
    };
  }
  const r = await publishApp(hre, built.bytes, { from: signer.address, progress });
  const url = siteUrl(r.site, built.chainId);
  const sent = r.pages.filter((p) => p.state === "sent");
  const gas = sent.reduce((n, p) => n + p.gas, 0) + r.siteGas;
  const floor = sent.reduce((n, p) => n + p.floor, 0);
  const data = {
    site: r.site,
    url,
    hash,
    pages: parts.length,
    sent: sent.length,
    bytes: r.bytes,
    gas,
    floor,
    siteGas: r.siteGas,
  };
  if (r.unchanged) return { data, text: `App already on chain: ${url} (hash ${hash}): nothing sent` };
  return {
    data,
    text: [
      `App published: ${url}`,
      `  ${parts.length} page(s), ${sent.length} sent; ${fmt(r.bytes)} bytes; ${fmt(gas)} gas in all (pages ${fmt(gas - r.siteGas)} against an SSTORE2 floor of ${fmt(floor)}; the AppSite ${fmt(r.siteGas)})`,
      `  hash ${hash}`,
      `  link it from a collection's contractURI: \`npx hardhat app link --network ${hre.network.name}\``,
    ].join("\n"),
  };
}

async function requireSite(hre: HardhatRuntimeEnvironment): Promise<Contract> {
  const s = await deployedSite(hre);
  if (!s)
    throw userError(
      `no AppSite on ${hre.network.name}: run \`npx hardhat app upload --network ${hre.network.name}\` first`,
    );
  return s;
}

task(
  "app",
  "The holder's app on chain: `upload` (--dry-run), `link` (the collection's external_link), `fetch`, `status`",
)
  .addPositionalParam("subcommand", "upload | link | fetch | status", undefined, types.string)
  .addOptionalParam(
    "rpc",
    "upload: the RPC URL the page reads through (default on development chains: the node's)",
    undefined,
    types.string,
  )
  .addOptionalParam("out", "fetch: where the page goes (default out/<network>/app/app.html)", undefined, types.string)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addOptionalParam("from", "Signer index (link: a CONFIG_ROLE holder)", 0, cliInt)
  .addFlag("dryRun", "upload: say what would be sent, send nothing")
  .addFlag("json", "Print JSON")
  .setAction(
    action<Args>(async (args, hre) => {
      const sub = args.subcommand;
      if (!["upload", "link", "fetch", "status"].includes(sub))
        throw userError(`unknown subcommand "${sub}" (upload | link | fetch | status)`);
      if (sub === "upload") return upload(args, hre);
      const s = await requireSite(hre);
      const address = await s.getAddress();
      const chainId = (await hre.ethers.provider.getNetwork()).chainId;
      const url = siteUrl(address, chainId);
      if (sub === "link") {
        const collection = await getCollection(hre, args.collection);
        const signer = await signerAt(hre, args.from);
        if ((await collection.externalLink()) === url)
          return {
            data: { url, tx: null },
            text: `${await collection.symbol()} already links to ${url}: nothing sent`,
          };
        const tx = await (collection.connect(signer) as Contract).setExternalLink(url);
        await tx.wait();
        return {
          data: { url, tx: tx.hash, collection: await collection.getAddress() },
          text: `${await collection.symbol()}'s contractURI now has external_link ${url} (tx ${tx.hash})`,
        };
      }
      const [hash, size, pages] = await Promise.all([s.contentHash(), s.size(), s.pages()]);
      if (sub === "fetch") {
        const page = getBytes(await s.html());
        const ok = keccak256(page) === hash;
        if (!ok) throw userError(`the page read from ${address} does not match its content hash ${hash}`);
        let file: string;
        if (args.out) {
          file = path.resolve(args.out);
          fs.mkdirSync(path.dirname(file), { recursive: true });
        } else {
          const dir = claimOutDir(path.join("out", hre.network.name, "app"), {
            command: "app fetch",
            network: hre.network.name,
          });
          file = path.join(dir, "app.html");
        }
        fs.writeFileSync(file, page);
        return {
          data: { site: address, url, hash, bytes: page.length, file },
          text: `Fetched ${url}: ${fmt(page.length)} bytes, hash ${hash} matches; written to ${path.relative(process.cwd(), file)}`,
        };
      }
      const collection = await getCollection(hre, args.collection).catch(() => null);
      const link = collection ? ((await collection.externalLink()) as string) : "";
      return {
        data: { site: address, url, hash, size: Number(size), pages: (pages as string[]).length, linked: link === url },
        text: [
          `App on ${hre.network.name}: ${url}`,
          `  ${fmt(size)} bytes in ${(pages as string[]).length} page(s), hash ${hash}`,
          collection
            ? `  ${await collection.symbol()} external_link: ${link || "(none)"}${link === url ? " (this site)" : link ? " (another site)" : ": run `app link`"}`
            : "",
        ]
          .filter(Boolean)
          .join("\n"),
      };
    }),
  );
