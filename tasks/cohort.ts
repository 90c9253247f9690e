import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  action,
  cliInt,
  COLLECTION_HELP,
  eventsIn,
  getCollection,
  isDevChain,
  signerAt,
  table,
  userError,
  wholeNumber,
} from "./lib/common";
import { closeOpenCohort, cohortViews, revealView, tokenRange, type CohortView } from "./lib/cohorts";
import { duration, when } from "../client/errors";

const SUBCOMMANDS = "status | close | rerequest | config";

/** Text cohorts listed before the older revealed ones are summed up (`--json` lists every one). */
const SHOWN_REVEALED = 10;

interface CohortArgs {
  subcommand: string;
  id?: number;
  delay?: number;
  instant?: string;
  timeTravel?: boolean;
  from: number;
  collection?: string;
  json?: boolean;
}

/** The chain's latest block time. */
async function latestTime(hre: HardhatRuntimeEnvironment): Promise<number> {
  return (await hre.ethers.provider.getBlock("latest"))!.timestamp;
}

/** `cohort status`: the reveal mode, the open cohort and every closed one with its state. */
async function cohortStatus(hre: HardhatRuntimeEnvironment, collection: Contract) {
  const view = await revealView(hre, collection);
  const cohorts = await cohortViews(collection, 0, view.cohortCount);
  const t = await latestTime(hre);
  const o = view.openCohort;
  const counts = {
    revealed: cohorts.filter((c) => c.state === "revealed").length,
    pending: cohorts.filter((c) => c.state === "pending").length,
    refused: cohorts.filter((c) => c.state === "refused").length,
  };
  const timeout = Number((await collection.vrfConfig()).rerequestTimeout);
  const rows = cohorts.map((c) => ({ ...c, rerequestAt: rerequestAt(c, timeout) }));
  const data = {
    collection: await collection.getAddress(),
    minRevealDelay: view.minRevealDelay,
    instantReveal: view.instantReveal,
    openCohort: { ...o, canCloseNow: o.availableAt !== null && o.availableAt <= t },
    cohortCount: view.cohortCount,
    ...counts,
    cohorts: rows,
    pendingCoordinator: view.pendingCoordinator,
    coordinatorEffectiveAt: view.coordinatorEffectiveAt,
  };
  const openLine =
    o.size === 0
      ? `empty (the next mint joins it as #${o.firstTokenId}); opened ${when(o.openedAt, t)}`
      : `${o.size} token(s) ${tokenRange(o.firstTokenId, o.size)}, opened ${when(o.openedAt, t)}; ${o.availableAt! <= t ? "can be closed now (`cohort close`, anyone)" : `can be closed from ${when(o.availableAt!, t)}`}`;
  const older = rows.filter((c) => c.state === "revealed").slice(0, -SHOWN_REVEALED);
  const shown = rows.filter((c) => !older.includes(c));
  const lines = [
    `Reveal: ${view.instantReveal ? "instant (every mint closes its own cohort)" : `cohorts, closed by reveal() at least ${duration(view.minRevealDelay)} after they open`}`,
    `Open cohort: ${openLine}`,
    `Closed cohorts: ${view.cohortCount} (${counts.revealed} revealed, ${counts.pending} pending, ${counts.refused} refused)`,
  ];
  if (shown.length)
    lines.push(
      table(
        ["cohort", "tokens", "state", "born (epoch)", "request / word", "requested", "re-request"],
        shown.map((c) => [
          c.cohortId,
          tokenRange(c.firstTokenId, c.quantity),
          c.state,
          c.birthEpoch ?? "",
          c.state === "revealed" ? `word ${short(c.word!)}` : c.state === "pending" ? String(c.requestId) : "",
          when(c.requestedAt, t),
          c.state === "revealed"
            ? ""
            : c.rerequestAt === null || c.rerequestAt <= t
              ? `now${c.state === "refused" ? " (anyone)" : " (CONFIG_ROLE)"}`
              : when(c.rerequestAt, t),
        ]),
      ),
    );
  if (older.length) lines.push(`(${older.length} older revealed cohort(s) not shown; --json lists every one)`);
  if (view.pendingCoordinator)
    lines.push(
      `Coordinator change to ${view.pendingCoordinator} scheduled: it can be applied from ${when(view.coordinatorEffectiveAt!, t)} (\`vrf coordinator --address ${view.pendingCoordinator}\`)`,
    );
  return { data, text: lines.join("\n") };
}

/** `cohort close`: reveal() as anyone, the open cohort's one VRF request. */
async function cohortClose(hre: HardhatRuntimeEnvironment, collection: Contract, args: CohortArgs, which: string) {
  if (args.timeTravel && !isDevChain(hre)) throw userError("--time-travel only works on development chains");
  const signer = await signerAt(hre, args.from);
  const remedy = isDevChain(hre)
    ? `; wait, or add --time-travel on this development chain`
    : `; run \`npx hardhat cohort close${which}\` again then`;
  const closed = await closeOpenCohort(hre, collection, { timeTravel: args.timeTravel, signer, remedy });
  const tokens = `${closed.quantity} token(s) ${tokenRange(closed.firstTokenId, closed.quantity)}`;
  const text =
    closed.requestId === null
      ? `Closed cohort ${closed.cohortId} (${tokens}), but the coordinator REFUSED its VRF request (${closed.refused}): fix the subscription, then \`npx hardhat cohort rerequest --id ${closed.cohortId}${which}\` (anyone may)`
      : `Closed cohort ${closed.cohortId} (${tokens}): VRF request ${closed.requestId} sent to ${closed.coordinator}; its tokens hatch when the word arrives${isDevChain(hre) ? " (`reveal` fulfils it here)" : ""}`;
  return { data: closed, text };
}

