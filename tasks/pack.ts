import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import { keccak256, toBeHex } from "ethers";
import { action, userError } from "./lib/common";
import { claimOutDir } from "./lib/output";
import { svgToPng } from "./lib/render";
import { checkPack, MOODS, PackError, pageGasFloor, STAGES, type CheckedPack } from "./lib/pack/pack";
import { composeSvg, variantsShown, type PackState } from "./lib/pack/compose";

/** Vitality levels the contact sheet shows (basis points): thriving, tired, fading. */
const SHEET_VITALITY = [10_000, 5_000, 1_500];
/** Side of one token on the contact sheet, in pixels. */
const CELL = 160;

/** Every stage x mood x vitality level, each with its own genome (a fixed sequence: the sheet is reproducible). */
export function sheetStates(): PackState[] {
  const states: PackState[] = [];
  let i = 0;
  for (const stage of STAGES)
    for (const mood of MOODS)
      for (const vitalityBps of SHEET_VITALITY)
        states.push({
          genome: stage === "egg" ? 0n : BigInt(keccak256(toBeHex(++i, 32))),
          stage,
          mood,
          vitalityBps,
          generation: stage === "ascended" ? 1 : 0,
        });
  return states;
}

/** One SVG holding every sampled token in a grid: a row per stage, a column per mood and vitality. */
function contactSheet(pack: CheckedPack, states: PackState[]): string {
  const cols = MOODS.length * SHEET_VITALITY.length;
  const rows = Math.ceil(states.length / cols);
  const c = pack.manifest.canvas;
  const cells = states.map((s, i) => {
    const inner = composeSvg(pack, s).replace(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="[^"]*">|<\/svg>$/g,
      "",
    );
    const x = (i % cols) * CELL;
    const y = Math.floor(i / cols) * CELL;
    return `<svg x="${x}" y="${y}" width="${CELL}" height="${CELL}" viewBox="0 0 ${c} ${c}">${inner}</svg>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * CELL}" height="${rows * CELL}" viewBox="0 0 ${cols * CELL} ${rows * CELL}"><rect width="100%" height="100%" fill="rgb(24,24,24)"/>${cells.join("")}</svg>`;
}

task(
  "pack",
  "Art packs: `check --dir D` validates, sanitises and encodes a pack, prices its upload and draws a contact sheet",
)
  .addPositionalParam("subcommand", "check", undefined, types.string)
  .addOptionalParam("dir", "The pack's folder (holds pack.json)", undefined, types.string)
  .addOptionalParam(
    "out",
    "Where the contact sheet goes (default out/packs/<pack folder>/check)",
    undefined,
    types.string,
  )
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ subcommand: string; dir?: string; out?: string; json?: boolean }>(async (args) => {
      if (args.subcommand !== "check") throw userError(`unknown subcommand "${args.subcommand}" (check)`);
      if (!args.dir) throw userError("check needs --dir <the pack's folder>");
      const dir = path.resolve(args.dir);
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw userError(`--dir ${args.dir}: no such folder`);
      let pack: CheckedPack;
      try {
        pack = checkPack(dir);
      } catch (err) {
        if (err instanceof PackError) throw userError(`pack refused: ${err.message}`);
        throw err;
      }
      const label = path.basename(dir);
      const out = claimOutDir(args.out ?? path.join("out", "packs", label, "check"), {
        command: "pack check",
        network: "offline",
        subject: label,
      });
      const states = sheetStates();
      const sheet = contactSheet(pack, states);
      fs.writeFileSync(path.join(out, "contact-sheet.svg"), sheet);
      fs.writeFileSync(
        path.join(out, "contact-sheet.png"),
        svgToPng(sheet, MOODS.length * SHEET_VITALITY.length * CELL),
      );
      const legend = states.map((s) => ({
        stage: s.stage,
        mood: s.mood,
        vitality: `${s.vitalityBps / 100}%`,
        generation: s.generation,
        shows: variantsShown(pack, s),
      }));
      fs.writeFileSync(path.join(out, "contact-sheet.json"), `${JSON.stringify(legend, null, 2)}\n`);

      const bytes = pack.pages.reduce((n, p) => n + p.bytes.length, 0);
      const gas = pack.pages.reduce((n, p) => n + pageGasFloor(p.bytes.length), 0);
      const layers = pack.pages.length;
      const ai = pack.origins.ai + pack.origins["ai-curated"];
      const data = {
        name: pack.manifest.name,
        creator: pack.manifest.creator,
        license: pack.manifest.license,
        packHash: pack.packHash,
        slots: pack.manifest.slots.map((s) => ({
          name: s.name,
          gene: s.gene,
          variants: s.variants.length,
          live: s.live?.length ?? 0,
        })),
        pages: pack.pages.map((p) => ({
          file: p.file,
          bytes: p.bytes.length,
          hash: p.hash,
          uploadGasFloor: pageGasFloor(p.bytes.length),
        })),
        bytes,
        uploadGasFloor: gas,
        origins: pack.origins,
        contactSheet: path.relative(process.cwd(), path.join(out, "contact-sheet.png")),
      };
      const text = [
        `Pack "${pack.manifest.name}" by ${pack.manifest.creator} (${pack.manifest.license}): checked, every layer sanitised`,
        ...pack.manifest.slots.map(
          (s) =>
            `  slot ${s.name.padEnd(12)} gene field ${String(s.gene).padStart(2)}, ${s.variants.length} variants, ${s.live?.length ?? 0} live rule(s)`,
        ),
        `  layers       ${layers} pages, ${bytes.toLocaleString("en-US")} bytes; AI layers: ${ai} of ${layers}`,
        `  upload       at least ${gas.toLocaleString("en-US")} gas (the SSTORE2 floor: per page 21,000 + 32,000 + 216 per byte)`,
        `  pack hash    ${pack.packHash}`,
        `  contact sheet ${data.contactSheet} (${states.length} tokens: a row per stage, a column per mood and vitality)`,
      ].join("\n");
      return { data, text };
    }),
  );
