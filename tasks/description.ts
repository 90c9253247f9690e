import { task, types } from "hardhat/config";
import { action, cliInt, COLLECTION_HELP, eventNamesIn, getCollection, signerAt, userError } from "./lib/common";
import { decodeContractUri } from "./lib/render";

task("description", "The collection's description in contractURI: `get` (default) or `set --text T` (config role)")
  .addOptionalPositionalParam("subcommand", "get | set", "get", types.string)
  .addOptionalParam("text", "set: the new description, at most 160 bytes", undefined, types.string)
  .addOptionalParam("from", "Signer index (CONFIG_ROLE)", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ subcommand: string; text?: string; from: number; collection?: string; json?: boolean }>(
      async (args, hre) => {
        const collection = await getCollection(hre, args.collection);
        const read = async () =>
          decodeContractUri<{ description: string }>((await collection.contractURI()) as string).description;
        if (args.subcommand === "get") {
          const description = await read();
          return { data: { description }, text: description };
        }
        if (args.subcommand !== "set") throw userError(`unknown subcommand "${args.subcommand}" (get | set)`);
        if (args.text === undefined || args.text === "") throw userError("set needs --text <the new description>");
        const c = collection.connect(await signerAt(hre, args.from)) as typeof collection;
        const tx = await c.setDescription(args.text);
        const receipt = await tx.wait();
        const events = eventNamesIn(collection, receipt, [
          "DescriptionUpdated",
          "ContractURIUpdated",
          "BatchMetadataUpdate",
        ]);
        const description = await read();
        return {
          data: { tx: tx.hash, description, events },
          text: `Description set (tx ${tx.hash}; events ${events.join(", ")}: marketplaces refresh every token)\n${description}`,
        };
      },
    ),
  );
