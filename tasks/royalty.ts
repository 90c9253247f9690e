import { bpsPercent } from "../client/units";
import { task, types } from "hardhat/config";
import {
  action,
  addressParam,
  cliInt,
  COLLECTION_HELP,
  eventsIn,
  getCollection,
  signerAt,
  userError,
} from "./lib/common";

const BPS = 10_000n;

/** ERC-2981 view at a 10,000-wei sale price: the amount is the fee in basis points. */
async function royaltyOf(collection: Awaited<ReturnType<typeof getCollection>>, tokenId: number) {
  const [receiver, amount] = await collection.royaltyInfo(tokenId, BPS);
  return { receiver: receiver as string, bps: Number(amount) };
}

task(
  "royalty",
  "ERC-2981 royalties: `get` (default, or --token) or `set` (--receiver --bps [--token], or --reset --token)",
)
  .addOptionalPositionalParam("subcommand", "get | set", "get", types.string)
  .addOptionalParam("token", "Token id (per-token royalty)", undefined, cliInt)
  .addOptionalParam("receiver", "set: royalty receiver", undefined, types.string)
  .addOptionalParam("bps", "set: fee in basis points, 250 = 2.5% (<= maxRoyaltyBps)", undefined, cliInt)
  .addFlag("reset", "set: drop the token's override (needs --token)")
  .addOptionalParam("from", "Signer index (CONFIG_ROLE)", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      subcommand: string;
      token?: number;
      receiver?: string;
      bps?: number;
      reset?: boolean;
      from: number;
      collection?: string;
      json?: boolean;
    }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      // Token 0 is never minted (ids start at 1) and cannot carry an override: it reads the default.
      const maxRoyaltyBps = Number(await collection.maxRoyaltyBps());
      if (args.subcommand === "get") {
        const def = await royaltyOf(collection, 0);
        const token =
          args.token === undefined ? undefined : { tokenId: args.token, ...(await royaltyOf(collection, args.token)) };
        const data = { default: def, maxRoyaltyBps, ...(token ? { token } : {}) };
        const lines = [`default   ${def.receiver} ${bpsPercent(def.bps)} (cap ${bpsPercent(maxRoyaltyBps)})`];
        if (token)
          lines.push(
            `token #${token.tokenId} ${token.receiver} ${bpsPercent(token.bps)}${token.receiver === def.receiver && token.bps === def.bps ? " (default)" : ""}`,
          );
        return { data, text: lines.join("\n") };
      }
      if (args.subcommand !== "set") throw userError(`unknown subcommand "${args.subcommand}" (get | set)`);
      const signer = await signerAt(hre, args.from);
      const c = collection.connect(signer) as typeof collection;
      let tx;
      let what: string;
      if (args.reset) {
        if (args.token === undefined) throw userError("--reset needs --token");
        tx = await c.resetTokenRoyalty(args.token);
        what = `Token #${args.token} royalty reset to the default`;
      } else {
        if (!args.receiver || args.bps === undefined)
          throw userError("set needs --receiver and --bps (or --reset --token)");
        if (args.bps < 0 || args.bps > maxRoyaltyBps)
          throw userError(
            `--bps ${args.bps} (${bpsPercent(args.bps)}) is outside 0..${maxRoyaltyBps} (the cap, ${bpsPercent(maxRoyaltyBps)})`,
          );
        const receiver = addressParam(hre, "receiver", args.receiver);
        if (args.token === undefined) {
          tx = await c.setDefaultRoyalty(receiver, args.bps);
          what = `Default royalty set to ${receiver} ${bpsPercent(args.bps)}`;
        } else {
          tx = await c.setTokenRoyalty(args.token, receiver, args.bps);
          what = `Token #${args.token} royalty set to ${receiver} ${bpsPercent(args.bps)}`;
        }
      }
      const receipt = await tx.wait();
      const events = [
        ...eventsIn(collection, receipt, "DefaultRoyaltyUpdated"),
        ...eventsIn(collection, receipt, "TokenRoyaltyUpdated"),
        ...eventsIn(collection, receipt, "TokenRoyaltyReset"),
      ];
      const now = await royaltyOf(collection, args.token ?? 0);
      const data = { tx: tx.hash, tokenId: args.token ?? null, ...now, maxRoyaltyBps, events };
      return { data, text: `${what} (tx ${tx.hash})` };
    }),
  );
