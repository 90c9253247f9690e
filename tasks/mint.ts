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
  wholeNumber,
} from "./lib/common";

task("mint", "Mint tokens: public mint paying the price, or mintTo (minter role) with --to")
  .addParam("quantity", "Number of tokens (1 to the collection's maxPerMint)", 1, cliInt)
  .addOptionalParam("to", "Recipient: uses mintTo (free, MINTER_ROLE)", undefined, types.string)
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ quantity: number; to?: string; from: number; collection?: string; json?: boolean }>(async (args, hre) => {
      wholeNumber("quantity", args.quantity, 1);
      const collection = await getCollection(hre, args.collection);
      const [price, maxSupply, , maxPerMint, open] = await collection.saleConfig();
      const quantity = wholeNumber("quantity", args.quantity, 1, Number(maxPerMint));
      const remaining = Number(maxSupply) - Number(await collection.totalSupply());
      if (quantity > remaining) throw userError(`--quantity ${quantity} is more than the ${remaining} tokens left`);
      const signer = await signerAt(hre, args.from);
      const c = collection.connect(signer) as typeof collection;
      let tx;
      if (args.to) {
        tx = await c.mintTo(addressParam(hre, "to", args.to), quantity);
      } else {
        if (!open)
          throw userError(
            "the public sale is closed: CONFIG_ROLE opens it (setSaleOpen), or mint with --to as MINTER_ROLE",
          );
        tx = await c.mint(quantity, { value: BigInt(price) * BigInt(quantity) });
      }
      const receipt = await tx.wait();
      const [b] = eventsIn(collection, receipt, "BatchMinted");
      const [r] = eventsIn(collection, receipt, "RandomnessRequested");
      const data = {
        tx: tx.hash,
        to: b?.to,
        batchId: b?.batchId,
        firstTokenId: b?.firstTokenId,
        quantity: b?.quantity,
        requestId: r?.requestId ?? null,
      };
      const last = BigInt(data.firstTokenId as bigint) + BigInt(data.quantity as bigint) - 1n;
      return {
        data,
        text: `Minted ${data.quantity} token(s) #${data.firstTokenId}..#${last} to ${data.to} (batch ${data.batchId}, VRF request ${data.requestId ?? "none"})`,
      };
    }),
  );
