import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import {
  action,
  cliInt,
  COLLECTION_HELP,
  getCollection,
  phenotypeView,
  type PhenotypeView,
  table,
  userError,
  wholeNumber,
} from "./lib/common";
import { CollectionHistory, HistoryError, loadHistory, type TokenEvent, type TokenHistory } from "./lib/history";
import { decodeTokenUri, svgToPng } from "./lib/render";
import { claimOutDir, collectionOutDir } from "./lib/output";
import { AGE_HEADER, vitalityPercent } from "../client/units";

/** A life longer than this is summed up by default (the epochs with an event, birth and today). */
const SHORT_LIFE = 30;

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** The timeline's line for an event, addresses shortened. */
function describe(e: TokenEvent): string {
  return e.what.replace(/0x[0-9a-fA-F]{40}/g, short);
}

interface HistoryArgs {
  token: number;
  epoch?: number;
  all?: boolean;
  out?: string;
  svg?: boolean;
  png?: boolean;
  size: number;
  collection?: string;
  thenMetadata?: boolean;
  json?: boolean;
}

type Loaded = { history: CollectionHistory; token: TokenHistory; tokenId: number; first: number; last: number };
type EpochRow = { epoch: number; phenotype: PhenotypeView; note: string };

/** The phenotype at each epoch of the table, with a note where the collection did not enter the epoch or its hook failed. */
async function epochRows({ history, tokenId }: Loaded, rows: number[]): Promise<EpochRow[]> {
  const entered = new Set(history.epochMarks.map((m) => m.epoch));
  const missed = new Set(history.missedEpochs.map((m) => m.epoch));
  const epochs: EpochRow[] = [];
  for (const epoch of rows) {
    const phenotype = phenotypeView(await history.phenotypeAt(tokenId, epoch));
    const notes = [];
    if (!entered.has(epoch)) notes.push("not entered: caught up later");
    if (missed.has(epoch)) notes.push("hook failed");
    epochs.push({ epoch, phenotype, note: notes.join("; ") });
  }
  return epochs;
}

/** The art of `artEpochs` as SVG and/or PNG files in `dir` (claimed by the caller); returns their paths. */
async function writeArtFiles(
  { history, tokenId }: Loaded,
  artEpochs: number[],
  args: HistoryArgs,
  dir: string,
  size: number,
  metadata: "then" | "today",
): Promise<string[]> {
  const formats = args.svg || args.png ? { svg: !!args.svg, png: !!args.png } : { svg: true, png: true };
  const files: string[] = [];
  for (const epoch of artEpochs) {
    const { svg } = decodeTokenUri(await history.tokenURIAt(tokenId, epoch, { metadata }));
    const base = path.join(dir, `token-${tokenId}-epoch-${epoch}`);
    if (formats.svg) fs.writeFileSync(`${base}.svg`, svg);
    if (formats.png) fs.writeFileSync(`${base}.png`, svgToPng(svg, size));
    if (formats.svg) files.push(`${base}.svg`);
    if (formats.png) files.push(`${base}.png`);
  }
  return files;
}

/** The timeline, the phenotype table and the replay check, for people. */
function historyText(
  { history, token, tokenId, first, last }: Loaded,
  epochs: EpochRow[],
  skipped: number,
  metadata: "then" | "today",
  liveMatch: boolean | undefined,
  files: string[],
): string {
  const lag =
    history.worldEpoch > last ? ` (the world is at epoch ${history.worldEpoch}: run syncWorld to catch up)` : "";
  const birthText =
    token.birthEpoch === undefined
      ? `minted in epoch ${first}, still an egg (${token.cohort ? `cohort ${token.cohort.cohortId} waits for its VRF word` : "in the open cohort: `cohort close` closes it"})`
      : token.birthEpoch === first
        ? `born in epoch ${first} (cohort ${token.cohort!.cohortId})`
        : `minted in epoch ${first}, hatched in epoch ${token.birthEpoch} (cohort ${token.cohort!.cohortId})`;
  return [
    `${history.name} #${tokenId}: ${birthText}, the collection is at epoch ${last}${lag}; events up to block ${history.snapshotBlock}`,
    "",
    "Checkpoints",
    table(
      ["block", "epoch", "what"],
      token.events.map((e) => [e.position.blockNumber, e.epoch, describe(e)]),
    ),
    "",
    "Phenotype per epoch (world.phenotypeAt, the token's state at the end of each epoch)",
    table(
      ["epoch", "stage", "gen", AGE_HEADER, "vitality", "mood", "temperament", "nurtured", "pending", "note"],
      epochs.map(({ epoch, phenotype: p, note }) => [
        epoch,
        p.stage,
        p.generation,
        p.age,
        vitalityPercent(p.vitality),
        p.mood,
        p.temperament,
        p.nurtureCount,
        p.metamorphosisPending ? "yes" : "",
        note,
      ]),
    ),
    ...(skipped > 0 ? [`(${skipped} quiet epochs not shown: --all shows every one)`] : []),
    "",
    metadata === "today"
      ? "Art and traits are those of each epoch; the collection's name, description, provenance and renderer are today's."
      : "Art and traits are those of each epoch, with the description, provenance and renderer of the time.",
    liveMatch === undefined
      ? `Burned in block ${token.burned!.blockNumber}: its last epoch shows it just before the burn.`
      : liveMatch
        ? `Check: the replay at block ${history.snapshotBlock} equals the live tokenURI byte for byte.`
        : `Warning: the replay at block ${history.snapshotBlock} differs from the live tokenURI.`,
    ...(files.length ? ["Files:", ...files.map((f) => `  ${f}`)] : []),
  ].join("\n");
}

