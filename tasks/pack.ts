import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { keccak256, toBeHex } from "ethers";
import { action, cliInt, signerAt, userError } from "./lib/common";
import { claimOutDir } from "./lib/output";
import { svgToPng } from "./lib/render";
import { checkPack, MOODS, PackError, pageGasFloor, STAGES, type CheckedPack } from "./lib/pack/pack";
import { composeSvg, variantsShown, type PackState } from "./lib/pack/compose";
import {
  packRenderer,
  packRendererName,
  TOKEN_URI_BUDGET,
  uploadPack,
  verifyPack,
  worstCaseTokenUriGas,
} from "./lib/pack/chain";
import { encodeIndex } from "./lib/pack/encode";

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

/** The pack in `--dir`, checked, or a one-line error. */
function loadPack(dir: string | undefined, sub: string): CheckedPack {
  if (!dir) throw userError(`${sub} needs --dir <the pack's folder>`);
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw userError(`--dir ${dir}: no such folder`);
  try {
    return checkPack(abs);
  } catch (err) {
    if (err instanceof PackError) throw userError(`pack refused: ${err.message}`);
    throw err;
  }
}

const fmt = (n: number) => n.toLocaleString("en-US");

type Args = { subcommand: string; dir?: string; out?: string; json?: boolean; dryRun?: boolean; from: number };

/** `pack check`: validate, price, worst-case gas, contact sheet. */
async function check(args: Args, hre: HardhatRuntimeEnvironment) {
  const pack = loadPack(args.dir, "check");
  // The worst case is measured on the in-process chain only: nothing is sent anywhere else,
  // and a refused pack writes nothing.
  const worstGas = hre.network.name === "hardhat" ? await worstCaseTokenUriGas(hre, pack) : null;
  if (worstGas !== null && worstGas > TOKEN_URI_BUDGET)
    throw userError(
      `pack refused: tokenURI could cost up to ${fmt(worstGas)} gas, over the ${fmt(TOKEN_URI_BUDGET)} budget: make the costliest layer of each slot smaller`,
    );
  const label = path.basename(pack.dir);
  const out = claimOutDir(args.out ?? path.join("out", "packs", label, "check"), {
    command: "pack check",
    network: "offline",
    subject: label,
  });
  const states = sheetStates();
  const sheet = contactSheet(pack, states);
  fs.writeFileSync(path.join(out, "contact-sheet.svg"), sheet);
  fs.writeFileSync(path.join(out, "contact-sheet.png"), svgToPng(sheet, MOODS.length * SHEET_VITALITY.length * CELL));
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
    indexBytes: encodeIndex(pack, hre.ethers.ZeroAddress).length,
    uploadGasFloor: gas,
    worstCaseTokenUriGas: worstGas,
    origins: pack.origins,
    contactSheet: path.relative(process.cwd(), path.join(out, "contact-sheet.png")),
  };
  const text = [
    `Pack "${pack.manifest.name}" by ${pack.manifest.creator} (${pack.manifest.license}): checked, every layer sanitised`,
    ...pack.manifest.slots.map(
      (s) =>
        `  slot ${s.name.padEnd(12)} gene field ${String(s.gene).padStart(2)}, ${s.variants.length} variants, ${s.live?.length ?? 0} live rule(s)`,
    ),
    `  layers       ${layers} pages, ${fmt(bytes)} bytes; AI layers: ${ai} of ${layers}; index ${fmt(data.indexBytes)} bytes`,
    `  upload       at least ${fmt(gas)} gas (the SSTORE2 floor: per page 21,000 + 32,000 + 216 per byte)`,
    worstGas === null
      ? `  tokenURI     worst case measured on the in-process chain only: run without --network`
      : `  tokenURI     at most ${fmt(worstGas)} gas (every slot's costliest layer, longest texts; budget ${fmt(TOKEN_URI_BUDGET)})`,
    `  pack hash    ${pack.packHash}`,
    `  contact sheet ${data.contactSheet} (${states.length} tokens: a row per stage, a column per mood and vitality)`,
  ].join("\n");
  return { data, text };
}

/** The deployed renderer of the pack in `--dir`, or a one-line error saying to upload first. */
async function deployedRenderer(hre: HardhatRuntimeEnvironment, pack: CheckedPack) {
  const renderer = await packRenderer(hre, pack);
  if (!renderer)
    throw userError(
      `no ${packRendererName(pack)} on ${hre.network.name}: run \`pack upload --dir ${path.relative(process.cwd(), pack.dir) || "."}\` first`,
    );
  return renderer;
}

