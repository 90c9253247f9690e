/**
 * The holder's app on chain: a page (one HTML file) written into PageStore pages, one a
 * transaction and only those not stored yet, then published as an AppSite (contracts/app), which
 * checks the pages against the content hash and serves them (`html()`, ERC-6860 web3://). Used by
 * `npx hardhat app upload` and the bench. No top-level import of "hardhat".
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { keccak256, type Contract } from "ethers";
import { pageGasFloor, splitPages } from "./pages";

export const APP_SITE = "AppSite";

export interface PublishedApp {
  site: string;
  hash: string;
  bytes: number;
  pages: { bytes: number; state: "sent" | "stored"; gas: number; floor: number }[];
  /** The AppSite's deployment (0 when the site with this hash was already published). */
  siteGas: number;
  /** Whether the site with this content was already published: nothing was sent. */
  unchanged: boolean;
}

/** The AppSite this network's deployments name, if it has code. */
export async function deployedSite(hre: HardhatRuntimeEnvironment): Promise<Contract | null> {
  const d = await hre.deployments.getOrNull(APP_SITE);
  if (!d || (await hre.ethers.provider.getCode(d.address)) === "0x") return null;
  return (await hre.ethers.getContractAt(APP_SITE, d.address)) as unknown as Contract;
}

/** Write `page` into PageStore pages and publish it as the network's AppSite (saved as "AppSite"). */
export async function publishApp(
  hre: HardhatRuntimeEnvironment,
  page: Uint8Array,
  opts: { from: string; progress?: (line: string) => void },
): Promise<PublishedApp> {
  const progress = opts.progress ?? (() => undefined);
  const hash = keccak256(page);
  const existing = await deployedSite(hre);
  if (existing && (await existing.contentHash()) === hash)
    return { site: await existing.getAddress(), hash, bytes: page.length, pages: [], siteGas: 0, unchanged: true };
  const storeAddress =
    (await hre.deployments.getOrNull("PageStore"))?.address ??
    (await hre.deployments.deploy("PageStore", { from: opts.from, log: false })).address;
  const signer = await hre.ethers.getSigner(opts.from);
  const store = (await hre.ethers.getContractAt("PageStore", storeAddress, signer)) as unknown as Contract;
  const parts = splitPages(page);
  const pointers: string[] = [];
  const pages: PublishedApp["pages"] = [];
  for (const [i, part] of parts.entries()) {
    const [pointer, stored] = (await store.pointerOf(part)) as [string, boolean];
    pointers.push(pointer);
    const floor = pageGasFloor(part.length);
    if (stored) {
      pages.push({ bytes: part.length, state: "stored", gas: 0, floor });
      progress(
        `page ${i + 1}/${parts.length} ${part.length.toLocaleString("en-US")} bytes: already stored: nothing sent`,
      );
      continue;
    }
    const receipt = await (await store.write([part])).wait();
    pages.push({ bytes: part.length, state: "sent", gas: Number(receipt.gasUsed), floor });
    progress(
      `page ${i + 1}/${parts.length} ${part.length.toLocaleString("en-US")} bytes: ${Number(receipt.gasUsed).toLocaleString("en-US")} gas (floor ${floor.toLocaleString("en-US")})`,
    );
  }
  progress("publishing the AppSite...");
  const d = await hre.deployments.deploy(APP_SITE, { from: opts.from, args: [pointers, hash], log: false });
  const siteGas = d.receipt?.gasUsed ? Number(d.receipt.gasUsed.toString()) : 0;
  return { site: d.address, hash, bytes: page.length, pages, siteGas, unchanged: false };
}
