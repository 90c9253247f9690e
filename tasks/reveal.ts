import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { action, collectionNames, getCollection, requireDevChain } from "./lib/common";
import {
  closeOpenCohort,
  cohortViews,
  REQUEST_KIND,
  requestCoordinators,
  requestKey,
  revealView,
  tokenRange,
  type ClosedCohort,
} from "./lib/cohorts";
import { fulfil } from "../scripts/lib/vrf-fulfil";

/** A cohort request fulfilled through its coordinator. */
export interface CohortFulfilment {
  cohortId: number;
  requestId: bigint;
  firstTokenId: bigint;
  quantity: number;
  /** "mock" or "real": the kind of coordinator the request was sent to. */
  coordinator: string;
  coordinatorAddress: string;
  /** Whether the collection's callback returned (false: nothing changed; re-request after the timeout). */
  success: boolean;
  /** The collection's epoch when the word arrived: the cohort's tokens' birth (null if the callback failed). */
  birthEpoch: number | null;
}

/**
 * Development chains: close the open cohort if it holds tokens (moving the clock to when `reveal()`
 * is allowed), then fulfil every pending cohort and every pending metamorphosis through the
 * coordinator each request was sent to: the mock, or Chainlink's real coordinator (deploy tag
 * "real-vrf") with a proof.
 */
export async function revealAll(hre: HardhatRuntimeEnvironment, collection?: Contract) {
  collection ??= await getCollection(hre);
  const target = await collection.getAddress();
  let closed: ClosedCohort | null = null;
  if ((await revealView(hre, collection)).openCohort.size > 0)
    closed = await closeOpenCohort(hre, collection, { timeTravel: true });

  const sentTo = await requestCoordinators(collection);
  const coordinatorOf = (kind: number, t: bigint | number, requestId: bigint) => {
    const address = sentTo.get(requestKey(kind, t, requestId));
    if (!address) throw new Error(`no RandomnessRequested event for request ${requestId} of ${target}`);
    return address;
  };

  const cohorts: CohortFulfilment[] = [];
  const refused: { cohortId: number; firstTokenId: bigint; quantity: number }[] = [];
  const { cohortCount } = await revealView(hre, collection);
  for (const c of await cohortViews(collection, 0, cohortCount)) {
    if (c.state === "revealed") continue;
    if (c.state === "refused") {
      refused.push({ cohortId: c.cohortId, firstTokenId: c.firstTokenId, quantity: c.quantity });
      continue;
    }
    const coordinatorAddress = coordinatorOf(REQUEST_KIND.Cohort, c.cohortId, c.requestId!);
    const f = await fulfil(hre, c.requestId!, target, { coordinator: coordinatorAddress });
    const after = await collection.cohort(c.cohortId);
    cohorts.push({
      cohortId: c.cohortId,
      requestId: c.requestId!,
      firstTokenId: c.firstTokenId,
      quantity: c.quantity,
      coordinator: f.coordinator,
      coordinatorAddress,
      success: f.success && (after.revealed as boolean),
      birthEpoch: after.revealed ? Number(after.birthEpoch) : null,
    });
  }

  const metamorphoses: {
    tokenId: bigint;
    requestId: bigint;
    coordinator: string;
    coordinatorAddress: string;
    success: boolean;
  }[] = [];
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
    const coordinatorAddress = coordinatorOf(REQUEST_KIND.Metamorphosis, tokenId, requestId);
    const f = await fulfil(hre, requestId, target, { coordinator: coordinatorAddress });
    metamorphoses.push({ tokenId, requestId, coordinator: f.coordinator, coordinatorAddress, success: f.success });
  }
  return { closed, cohorts, refused, metamorphoses };
}

type RevealResult = Awaited<ReturnType<typeof revealAll>>;
type Tagged<T> = T & { collection: string };

task(
  "reveal",
  "Development chains: close each collection's open cohort (moving the clock to when reveal() is allowed) and fulfil pending VRF requests (cohorts and metamorphoses) through the coordinator each was sent to",
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
        closed: Tagged<ClosedCohort>[];
        cohorts: Tagged<CohortFulfilment>[];
        refused: Tagged<RevealResult["refused"][number]>[];
        metamorphoses: Tagged<RevealResult["metamorphoses"][number]>[];
      } = { closed: [], cohorts: [], refused: [], metamorphoses: [] };
      const lines: string[] = [];
      for (const name of names) {
        const collection = await getCollection(hre, name);
        const symbol = (await collection.symbol()) as string;
        const one = await revealAll(hre, collection);
        const tag = names.length > 1 ? `${symbol}: ` : "";
        if (one.closed) data.closed.push({ collection: symbol, ...one.closed });
        data.cohorts.push(...one.cohorts.map((c) => ({ collection: symbol, ...c })));
        data.refused.push(...one.refused.map((c) => ({ collection: symbol, ...c })));
        data.metamorphoses.push(...one.metamorphoses.map((m) => ({ collection: symbol, ...m })));
        const via = (x: { coordinator: string; coordinatorAddress: string; success: boolean }) =>
          `${x.coordinator} coordinator ${x.coordinatorAddress}${x.success ? "" : "; the callback FAILED, nothing changed: re-request after the timeout (`cohort rerequest`)"}`;
        const c = one.closed;
        if (c)
          lines.push(
            `${tag}Closed cohort ${c.cohortId} (${c.quantity} token(s) ${tokenRange(c.firstTokenId, c.quantity)}${c.timeTravelled ? `; clock moved ${c.timeTravelled}s to its reveal time` : ""}): ${c.requestId === null ? `the coordinator REFUSED the request (${c.refused}): \`cohort rerequest --id ${c.cohortId}\` once it is fixed` : `request ${c.requestId}`}`,
          );
        lines.push(
          ...one.cohorts.map(
            (f) =>
              `${tag}${f.success ? "Revealed" : "Fulfilled"} cohort ${f.cohortId} (tokens ${tokenRange(f.firstTokenId, f.quantity)}${f.birthEpoch === null ? "" : `, born in epoch ${f.birthEpoch}`}, request ${f.requestId}, ${via(f)})`,
          ),
          ...one.refused.map(
            (r) =>
              `${tag}Cohort ${r.cohortId} (tokens ${tokenRange(r.firstTokenId, r.quantity)}) has no request: the coordinator refused it; \`cohort rerequest --id ${r.cohortId}\` (anyone) asks again`,
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
