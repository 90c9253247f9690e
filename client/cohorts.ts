/**
 * Reveal cohorts as plain values: the open cohort and when it may be revealed, each closed cohort's
 * state (revealed, pending, refused), and why `reveal()` would refuse now. Read by the tasks
 * (`cohort`, `reveal`, `mint`, `status`), the demo and the app.
 *
 * Mints make no VRF request: the tokens minted since the last request form the collection's open
 * cohort; `reveal()` (anyone, once `minRevealDelay` has passed since the cohort opened) closes it
 * with one request, whose word reveals every token of it (ISeedModule). No Node or Hardhat import.
 */
import { ZeroAddress, type Contract } from "ethers";
import { duration, when } from "./units";

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

export async function revealView(collection: Contract): Promise<RevealView> {
  const s = await collection.cohortState();
  const next = BigInt(s.nextTokenId);
  const first = BigInt(s.openFirstTokenId);
  const size = Number(next - first);
  const openedAt = Number(s.openedAt);
  const pending = s.pendingCoordinator as string;
  const none = pending === ZeroAddress;
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
