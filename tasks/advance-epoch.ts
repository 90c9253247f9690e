import { task } from "hardhat/config";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  action,
  eventsIn,
  getFeed,
  getWorld,
  isDevChain,
  signerAt,
  cliInt,
  timeTravelToNextEpoch,
  userError,
} from "./lib/common";
import { duration, revertDataOf, when } from "../client/errors";
import { moodName, movePercent, parsePrice, price, usd } from "../client/units";

/** The largest step, either way, of the development feed's random walk: 3% (300 bps). */
const WALK_BPS = 300n;

/** Why `advanceEpoch` would revert now: the World's custom error by name and arguments, or undefined if it would not. */
async function wouldRevert(world: Contract): Promise<{ name: string; args: readonly unknown[] } | undefined> {
  try {
    await world.advanceEpoch.staticCall();
    return undefined;
  } catch (err) {
    const data = revertDataOf(err);
    const parsed = data ? world.interface.parseError(data) : null;
    if (!parsed) throw err;
    return { name: parsed.name, args: parsed.args };
  }
}

/**
 * Development chains: give the mock feed a new round when the World would refuse its latest one (no
 * new round since the last epoch, or older than the heartbeat), or when `--price` asks for one. The
 * new answer is `--price`, or a random step of at most 3% either way from the latest answer, kept
 * inside the World's sanity bounds. Returns the line that says so, or undefined when nothing was sent.
 */
async function devRound(
  world: Contract,
  feed: Contract,
  decimals: number,
  chosen: string | undefined,
): Promise<string | undefined> {
  const refusal = chosen === undefined ? await wouldRevert(world) : undefined;
  if (chosen === undefined && refusal?.name !== "WorldRoundNotAdvanced" && refusal?.name !== "WorldStaleFeed") {
    return undefined;
  }
  const [, latest] = await feed.latestRoundData();
  const { minAnswer, maxAnswer } = await world.feedConfig();
  let answer: bigint;
  let how: string;
  if (chosen !== undefined) {
    const parsed = parsePrice(chosen, decimals);
    if (parsed === undefined || parsed <= 0n)
      throw userError(
        `--price must be a price above zero with at most ${decimals} decimals, e.g. 3000.50; got "${chosen}"`,
      );
    if (parsed < BigInt(minAnswer) || parsed > BigInt(maxAnswer))
      throw userError(
        `--price ${usd(parsed, decimals)} is outside the World's bounds ${price(BigInt(minAnswer), decimals)}..${usd(BigInt(maxAnswer), decimals)}`,
      );
    answer = parsed;
    how = "as --price asked";
  } else {
    const stepBps = BigInt(Math.floor(Math.random() * Number(2n * WALK_BPS + 1n))) - WALK_BPS;
    // Rounded to the cent, as a market quotes it (feeds with fewer than 2 decimals are not rounded).
    const cent = decimals > 2 ? 10n ** BigInt(decimals - 2) : 1n;
    const walked = (((BigInt(latest) * (10_000n + stepBps)) / 10_000n + cent / 2n) / cent) * cent;
    answer = walked < BigInt(minAnswer) ? BigInt(minAnswer) : walked > BigInt(maxAnswer) ? BigInt(maxAnswer) : walked;
    const why =
      refusal!.name === "WorldStaleFeed"
        ? "its latest round was older than the heartbeat"
        : "it had no round since the last epoch";
    how = `a random step of ${movePercent(stepBps)} (${why}; --price chooses it)`;
  }
  await (await feed.updateAnswer(answer)).wait();
  return `Mock feed: new round at ${usd(answer, decimals)}, ${how}`;
}

