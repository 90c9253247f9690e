import { keccak256, toUtf8Bytes, type Interface } from "ethers";
import { bpsPercent, duration, eth, usd, when } from "./units";

/** Hex revert data found anywhere in an ethers / hardhat error object. */
export function revertDataOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const candidates: unknown[] = [];
  const walk = (e: unknown, depth: number): void => {
    if (!e || typeof e !== "object" || seen.has(e) || depth > 6) return;
    seen.add(e);
    const o = e as Record<string, unknown>;
    candidates.push(o.data);
    walk(o.error, depth + 1);
    walk(o.info, depth + 1);
    walk(o.cause, depth + 1);
    walk(o.parent, depth + 1);
  };
  walk(err, 0);
  for (const c of candidates) {
    if (typeof c === "string" && /^0x[0-9a-fA-F]{8,}$/.test(c)) return c;
    if (c && typeof c === "object" && typeof (c as { data?: unknown }).data === "string") {
      const d = (c as { data: string }).data;
      if (/^0x[0-9a-fA-F]{8,}$/.test(d)) return d;
    }
  }
  return undefined;
}

/** What a message needs to speak in human terms: the chain's clock and the feed's decimals. */
export interface ErrorContext {
  /** Latest block timestamp (seconds): times are shown as ISO dates with a countdown from it. */
  now?: number;
  /** Decimals of the World's price feed: answers are shown as prices. */
  priceDecimals?: number;
}

const ROLE_NAMES = ["MINTER_ROLE", "CONFIG_ROLE", "PAUSER_ROLE", "UPGRADER_ROLE"];

/** `DEFAULT_ADMIN_ROLE`, `MINTER_ROLE`, ... for a role id; the hex id when unknown. */
export function roleName(id: string): string {
  if (/^0x0{64}$/i.test(id)) return "DEFAULT_ADMIN_ROLE";
  for (const name of ROLE_NAMES) if (keccak256(toUtf8Bytes(name)) === id.toLowerCase()) return name;
  return id;
}

// Durations and times are formatted by the units module; re-exported for the tasks that import them here.
export { duration, when } from "./units";

const TIME_PARAMS = /(At|Since)$/;
const DURATION_PARAMS = /^(heartbeat|gracePeriod|timeout)$/;
const PRICE_PARAMS = /^(answer|minAnswer|maxAnswer)$/;
const VITALITY_PARAMS = /^(vitality|requiredVitality)$/;
const WEI_PARAMS = /^(sent|required|amount)$/;
/** Arguments that are durations in seconds only in these errors (elsewhere `min`/`max` are gas or counts). */
const DURATION_ARGS: Record<string, RegExp> = {
  SeedInvalidRevealDelay: /^(delay|min|max)$/,
};

function fmtValue(name: string, type: string, v: unknown, ctx: ErrorContext, error = ""): string {
  if (Array.isArray(v)) return `[${v.map((x) => fmtValue("", "", x, ctx)).join(", ")}]`;
  if (type === "bytes32" && /role/i.test(name) && typeof v === "string") return roleName(v);
  if (typeof v !== "bigint") return String(v);
  if (TIME_PARAMS.test(name)) return v === 0n ? "never" : when(Number(v), ctx.now);
  if (DURATION_PARAMS.test(name) || DURATION_ARGS[error]?.test(name)) return duration(Number(v));
  if (PRICE_PARAMS.test(name) && ctx.priceDecimals !== undefined) return usd(v, ctx.priceDecimals);
  if (VITALITY_PARAMS.test(name)) return bpsPercent(v);
  if (WEI_PARAMS.test(name)) return eth(v);
  return v.toString();
}

