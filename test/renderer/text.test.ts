import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import type { RendererLibrariesHarness } from "../../typechain-types";
import fc from "fast-check";

import { decodeDataUri, decodeJson, deployRenderer, deployWithEstimate, tokenParams, Stage } from "./helpers";

// Json.escape / escapeXml / truncate on raw bytes, checked against independent references:
// well-formedness of UTF-8 comes from Node's fatal TextDecoder, not from the contract's rules.

const abi = ethers.AbiCoder.defaultAbiCoder();
const fatal = new TextDecoder("utf-8", { fatal: true });

/** Length a UTF-8 lead byte announces (0 for an ASCII or continuation byte). */
function announced(c: number): number {
  if (c >= 0xc0 && c <= 0xdf) return 2;
  if (c >= 0xe0 && c <= 0xef) return 3;
  if (c >= 0xf0 && c <= 0xf7) return 4;
  return 0;
}

function wellFormed(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Reference escaper: ASCII escaped per target, well-formed sequences copied, any other byte -> "?". */
function reference(input: Uint8Array, xml: boolean): Buffer {
  const out: number[] = [];
  const put = (s: string) => out.push(...Buffer.from(s, "latin1"));
  for (let k = 0; k < input.length;) {
    const c = input[k];
    if (c >= 0x80) {
      const n = announced(c);
      if (n > 0 && k + n <= input.length && wellFormed(input.subarray(k, k + n))) {
        out.push(...input.subarray(k, k + n));
        k += n;
      } else {
        put("?");
        k += 1;
      }
      continue;
    }
    k += 1;
    const ch = String.fromCharCode(c);
    if (xml) {
      const entity: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
      if (entity[ch]) put(entity[ch]);
      else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) put(" ");
      else put(ch);
    } else if (ch === '"' || ch === "\\") put("\\" + ch);
    else if (c < 0x20 || ch === "#" || ch === "%") put("\\u00" + c.toString(16).padStart(2, "0"));
    else put(ch);
  }
  return Buffer.from(out);
}

// Bytes that sit on the edges of UTF-8's well-formedness table, plus the escaped ASCII.
const EDGE_BYTES = [
  0x00, 0x09, 0x0a, 0x1f, 0x22, 0x23, 0x25, 0x26, 0x27, 0x3c, 0x3e, 0x41, 0x5c, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
  0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff,
];

describe("Json text helpers on raw bytes", function () {
  async function fixture() {
    const harness = await deployWithEstimate<RendererLibrariesHarness>("RendererLibrariesHarness");
    return { harness, address: await harness.getAddress() };
  }

  /** Calls `fn(string)` with arbitrary bytes as the string (ABI `string` and `bytes` encode alike). */
  async function callWithBytes(address: string, fn: "escape" | "escapeXml", input: Uint8Array): Promise<Buffer> {
    const selector = ethers.id(`${fn}(string)`).slice(0, 10);
    const data = selector + abi.encode(["bytes"], [input]).slice(2);
    const [out] = abi.decode(["bytes"], await ethers.provider.call({ to: address, data }));
    return Buffer.from(ethers.getBytes(out));
  }

  const cases: [string, number[], string][] = [
    ["overlong 3-byte (E0 80..9F)", [0xe0, 0x9f, 0xbf], "???"],
    ["smallest 3-byte (E0 A0 80)", [0xe0, 0xa0, 0x80], "\u0800"],
    ["surrogate (ED A0 80)", [0xed, 0xa0, 0x80], "???"],
    ["last before surrogates (ED 9F BF)", [0xed, 0x9f, 0xbf], "\ud7ff"],
    ["overlong 4-byte (F0 8F)", [0xf0, 0x8f, 0xbf, 0xbf], "????"],
    ["smallest 4-byte (F0 90 80 80)", [0xf0, 0x90, 0x80, 0x80], "\u{10000}"],
    ["above U+10FFFF (F4 90)", [0xf4, 0x90, 0x80, 0x80], "????"],
    ["largest code point (F4 8F BF BF)", [0xf4, 0x8f, 0xbf, 0xbf], "\u{10ffff}"],
    ["bad third byte", [0xe1, 0x80, 0x41], "??A"],
    ["cut off at the end", [0x41, 0xe1, 0x80], "A??"],
    ["lone continuation and invalid leads", [0x80, 0xc0, 0xc1, 0xf5, 0xff], "?????"],
  ];
  for (const [label, bytes, expected] of cases) {
    it(`escape: ${label}`, async function () {
      const { address } = await loadFixture(fixture);
      const input = Uint8Array.from(bytes);
      const out = await callWithBytes(address, "escape", input);
      expect(out.toString("utf8")).to.equal(expected);
      expect(out.equals(reference(input, false))).to.equal(true);
    });
  }

  it("escape and escapeXml match the reference on random byte strings and always return well-formed UTF-8", async function () {
    const { address } = await loadFixture(fixture);
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...EDGE_BYTES));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 80 }), fc.array(byte, { maxLength: 40 }), async (a, b) => {
        const input = Uint8Array.from([...a, ...b]);
        for (const xml of [false, true]) {
          const out = await callWithBytes(address, xml ? "escapeXml" : "escape", input);
          expect(out.equals(reference(input, xml)), Buffer.from(input).toString("hex")).to.equal(true);
          expect(wellFormed(out)).to.equal(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("truncate keeps the longest prefix of whole characters within the limit and marks the cut", async function () {
    const { harness } = await loadFixture(fixture);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 30 }), fc.nat(70), async (s, max) => {
        const bytes = Buffer.from(s, "utf8");
        const out = Buffer.from(await harness.truncate(s, max), "utf8");
        if (bytes.length <= max) {
          expect(out.equals(bytes)).to.equal(true);
          return;
        }
        // The longest prefix of at most `max` bytes that ends on a character boundary.
        let keep = max;
        while (keep > 0 && !wellFormed(bytes.subarray(0, keep))) keep--;
        expect(out.equals(Buffer.concat([bytes.subarray(0, keep), Buffer.from("...")]))).to.equal(true);
      }),
      { numRuns: 150 },
    );
  });

  it("the egg and the terrarium label cut a long collection name on a character boundary", async function () {
    const renderer = await deployRenderer();
    const name = "Vivarium of the " + "ü".repeat(40); // 16 + 80 bytes, over the 48-byte label
    const label = "Vivarium of the " + "ü".repeat(16) + "...";
    for (const revealed of [false, true]) {
      const params = tokenParams(1n, { revealed, stage: revealed ? Stage.Adult : Stage.Egg }, name);
      const json = decodeJson(await renderer.tokenURI(params));
      expect(json.name).to.equal(`${name} #1`);
      const svg = decodeDataUri(json.image, "image/svg+xml");
      expect(svg).to.contain(label);
      expect(svg).to.not.contain("ü".repeat(17));
    }
  });
});
