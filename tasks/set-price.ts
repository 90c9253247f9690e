import { task, types } from "hardhat/config";
import { action, getDeployed, getWorld, requireDevChain, userError } from "./lib/common";
import { parsePrice, price, usd } from "../client/units";

task("set-price", "Development chains: move the MockV3Aggregator's answer (a price such as 3000.50)")
  .addParam(
    "answer",
    "The new price, e.g. 3000.50 (with --raw: feed units, e.g. 300050000000)",
    undefined,
    types.string,
  )
  .addFlag("raw", "--answer is in feed units (the feed's decimals), not a price")
  .addFlag("allowFault", "Accept an answer the World would refuse (zero, negative, out of bounds): for fault demos")
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ answer: string; raw?: boolean; allowFault?: boolean; json?: boolean }>(async (args, hre) => {
      requireDevChain(hre, "set-price");
      const feed = await getDeployed(hre, "MockV3Aggregator");
      const decimals = Number(await feed.decimals());
      const answer = parsePrice(args.answer, decimals, !!args.raw);
      if (answer === undefined)
        throw userError(
          `--answer must be a price with at most ${decimals} decimals, e.g. 3000.50${args.raw ? " (with --raw: a whole number of feed units)" : ""}; got "${args.answer}"`,
        );
      const { minAnswer, maxAnswer } = await (await getWorld(hre)).feedConfig();
      const fault =
        answer <= 0n
          ? `${usd(answer, decimals)} is not a price: advance-epoch would revert with WorldInvalidAnswer`
          : answer < BigInt(minAnswer) || answer > BigInt(maxAnswer)
            ? `${usd(answer, decimals)} is outside the World's bounds ${price(BigInt(minAnswer), decimals)}..${usd(BigInt(maxAnswer), decimals)}`
            : undefined;
      if (fault && !args.allowFault)
        throw userError(`${fault}; add --allow-fault to set it anyway (to show the world refusing it)`);
      const tx = await feed.updateAnswer(answer);
      await tx.wait();
      const round = await feed.latestRound();
      const data = {
        tx: tx.hash,
        answer,
        price: price(answer, decimals),
        roundId: round,
        decimals,
        fault: fault ?? null,
      };
      return {
        data,
        text: `Feed answer set to ${data.price} USD (round ${round})${fault ? ` (deliberate fault: ${fault})` : ""}`,
      };
    }),
  );