task("history", "Replay a token's life from events: its checkpoints, its phenotype per epoch, its art at any epoch")
  .addParam("token", "Token id", undefined, cliInt)
  .addOptionalParam("epoch", "One epoch of its life (art of that epoch)", undefined, cliInt)
  .addFlag("all", "Every epoch of its life in the table, and art for each")
  .addOptionalParam(
    "out",
    "Output folder, replaced on each run (default out/<network>/<symbol>/history/token-N)",
    undefined,
    types.string,
  )
  .addFlag("svg", "Write SVG only (default: SVG and PNG)")
  .addFlag("png", "Write PNG only (default: SVG and PNG)")
  .addOptionalParam("size", "PNG width in pixels", 256, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("thenMetadata", "Render with the description, provenance and renderer of the time (default: today's)")
  .addFlag("json", "Print JSON")
  .setAction(
    action<HistoryArgs>(async (args, hre) => {
      if (args.all && args.epoch !== undefined) throw userError("give --epoch or --all, not both");
      const size = wholeNumber("size", args.size, 16, 4096);
      const collection = await getCollection(hre, args.collection);
      // Any id ever minted, burned ones included (their life before the burn replays too).
      const tokenId = wholeNumber("token", args.token, 1);
      if (args.epoch !== undefined) wholeNumber("epoch", args.epoch, 0);
      const metadata = args.thenMetadata ? "then" : "today";

      try {
        const history = await loadHistory(hre, await collection.getAddress());
        const token = await history.token(tokenId);
        const { first, last } = await history.epochRange(tokenId);
        if (args.epoch !== undefined) await history.stateAtEpoch(tokenId, args.epoch); // range check
        const loaded: Loaded = { history, token, tokenId, first, last };

        // Which epochs go in the table and which get art.
        const every = Array.from({ length: last - first + 1 }, (_, i) => first + i);
        const eventful = new Set([first, last, ...token.events.map((e) => e.epoch)]);
        const rows =
          args.epoch !== undefined
            ? [args.epoch]
            : args.all || every.length <= SHORT_LIFE
              ? every
              : every.filter((e) => eventful.has(e));
        const artEpochs = args.epoch !== undefined ? [args.epoch] : args.all ? every : [last];

        const epochs = await epochRows(loaded, rows);
        const out = await collectionOutDir(hre, collection, "history", args.out, `token-${tokenId}`);
        const files = await writeArtFiles(loaded, artEpochs, args, claimOutDir(out.dir, out.owner), size, metadata);
        const liveMatch = token.burned ? undefined : await history.matchesLive(tokenId);
        const text = historyText(loaded, epochs, every.length - rows.length, metadata, liveMatch, files);
        return {
          text,
          data: {
            collection: history.address,
            world: history.worldAddress,
            tokenId,
            snapshotBlock: history.snapshotBlock,
            firstEpoch: first,
            mintEpoch: token.mintEpoch,
            birthEpoch: token.birthEpoch ?? null,
            cohortId: token.cohort?.cohortId ?? null,
            lastEpoch: last,
            worldEpoch: history.worldEpoch,
            seed: token.seed,
            events: token.events,
            epochs,
            metadata,
            liveMatch,
            files,
          },
        };
      } catch (err) {
        if (err instanceof HistoryError) throw userError(err.message);
        throw err;
      }
    }),
  );
