import { task, types } from "hardhat/config";
import { action, cliInt, COLLECTION_HELP, getCollection, phenotypeView, tokenParam, wholeNumber } from "./lib/common";
import { attributesText, fetchToken, writeArt } from "./lib/render";
import { claimOutDir, collectionOutDir } from "./lib/output";

task("token", "Decode a token's metadata, print its attributes, write its SVG and PNG")
  .addParam("token", "Token id", undefined, cliInt)
  .addOptionalParam(
    "out",
    "Output folder, replaced on each run (default out/<network>/<symbol>/token/token-N)",
    undefined,
    types.string,
  )
  .addOptionalParam("size", "PNG width in pixels", 256, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ token: number; out?: string; size: number; collection?: string; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const tokenId = await tokenParam(collection, args.token);
      const size = wholeNumber("size", args.size, 16, 4096);
      const { metadata, svg } = await fetchToken(collection, tokenId);
      const phenotype = phenotypeView(await collection.phenotypeOf(tokenId));
      const owner = await collection.ownerOf(tokenId);
      const { dir, owner: outOwner } = await collectionOutDir(hre, collection, "token", args.out, `token-${tokenId}`);
      const files = writeArt(claimOutDir(dir, outOwner), `token-${tokenId}`, svg, size);
      const { image: _image, ...rest } = metadata;
      const data = { tokenId, owner, metadata: rest, phenotype, files };
      return {
        data,
        text: `${metadata.name ?? `Token #${tokenId}`} (owner ${owner})\n${attributesText(metadata)}\nSVG: ${files.svg}\nPNG: ${files.png}`,
      };
    }),
  );