/** What to do about the errors a user meets most, keyed by custom error name. */
const HINTS: Record<string, string> = {
  PackIndexInvalid:
    "the pack index is malformed at that byte (problem: 0 truncated, 1 version, 2 canvas, 3 slot count, 4 text, 5 gene, 6 variant count, 7 rule count, 8 rule condition, 9 rule variant, 10 weights, 11 page, 12 origin, 13 trailing bytes): `pack upload` encodes it from pack.json",
  PackIsLocked: "the pack is locked for good: deploy a new PackRenderer for another pack",
  PackNotSet: "the renderer has no pack yet: run `pack upload --dir <pack>`",
  PageStoreTooLarge: "a page holds at most 24,575 bytes (a layer at most 24,000)",
  WorldTooEarly: "the next epoch cannot start before then (on a development chain add --time-travel)",
  WorldStaleFeed: "the feed has not updated within the heartbeat; wait for a fresh round",
  WorldRoundNotAdvanced:
    "the feed has no new round since the last epoch; wait for its next update (on a development chain `advance-epoch --time-travel` gives the mock feed one, or `set-price`)",
  WorldInvalidAnswer: "the feed answered zero or a negative price; the world does not move on it",
  WorldAnswerOutOfBounds:
    "the feed's answer is outside the world's sanity bounds (CONFIG_ROLE sets them with setFeedConfig)",
  WorldSequencerDown: "the L2 sequencer is down; the world waits until it is back up",
  WorldSequencerGracePeriod: "the L2 sequencer came back up recently; the world waits out the grace period",
  WorldOnlyForwarder: "only the Automation forwarder may call performUpkeep; anyone may call advanceEpoch",
  WorldInvalidPerformData: "performData must be the epoch count checkUpkeep returned; the epoch moved on meanwhile",
  WorldInvalidFeedConfig:
    "feeds must be contracts, interval, heartbeat and minAnswer non-zero, minAnswer <= maxAnswer < 2^88, mood threshold 1..10000 bps",
  WorldUnknownEpoch: "the world's log has no such epoch (yet)",
  WorldSubscriberNotContract: "only a collection contract can subscribe to the world",
  WorldAlreadySubscribed: "the collection already hears of every epoch; nothing to do",
  WorldNotSubscribed: "the collection is not subscribed to this world (`subscribe` adds it)",
  WorldTooManySubscribers:
    "the world notifies at most that many collections: `unsubscribe` one first (it can still `sync-world` itself)",
  WorldHookGasTooLow:
    "the transaction's gas limit leaves too little for every subscribed collection's hook: send it with more gas (or let the wallet estimate it)",
  EvolutionOnlyWorld:
    "only the collection's world calls onWorldEpoch; run `advance-epoch` (or `sync-world` to catch up)",
  EvolutionInSync: "the collection is already at the world's epoch; nothing to catch up",
  EvolutionInvalidWorld: "the world address has no World contract (no code, or no state())",
  AccessControlUnauthorizedAccount: "that account lacks the role; the default admin can grant it (grantRole)",
  LivingAssetSaleClosed: "the public sale is closed (CONFIG_ROLE opens it with setSaleOpen)",
  LivingAssetZeroQuantity: "mint at least one token",
  LivingAssetQuantityTooLarge: "mint at most maxPerMint tokens per call",
  LivingAssetWalletLimitExceeded: "this wallet would pass maxPerWallet (every mint of the wallet counts)",
  LivingAssetSupplyExceeded: "not enough tokens left",
  LivingAssetWrongPayment:
    "send the price times the quantity (the allowlist price for an allowlist mint; `status` shows both)",
  LivingAssetNonexistentToken: "no such token has been minted",
  LivingAssetAllowlistClosed: "the allowlist phase is closed (CONFIG_ROLE opens it: `allowlist set --csv FILE --open`)",
  LivingAssetInvalidProof:
    "the proof does not show this address with this allowance in the collection's allowlist: mint with the list the collection was set with (`mint --allowlist FILE`)",
  LivingAssetAllowanceExceeded:
    "the address's allowlist allowance cannot cover that many more tokens; mint fewer, or in the public sale",
  SeedNothingToReveal:
    "no token was minted since the last cohort closed: nothing to reveal (mint first; `cohort status` shows the open cohort)",
  SeedRevealTooEarly:
    "the open cohort can be closed from then (the minimum reveal delay since it opened; on a development chain `cohort close --time-travel`)",
  SeedTokenNotInCohort:
    "the token is in the open cohort: no VRF request has been made for it yet (`cohort close` closes the cohort once its delay has passed)",
  SeedUnknownCohort: "no such cohort (`cohort status` lists them)",
  SeedCohortRevealed: "the cohort is already revealed: nothing to re-request",
  SeedRerequestTooEarly:
    "a pending cohort request can be replaced (CONFIG_ROLE) from then; a refused one at once by anyone",
  SeedNotRevealed: "the token is still an egg: its cohort's VRF word has not arrived",
  SeedOnlyCoordinator: "only the coordinator a request was sent to may fulfil it",
  SeedCoordinatorNotContract: "the coordinator address has no contract",
  SeedCoordinatorChangeNotAllowed:
    "setVrfConfig keeps the coordinator: coordinator changes go through `vrf coordinator --address <new>` (the default admin, after the admin delay) or the subscription's migration",
  SeedCoordinatorChangeNotReady:
    "the scheduled coordinator change can be applied from then: run `vrf coordinator --address <it>` again",
  SeedInvalidRevealDelay: "the minimum reveal delay must be from 1 minute to 30 days",
  SeedInvalidTimeout: "the re-request timeout must be from 1 hour to 30 days",
  SeedInvalidCallbackGasLimit: "the callback gas limit must be within the bounds shown",
  SeedInvalidConfirmations: "VRF v2.5 waits at most 200 confirmations",
  SeedZeroKeyHash: "the key hash (gas lane) must not be zero",
  InteractionAlreadyNurtured: "a token can be nurtured once per epoch; try again after the next epoch",
  InteractionNotHolder: "only the holder or an approved operator can do that (pass --from)",
  InteractionNotRevealed:
    "the token is still an egg: its cohort is open or its VRF word has not arrived (`cohort status`; `cohort close` closes the open cohort, `reveal` fulfils on a development chain)",
  InteractionTooYoung: "the token is too young to metamorphose",
  InteractionTooWeak: "nurture the token first: its vitality is too low to metamorphose",
  InteractionMetamorphosisPending: "a metamorphosis is already pending (run `reveal` on a development chain)",
  EnforcedPause: "the collection is paused (PAUSER_ROLE can unpause)",
};

