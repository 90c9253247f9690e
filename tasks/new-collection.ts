import { eth } from "./lib/units";
import { task, types } from "hardhat/config";
import { formatEther } from "ethers";
import { COLLECTION_DEFAULTS } from "../config/networks";
import { action, cliInt, etherParam, isDevChain, signerAt, wholeNumber } from "./lib/common";
import { createCollection, gasText } from "./lib/collections";
import { duration } from "./lib/errors";

const d = COLLECTION_DEFAULTS;

task(
  "new-collection",
  "Deploy another collection in the same World (reuses the implementation, libraries and renderer), subscribe it and configure it",
)
  .addOptionalParam("name", "Collection name", d.name, types.string)
  .addOptionalParam("symbol", "Symbol (letters and digits; saved as LivingAsset_<SYMBOL>)", d.symbol, types.string)
  .addOptionalParam("description", "contractURI description", d.description, types.string)
  .addOptionalParam("maxSupply", "Supply cap", d.maxSupply, cliInt)
  .addOptionalParam("price", "Mint price in ETH, e.g. 0.01", formatEther(d.priceWei), types.string)
  .addOptionalParam("maxPerWallet", "Public mints per wallet", d.maxPerWallet, cliInt)
  .addOptionalParam("maxPerMint", "Tokens per mint call (at most 1000)", d.maxPerMint, cliInt)
  .addOptionalParam("royaltyBps", "Default royalty, basis points", d.royaltyBps, cliInt)
  .addOptionalParam("from", "Signer index (the World's default admin; becomes the collection's admin)", 0, cliInt)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      name: string;
      symbol: string;
      description: string;
      maxSupply: number;
      price: string;
      maxPerWallet: number;
      maxPerMint: number;
      royaltyBps: number;
      from: number;
      json?: boolean;
    }>(async (args, hre) => {
      const maxSupply = wholeNumber("max-supply", args.maxSupply, 1, 2 ** 53 - 1);
      const maxPerWallet = wholeNumber("max-per-wallet", args.maxPerWallet, 1, 2 ** 32 - 1);
      const maxPerMint = wholeNumber("max-per-mint", args.maxPerMint, 1, 1000);
      const royaltyBps = wholeNumber("royalty-bps", args.royaltyBps, 0, d.maxRoyaltyBps);
      const priceWei = etherParam("price", args.price);
      const signer = await signerAt(hre, args.from);
      const c = await createCollection(hre, {
        name: args.name,
        symbol: args.symbol,
        description: args.description,
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
