import { task, types } from "hardhat/config";
import { vitalityPercent } from "../client/units";
import { action, cliInt, COLLECTION_HELP, eventsIn, getCollection, holderSignerAt, tokenParam } from "./lib/common";

task("nurture", "Nurture a token (holder or approved, once per epoch)")
  .addParam("token", "Token id", undefined, cliInt)
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ token: number; from: number; collection?: string; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const tokenId = await tokenParam(collection, args.token);
      const signer = await holderSignerAt(hre, collection, tokenId, args.from);
      const tx = await (collection.connect(signer) as typeof collection).nurture(tokenId);
      const receipt = await tx.wait();
      const [e] = eventsIn(collection, receipt, "Nurtured");
      const data = { tx: tx.hash, tokenId, vitalityBps: e?.vitality, vitality: vitalityPercent(e?.vitality as bigint) };
      return { data, text: `Nurtured token #${tokenId}: vitality now ${data.vitality}` };
    }),
  );
