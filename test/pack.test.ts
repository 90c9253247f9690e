import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import fc from "fast-check";
import { keccak256, toBeHex } from "ethers";
import { checkPack, PackError, type PackManifest } from "../tasks/lib/pack/pack";
import { sanitizeFragment } from "../tasks/lib/pack/sanitize";
import { composeSvg, pickVariant, variantsShown, type PackState } from "../tasks/lib/pack/compose";
import { makeSamplePack } from "../scripts/make-sample-pack";
import { PNG } from "pngjs";
import { encodePixelLayer, isPixelPage, pixelFragment } from "../tasks/lib/pack/pixels";
import { runTask } from "./helpers/fixture";
import { mulberry32 } from "./helpers/random";

const SAMPLE = path.join(__dirname, "..", "packs", "tide-pool");
const tmp = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `vivarium-pack-${label}-`));

/** A copy of the sample pack to change. */
function samplCopy(): string {
  const dir = tmp("copy");
  fs.cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

const adult = (genome: bigint, extra: Partial<PackState> = {}): PackState => ({
  genome,
  stage: "adult",
  mood: "calm",
  vitalityBps: 9_000,
  generation: 0,
  ...extra,
});
const genomeOf = (i: number) => BigInt(keccak256(toBeHex(i, 32)));

/** What no stored layer may contain after sanitising, whatever went in. */
const FORBIDDEN_OUT = [
  /<script/i,
  /foreignObject/i,
  /<style/i,
  /\son[a-z]+=/i,
  /style=/i,
  /href="(?!#)/i,
  /url\((?!#)/i,
  /&/,
  /<!/,
  /<\?/,
  /%/,
  /javascript:/i,
  /data:/i,
  /<text/i,
  /<image/i,
];

const VALID = '<g fill="#336699"><circle cx="10" cy="10" r="5"/><path d="M0 0 L10 10"/></g>';

/** Hostile fragments, each of which must be refused: scripts, handlers, references, entities, malformed XML. */
function hostileFragments(): string[] {
  const out: string[] = [];
  for (const tag of [
    "script",
    "foreignObject",
    "style",
    "image",
    "a",
    "animate",
    "set",
    "iframe",
    "text",
    "title",
    "SCRIPT",
    "svg:script",
    "feImage",
    "pattern",
    "mask",
    "symbol",
    "switch",
    "audio",
    "video",
    "object",
  ])
    out.push(`<${tag}>x</${tag}>`, `<g><${tag}/></g>`);
  for (const handler of [
    "onload",
    "onclick",
    "onmouseover",
    "onerror",
    "onfocus",
    "onbegin",
    "ONLOAD",
    "onanimationstart",
  ])
    for (const el of ["g", "rect", "circle", "path"]) out.push(`<${el} ${handler}="alert(1)"/>`);
  for (const ref of [
    "http://x.example/a.svg#p",
    "//x.example/p",
    "data:image/svg+xml,abc",
    "javascript:alert(1)",
    "#undefined",
    "other.svg#p",
    "#",
  ])
    out.push(`<use href="${ref}"/>`, `<use xlink:href="${ref}"/>`, `<rect fill="url(${ref})" width="1" height="1"/>`);
  out.push(
    '<!DOCTYPE svg [<!ENTITY x "y">]><g/>',
    '<!ENTITY x SYSTEM "file:///etc/passwd"><g/>',
    "<g>&x;</g>",
    '<rect fill="&#x23;fff"/>',
    "<g><![CDATA[<script>alert(1)</script>]]></g>",
    "<?xml-stylesheet href='x.css'?><g/>",
    "<!-- a comment --><g/>",
    '<rect style="fill:red"/>',
    '<rect fill="red;background:url(http://x)"/>',
    '<rect fill="50%"/>',
    '<rect fill="a"b"/>',
    "<g><rect></g>",
    "<g",
    "",
    "   ",
    "plain text",
    "<g>text inside</g>",
    '<rect width="1" height="1"/>\u0000',
    "<g>" + "<g>".repeat(20) + "</g>".repeat(21),
    `<path d="${"M0 0 ".repeat(6000)}"/>`,
    '<g id="a"/><g id="a"/>',
    '<g id="1bad"/>',
    '<rect fill="url( http://x )" width="1" height="1"/>',
    '<rect fill="#12345g" width="1" height="1"/>',
    '<rect xml:space="preserve"/>',
    '<rect xmlns:x="http://evil" x:y="1"/>',
    '<circle r="1" transform="translate(1)" fill="url(#g1)"/>',
    '<linearGradient id="g" href="https://x.example/g"/>',
  );
  return out;
}

describe("art packs: format, sanitiser, pack hash, composition and `pack check`", () => {
  it("the sample pack in the repository is the one its script makes", () => {
    const dir = tmp("remade");
    makeSamplePack(dir);
    const list = (d: string): string[] =>
      fs
        .readdirSync(d, { recursive: true, withFileTypes: false })
        .map(String)
        .filter((f) => fs.statSync(path.join(d, f)).isFile())
        .sort();
    expect(list(dir)).to.deep.equal(list(SAMPLE));
    for (const f of list(SAMPLE))
      expect(fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(SAMPLE, f))), f).to.equal(true);
  });

  it("checks the sample pack: every layer a page, honest provenance, one pack hash", () => {
    const pack = checkPack(SAMPLE);
    expect(pack.pages).to.have.length(29);
    expect(pack.origins).to.deep.equal({ human: 29, ai: 0, "ai-curated": 0 });
    for (const slot of pack.manifest.slots)
      for (const v of slot.variants) expect(v.tool).to.equal("make-sample-pack.ts");
    expect(checkPack(SAMPLE).packHash).to.equal(pack.packHash);
    for (const p of pack.pages)
      for (const bad of FORBIDDEN_OUT) expect(Buffer.from(p.bytes).toString(), `${p.file} ${bad}`).not.to.match(bad);
  });

  it("the pack hash changes with any layer's bytes and with the manifest", () => {
    const before = checkPack(SAMPLE).packHash;
    const layer = samplCopy();
    fs.writeFileSync(
      path.join(layer, "eyes/two.svg"),
      fs.readFileSync(path.join(layer, "eyes/two.svg"), "utf8").replace('r="11"', 'r="12"'),
    );
    expect(checkPack(layer).packHash).to.not.equal(before);
    const manifest = samplCopy();
    const m = JSON.parse(fs.readFileSync(path.join(manifest, "pack.json"), "utf8")) as PackManifest;
    m.slots[0].variants[0].weight += 1;
    fs.writeFileSync(path.join(manifest, "pack.json"), JSON.stringify(m));
    expect(checkPack(manifest).packHash).to.not.equal(before);
    // Formatting of pack.json is not content: the same manifest written differently hashes the same.
    const reformatted = samplCopy();
    const same = JSON.parse(fs.readFileSync(path.join(reformatted, "pack.json"), "utf8"));
    fs.writeFileSync(path.join(reformatted, "pack.json"), JSON.stringify(same));
    expect(checkPack(reformatted).packHash).to.equal(before);
  });

  it("the sanitiser keeps what it allows, canonically (sanitising twice changes nothing), colours without #", () => {
    const once = sanitizeFragment(VALID, "valid.svg").svg;
    expect(once).to.equal('<g fill="rgb(51,102,153)"><circle cx="10" cy="10" r="5"/><path d="M0 0 L10 10"/></g>');
    expect(sanitizeFragment(once, "again").svg).to.equal(once);
    const gradient =
      '<defs><linearGradient id="g1"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect width="1" height="1" fill="url(#g1)"/>';
    expect(sanitizeFragment(gradient, "gradient.svg").svg)
      .to.contain('fill="url(#g1)"')
      .and.contain("rgb(255,255,255)");
  });

  it(`refuses every one of ${hostileFragments().length} hostile fragments with a reason naming the layer`, () => {
    const inputs = hostileFragments();
    expect(inputs.length).to.be.at.least(100);
    const accepted: string[] = [];
    for (const input of inputs) {
      try {
        sanitizeFragment(input, "layer.svg");
        accepted.push(input);
      } catch (err) {
        expect(err, input).to.be.instanceOf(PackError);
        expect((err as Error).message, input).to.match(/^layer\.svg: \S/);
      }
    }
    expect(accepted).to.deep.equal([]);
  });

  it("whatever is spliced into a valid layer, the result is refused or holds nothing forbidden (property)", () => {
    const pieces = [
      "<script>",
      "</g>",
      "<g onload='x'>",
      ' href="http://x"',
      "&amp;",
      "<!--",
      "]]>",
      "<?x?>",
      "url(http://x)",
      "%",
      'style="a"',
      "<foreignObject/>",
      "<text>t</text>",
      "javascript:",
      "data:",
      "#",
      '"',
      "<",
      ">",
      "/",
      "=",
      " ",
      "<rect/>",
      "<g>",
      '<use href="#a"/>',
      'id="a"',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(VALID.length), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }),
        (splices) => {
          let s = VALID;
          for (const [at, piece] of splices) s = s.slice(0, at % (s.length + 1)) + piece + s.slice(at % (s.length + 1));
          let out: string;
          try {
            out = sanitizeFragment(s, "spliced.svg").svg;
          } catch (err) {
            return err instanceof PackError;
          }
          return FORBIDDEN_OUT.every((bad) => !bad.test(out));
        },
      ),
      { numRuns: 500, seed: 22 },
    );
  });

  it("refuses a malformed pack in one line naming the file and the problem", () => {
    const cases: [string, (m: PackManifest) => void, RegExp][] = [
      ["another format", (m) => ((m as { format: string }).format = "other/1"), /\/format must be equal to constant/],
      [
        "a key the format lacks",
        (m) => ((m as unknown as Record<string, unknown>).extra = 1),
        /must NOT have additional properties/,
      ],
      ["a gene field past 15", (m) => (m.slots[0].gene = 16), /\/slots\/0\/gene must be <= 15/],
      [
        "a file outside the pack",
        (m) => (m.slots[0].variants[0].file = "../escape.svg"),
        /\/slots\/0\/variants\/0\/file must match pattern/,
      ],
      [
        "a missing layer file",
        (m) => (m.slots[0].variants[0].file = "background/missing.svg"),
        /background\/missing\.svg: no such file/,
      ],
      [
        "an unknown origin",
        (m) => ((m.slots[0].variants[0] as { origin: string }).origin = "robot"),
        /origin must be equal to one of the allowed values \(human, ai, ai-curated\)/,
      ],
      ["an AI layer without its model", (m) => (m.slots[0].variants[0].origin = "ai"), /an ai layer needs modelHash/],
      ["weights all zero", (m) => m.slots[1].variants.forEach((v) => (v.weight = 0)), /slot "body": every weight is 0/],
      [
        "a live rule naming no variant",
        (m) => (m.slots[0].live![0].use = "Nowhere"),
        /a live rule uses "Nowhere", which is not a variant/,
      ],
      ["a slot named twice", (m) => (m.slots[1].name = m.slots[0].name), /slot "background": the name is used twice/],
      ["a name with a quote", (m) => (m.name = 'Tide "Pool"'), /\/name must match pattern/],
      ["a vitality rule of 0", (m) => (m.slots[3].live![1].when.vitalityBelow = 0), /vitalityBelow must be >= 1/],
    ];
    for (const [label, change, expected] of cases) {
      const dir = samplCopy();
      const m = JSON.parse(fs.readFileSync(path.join(dir, "pack.json"), "utf8")) as PackManifest;
      change(m);
      fs.writeFileSync(path.join(dir, "pack.json"), JSON.stringify(m));
      expect(() => checkPack(dir), label).to.throw(PackError, expected);
    }
    const dupId = samplCopy();
    fs.writeFileSync(
      path.join(dupId, "background/dusk.svg"),
      fs.readFileSync(path.join(dupId, "background/dusk.svg"), "utf8").replaceAll("bg-dusk", "bg-lagoon"),
    );
    expect(() => checkPack(dupId)).to.throw(PackError, /id "bg-lagoon" is also defined in background\/lagoon\.svg/);
  });

  it("composes from genome and live state: overrides for egg, mood, low vitality and metamorphosis; identity slots kept", () => {
    const pack = checkPack(SAMPLE);
    const g = genomeOf(1);
    expect(variantsShown(pack, adult(0n, { stage: "egg" }))).to.include({
      body: "Egg",
      eyes: "Hidden",
      pattern: "None",
      accessory: "None",
    });
    expect(variantsShown(pack, adult(g, { mood: "stormy" }))).to.include({ background: "Storm", aura: "Rain" });
    expect(variantsShown(pack, adult(g, { mood: "sunny" })).aura).to.equal("Sunbeams");
    expect(variantsShown(pack, adult(g, { vitalityBps: 1_999 })).eyes).to.equal("Closed");
    expect(variantsShown(pack, adult(g, { vitalityBps: 2_000 })).eyes).to.not.equal("Closed");
    expect(variantsShown(pack, adult(g, { generation: 1 })).accessory).to.equal("Crown");
    // A metamorphosis keeps the identity fields (0..2) and redraws the rest: body (field 1) and
    // aura (field 0) stay for every genome tried.
    const identityMask = (1n << 48n) - 1n;
    for (let i = 0; i < 50; i++) {
      const before = genomeOf(100 + i);
      const after = (before & identityMask) | (genomeOf(900 + i) & ~identityMask);
      const slots = Object.fromEntries(pack.manifest.slots.map((s) => [s.name, s]));
      expect(pickVariant(slots.body, adult(after)).name).to.equal(pickVariant(slots.body, adult(before)).name);
      expect(pickVariant(slots.aura, adult(after)).name).to.equal(pickVariant(slots.aura, adult(before)).name);
    }
  });

  it("picks variants by weight: over 4,000 genomes each variant's share is within 3 points of its weight's", () => {
    const pack = checkPack(SAMPLE);
    for (const slot of pack.manifest.slots) {
      const total = slot.variants.reduce((n, v) => n + v.weight, 0);
      const counts = new Map<string, number>();
      for (let i = 0; i < 4_000; i++) {
        const name = pickVariant({ ...slot, live: [] }, adult(genomeOf(i))).name;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      for (const v of slot.variants)
        expect(Math.abs((counts.get(v.name) ?? 0) / 4_000 - v.weight / total), `${slot.name}/${v.name}`).to.be.below(
          0.03,
        );
    }
  });

  it("composed tokens differ from one another and stay inside the canvas's SVG", () => {
    const pack = checkPack(SAMPLE);
    const svgs = new Set(Array.from({ length: 60 }, (_, i) => composeSvg(pack, adult(genomeOf(i)))));
    expect(svgs.size).to.be.at.least(40);
    for (const svg of svgs)
      expect(svg).to.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 320 320">.*<\/svg>$/s);
  });

  it("`pack check` prints the layers, bytes, upload floor and pack hash, and writes a contact sheet @skip-coverage", async () => {
    const out = path.join(tmp("check"), "sheet");
    const { out: text, errors, exitCode } = await runTask("pack", { subcommand: "check", dir: SAMPLE, out });
    expect(exitCode, errors.join("\n")).to.equal(0);
    const pack = checkPack(SAMPLE);
    const bytes = pack.pages.reduce((n, p) => n + p.bytes.length, 0);
    expect(text).to.contain(`29 pages, ${bytes.toLocaleString("en-US")} bytes; AI layers: 0 of 29`);
    expect(text).to.contain(`pack hash    ${pack.packHash}`);
    expect(text).to.match(/upload\s+at least [\d,]+ gas/);
    const png = fs.readFileSync(path.join(out, "contact-sheet.png"));
    expect(png.subarray(1, 4).toString()).to.equal("PNG");
    expect(png.readUInt32BE(16)).to.equal(9 * 160); // width: a column per mood and vitality level
    const legend = JSON.parse(fs.readFileSync(path.join(out, "contact-sheet.json"), "utf8")) as { stage: string }[];
    expect(legend).to.have.length(45);
  });

  it("encodes a pixel layer as palette and runs, and draws it as one rect per coloured run", () => {
    const png = new PNG({ width: 32, height: 32 });
    png.data.fill(0);
    const paint = (x: number, y: number, rgb: number[]) => png.data.set([...rgb, 255], 4 * (y * 32 + x));
    for (let x = 4; x < 8; x++) paint(x, 2, [10, 20, 30]);
    paint(6, 3, [200, 0, 0]);
    const page = encodePixelLayer(PNG.sync.write(png), 320, "p.png");
    expect(isPixelPage(page)).to.equal(true);
    // scale 10, box rows 2..3, columns 4..7, two colours, runs: row 2 one run of 4; row 3: 2 clear, 1 red, 1 clear.
    expect([...page]).to.deep.equal([1, 10, 2, 4, 4, 8, 2, 10, 20, 30, 200, 0, 0, 4, 1, 2, 0, 1, 2, 1, 0]);
    expect(pixelFragment(page)).to.equal(
      '<g transform="scale(10)" shape-rendering="crispEdges"><rect x="4" y="2" width="4" height="1" fill="rgb(10,20,30)"/><rect x="6" y="3" width="1" height="1" fill="rgb(200,0,0)"/></g>',
    );
  });

  it("refuses malformed and unfit PNGs in one line naming the file, and 60 corrupted ones are refused or still encode", () => {
    const good = fs.readFileSync(path.join(SAMPLE, "accessory", "crab.png"));
    const image = (w: number, h: number, fill: (x: number, y: number) => number[] | null) => {
      const png = new PNG({ width: w, height: h });
      png.data.fill(0);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const c = fill(x, y);
          if (c) png.data.set(c, 4 * (y * w + x));
        }
      return PNG.sync.write(png);
    };
    const bad: [Buffer, RegExp][] = [
      [Buffer.from("<svg/>"), /not a readable PNG/],
      [good.subarray(0, 40), /not a readable PNG/],
      [Buffer.concat([good.subarray(0, 33), Buffer.from([0xde, 0xad]), good.subarray(35)]), /not a readable PNG/],
      [image(32, 16, () => [1, 2, 3, 255]), /square; this one is 32x16/],
      [image(80, 80, () => [1, 2, 3, 255]), /80 pixels a side, over the 64/],
      [image(30, 30, () => [1, 2, 3, 255]), /does not divide the canvas of 320/],
      [image(32, 32, (x) => (x === 3 ? [1, 2, 3, 128] : null)), /pixel \(3, 0\) is partly transparent \(alpha 128\)/],
      [image(32, 32, () => null), /every pixel is transparent/],
      [image(32, 32, (x, y) => [x, y, (x * 32 + y) % 7, 255]), /more than 255 colours/],
    ];
    for (const [bytes, reason] of bad)
      expect(() => encodePixelLayer(bytes, 320, "accessory/x.png")).to.throw(PackError, reason);
    // Through pack check: a broken PNG in the sample is refused in one line.
    const next = mulberry32(60);
    const rand = (n: number) => Math.floor(next() * n);
    let refused = 0;
    for (let i = 0; i < 60; i++) {
      const b = Buffer.from(good);
      b[8 + rand(b.length - 8)] ^= 1 + rand(255);
      try {
        const page = encodePixelLayer(b, 320, "accessory/crab.png");
        expect(pixelFragment(page)).to.match(
          /^<g transform="scale\(10\)" shape-rendering="crispEdges">(<rect [^>]+\/>)+<\/g>$/,
        );
      } catch (err) {
        expect((err as Error).message).to.match(/^accessory\/crab\.png: /);
        refused++;
      }
    }
    expect(refused).to.be.greaterThan(30); // PNG's CRCs catch most flips
    const dir = samplCopy();
    fs.writeFileSync(path.join(dir, "accessory", "crab.png"), good.subarray(0, 60));
    expect(() => checkPack(dir)).to.throw(PackError, /^accessory\/crab\.png: not a readable PNG/);
  });

  it("`pack check` refuses a hostile layer in one line and writes nothing", async () => {
    const dir = samplCopy();
    fs.writeFileSync(path.join(dir, "eyes/two.svg"), '<g onload="alert(1)"/>');
    const out = path.join(tmp("refused"), "sheet");
    const { errors, exitCode } = await runTask("pack", { subcommand: "check", dir, out });
    expect(exitCode).to.equal(1);
    expect(errors).to.deep.equal(["Error: pack refused: eyes/two.svg: <g onload>: event handlers are refused"]);
    expect(fs.existsSync(out)).to.equal(false);
  });
});
