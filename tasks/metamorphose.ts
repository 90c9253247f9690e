import { task, types } from "hardhat/config";
import { action, cliInt, COLLECTION_HELP, eventsIn, getCollection, signerAt, tokenParam } from "./lib/common";

task("metamorphose", "Ask a token to metamorphose (one VRF request; run `reveal` on development chains)")
  .addParam("token", "Token id", undefined, cliInt)
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ token: number; from: number; collection?: string; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const tokenId = await tokenParam(collection, args.token);
      const signer = await signerAt(hre, args.from);
      const tx = await (collection.connect(signer) as typeof collection).metamorphose(tokenId);
      const receipt = await tx.wait();
      const [e] = eventsIn(collection, receipt, "MetamorphosisRequested");
      const data = { tx: tx.hash, tokenId, requestId: e?.requestId };
      return { data, text: `Metamorphosis of token #${tokenId} requested (VRF request ${data.requestId})` };
    }),
  );
