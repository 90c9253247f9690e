import { task } from "hardhat/config";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { action, getCollection, getDeployed, requireDevChain } from "./lib/common";

/** Fulfil every pending batch request and every pending metamorphosis through the VRF mock. */
export async function revealAll(hre: HardhatRuntimeEnvironment, collection?: Contract) {
  collection ??= await getCollection(hre);
  const coordinator = await getDeployed(hre, "VRFCoordinatorV2_5Mock");
  const target = await collection.getAddress();
  const batches: { batchId: number; requestId: bigint; firstTokenId: bigint; quantity: number }[] = [];
  const count = Number(await collection.batchCount());
  for (let i = 0; i < count; i++) {
    const b = await collection.batch(i);
    if (b.revealed || BigInt(b.randomness) === 0n) continue;
    await (await coordinator.fulfillRandomWords(b.randomness, target)).wait();
    batches.push({
      batchId: i,
      requestId: BigInt(b.randomness),
      firstTokenId: BigInt(b.firstTokenId),
      quantity: Number(b.quantity),
    });
  }
  const metamorphoses: { tokenId: bigint; requestId: bigint }[] = [];
  const requested = await collection.queryFilter(collection.filters.MetamorphosisRequested());
  const rerequested = await collection.queryFilter(collection.filters.MetamorphosisRerequested());
  const latest = new Map<bigint, bigint>();
  for (const ev of requested) {
    const a = (ev as unknown as { args: { tokenId: bigint; requestId: bigint } }).args;
    latest.set(a.tokenId, a.requestId);
  }
  for (const ev of rerequested) {
    const a = (ev as unknown as { args: { tokenId: bigint; newRequestId: bigint } }).args;
    latest.set(a.tokenId, a.newRequestId);
  }
  for (const [tokenId, requestId] of latest) {
    const p = await collection.phenotypeOf(tokenId);
    if (!p.metamorphosisPending) continue;
    await (await coordinator.fulfillRandomWords(requestId, target)).wait();
    metamorphoses.push({ tokenId, requestId });
  }
  return { batches, metamorphoses };
}

task("reveal", "Development chains: fulfil pending VRF requests (batches and metamorphoses) via the coordinator mock")
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ json?: boolean }>(async (_args, hre) => {
      requireDevChain(hre, "reveal");
      const data = await revealAll(hre);
      const lines = [
        ...data.batches.map(
          (b) =>
            `Revealed batch ${b.batchId} (tokens #${b.firstTokenId}..#${b.firstTokenId + BigInt(b.quantity) - 1n}, request ${b.requestId})`,
        ),
        ...data.metamorphoses.map((m) => `Completed metamorphosis of token #${m.tokenId} (request ${m.requestId})`),
      ];
      return { data, text: lines.length ? lines.join("\n") : "Nothing pending." };
    }),
  );
