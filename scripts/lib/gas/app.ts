/**
 * Gas of the holder's app on chain (contracts/app/AppSite.sol) for the benchmark, beside baselines
 * measured in the same run: the app built for a fresh world of the deploy scripts, written by
 * `publishApp` (what `app upload` runs) into PageStore pages and published as an AppSite, against
 * the SSTORE2 floor and a plain Solady `SSTORE2.write` of the same pages
 * (contracts/mocks/baselines/PlainSstore2Pages.sol); the plain (uncompressed) page's floor, which
 * the compressed page saves; reading it back through `html()` and through ERC-6860 (web3://).
 */
import hre, { deployments, ethers } from "hardhat";
import { toUtf8Bytes, type Contract } from "ethers";
import { appHtml, appScript, compressedHtml, configFromDeployments } from "../../app-build";
import { publishApp } from "../app-site";
import { pageGasFloor, splitPages } from "../pages";

export interface AppFigures {
  /** The plain page (HTML with CSS and script inline) and the page kept on chain (gzipped inside). */
  htmlBytes: number;
  bytes: number;
  pages: number;
  pagesGas: number;
  floor: number;
  baselineGas: number;
  siteGas: number;
  /** The floor of storing the plain page instead. */
  plainPages: number;
  plainFloor: number;
  /** estimateGas of reading the page back. */
  htmlReadGas: number;
  web3ReadGas: number;
}

export async function measureApp(): Promise<AppFigures> {
  await deployments.fixture(["all"]);
  const [signer] = await ethers.getSigners();
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const config = configFromDeployments(await deployments.all(), chainId, "http://127.0.0.1:8545");
  const html = appHtml(await appScript(), config);
  const page = toUtf8Bytes(compressedHtml(html));
  const r = await publishApp(hre, page, { from: signer.address });
  if (r.unchanged || r.pages.some((p) => p.state !== "sent")) throw new Error("expected every app page sent");
  const plain = (await (await ethers.getContractFactory("PlainSstore2Pages")).deploy()) as unknown as Contract;
  let baselineGas = 0;
  for (const part of splitPages(page)) baselineGas += Number((await (await plain.write([part])).wait()).gasUsed);
  const site = (await ethers.getContractAt("AppSite", r.site)) as unknown as Contract;
  const plainParts = splitPages(toUtf8Bytes(html));
  return {
    htmlBytes: toUtf8Bytes(html).length,
    bytes: page.length,
    pages: r.pages.length,
    pagesGas: r.pages.reduce((n, p) => n + p.gas, 0),
    floor: r.pages.reduce((n, p) => n + p.floor, 0),
    baselineGas,
    siteGas: r.siteGas,
    plainPages: plainParts.length,
    plainFloor: plainParts.reduce((n, p) => n + pageGasFloor(p.length), 0),
    htmlReadGas: Number(await site.html.estimateGas()),
    web3ReadGas: Number(await ethers.provider.estimateGas({ to: r.site, data: "0x2f" })),
  };
}
