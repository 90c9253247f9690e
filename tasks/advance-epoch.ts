import { task } from "hardhat/config";
import { action, eventsIn, getCollection, isDevChain, timeTravelToNextEpoch, userError } from "./lib/common";
import { price } from "./lib/errors";

task("advance-epoch", "Advance one epoch (reads the Data Feed; anyone, once the interval has passed)")
  .addFlag("timeTravel", "Development chains: jump to nextEpochAt() first")
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ timeTravel?: boolean; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre);
      if (args.timeTravel) {
        if (!isDevChain(hre)) throw userError("--time-travel only works on development chains");
        await timeTravelToNextEpoch(hre, collection);
      }
      const tx = await collection.advanceEpoch();
      const receipt = await tx.wait();
      const [e] = eventsIn(collection, receipt, "EpochAdvanced");
      const feed = await hre.ethers.getContractAt("MockV3Aggregator", (await collection.feedConfig()).feed);
      const decimals = Number(await feed.decimals());
      const data = { tx: tx.hash, epoch: e?.epoch, answer: e?.answer, roundId: e?.roundId, moveBps: e?.moveBps };
      const move = Number(data.moveBps) / 100;
      return {
        data,
        text: `Epoch ${data.epoch}: price ${price(BigInt(data.answer as bigint), decimals)} (round ${data.roundId}, move ${move > 0 ? "+" : ""}${move}%)`,
      };
    }),
  );
