import { eth } from "../client/units";
import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import {
  action,
  addressParam,
  cliInt,
  COLLECTION_HELP,
  eventsIn,
  getCollection,
  signerAt,
  userError,
  wholeNumber,
} from "./lib/common";
import { closedIn, revealView, tokenRange } from "./lib/cohorts";
import { allowlistDomain, entryOf, loadAllowlist } from "./lib/allowlist";
import { when } from "../client/errors";

task(
  "mint",
  "Mint tokens into the open reveal cohort: public mint paying the price, mintTo (MINTER_ROLE) with --to, or the allowlist sale with --allowlist",
)
  .addParam("quantity", "Number of tokens (1 to the collection's maxPerMint)", 1, cliInt)
  .addOptionalParam("to", "Recipient: uses mintTo (free, MINTER_ROLE)", undefined, types.string)
  .addOptionalParam(
    "allowlist",
    "Allowlist sale: the list's CSV (address,allowance) or proofs JSON (`allowlist build --out`); mints to the signer at the allowlist price",
    undefined,
    types.string,
  )
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ quantity: number; to?: string; allowlist?: string; from: number; collection?: string; json?: boolean }>(
      async (args, hre) => {
        wholeNumber("quantity", args.quantity, 1);
        if (args.to && args.allowlist) throw userError("--allowlist mints to the signer itself: drop --to");
        const collection = await getCollection(hre, args.collection);
        const sale = await collection.saleConfig();
        const [price, maxSupply, , maxPerMint, open] = sale;
        const quantity = wholeNumber("quantity", args.quantity, 1, Number(maxPerMint));
        const remaining = Number(maxSupply) - Number(await collection.totalSupply());
        if (quantity > remaining) throw userError(`--quantity ${quantity} is more than the ${remaining} tokens left`);
        const signer = await signerAt(hre, args.from);
        const c = collection.connect(signer) as Contract;
        let tx;
        let paid = 0n;
        if (args.allowlist) {
          const list = loadAllowlist(args.allowlist, await allowlistDomain(hre, collection));
          const me = await signer.getAddress();
          const entry = entryOf(list, me);
          if (!entry)
            throw userError(
              `${me} (--from ${args.from}) is not on the allowlist ${args.allowlist} (${list.entries.length} address(es)): mint with a listed signer, or in the public sale (drop --allowlist)`,
            );
          const [root, allowlistPrice, allowlistOpen] = [sale[6] as string, BigInt(sale[7]), sale[8] as boolean];
          if (root.toLowerCase() !== list.root.toLowerCase())
            throw userError(
              /^0x0{64}$/.test(root)
                ? `the collection has no allowlist yet (CONFIG_ROLE sets it: \`allowlist set --csv ${args.allowlist} --price <ETH> --open\`)`
                : `${args.allowlist} is not the collection's allowlist (its root ${list.root}, the collection's ${root}): mint with the list the collection was set with`,
            );
          if (!allowlistOpen)
            throw userError("the allowlist phase is closed: CONFIG_ROLE opens it (`allowlist set --open`)");
          const minted = Number(await collection.allowlistMinted(me));
          if (minted + quantity > entry.allowance)
            throw userError(
              `${me} may mint ${entry.allowance} in the allowlist phase and has minted ${minted}: --quantity at most ${entry.allowance - minted}`,
            );
          paid = allowlistPrice * BigInt(quantity);
          tx = await c.mintAllowlist(quantity, entry.allowance, entry.proof, { value: paid });
        } else if (args.to) {
          tx = await c.mintTo(addressParam(hre, "to", args.to), quantity);
        } else {
          if (!open)
            throw userError(
              "the public sale is closed: CONFIG_ROLE opens it (setSaleOpen), mint with --to as MINTER_ROLE, or with --allowlist if the allowlist phase is open",
            );
          paid = BigInt(price) * BigInt(quantity);
          tx = await c.mint(quantity, { value: paid });
        }
        const receipt = await tx.wait();
        const minted = eventsIn(collection, receipt, "Transfer").filter((t) => BigInt(t.from as string) === 0n);
        const ids = minted.map((t) => BigInt(t.tokenId as bigint)).sort((a, b) => (a < b ? -1 : 1));
        // Instant reveal: the mint closed its own cohort (CohortClosed, RandomnessRequested).
        const closed = await closedIn(hre, collection, receipt, tx.hash);
        const view = await revealView(hre, collection);
        const data = {
          tx: tx.hash,
          to: (minted[0]?.to as string) ?? null,
          firstTokenId: ids[0] ?? null,
          quantity: ids.length,
          sale: args.allowlist ? "allowlist" : args.to ? "mintTo" : "public",
          paid,
          cohort: closed,
          requestId: closed?.requestId ?? null,
          openCohort: view.openCohort,
        };
        const now = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
        const o = view.openCohort;
        const where = closed
          ? `; instant reveal: cohort ${closed.cohortId} closed, ${closed.requestId === null ? `its VRF request REFUSED (${closed.refused}; \`cohort rerequest --id ${closed.cohortId}\`)` : `VRF request ${closed.requestId}`}`
          : ` into the open cohort (now ${o.size} token(s) ${tokenRange(o.firstTokenId, o.size)}; \`cohort close\` can close it ${o.availableAt! <= now ? "now" : `from ${when(o.availableAt!, now)}`}, then one VRF word reveals it)`;
        return {
          data,
          text: `Minted ${data.quantity} token(s) ${tokenRange(data.firstTokenId ?? 0n, data.quantity)} to ${data.to}${args.allowlist ? ` on the allowlist, paying ${eth(paid)}` : ""}${where}`,
        };
      },
    ),
  );