task(
  "pack",
  "Art packs: `check`, `upload` (--dry-run; resumable), `status`, `lock`, `verify`, each with --dir <pack folder>",
)
  .addPositionalParam("subcommand", "check | upload | status | lock | verify", undefined, types.string)
  .addOptionalParam("dir", "The pack's folder (holds pack.json)", undefined, types.string)
  .addOptionalParam(
    "out",
    "check: where the contact sheet goes (default out/packs/<pack folder>/check)",
    undefined,
    types.string,
  )
  .addFlag("dryRun", "upload: say what would be sent, send nothing")
  .addOptionalParam("from", "Signer index (the pack's owner for upload and lock)", 0, cliInt)
  .addFlag("json", "Print JSON")
  .setAction(
    action<Args>(async (args, hre) => {
      const sub = args.subcommand;
      if (sub === "check") return check(args, hre);
      if (!["upload", "status", "lock", "verify"].includes(sub))
        throw userError(`unknown subcommand "${sub}" (check | upload | status | lock | verify)`);
      const pack = loadPack(args.dir, sub);
      const signer = await signerAt(hre, args.from);
      if (sub === "upload") {
        const r = await uploadPack(hre, pack, {
          from: signer.address,
          dryRun: args.dryRun,
          progress: (line) => process.stderr.write(`${line}\n`),
        });
        const sent = r.pages.filter((p) => p.state === "sent").length;
        const stored = r.pages.filter((p) => p.state === "stored").length;
        const missing = r.pages.filter((p) => p.state === "missing").length;
        const text = args.dryRun
          ? [
              `Dry run: nothing sent. ${missing} of ${r.pages.length} pages would be sent (floor ${fmt(r.pages.filter((p) => p.state === "missing").reduce((n, p) => n + p.floor, 0))} gas), ${stored} already stored`,
              `  index ${fmt(r.indexBytes)} bytes: ${r.index === "unchanged" ? "already set" : `would be set on ${r.renderer ?? `a new ${packRendererName(pack)}`}`}`,
            ].join("\n")
          : [
              `Pack "${pack.manifest.name}" uploaded: ${sent} page(s) sent, ${stored} already stored`,
              `  pages gas    ${fmt(r.sentGas)} (SSTORE2 floor ${fmt(r.sentFloor)}${r.sentFloor ? `, +${(((r.sentGas - r.sentFloor) / r.sentFloor) * 100).toFixed(1)}%` : ""})`,
              `  index        ${fmt(r.indexBytes)} bytes: ${r.index === "set" ? `set, ${fmt(r.indexGas!)} gas` : "already set: nothing sent"}`,
              `  renderer     ${r.renderer} (${packRendererName(pack)}); use it with \`renderer set --address ${r.renderer}\``,
              `  pack hash    ${r.packHash}`,
            ].join("\n");
        return { data: r, text };
      }
      const renderer = await deployedRenderer(hre, pack);
      if (sub === "lock") {
        const [, , locked] = (await renderer.pack()) as [string, string, boolean];
        if (locked) throw userError(`${packRendererName(pack)} is already locked`);
        const tx = await (renderer.connect(signer) as typeof renderer).lockPack();
        await tx.wait();
        return {
          data: { tx: tx.hash, renderer: await renderer.getAddress() },
          text: `Pack "${pack.manifest.name}" locked for good (tx ${tx.hash})`,
        };
      }
      const v = await verifyPack(hre, pack, renderer);
      if (sub === "status") {
        const text = [
          `Pack "${pack.manifest.name}" on ${hre.network.name}: renderer ${v.renderer} (${packRendererName(pack)}), ${v.locked ? "locked" : "unlocked"}`,
          `  index ${v.index}, pack hash ${v.packHash}`,
          v.mismatches.length === 0
            ? `  matches the folder: ${v.pages} pages, the index and the pack hash`
            : `  differs from the folder in ${v.mismatches.length} place(s): \`pack verify\` lists them`,
        ].join("\n");
        return { data: v, text };
      }
      if (v.mismatches.length > 0)
        throw userError(
          `pack verify failed: ${v.mismatches.map((m) => `${m.what} (folder ${m.expected.slice(0, 10)}..., chain ${m.found.slice(0, 10)}${m.found.startsWith("0x") ? "..." : ""})`).join("; ")}`,
        );
      return {
        data: v,
        text: `Pack "${pack.manifest.name}" verified: the pack hash, the index and all ${v.pages} pages on chain match the files in ${path.relative(process.cwd(), pack.dir) || "."}`,
      };
    }),
  );
