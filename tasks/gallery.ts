import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import { action, COLLECTION_HELP, getCollection } from "./lib/common";
import { priceChartSvg, type ChartData } from "./lib/chart";
import { fetchToken, galleryHtml, writeArt, type GalleryCard, type LifeStory } from "./lib/render";
import { explainTemperament } from "../client/traits";
import { claimOutDir, collectionOutDir } from "./lib/output";

export interface WriteGalleryOptions {
  stories?: LifeStory[];
  intro?: string;
  /** Holder names by address (the demo's alice, bob, ...); other owners show as short addresses. */
  ownerNames?: ReadonlyMap<string, string>;
  /** The price path, moods, reveal cohorts and metamorphoses the collection lived through (the demo's). */
  chart?: ChartData;
  chartCaption?: string;
  /** Links under the intro (the demo's other collections in the same World). */
  links?: { href: string; label: string }[];
  size?: number;
}

/** `0x7099…79C8`, or the owner's name when `names` knows the address (case-insensitive). */
export function ownerLabel(address: string, names?: ReadonlyMap<string, string>): string {
  for (const [a, name] of names ?? []) if (a.toLowerCase() === address.toLowerCase()) return name;
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** Render every token to `<out>/tokens/token-N.png` and write `<out>/index.html` (`out` is the caller's, already claimed). */
export async function writeGallery(collection: Contract, out: string, options: WriteGalleryOptions = {}) {
  const { stories = [], intro = "", ownerNames, chart, chartCaption, links, size = 256 } = options;
  const dir = path.resolve(out);
  fs.mkdirSync(dir, { recursive: true });
  const total = Number(await collection.totalSupply());
  const name = await collection.name();
  const cards: GalleryCard[] = [];
  for (let id = 1; id <= total; id++) {
    const { metadata, svg } = await fetchToken(collection, id);
    writeArt(path.join(dir, "tokens"), `token-${id}`, svg, size);
    const owner = await collection.ownerOf(id);
    const temperament = metadata.attributes?.find((a) => a.trait_type === "Temperament")?.value;
    cards.push({
      tokenId: id,
      title: `${metadata.name ?? `#${id}`}`,
      png: `tokens/token-${id}.png`,
      attributes: [{ trait_type: "Owner", value: ownerLabel(owner, ownerNames) }, ...(metadata.attributes ?? [])],
      note: temperament === undefined ? undefined : explainTemperament(String(temperament)),
    });
  }
  const page = path.join(dir, "index.html");
  fs.writeFileSync(
    page,
    galleryHtml(`${name} — gallery`, cards, {
      stories,
      intro,
      tokenCount: total,
      chartSvg: chart ? priceChartSvg(chart) : undefined,
      chartCaption,
      links,
    }),
  );
  return { page, tokens: total };
}

task("gallery", "Write an HTML gallery of every token (PNG + attributes)")
  .addOptionalParam(
    "out",
    "Output folder, replaced on each run (default out/<network>/<symbol>/gallery)",
    undefined,
    types.string,
  )
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ out?: string; collection?: string; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const { dir, owner } = await collectionOutDir(hre, collection, "gallery", args.out);
      const data = await writeGallery(collection, claimOutDir(dir, owner));
      return { data, text: `Gallery of ${data.tokens} token(s): ${data.page}` };
    }),
  );
