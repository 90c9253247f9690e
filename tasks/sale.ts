import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import {
  action,
  addressParam,
  cliInt,
  COLLECTION_HELP,
  etherParam,
  eventNamesIn,
  getCollection,
  signerAt,
  userError,
  wholeNumber,
} from "./lib/common";
import { eth } from "../client/units";

const SUBCOMMANDS = "status | open | close | config | treasury | withdraw | pause | unpause";

/** The public sale as `saleConfig()` and `paused()` read it. */
async function saleState(collection: Contract) {
  const [c, paused, supply, balance] = await Promise.all([
    collection.saleConfig(),
    collection.paused(),
    collection.totalSupply(),
    collection.runner!.provider!.getBalance(collection.target),
  ]);
  return {
    open: c.open as boolean,
    paused: paused as boolean,
    priceWei: (c.price as bigint).toString(),
    price: eth(c.price as bigint),
    supply: Number(supply),
    maxSupply: Number(c.maxSupply),
    maxPerWallet: Number(c.maxPerWallet),
    maxPerMint: Number(c.maxPerMint),
    treasury: c.treasury as string,
    balance: eth(balance),
  };
}

function stateText(s: Awaited<ReturnType<typeof saleState>>): string {
  return [
    `sale       ${s.open ? "open" : "closed"}${s.paused ? ", paused (minting and holder actions)" : ""}`,
    `price      ${s.price} per token`,
    `supply     ${s.supply} / ${s.maxSupply}; ${s.maxPerMint} per mint, ${s.maxPerWallet} per wallet`,
    `treasury   ${s.treasury} (the collection holds ${s.balance} to withdraw)`,
  ].join("\n");
}

task("sale", `The public sale: ${SUBCOMMANDS}`)
  .addOptionalPositionalParam("subcommand", SUBCOMMANDS, "status", types.string)
  .addOptionalParam("price", "config: price per token in ETH, e.g. 0.05", undefined, types.string)
  .addOptionalParam("maxSupply", "config: supply cap in tokens (not below what is minted)", undefined, cliInt)
  .addOptionalParam("maxPerWallet", "config: public mints per wallet", undefined, cliInt)
  .addOptionalParam("maxPerMint", "config: tokens per mint call, at most 1000", undefined, cliInt)
  .addOptionalParam("address", "treasury: the new treasury", undefined, types.string)
  .addOptionalParam("from", "Signer index (CONFIG_ROLE; PAUSER_ROLE for pause; anyone for withdraw)", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      subcommand: string;
      price?: string;
      maxSupply?: number;
      maxPerWallet?: number;
      maxPerMint?: number;
      address?: string;
      from: number;
      collection?: string;
      json?: boolean;
    }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const before = await saleState(collection);
      if (args.subcommand === "status") return { data: before, text: stateText(before) };
      const c = collection.connect(await signerAt(hre, args.from)) as typeof collection;
      let tx;
      let what: string;
      switch (args.subcommand) {
        case "open":
        case "close":
          tx = await c.setSaleOpen(args.subcommand === "open");
          what = `Public sale ${args.subcommand === "open" ? "opened" : "closed"}`;
          break;
        case "config": {
          if ([args.price, args.maxSupply, args.maxPerWallet, args.maxPerMint].every((v) => v === undefined))
            throw userError("config needs at least one of --price, --max-supply, --max-per-wallet, --max-per-mint");
          const price = args.price === undefined ? BigInt(before.priceWei) : etherParam("price", args.price);
          const maxSupply = wholeNumber("max-supply", args.maxSupply ?? before.maxSupply, Math.max(before.supply, 1));
          const maxPerWallet = wholeNumber("max-per-wallet", args.maxPerWallet ?? before.maxPerWallet, 1, 2 ** 32 - 1);
          const maxPerMint = wholeNumber("max-per-mint", args.maxPerMint ?? before.maxPerMint, 1, 1000);
          tx = await c.setSaleConfig(price, maxSupply, maxPerWallet, maxPerMint);
          what = "Sale configured";
          break;
        }
        case "treasury":
          if (!args.address) throw userError("treasury needs --address <the new treasury>");
          tx = await c.setTreasury(addressParam(hre, "address", args.address));
          what = "Treasury set";
          break;
        case "withdraw":
          if (before.balance === eth(0n)) throw userError("nothing to withdraw: the collection holds 0 ETH");
          tx = await c.withdraw();
          what = `Withdrew ${before.balance} to the treasury ${before.treasury}`;
          break;
        case "pause":
        case "unpause":
          tx = args.subcommand === "pause" ? await c.pause() : await c.unpause();
          what = args.subcommand === "pause" ? "Paused minting and holder actions" : "Unpaused";
          break;
        default:
          throw userError(`unknown subcommand "${args.subcommand}" (${SUBCOMMANDS})`);
      }
      const receipt = await tx.wait();
      const events = eventNamesIn(collection, receipt, [
        "SaleStateUpdated",
        "SaleConfigUpdated",
        "TreasuryUpdated",
        "Withdrawn",
        "Paused",
        "Unpaused",
      ]);
      const after = await saleState(collection);
      return {
        data: { tx: tx.hash, events, ...after },
        text: `${what} (tx ${tx.hash}${events.length ? `; ${events.join(", ")}` : ""})\n${stateText(after)}`,
      };
    }),
  );
