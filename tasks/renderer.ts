import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
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

async function rendererVersion(hre: HardhatRuntimeEnvironment, address: string): Promise<string | null> {
  try {
    const r = await hre.ethers.getContractAt(["function version() view returns (string)"], address);
    return (await r.version()) as string;
  } catch {
    return null;
  }
}

/** Deploy `name` with `args` from `signer` and record it as hardhat-deploy would; returns its address. */
async function deployAndSave(
  hre: HardhatRuntimeEnvironment,
  signer: Awaited<ReturnType<typeof signerAt>>,
  name: string,
  args: string[] = [],
): Promise<string> {
  const factory = await hre.ethers.getContractFactory(name, signer);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  const address = await contract.getAddress();
  const artifact = await hre.deployments.getExtendedArtifact(name);
  const receipt = await contract.deploymentTransaction()?.wait();
  await hre.deployments.save(name, {
    address,
    abi: artifact.abi,
    args,
    bytecode: artifact.bytecode,
    deployedBytecode: artifact.deployedBytecode,
    transactionHash: receipt?.hash,
  });
  return address;
}

/**
 * Deploy a fresh LivingAssetRenderer and its art contracts (FaceArt, OrganismArt, TerrariumArt,
 * deployed first and given to its constructor, as deploy/02_renderer.ts does) and record them.
 */
async function deployRenderer(hre: HardhatRuntimeEnvironment, from: number): Promise<string> {
  const signer = await signerAt(hre, from);
  const face = await deployAndSave(hre, signer, "FaceArt");
  const organism = await deployAndSave(hre, signer, "OrganismArt", [face]);
  const terrarium = await deployAndSave(hre, signer, "TerrariumArt");
  return deployAndSave(hre, signer, "LivingAssetRenderer", [organism, terrarium]);
}

task("renderer", "The collection's renderer: `get`, `set --address <a>` (or `set --deploy`), `lock`")
  .addOptionalPositionalParam("subcommand", "get | set | lock", "get", types.string)
  .addOptionalParam("address", "set: the new renderer contract", undefined, types.string)
  .addFlag("deploy", "Deploy a fresh LivingAssetRenderer and set it (implies `set`)")
  .addOptionalParam("from", "Signer index (CONFIG_ROLE for set, DEFAULT_ADMIN_ROLE for lock)", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      subcommand: string;
      address?: string;
      deploy?: boolean;
      from: number;
      collection?: string;
      json?: boolean;
    }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const signer = await signerAt(hre, args.from);
      const c = collection.connect(signer) as typeof collection;
      const sub = args.deploy ? "set" : args.subcommand;
      const state = async () => {
        const address = (await collection.renderer()) as string;
        return {
          renderer: address,
          locked: (await collection.rendererLocked()) as boolean,
          version: await rendererVersion(hre, address),
        };
      };
      if (sub === "get") {
        const data = await state();
        return {
          data,
          text: `renderer ${data.renderer} (version ${data.version ?? "?"}) ${data.locked ? "locked" : "unlocked"}`,
        };
      }
      if (sub === "set") {
        if (args.deploy && args.address) throw userError("give either --address or --deploy, not both");
        if (!args.deploy && !args.address) throw userError("set needs --address <renderer> or --deploy");
        if (await collection.rendererLocked()) throw userError("the renderer is locked (MetadataRendererLocked)");
        const previous = (await collection.renderer()) as string;
        const target = args.deploy ? await deployRenderer(hre, args.from) : addressParam(hre, "address", args.address!);
        const tx = await c.setRenderer(target);
        const receipt = await tx.wait();
        const [e] = eventsIn(collection, receipt, "RendererUpdated");
        const data = { tx: tx.hash, previous, deployed: !!args.deploy, ...(await state()), event: e ?? null };
        return {
          data,
          text: `Renderer ${previous} -> ${data.renderer}${args.deploy ? " (freshly deployed)" : ""} (tx ${tx.hash})`,
        };
      }
      if (sub === "lock") {
        const tx = await c.lockRenderer();
        await tx.wait();
        const data = { tx: tx.hash, ...(await state()) };
        return { data, text: `Renderer ${data.renderer} locked for good (tx ${tx.hash})` };
      }
      throw userError(`unknown subcommand "${args.subcommand}" (get | set | lock)`);
    }),
  );
