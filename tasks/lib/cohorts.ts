/**
 * Reveal cohorts as plain values, for the tasks (`cohort`, `reveal`, `mint`, `status`) and the demo.
 *
 * Mints make no VRF request: the tokens minted since the last request form the collection's open
 * cohort; `reveal()` (anyone, once `minRevealDelay` has passed since the cohort opened) closes it
 * with one request, whose word reveals every token of it (ISeedModule).
 *
 * No top-level import of "hardhat" or typechain types.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract, Signer } from "ethers";
import { errorInterfaces, eventsIn, userError } from "./common";
import { decodeCustomError, duration, when } from "../../client/errors";

/** What a VRF request was made for (ISeedModule.RequestKind). */
export const REQUEST_KIND = { Cohort: 1, Metamorphosis: 2 } as const;

/** `cohortState()` as plain values, with the open cohort's size and when it can be closed. */
export interface RevealView {
  minRevealDelay: number;
  instantReveal: boolean;
  /** Closed cohorts (ids 0 .. cohortCount - 1). */
  cohortCount: number;
  openCohort: {
    firstTokenId: bigint;
    /** Tokens in it: 0 when nothing was minted since the last cohort closed. */
    size: number;
    /** When it opened (the previous cohort closed, or the collection was initialised). */
    openedAt: number;
    /** When `reveal()` may close it: openedAt + minRevealDelay (null while it is empty). */
    availableAt: number | null;
  };
  /** A coordinator change the default admin scheduled, and when it may be applied (null if none). */
  pendingCoordinator: string | null;
  coordinatorEffectiveAt: number | null;
}

export async function revealView(hre: HardhatRuntimeEnvironment, collection: Contract): Promise<RevealView> {
  const s = await collection.cohortState();
  const next = BigInt(s.nextTokenId);
  const first = BigInt(s.openFirstTokenId);
  const size = Number(next - first);
  const openedAt = Number(s.openedAt);
  const pending = s.pendingCoordinator as string;
  const none = pending === hre.ethers.ZeroAddress;
  return {
    minRevealDelay: Number(s.minRevealDelay),
    instantReveal: s.instantReveal as boolean,
    cohortCount: Number(s.cohortCount),
    openCohort: {
      firstTokenId: first,
      size,
      openedAt,
      availableAt: size > 0 ? openedAt + Number(s.minRevealDelay) : null,
    },
    pendingCoordinator: none ? null : pending,
    coordinatorEffectiveAt: none ? null : Number(s.coordinatorEffectiveAt),
  };
}

export type CohortState = "revealed" | "pending" | "refused";

/** `cohort(id)` as plain values. */
export interface CohortView {
  cohortId: number;
  firstTokenId: bigint;
  lastTokenId: bigint;
  quantity: number;
  /** revealed: its word arrived; pending: its request waits for the coordinator; refused: the coordinator refused the request (anyone may re-request it). */
  state: CohortState;
  /** The collection's epoch when its word arrived (its tokens' birth), once revealed. */
  birthEpoch: number | null;
  /** When its live request was made (or refused). */
  requestedAt: number;
  /** The live request while pending. */
  requestId: bigint | null;
  /** The word, once revealed. */
  word: bigint | null;
}

export async function cohortView(collection: Contract, cohortId: number): Promise<CohortView> {
  const c = await collection.cohort(cohortId);
  const first = BigInt(c.firstTokenId);
  const quantity = Number(c.quantity);
  const revealed = c.revealed as boolean;
  const randomness = BigInt(c.randomness);
  return {
    cohortId,
    firstTokenId: first,
    lastTokenId: first + BigInt(quantity) - 1n,
    quantity,
    state: revealed ? "revealed" : randomness === 0n ? "refused" : "pending",
    birthEpoch: revealed ? Number(c.birthEpoch) : null,
    requestedAt: Number(c.requestedAt),
    requestId: revealed || randomness === 0n ? null : randomness,
    word: revealed ? randomness : null,
  };
}

/** Cohorts `from` .. `to - 1`, read a few at a time. */
export async function cohortViews(collection: Contract, from: number, to: number): Promise<CohortView[]> {
  const out: CohortView[] = [];
  for (let i = from; i < to; i += 16) {
    const ids = Array.from({ length: Math.min(16, to - i) }, (_, k) => i + k);
    out.push(...(await Promise.all(ids.map((id) => cohortView(collection, id)))));
  }
  return out;
}

/** "#7..#14" (or "#7" for one token). */
export function tokenRange(first: bigint | number, quantity: number | bigint): string {
  const last = BigInt(first) + BigInt(quantity) - 1n;
  return BigInt(quantity) === 1n ? `#${first}` : `#${first}..#${last}`;
}

/**
 * Why `reveal()` would refuse now, in one line (undefined if it would close the open cohort):
 * the cohort is empty, or its minimum delay has not passed.
 */
export function notReady(view: RevealView, now: number, remedy = ""): string | undefined {
  const o = view.openCohort;
  if (o.size === 0)
    return `nothing to reveal: no token was minted since ${view.cohortCount ? `cohort ${view.cohortCount - 1} closed` : "the collection opened"} (the next mint starts the open cohort at #${o.firstTokenId}); mint first`;
  if (o.availableAt !== null && o.availableAt > now)
    return `too early: the open cohort (${o.size} token(s), ${tokenRange(o.firstTokenId, o.size)}) can be closed from ${when(o.availableAt, now)}, ${duration(view.minRevealDelay)} after it opened${remedy}`;
  return undefined;
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
