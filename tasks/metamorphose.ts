import { task, types } from "hardhat/config";
import { action, eventsIn, getCollection } from "./lib/common";

task("metamorphose", "Ask a token to metamorphose (one VRF request; run `reveal` on development chains)")
  .addParam("token", "Token id", undefined, types.int)
  .addOptionalParam("from", "Signer index", 0, types.int)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ token: number; from: number; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre);
      const signer = (await hre.ethers.getSigners())[args.from];
      const tx = await (collection.connect(signer) as typeof collection).metamorphose(args.token);
      const receipt = await tx.wait();
      const [e] = eventsIn(collection, receipt, "MetamorphosisRequested");
      const data = { tx: tx.hash, tokenId: args.token, requestId: e?.requestId };
      return { data, text: `Metamorphosis of token #${args.token} requested (VRF request ${data.requestId})` };
    }),
  );
