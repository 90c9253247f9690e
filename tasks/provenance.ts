import fs from "node:fs";
import { task, types } from "hardhat/config";
import { keccak256 } from "ethers";
import { action, cliInt, COLLECTION_HELP, eventNamesIn, getCollection, signerAt, userError } from "./lib/common";
import { decodeContractUri } from "./lib/render";

/** The provenance record as contractURI shows it (ERC-7572). */
interface ProvenanceRecord {
  model_hash: string;
  dataset_hash: string;
  license: string;
  generator: string;
  generator_version: string;
  locked: boolean;
}

const ZERO_HASH = `0x${"0".repeat(64)}`;

/** `--model-hash` / `--model-file` (and the dataset's): a 32-byte hash as given, or keccak256 of a file's bytes. */
function hashOption(name: string, hash: string | undefined, file: string | undefined): string {
  if (hash !== undefined && file !== undefined)
    throw userError(`give either --${name}-hash or --${name}-file, not both`);
  if (file !== undefined) {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw userError(`--${name}-file ${file}: no such file`);
    return keccak256(fs.readFileSync(file));
  }
  if (hash === undefined) return ZERO_HASH;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash))
    throw userError(`--${name}-hash must be 0x followed by 64 hex digits (or use --${name}-file); got "${hash}"`);
  return hash.toLowerCase();
}

function recordText(p: ProvenanceRecord): string {
  const hash = (h: string) => (h === ZERO_HASH ? "none" : h);
  return [
    `generator  ${p.generator || "(none)"} ${p.generator_version}`.trimEnd(),
    `licence    ${p.license || "(none)"}`,
    `model      ${hash(p.model_hash)}`,
    `dataset    ${hash(p.dataset_hash)}`,
    `locked     ${p.locked ? "yes, for good" : "no"}`,
  ].join("\n");
}

task(
  "provenance",
  "The collection's provenance record in contractURI: `get` (default), `set` (default admin) or `lock` (for good)",
)
  .addOptionalPositionalParam("subcommand", "get | set | lock", "get", types.string)
  .addOptionalParam("generatorName", "set: the generator (tool or model), at most 32 bytes", undefined, types.string)
  .addOptionalParam("generatorVersion", "set: its version, at most 16 bytes", undefined, types.string)
  .addOptionalParam("licenseUri", "set: the licence's URI, at most 96 bytes", undefined, types.string)
  .addOptionalParam("modelHash", "set: the model weights' hash (0x + 64 hex digits)", undefined, types.string)
  .addOptionalParam("modelFile", "set: hash this file (keccak256) as the model hash", undefined, types.string)
  .addOptionalParam("datasetHash", "set: the training set's hash (0x + 64 hex digits)", undefined, types.string)
  .addOptionalParam("datasetFile", "set: hash this file (keccak256) as the dataset hash", undefined, types.string)
  .addOptionalParam("from", "Signer index (DEFAULT_ADMIN_ROLE)", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      subcommand: string;
      generatorName?: string;
      generatorVersion?: string;
      licenseUri?: string;
      modelHash?: string;
      modelFile?: string;
      datasetHash?: string;
      datasetFile?: string;
      from: number;
      collection?: string;
      json?: boolean;
    }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const record = async () =>
        decodeContractUri<{ provenance: ProvenanceRecord }>((await collection.contractURI()) as string).provenance;
      if (args.subcommand === "get") {
        const data = await record();
        return { data, text: recordText(data) };
      }
      if (args.subcommand !== "set" && args.subcommand !== "lock")
        throw userError(`unknown subcommand "${args.subcommand}" (get | set | lock)`);
      if ((await record()).locked)
        throw userError("the provenance record is locked for good (MetadataProvenanceLocked)");
      const c = collection.connect(await signerAt(hre, args.from)) as typeof collection;
      if (args.subcommand === "lock") {
        const tx = await c.lockProvenance();
        await tx.wait();
        const data = { tx: tx.hash, ...(await record()) };
        return { data, text: `Provenance locked for good (tx ${tx.hash})\n${recordText(data)}` };
      }
      if (!args.generatorName && !args.licenseUri)
        throw userError("set needs at least --generator-name or --license-uri (and may add the version and hashes)");
      const modelHash = hashOption("model", args.modelHash, args.modelFile);
      const datasetHash = hashOption("dataset", args.datasetHash, args.datasetFile);
      const tx = await c.setProvenance(
        modelHash,
        datasetHash,
        args.licenseUri ?? "",
        args.generatorName ?? "",
        args.generatorVersion ?? "",
      );
      const receipt = await tx.wait();
      const events = eventNamesIn(collection, receipt, [
        "ProvenanceUpdated",
        "ContractURIUpdated",
        "BatchMetadataUpdate",
      ]);
      const data = { tx: tx.hash, ...(await record()), events };
      return {
        data,
        text: `Provenance set (tx ${tx.hash}; events ${events.join(", ")}: marketplaces refresh every token)\n${recordText(data)}`,
      };
    }),
  );
