import { task, types } from "hardhat/config";
import { action, formatPrice, getDeployed, requireDevChain } from "./lib/common";

task("set-price", "Development chains: move the MockV3Aggregator answer (feed units, 8 decimals)")
  .addParam("answer", "New answer, e.g. 300000000000 for 3000.00", undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ answer: string; json?: boolean }>(async (args, hre) => {
      requireDevChain(hre, "set-price");
      const feed = await getDeployed(hre, "MockV3Aggregator");
      const answer = BigInt(args.answer);
      const tx = await feed.updateAnswer(answer);
      await tx.wait();
      const round = await feed.latestRound();
      const decimals = Number(await feed.decimals());
      const data = { tx: tx.hash, answer, roundId: round, decimals };
      return { data, text: `Feed answer set to ${formatPrice(answer, decimals)} (round ${round})` };
    }),
  );
