/**
 * Reveal cohorts as plain values, for the tasks (`cohort`, `reveal`, `mint`, `status`) and the demo.
 *
 * Mints make no VRF request: the tokens minted since the last request form the collection's open
 * cohort; `reveal()` (anyone, once `minRevealDelay` has passed since the cohort opened) closes it
 * with one request, whose word reveals every token of it (ISeedModule).
 *
 * The Hardhat-free part lives in client/cohorts.ts. No top-level import of "hardhat" or typechain types.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract, Signer } from "ethers";
import { errorInterfaces, eventsIn, userError } from "./common";
import { decodeCustomError } from "../../client/errors";
import {
  cohortView,
  notReady,
  REQUEST_KIND,
  revealView as readRevealView,
  tokenRange,
  type RevealView,
} from "../../client/cohorts";

export {
  REQUEST_KIND,
  cohortView,
  cohortViews,
  notReady,
  tokenRange,
  type CohortState,
  type CohortView,
  type RevealView,
} from "../../client/cohorts";

/** `cohortState()` as plain values (client/cohorts.ts). */
export function revealView(_hre: HardhatRuntimeEnvironment, collection: Contract): Promise<RevealView> {
  return readRevealView(collection);
}

/** The coordinator each VRF request of the collection was sent to (`RandomnessRequested`'s 4th field). */
export async function requestCoordinators(collection: Contract): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const events = await collection.queryFilter(collection.filters.RandomnessRequested());
  for (const ev of events) {
    const a = (ev as unknown as { args: { requestId: bigint; kind: bigint; target: bigint; coordinator: string } })
      .args;
    out.set(requestKey(Number(a.kind), a.target, a.requestId), a.coordinator);
  }
  return out;
}

export function requestKey(kind: number, target: bigint | number, requestId: bigint): string {
  return `${kind}:${BigInt(target)}:${requestId}`;
}

/** A cohort `reveal()` closed, and what became of its request. */
export interface ClosedCohort {
  tx: string;
  cohortId: number;
  firstTokenId: bigint;
  quantity: number;
  /** The request id (null if the coordinator refused the request). */
  requestId: bigint | null;
  /** The coordinator it was sent to. */
  coordinator: string | null;
  /** The coordinator's refusal, decoded (null if the request was made). */
  refused: string | null;
  /** Seconds the development chain's clock was moved forward to allow it. */
  timeTravelled: number;
}

/** The cohort a receipt closed (`CohortClosed`, then `RandomnessRequested` or `RandomnessRequestFailed`), if any. */
export async function closedIn(
  hre: HardhatRuntimeEnvironment,
  collection: Contract,
  receipt: Parameters<typeof eventsIn>[1],
  tx: string,
): Promise<ClosedCohort | null> {
  const [closed] = eventsIn(collection, receipt, "CohortClosed");
  if (!closed) return null;
  const cohortId = BigInt(closed.cohortId as bigint);
  const [requested] = eventsIn(collection, receipt, "RandomnessRequested").filter(
    (r) => BigInt(r.target as bigint) === cohortId && Number(r.kind) === REQUEST_KIND.Cohort,
  );
  const [failed] = eventsIn(collection, receipt, "RandomnessRequestFailed");
  let refused: string | null = null;
  if (!requested && failed) {
    const reason = String(failed.reason);
    refused =
      reason === "0x"
        ? "no reason given"
        : (decodeCustomError({ data: reason }, await errorInterfaces(hre)) ?? `revert data ${reason}`);
  }
  return {
    tx,
    cohortId: Number(cohortId),
    firstTokenId: BigInt(closed.firstTokenId as bigint),
    quantity: Number(closed.quantity),
    requestId: requested ? BigInt(requested.requestId as bigint) : null,
    coordinator: requested ? (requested.coordinator as string) : null,
    refused,
    timeTravelled: 0,
  };
}

/**
 * Close the open cohort with `reveal()`. With `timeTravel` (development chains), the next block's
 * time is first moved to when the minimum delay allows it; otherwise a cohort that is empty or too
 * young is a one-line error (see {@link notReady}).
 */
export async function closeOpenCohort(
  hre: HardhatRuntimeEnvironment,
  collection: Contract,
  options: { timeTravel?: boolean; signer?: Signer; remedy?: string } = {},
): Promise<ClosedCohort> {
  const view = await revealView(hre, collection);
  const now = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
  let travelled = 0;
  const availableAt = view.openCohort.availableAt;
  if (options.timeTravel && view.openCohort.size > 0 && availableAt !== null && availableAt > now) {
    await hre.network.provider.send("evm_setNextBlockTimestamp", [availableAt]);
    travelled = availableAt - now;
  } else {
    const why = notReady(view, now, options.remedy);
    if (why) throw userError(why);
  }
  const c = (options.signer ? collection.connect(options.signer) : collection) as Contract;
  const tx = await c.reveal();
  const receipt = await tx.wait();
  const closed = await closedIn(hre, collection, receipt, tx.hash);
  if (!closed) throw userError(`reveal() in ${tx.hash} closed no cohort`);
  return { ...closed, timeTravelled: travelled };
}
