import path from "node:path";
import { task, types } from "hardhat/config";
import { action, getCollection, phenotypeView } from "./lib/common";
import { attributesText, fetchToken, writeArt } from "./lib/render";

task("token", "Decode a token's metadata, print its attributes, write its SVG and PNG")
  .addParam("token", "Token id", undefined, types.int)
  .addOptionalParam("out", "Output directory", "out/tokens", types.string)
  .addOptionalParam("size", "PNG width in pixels", 256, types.int)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ token: number; out: string; size: number; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre);
      const { metadata, svg } = await fetchToken(collection, args.token);
      const phenotype = phenotypeView(await collection.phenotypeOf(args.token));
      const owner = await collection.ownerOf(args.token);
      const files = writeArt(path.resolve(args.out), `token-${args.token}`, svg, args.size);
      const { image: _image, ...rest } = metadata;
      const data = { tokenId: args.token, owner, metadata: rest, phenotype, files };
      return {
        data,
        text: `${metadata.name ?? `Token #${args.token}`} (owner ${owner})\n${attributesText(metadata)}\nSVG: ${files.svg}\nPNG: ${files.png}`,
      };
    }),
  );