/** A decoded custom error in human terms: `Name(param value, ...): hint`. */
function humanError(
  parsed: { name: string; args: readonly unknown[]; fragment: { inputs: readonly { name: string; type: string }[] } },
  ctx: ErrorContext,
): string {
  const args = parsed.fragment.inputs.map((input, i) => {
    const value = fmtValue(input.name, input.type, parsed.args[i], ctx, parsed.name);
    return input.name ? `${input.name} ${value}` : value;
  });
  const hint = HINTS[parsed.name];
  return `${parsed.name}(${args.join(", ")})${hint ? `: ${hint}` : ""}`;
}

/** `ErrorName(param value, ...): hint` for a custom error known to one of `interfaces`, else undefined. */
export function decodeCustomError(err: unknown, interfaces: Interface[], ctx: ErrorContext = {}): string | undefined {
  const data = revertDataOf(err);
  if (!data) return undefined;
  for (const iface of interfaces) {
    try {
      const parsed = iface.parseError(data);
      if (parsed) return humanError(parsed, ctx);
    } catch {
      /* not this interface */
    }
  }
  return `unknown revert ${data.slice(0, 10)} (${data})`;
}

/** A human-readable message for any error: custom error name and arguments when decodable. */
export function describeError(err: unknown, interfaces: Interface[], ctx: ErrorContext = {}): string {
  const decoded = decodeCustomError(err, interfaces, ctx);
  if (decoded) return decoded;
  const o = err as { shortMessage?: string; reason?: string; message?: string };
  return o?.reason ?? o?.shortMessage ?? o?.message ?? String(err);
}