/** `cohort rerequest --id N`: a new VRF request for a cohort still waiting for its word. */
async function cohortRerequest(hre: HardhatRuntimeEnvironment, collection: Contract, args: CohortArgs) {
  if (args.id === undefined) throw userError("cohort rerequest needs --id (`cohort status` lists the cohorts)");
  const view = await revealView(hre, collection);
  if (view.cohortCount === 0)
    throw userError("no cohort has been closed yet: nothing to re-request (`cohort close` closes the open one)");
  const id = wholeNumber("id", args.id, 0, view.cohortCount - 1);
  const [c] = await cohortViews(collection, id, id + 1);
  if (c.state === "revealed") throw userError(`cohort ${id} is already revealed: nothing to re-request`);
  const signer = await signerAt(hre, args.from);
  const tx = await (collection.connect(signer) as Contract).rerequestCohort(id);
  const receipt = await tx.wait();
  const [e] = eventsIn(collection, receipt, "CohortRerequested");
  const [r] = eventsIn(collection, receipt, "RandomnessRequested");
  const data = {
    tx: tx.hash,
    cohortId: id,
    oldRequestId: e ? BigInt(e.oldRequestId as bigint) : null,
    newRequestId: e ? BigInt(e.newRequestId as bigint) : null,
    coordinator: (r?.coordinator as string | undefined) ?? null,
  };
  return {
    data,
    text: `Re-requested cohort ${id} (${tokenRange(c.firstTokenId, c.quantity)}): request ${data.oldRequestId === 0n ? "(refused)" : data.oldRequestId} -> ${data.newRequestId}, sent to ${data.coordinator}${data.oldRequestId ? "; a late word for the old request will be ignored" : ""}`,
  };
}

/** `cohort config --delay S [--instant true|false]` (CONFIG_ROLE). */
async function cohortConfig(hre: HardhatRuntimeEnvironment, collection: Contract, args: CohortArgs) {
  if (args.delay === undefined && args.instant === undefined)
    throw userError("cohort config needs --delay <seconds> and/or --instant true|false");
  const view = await revealView(hre, collection);
  const delay = args.delay === undefined ? view.minRevealDelay : wholeNumber("delay", args.delay, 0, 2 ** 32 - 1);
  let instant = view.instantReveal;
  if (args.instant !== undefined) {
    if (!/^(true|false)$/i.test(args.instant.trim()))
      throw userError(`--instant must be true or false; got "${args.instant}"`);
    instant = args.instant.trim().toLowerCase() === "true";
  }
  const signer = await signerAt(hre, args.from);
  const tx = await (collection.connect(signer) as Contract).setRevealConfig(delay, instant);
  const receipt = await tx.wait();
  const [e] = eventsIn(collection, receipt, "RevealConfigUpdated");
  // An instant-reveal switch does not close the cohort already open: say so.
  const after = await revealView(hre, collection);
  const data = {
    tx: tx.hash,
    minRevealDelay: Number(e?.minRevealDelay ?? delay),
    instantReveal: Boolean(e?.instantReveal ?? instant),
    openCohort: after.openCohort,
  };
  const o = after.openCohort;
  const t = await latestTime(hre);
  return {
    data,
    text:
      `Reveal config: minimum delay ${duration(data.minRevealDelay)}, ${data.instantReveal ? "instant reveal (every mint requests its own word)" : "cohorts"}` +
      (o.size > 0
        ? `; the open cohort (${o.size} token(s)) can be closed ${o.availableAt! <= t ? "now" : `from ${when(o.availableAt!, t)}`}`
        : ""),
  };
}

task(
  "cohort",
  "Reveal cohorts (mints wait in the open cohort; one VRF request reveals it): status | close (reveal(), anyone) | rerequest --id N | config --delay S [--instant true|false] (CONFIG_ROLE)",
)
  .addOptionalPositionalParam("subcommand", `${SUBCOMMANDS} (default: status)`, "status", types.string)
  .addOptionalParam("id", "rerequest: the cohort id (`cohort status` lists them)", undefined, cliInt)
  .addOptionalParam(
    "delay",
    "config: the minimum reveal delay in seconds (60 to 2592000): how long a cohort stays open before anyone may close it",
    undefined,
    cliInt,
  )
  .addOptionalParam(
    "instant",
    "config: true = every mint closes its own cohort (one VRF request per mint call); false = cohorts",
    undefined,
    types.string,
  )
  .addFlag("timeTravel", "close: development chains: move the clock to when the open cohort may be closed")
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<CohortArgs>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const which = `${args.collection ? ` --collection ${args.collection}` : ""}${hre.network.name === "hardhat" ? "" : ` --network ${hre.network.name}`}`;
      switch (args.subcommand) {
        case "status":
          return cohortStatus(hre, collection);
        case "close":
          return cohortClose(hre, collection, args, which);
        case "rerequest":
          return cohortRerequest(hre, collection, args);
        case "config":
          return cohortConfig(hre, collection, args);
        default:
          throw userError(`unknown subcommand "${args.subcommand}" (${SUBCOMMANDS})`);
      }
    }),
  );

/** When a cohort's request may be replaced: at once if it was refused, else after the timeout. */
function rerequestAt(c: CohortView, timeout: number): number | null {
  if (c.state === "revealed") return null;
  if (c.state === "refused") return c.requestedAt;
  return c.requestedAt + timeout;
}

const short = (word: bigint) => {
  const hex = word.toString(16).padStart(64, "0");
  return `0x${hex.slice(0, 8)}…`;
};
