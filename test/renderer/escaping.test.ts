import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import type { RendererLibrariesHarness } from "../../typechain-types";

import {
  decodeDataUri,
  decodeJson,
  deployRenderer,
  deployWithEstimate,
  expectSafeSvg,
  provenance,
  tokenParams,
  Stage,
} from "./helpers";

const NASTY = "Vivarium \"β\" <test> & \\ ü 🌱\n%41#\t\u0001'end'";

describe("LivingAssetRenderer escaping", function () {
  async function fixture() {
    const renderer = await deployRenderer();
    const harness = await deployWithEstimate<RendererLibrariesHarness>("RendererLibrariesHarness");
    return { renderer, harness };
  }

  it("tokenURI round-trips untrusted name, description and provenance text exactly", async function () {
    const { renderer } = await loadFixture(fixture);
    for (const revealed of [false, true]) {
      const params = tokenParams(
        5n,
        { revealed, stage: revealed ? Stage.Juvenile : Stage.Egg },
        NASTY,
        `desc ${NASTY}`,
      );
      params.provenance = { ...provenance(NASTY), generatorName: NASTY, generatorVersion: '\\\\"' };
      const json = decodeJson(await renderer.tokenURI(params));
      expect(json.name).to.equal(`${NASTY} #5`);
      expect(json.description).to.equal(`desc ${NASTY}`);
      expect(json.provenance.license).to.equal(NASTY);
      expect(json.provenance.generator).to.equal(NASTY);
      expect(json.provenance.generator_version).to.equal('\\\\"');
      const svg = decodeDataUri(json.image, "image/svg+xml");
      expectSafeSvg(svg);
      // The plaque shows the name, XML-escaped (control byte 0x01 becomes a space), over the token's number.
      expect(svg).to.include(">Vivarium &quot;β&quot; &lt;test&gt; &amp; \\ ü 🌱\n%41#\t &#39;end&#39;</text>");
      expect(svg).to.include(revealed ? ">#5 Juvenile</text>" : ">#5 Egg</text>");
    }
  });

  it("contractURI round-trips untrusted collection text exactly", async function () {
    const { renderer } = await loadFixture(fixture);
    const json = decodeJson(
      await renderer.contractURI({
        collection: ethers.ZeroAddress,
        name: NASTY,
        description: NASTY,
        royaltyReceiver: ethers.ZeroAddress,
        royaltyBps: 0,
        totalSupply: 0,
        maxSupply: 0,
        currentEpoch: 0,
        provenance: provenance(NASTY),
        externalLink: "",
      }),
    );
    expect(json.name).to.equal(NASTY);
    expect(json.description).to.equal(NASTY);
    expect(json.provenance.license).to.equal(NASTY);
    expectSafeSvg(decodeDataUri(json.image, "image/svg+xml"));
  });

  it("escape writes JSON escapes for quotes, backslashes and every control byte", async function () {
    const { harness } = await loadFixture(fixture);
    let all = "";
    for (let c = 0; c < 0x80; c++) all += String.fromCharCode(c);
    const escaped = await harness.escape(all);
    expect(JSON.parse(`"${escaped}"`)).to.equal(all);
    expect(escaped).to.include("\\u000a").and.include('\\"').and.include("\\\\");
  });

  it("escape and escapeXml replace malformed UTF-8 with '?' and keep well-formed sequences", async function () {
    const { harness } = await loadFixture(fixture);
    // Pass bytes through the ABI untouched by encoding a string from raw bytes.
    const iface = harness.interface;
    const call = async (fn: "escape" | "escapeXml", bytes: string) => {
      const data =
        iface.getFunction(fn)!.selector + ethers.AbiCoder.defaultAbiCoder().encode(["bytes"], [bytes]).slice(2);
      const ret = await ethers.provider.call({ to: await harness.getAddress(), data });
      return ethers.getBytes(ethers.AbiCoder.defaultAbiCoder().decode(["bytes"], ret)[0]);
    };
    // ü, lone continuation, truncated 3-byte sequence, overlong 2-byte, 🌱, surrogate ED A0 80
    const input = "0xc3bc" + "80" + "e282" + "c0af" + "f09f8cb1" + "eda080" + "41";
    for (const fn of ["escape", "escapeXml"] as const) {
      const out = Buffer.from(await call(fn, input));
      expect(out.toString("hex")).to.equal("c3bc" + "3f" + "3f3f" + "3f3f" + "f09f8cb1" + "3f3f3f" + "41");
    }
  });

  it("escape round-trips random text across the word-at-a-time fast path", async function () {
    const { harness } = await loadFixture(fixture);
    const alphabet = [
      "a",
      "Z",
      "0",
      " ",
      "~",
      "\u007f",
      '"',
      "\\",
      "<",
      "&",
      "'",
      ">",
      "\n",
      "\u0000",
      "ü",
      "β",
      "🌱",
      "#",
      "%",
    ];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let t = 0; t < 40; t++) {
      const len = next() % 120;
      let text = "";
      for (let i = 0; i < len; i++)
        text += next() % 4 === 0 ? alphabet[next() % alphabet.length] : alphabet[next() % 5];
      expect(JSON.parse(`"${await harness.escape(text)}"`)).to.equal(text);
      const xml = await harness.escapeXml(text);
      expect(xml).to.not.match(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
    }
  });

  it("escapeXml escapes markup characters", async function () {
    const { harness } = await loadFixture(fixture);
    expect(await harness.escapeXml(`<a href="x">'&'</a>`)).to.equal(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });

  it("hsl wraps the hue at 360 and clamps saturation and lightness to 100", async function () {
    const { harness } = await loadFixture(fixture);
    expect(await harness.hsl(40, 45, 88)).to.equal("hsl(40,45%,88%)");
    expect(await harness.hsl(0, 0, 0)).to.equal("hsl(0,0%,0%)");
    expect(await harness.hsl(725, 140, 101)).to.equal("hsl(5,100%,100%)");
    expect(await harness.hsl(359, 100, 100)).to.equal("hsl(359,100%,100%)");
  });

  it("bps and fixedPointSigned write exact decimals", async function () {
    const { harness } = await loadFixture(fixture);
    expect(await harness.bps(7350)).to.equal("73.5");
    expect(await harness.bps(7305)).to.equal("73.05");
    expect(await harness.bps(10000)).to.equal("100");
    expect(await harness.bps(1)).to.equal("0.01");
    expect(await harness.fixedPointSigned(-150_000_000n, 8)).to.equal("-1.5");
    expect(await harness.fixedPointSigned(345_678_900_000n, 8)).to.equal("3456.789");
    expect(await harness.fixedPointSigned(ethers.MinInt256, 0)).to.equal(ethers.MinInt256.toString());
  });

  it("Base64Fast matches Node's base64 for every length up to 100 and a large input", async function () {
    const { harness } = await loadFixture(fixture);
    for (let n = 0; n <= 100; n++) {
      const b = ethers.randomBytes(n);
      expect(await harness.base64(b)).to.equal(Buffer.from(b).toString("base64"));
    }
    const big = ethers.randomBytes(20_001);
    expect(await harness.base64(big)).to.equal(Buffer.from(big).toString("base64"));
  });
});
