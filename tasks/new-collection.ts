import { eth } from "../client/units";
import { task, types } from "hardhat/config";
import { COLLECTION_DEFAULTS } from "../config/networks";
import { action, cliInt, etherParam, isDevChain, signerAt, wholeNumber } from "./lib/common";
import { createCollection, gasText } from "./lib/collections";
import { duration } from "../client/errors";

const d = COLLECTION_DEFAULTS;

task(
  "new-collection",
  "Deploy another collection in the same World (reuses the implementation, libraries and renderer), subscribe it and configure it",
)
  // Defaults are the collection settings (.env.example), read when the task runs, not at import.
  .addOptionalParam("name", "Collection name (default COLLECTION_NAME)", undefined, types.string)
  .addOptionalParam(
    "symbol",
    "Symbol, letters and digits; saved as LivingAsset_<SYMBOL> (default COLLECTION_SYMBOL)",
    undefined,
    types.string,
  )
  .addOptionalParam("description", "contractURI description (default COLLECTION_DESCRIPTION)", undefined, types.string)
  .addOptionalParam("maxSupply", "Supply cap, tokens (default MAX_SUPPLY, 10000)", undefined, cliInt)
  .addOptionalParam("price", "Mint price in ETH, e.g. 0.01 (default MINT_PRICE, 0.01)", undefined, types.string)
  .addOptionalParam("maxPerWallet", "Public mints per wallet (default MAX_PER_WALLET, 100)", undefined, cliInt)
  .addOptionalParam("maxPerMint", "Tokens per mint call, at most 1000 (default MAX_PER_MINT, 20)", undefined, cliInt)
  .addOptionalParam(
    "royaltyBps",
    "Default royalty in basis points, 500 = 5% (default ROYALTY_BPS, 500)",
    undefined,
    cliInt,
  )
  .addOptionalParam("from", "Signer index (the World's default admin; becomes the collection's admin)", 0, cliInt)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      name?: string;
      symbol?: string;
      description?: string;
      maxSupply?: number;
      price?: string;
      maxPerWallet?: number;
      maxPerMint?: number;
      royaltyBps?: number;
      from: number;
      json?: boolean;
    }>(async (args, hre) => {
      const maxSupply = wholeNumber("max-supply", args.maxSupply ?? d.maxSupply, 1, 2 ** 53 - 1);
      const maxPerWallet = wholeNumber("max-per-wallet", args.maxPerWallet ?? d.maxPerWallet, 1, 2 ** 32 - 1);
      const maxPerMint = wholeNumber("max-per-mint", args.maxPerMint ?? d.maxPerMint, 1, 1000);
      const royaltyBps = wholeNumber("royalty-bps", args.royaltyBps ?? d.royaltyBps, 0, d.maxRoyaltyBps);
      const priceWei = args.price === undefined ? d.priceWei : etherParam("price", args.price);
      const signer = await signerAt(hre, args.from);
      const c = await createCollection(hre, {
        name: args.name ?? d.name,
        symbol: args.symbol ?? d.symbol,
        description: args.description ?? d.description,
        maxSupply,
        priceWei,
        maxPerWallet,
        maxPerMint,
        royaltyBps,
        signer,
      });
      const { collection: _collection, ...data } = c;
      const lines = [
        `${c.name} (${c.symbol}) at ${c.address}, saved as ${c.deployment} on ${hre.network.name}`,
        `  world       ${c.world}: subscribed, born at its epoch ${c.startEpoch}`,
        `  code        implementation ${c.implementation}${c.implementationReused ? " (reused)" : " (new)"}, renderer ${c.renderer}`,
        `  vrf         coordinator ${c.coordinator}, subscription ${c.subscriptionId}${c.vrfConsumerAdded ? " (consumer added)" : ""}`,
        `  sale        ${c.saleOpen ? "open" : "closed"}, price ${eth(priceWei)}, max supply ${maxSupply}`,
        `  reveal      ${c.instantReveal ? "instant (every mint requests its own word)" : `cohorts: anyone may close the open cohort ${duration(c.minRevealDelay)} after it opens (\`cohort close\`)`}`,
        `Gas:`,
        gasText(c.gas, c.totalGas),
      ];
      if (!isDevChain(hre))
        lines.push(
          `Next: add ${c.address} as a consumer of VRF subscription ${c.subscriptionId} (\`npx hardhat vrf add-consumer --consumer ${c.address} --network ${hre.network.name}\` as its owner), then open the sale.`,
        );
      lines.push(`Use it in tasks with --collection ${c.symbol}.`);
      return { data, text: lines.join("\n") };
    }),
  );