/** Live chains: WorldRoundNotAdvanced with when the feed's next round is due (its heartbeat after the latest). */
async function roundNotDue(hre: HardhatRuntimeEnvironment, world: Contract, feed: Contract): Promise<void> {
  const refusal = await wouldRevert(world);
  if (refusal?.name !== "WorldRoundNotAdvanced") return;
  const [, , , updatedAt] = await feed.latestRoundData();
  const { heartbeat } = await world.feedConfig();
  const now = Number((await hre.ethers.provider.getBlock("latest"))!.timestamp);
  const due = Number(updatedAt) + Number(heartbeat);
  throw userError(
    `the feed has no new round since the last epoch (round ${refusal.args[0]}, updated ${when(Number(updatedAt), now)}); Chainlink's feed updates at least every heartbeat (${duration(Number(heartbeat))}) or on a price deviation, so its next round is due by ${when(due, now)}: run advance-epoch again then`,
  );
}

/** Where each subscribed collection stands: its symbol and the epoch it has entered. */
export async function subscriberEpochs(hre: HardhatRuntimeEnvironment, world: Contract) {
  const abi = (await hre.artifacts.readArtifact("LivingAsset")).abi;
  const out: { address: string; symbol: string | null; epoch: bigint | null }[] = [];
  for (const address of (await world.subscribers()) as string[]) {
    const c = (await hre.ethers.getContractAt(abi, address)) as unknown as Contract;
    out.push({
      address,
      symbol: await c.symbol().catch(() => null),
      epoch: await c.currentEpoch().then(BigInt, () => null),
    });
  }
  return out;
}

task(
  "advance-epoch",
  "Advance the World one epoch (reads the Data Feed; anyone, once the interval has passed): every subscribed collection moves with it",
)
  .addFlag(
    "timeTravel",
    "Development chains: jump to the World's nextEpochAt() first, and give the mock feed a new round if it has none",
  )
  .addOptionalParam(
    "price",
    "Development chains: the mock feed's new round, a price such as 3000.50 (default with --time-travel: a random step of at most 3%)",
  )
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ timeTravel?: boolean; price?: string; from: number; json?: boolean }>(async (args, hre) => {
      const world = await getWorld(hre);
      const feed = await getFeed(hre, world);
      const decimals = Number(await feed.decimals());
      let round: string | undefined;
      if (args.timeTravel || args.price !== undefined) {
        if (!isDevChain(hre))
          throw userError(`${args.timeTravel ? "--time-travel" : "--price"} only works on development chains`);
        if (args.timeTravel) await timeTravelToNextEpoch(hre, world, { mine: true });
        round = await devRound(world, feed, decimals, args.price);
      } else if (!isDevChain(hre)) {
        await roundNotDue(hre, world, feed);
      }
      const signer = await signerAt(hre, args.from);
      // A fifth over the estimate: each hook's allowance is checked (WorldHookGasTooLow), and an
      // estimate made a block before can fall a few gas short of it.
      const connected = world.connect(signer) as Contract;
      const gasLimit = ((await connected.advanceEpoch.estimateGas()) * 6n) / 5n;
      const tx = await connected.advanceEpoch({ gasLimit });
      const receipt = await tx.wait();
      const [e] = eventsIn(world, receipt, "EpochAdvanced");
      const failed = eventsIn(world, receipt, "SubscriberHookFailed").map((f) => String(f.collection));
      const collections = await subscriberEpochs(hre, world);
      const data = {
        tx: tx.hash,
        world: await world.getAddress(),
        epoch: e?.epoch,
        answer: e?.answer,
        roundId: e?.roundId,
        moveBps: e?.moveBps,
        newRound: round ?? null,
        gasUsed: receipt.gasUsed,
        collections: collections.map((c) => ({ ...c, hookFailed: failed.includes(c.address) })),
      };
      const { mood } = await world.state();
      const moved = data.collections.map(
        (c) => `${c.symbol ?? c.address} at ${c.epoch ?? "?"}${c.hookFailed ? " (hook FAILED: run `sync-world`)" : ""}`,
      );
      return {
        data,
        text:
          (round ? `${round}\n` : "") +
          `Epoch ${data.epoch}: price ${usd(BigInt(data.answer as bigint), decimals)} (round ${data.roundId}, move ${movePercent(data.moveBps as bigint)}, mood ${moodName(mood)})` +
          `; ${moved.length ? `collections ${moved.join(", ")}` : "no collection subscribed"}`,
      };
    }),
  );
