import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import { action, getCollection } from "./lib/common";
import { fetchToken, galleryHtml, writeArt, type GalleryCard, type LifeStory } from "./lib/render";

/** Render every token to `<out>/tokens/token-N.png` and write `<out>/index.html`. */
export async function writeGallery(
  collection: Contract,
  out: string,
  stories: LifeStory[] = [],
  intro = "",
  size = 256,
) {
  const dir = path.resolve(out);
  fs.mkdirSync(dir, { recursive: true });
  const total = Number(await collection.totalSupply());
  const name = await collection.name();
  const cards: GalleryCard[] = [];
  for (let id = 1; id <= total; id++) {
    const { metadata, svg } = await fetchToken(collection, id);
    writeArt(path.join(dir, "tokens"), `token-${id}`, svg, size);
    const owner = await collection.ownerOf(id);
    cards.push({
      tokenId: id,
      title: `${metadata.name ?? `#${id}`}`,
      png: `tokens/token-${id}.png`,
      attributes: [
        { trait_type: "Owner", value: `${owner.slice(0, 6)}…${owner.slice(-4)}` },
        ...(metadata.attributes ?? []),
      ],
    });
  }
  const page = path.join(dir, "index.html");
  fs.writeFileSync(page, galleryHtml(`${name} — gallery`, cards, stories, intro, total));
  return { page, tokens: total };
}

task("gallery", "Write an HTML gallery of every token (PNG + attributes)")
  .addOptionalParam("out", "Output directory", "out/gallery", types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ out: string; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre);
      const data = await writeGallery(collection, args.out);
      return { data, text: `Gallery of ${data.tokens} token(s): ${data.page}` };
    }),
  );
