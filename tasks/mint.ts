import { task, types } from "hardhat/config";
import { action, eventsIn, getCollection } from "./lib/common";

task("mint", "Mint tokens: public mint paying the price, or mintTo (minter role) with --to")
  .addParam("quantity", "Number of tokens", 1, types.int)
  .addOptionalParam("to", "Recipient: uses mintTo (free, MINTER_ROLE)", undefined, types.string)
  .addOptionalParam("from", "Signer index", 0, types.int)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ quantity: number; to?: string; from: number; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre);
      const signer = (await hre.ethers.getSigners())[args.from];
      const c = collection.connect(signer) as typeof collection;
      let tx;
      if (args.to) {
        tx = await c.mintTo(hre.ethers.getAddress(args.to), args.quantity);
      } else {
        const [price] = await collection.saleConfig();
        tx = await c.mint(args.quantity, { value: BigInt(price) * BigInt(args.quantity) });
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
