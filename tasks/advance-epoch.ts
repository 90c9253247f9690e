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
import { price } from "./lib/units";

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
  .addFlag("timeTravel", "Development chains: jump to the World's nextEpochAt() first")
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ timeTravel?: boolean; from: number; json?: boolean }>(async (args, hre) => {
      const world = await getWorld(hre);
      if (args.timeTravel) {
        if (!isDevChain(hre)) throw userError("--time-travel only works on development chains");
        await timeTravelToNextEpoch(hre, world);
      }
      const signer = await signerAt(hre, args.from);
      const tx = await (world.connect(signer) as Contract).advanceEpoch();
      const receipt = await tx.wait();
      const [e] = eventsIn(world, receipt, "EpochAdvanced");
      const failed = eventsIn(world, receipt, "SubscriberHookFailed").map((f) => String(f.collection));
      const decimals = Number(await (await getFeed(hre, world)).decimals());
      const collections = await subscriberEpochs(hre, world);
      const data = {
        tx: tx.hash,
        world: await world.getAddress(),
        epoch: e?.epoch,
        answer: e?.answer,
        roundId: e?.roundId,
        moveBps: e?.moveBps,
        gasUsed: receipt.gasUsed,
        collections: collections.map((c) => ({ ...c, hookFailed: failed.includes(c.address) })),
      };
      const move = Number(data.moveBps) / 100;
      const moved = data.collections.map(
        (c) => `${c.symbol ?? c.address} at ${c.epoch ?? "?"}${c.hookFailed ? " (hook FAILED: run `sync-world`)" : ""}`,
      );
      return {
        data,
        text:
          `Epoch ${data.epoch}: price ${price(BigInt(data.answer as bigint), decimals)} (round ${data.roundId}, move ${move > 0 ? "+" : ""}${move}%)` +
          `; ${moved.length ? `collections ${moved.join(", ")}` : "no collection subscribed"}`,
      };
    }),
  );
