import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { action, collectionNames, getCollection, requireDevChain } from "./lib/common";
import { fulfil } from "./lib/vrf-fulfil";

/**
 * Fulfil every pending batch request and every pending metamorphosis through the coordinator each
 * was sent to: the mock, or Chainlink's real coordinator (deploy tag "real-vrf") with a proof.
 */
export async function revealAll(hre: HardhatRuntimeEnvironment, collection?: Contract) {
  collection ??= await getCollection(hre);
  const target = await collection.getAddress();
  const batches: {
    batchId: number;
    requestId: bigint;
    firstTokenId: bigint;
    quantity: number;
    coordinator: string;
    success: boolean;
  }[] = [];
  const count = Number(await collection.batchCount());
  for (let i = 0; i < count; i++) {
    const b = await collection.batch(i);
    if (b.revealed || BigInt(b.randomness) === 0n) continue;
    const f = await fulfil(hre, BigInt(b.randomness), target);
    batches.push({
      batchId: i,
      requestId: BigInt(b.randomness),
      firstTokenId: BigInt(b.firstTokenId),
      quantity: Number(b.quantity),
      coordinator: f.coordinator,
      success: f.success,
    });
  }
  const metamorphoses: { tokenId: bigint; requestId: bigint; coordinator: string; success: boolean }[] = [];
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
    const f = await fulfil(hre, requestId, target);
    metamorphoses.push({ tokenId, requestId, coordinator: f.coordinator, success: f.success });
  }
  return { batches, metamorphoses };
}

task(
  "reveal",
  "Development chains: fulfil pending VRF requests (batches and metamorphoses) of every collection through the mock, or with proofs through Chainlink's real coordinator",
)
  .addOptionalParam(
    "collection",
    "Only this collection: LivingAsset_<SYMBOL>, its symbol or its address (default: every collection)",
    undefined,
    types.string,
  )
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ collection?: string; json?: boolean }>(async (args, hre) => {
      requireDevChain(hre, "reveal");
      const names = args.collection === undefined ? await collectionNames(hre) : [args.collection];
      if (names.length === 0) names.push("LivingAsset"); // says where the deployment is missing
      const data: {
        batches: (Awaited<ReturnType<typeof revealAll>>["batches"][number] & { collection: string })[];
        metamorphoses: (Awaited<ReturnType<typeof revealAll>>["metamorphoses"][number] & { collection: string })[];
      } = { batches: [], metamorphoses: [] };
      const lines: string[] = [];
      for (const name of names) {
        const collection = await getCollection(hre, name);
        const symbol = (await collection.symbol()) as string;
        const one = await revealAll(hre, collection);
        const tag = names.length > 1 ? `${symbol}: ` : "";
        data.batches.push(...one.batches.map((b) => ({ collection: symbol, ...b })));
        data.metamorphoses.push(...one.metamorphoses.map((m) => ({ collection: symbol, ...m })));
        const via = (x: { coordinator: string; success: boolean }) =>
          `${x.coordinator} coordinator${x.success ? "" : "; the callback FAILED, nothing changed: re-request after the timeout"}`;
        lines.push(
          ...one.batches.map(
            (b) =>
              `${tag}${b.success ? "Revealed" : "Fulfilled"} batch ${b.batchId} (tokens #${b.firstTokenId}..#${b.firstTokenId + BigInt(b.quantity) - 1n}, request ${b.requestId}, ${via(b)})`,
          ),
          ...one.metamorphoses.map(
            (m) =>
              `${tag}${m.success ? "Completed metamorphosis" : "Fulfilled the metamorphosis request"} of token #${m.tokenId} (request ${m.requestId}, ${via(m)})`,
          ),
        );
      }
      return { data, text: lines.length ? lines.join("\n") : "Nothing pending." };
    }),
  );
