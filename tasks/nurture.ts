import { task, types } from "hardhat/config";
import { action, eventsIn, getCollection } from "./lib/common";

task("nurture", "Nurture a token (holder or approved, once per epoch)")
  .addParam("token", "Token id", undefined, types.int)
  .addOptionalParam("from", "Signer index", 0, types.int)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ token: number; from: number; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre);
      const signer = (await hre.ethers.getSigners())[args.from];
      const tx = await (collection.connect(signer) as typeof collection).nurture(args.token);
      const receipt = await tx.wait();
      const [e] = eventsIn(collection, receipt, "Nurtured");
      const data = { tx: tx.hash, tokenId: args.token, vitality: e?.vitality };
      return { data, text: `Nurtured token #${args.token}: vitality now ${data.vitality} bps` };
    }),
  );
