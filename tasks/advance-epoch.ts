import { task } from "hardhat/config";
import { action, eventsIn, formatPrice, getCollection, isDevChain, timeTravelToNextEpoch } from "./lib/common";

task("advance-epoch", "Advance one epoch (reads the Data Feed)")
  .addFlag("timeTravel", "Development chains: jump to nextEpochAt() first")
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ timeTravel?: boolean; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre);
      if (args.timeTravel) {
        if (!isDevChain(hre)) throw new Error("--time-travel only works on development chains");
        await timeTravelToNextEpoch(hre, collection);
      }
      const tx = await collection.advanceEpoch();
      const receipt = await tx.wait();
      const [e] = eventsIn(collection, receipt, "EpochAdvanced");
      const data = { tx: tx.hash, epoch: e?.epoch, answer: e?.answer, roundId: e?.roundId, moveBps: e?.moveBps };
      return {
        data,
        text: `Epoch ${data.epoch}: price ${formatPrice(BigInt(data.answer as bigint))} (round ${data.roundId}, move ${data.moveBps} bps)`,
      };
    }),
  );
