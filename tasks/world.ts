import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { action, cliInt, COLLECTION_HELP, eventsIn, getCollection, getWorld, signerAt } from "./lib/common";

/** The collection named by --collection, its World, and a label for messages. */
async function collectionAndWorld(hre: HardhatRuntimeEnvironment, which?: string) {
  const collection = await getCollection(hre, which);
  const world = await getWorld(hre, collection);
  const address = await collection.getAddress();
  const label = `${await collection.symbol()} (${address})`;
  return { collection, world, address, label };
}

async function isSubscribed(world: Contract, address: string): Promise<boolean> {
  return ((await world.subscribers()) as string[]).some((a) => a.toLowerCase() === address.toLowerCase());
}

task("sync-world", "Catch a collection up with its World after a missed epoch hook (anyone)")
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ collection?: string; from: number; json?: boolean }>(async (args, hre) => {
      const { collection, world, label } = await collectionAndWorld(hre, args.collection);
      const before = BigInt(await collection.currentEpoch());
      const signer = await signerAt(hre, args.from);
      const tx = await (collection.connect(signer) as Contract).syncWorld();
      const receipt = await tx.wait();
      const [e] = eventsIn(collection, receipt, "WorldSynced");
      const epoch = BigInt((e?.epoch as bigint | undefined) ?? (await collection.currentEpoch()));
      const data = {
        tx: tx.hash,
        collection: await collection.getAddress(),
        world: await world.getAddress(),
        from: before,
        epoch,
        gasUsed: receipt.gasUsed,
      };
      return { data, text: `${label} caught up with the World: epoch ${before} -> ${epoch} (tx ${tx.hash})` };
    }),
  );

task("subscribe", "World admin: subscribe a collection, so every advance of the World moves it too")
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addOptionalParam("from", "Signer index (the World's default admin)", 0, cliInt)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ collection?: string; from: number; json?: boolean }>(async (args, hre) => {
      const { collection, world, address, label } = await collectionAndWorld(hre, args.collection);
      const signer = await signerAt(hre, args.from);
      const tx = await (world.connect(signer) as Contract).addSubscriber(address);
      await tx.wait();
      const [worldEpoch, collectionEpoch] = [BigInt(await world.epochCount()), BigInt(await collection.currentEpoch())];
      const subscribers = [...((await world.subscribers()) as string[])];
      const data = {
        tx: tx.hash,
        collection: address,
        world: await world.getAddress(),
        subscribers,
        worldEpoch,
        collectionEpoch,
      };
      const lag =
        collectionEpoch < worldEpoch
          ? `; it is at epoch ${collectionEpoch}, the World at ${worldEpoch}: run \`npx hardhat sync-world --collection ${address}\``
          : "";
      return {
        data,
        text: `Subscribed ${label} to the World ${data.world} (${subscribers.length} subscriber(s))${lag}`,
      };
    }),
  );

task("unsubscribe", "World admin: unsubscribe a collection (it can still catch up with `sync-world`)")
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addOptionalParam("from", "Signer index (the World's default admin)", 0, cliInt)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ collection?: string; from: number; json?: boolean }>(async (args, hre) => {
      const { world, address, label } = await collectionAndWorld(hre, args.collection);
      const signer = await signerAt(hre, args.from);
      const tx = await (world.connect(signer) as Contract).removeSubscriber(address);
      await tx.wait();
      const subscribers = [...((await world.subscribers()) as string[])];
      const data = {
        tx: tx.hash,
        collection: address,
        world: await world.getAddress(),
        subscribers,
        subscribed: await isSubscribed(world, address),
      };
      return {
        data,
        text: `Unsubscribed ${label} from the World ${data.world} (${subscribers.length} subscriber(s) left); it now moves only with \`sync-world\``,
      };
    }),
  );
