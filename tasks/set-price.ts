import { task, types } from "hardhat/config";
import { action, getDeployed, getWorld, requireDevChain, userError } from "./lib/common";
import { price } from "./lib/units";

/** "3000.12" (or a raw answer with --raw) in feed units; undefined when it is not a number. */
function parseAnswer(text: string, decimals: number, raw: boolean): bigint | undefined {
  const m = raw ? /^(-?\d+)$/.exec(text.trim()) : /^(-?\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  if (raw) return BigInt(m[1]);
  const frac = m[2] ?? "";
  if (frac.length > decimals) return undefined;
  const neg = m[1].startsWith("-");
  const whole = BigInt(m[1].replace("-", "") + frac.padEnd(decimals, "0"));
  return neg ? -whole : whole;
}

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
      const answer = parseAnswer(args.answer, decimals, !!args.raw);
      if (answer === undefined)
        throw userError(
          `--answer must be a price with at most ${decimals} decimals, e.g. 3000.50${args.raw ? " (with --raw: a whole number of feed units)" : ""}; got "${args.answer}"`,
        );
      const { minAnswer, maxAnswer } = await (await getWorld(hre)).feedConfig();
      const fault =
        answer <= 0n
          ? `${price(answer, decimals)} is not a price: advance-epoch would revert with WorldInvalidAnswer`
          : answer < BigInt(minAnswer) || answer > BigInt(maxAnswer)
            ? `${price(answer, decimals)} is outside the World's bounds ${price(BigInt(minAnswer), decimals)}..${price(BigInt(maxAnswer), decimals)}`
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
        text: `Feed answer set to ${data.price} (round ${round})${fault ? ` (deliberate fault: ${fault})` : ""}`,
      };
    }),
  );
