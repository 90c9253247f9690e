import { expect } from "chai";
import hre, { deployments, ethers } from "hardhat";
import { AbiCoder, encodeBytes32String, getBytes, hexlify, keccak256, toUtf8Bytes, type Contract } from "ethers";
import { publishApp } from "../scripts/lib/app-site";
import { splitPages } from "../scripts/lib/pages";

/**
 * The app on chain (contracts/app/AppSite.sol): the page comes back byte for byte through
 * `html()` and through ERC-6860 manual mode, and a site whose pages do not hold the bytes it names
 * is never published. The browser side (the stored page opened from a data: URL) is in
 * `npm run test:app`.
 */
describe("AppSite: the holder's app on chain", function () {
  this.timeout(120_000);

  /** A page of `n` bytes of HTML, varied so no two pages of it are equal. */
  function html(n: number): Uint8Array {
    const head = "<!doctype html><title>Vivarium</title><main>";
    let body = "";
    for (let i = 0; body.length < n - head.length; i++) body += `<p>token ${i} lives</p>`;
    return toUtf8Bytes((head + body).slice(0, n));
  }

  async function store(): Promise<Contract> {
    const [deployer] = await ethers.getSigners();
    return (await ethers.deployContract("PageStore", deployer)) as unknown as Contract;
  }

  /** Write `page` in PageStore pages; their pointers in order. */
  async function written(s: Contract, page: Uint8Array): Promise<string[]> {
    const parts = splitPages(page);
    const pointers: string[] = [];
    for (const part of parts) {
      pointers.push(((await s.pointerOf(part)) as [string, boolean])[0]);
      await (await s.write([part])).wait();
    }
    return pointers;
  }

  it("serves the page it was given, byte for byte, from html() and from pages() in order", async () => {
    const page = html(60_000); // three code pages
    const s = await store();
    const pointers = await written(s, page);
    expect(pointers).to.have.length(3);
    const factory = await ethers.getContractFactory("AppSite");
    const site = await factory.deploy(pointers, keccak256(page));
    await expect(site.deploymentTransaction())
      .to.emit(site, "AppSitePublished")
      .withArgs(keccak256(page), page.length, 3);
    expect(await site.html()).to.equal(hexlify(page));
    expect(await site.pages()).to.deep.equal(pointers);
    expect(await site.contentHash()).to.equal(keccak256(page));
    expect(await site.size()).to.equal(page.length);
  });

  it("answers web3:// URLs in ERC-6860 manual mode: any path gets the same page, ABI-encoded; ether is refused", async () => {
    const page = html(30_000);
    const s = await store();
    const site = await ethers.deployContract("AppSite", [await written(s, page), keccak256(page)]);
    expect(await site.resolveMode()).to.equal(encodeBytes32String("manual"));
    for (const path of ["/", "/index.html", "/#/t/0x1/7", ""]) {
      const raw = await ethers.provider.call({ to: await site.getAddress(), data: hexlify(toUtf8Bytes(path)) });
      const [served] = AbiCoder.defaultAbiCoder().decode(["bytes"], raw);
      expect(Buffer.from(getBytes(served)).equals(Buffer.from(page)), `path "${path}"`).to.equal(true);
    }
    const [holder] = await ethers.getSigners();
    await expect(holder.sendTransaction({ to: await site.getAddress(), data: "0x2f", value: 1n })).to.be.reverted;
    expect(await ethers.provider.getBalance(await site.getAddress())).to.equal(0n);
  });

  it("is never published over pages that do not hold the bytes it names", async () => {
    const page = html(30_000);
    const s = await store();
    const pointers = await written(s, page);
    const factory = await ethers.getContractFactory("AppSite");
    await expect(factory.deploy([], keccak256(page))).to.be.revertedWithCustomError(factory, "AppSiteNoPages");
    // A page not written yet: an address with no code.
    const missing = ((await s.pointerOf(toUtf8Bytes("<p>not written</p>"))) as [string, boolean])[0];
    await expect(factory.deploy([pointers[0], missing], keccak256(page)))
      .to.be.revertedWithCustomError(factory, "AppSitePageMissing")
      .withArgs(1, missing);
    // The right pages in the wrong order, and a hash of other bytes.
    const swapped = [pointers[1], pointers[0]];
    const actual = keccak256(new Uint8Array([...splitPages(page)[1], ...splitPages(page)[0]]));
    await expect(factory.deploy(swapped, keccak256(page)))
      .to.be.revertedWithCustomError(factory, "AppSiteHashMismatch")
      .withArgs(keccak256(page), actual);
    const other = keccak256(toUtf8Bytes("another app"));
    await expect(factory.deploy(pointers, other))
      .to.be.revertedWithCustomError(factory, "AppSiteHashMismatch")
      .withArgs(other, keccak256(page));
  });

  it("publishApp (what `app upload` runs) writes only the pages not stored yet, and nothing for the same page again", async () => {
    // The deployed PageStore (the deploy scripts' "pages" tag), kept in memory: no deployment files.
    await deployments.fixture(["pages"]);
    const [deployer] = await ethers.getSigners();
    const page = html(50_000);
    const first = await publishApp(hre, page, { from: deployer.address });
    expect(first.unchanged).to.equal(false);
    expect(first.pages.map((p) => p.state)).to.deep.equal(["sent", "sent", "sent"]);
    // Within 2% of the SSTORE2 floor (instrumented code under coverage costs more: floor only there).
    const most = (floor: number) => (process.env.UNDER_COVERAGE ? Infinity : Math.ceil(floor * 1.02));
    for (const p of first.pages) expect(p.gas).to.be.within(p.floor, most(p.floor));
    const site = await ethers.getContractAt("AppSite", first.site);
    expect(await site.html()).to.equal(hexlify(page));
    const again = await publishApp(hre, page, { from: deployer.address });
    expect(again).to.include({ unchanged: true, site: first.site, siteGas: 0 });
    // A new version sharing its first page with the old one: that page is not sent again.
    const next = new Uint8Array([...page.slice(0, 24_000), ...html(10_000)]);
    const second = await publishApp(hre, next, { from: deployer.address });
    expect(second.pages.map((p) => p.state)).to.deep.equal(["stored", "sent"]);
    expect(await (await ethers.getContractAt("AppSite", second.site)).html()).to.equal(hexlify(next));
  });
});
