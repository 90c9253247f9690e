import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { collectionFactory, deploymentRecord, implementationTxHash } from "../scripts/lib/collection";
import {
  action,
  addressParam,
  cliInt,
  COLLECTION_HELP,
  COLLECTION_PREFIX,
  collectionDeploymentName,
  collectionNames,
  getCollection,
  signerAt,
  userError,
} from "./lib/common";
import { requireLibraries } from "./lib/collections";

/** The hardhat-deploy record of the collection `--collection` names (an address must be a saved one). */
async function collectionDeployment(hre: HardhatRuntimeEnvironment, which?: string) {
  if (which && /^0x/i.test(which)) {
    const address = addressParam(hre, "collection", which).toLowerCase();
    for (const name of await collectionNames(hre)) {
      const d = await hre.deployments.get(name);
      if (d.address.toLowerCase() === address) return { name, existing: d };
    }
    throw userError(`--collection ${which} is no collection saved on ${hre.network.name}: pass its name or symbol`);
  }
  const name =
    which === undefined || which === "LivingAsset"
      ? "LivingAsset"
      : which.startsWith(COLLECTION_PREFIX)
        ? which
        : collectionDeploymentName(which);
  await getCollection(hre, name); // one line naming what is missing
  return { name, existing: await hre.deployments.get(name) };
}

task(
  "upgrade",
  "Upgrade a collection's UUPS proxy: validate, deploy the new implementation (libraries linked), upgradeToAndCall",
)
  .addOptionalParam("contract", "Implementation contract name", "LivingAsset", types.string)
  .addFlag("dryRun", "Validate the upgrade only (storage layout, UUPS, linked libraries); send nothing")
  .addOptionalParam(
    "unsafeAllow",
    "Comma-separated extra unsafeAllow flags, e.g. missing-initializer-call",
    undefined,
    types.string,
  )
  .addOptionalParam("call", "Function to call during the upgrade, e.g. initializeV2", undefined, types.string)
  .addOptionalParam("args", "JSON array of arguments for --call", "[]", types.string)
  .addOptionalParam("from", "Signer index (UPGRADER_ROLE)", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      contract: string;
      dryRun?: boolean;
      unsafeAllow?: string;
      call?: string;
      args: string;
      from: number;
      collection?: string;
      json?: boolean;
    }>(async (args, hre) => {
      const { deployments, upgrades } = hre;
      const { name, existing } = await collectionDeployment(hre, args.collection);
      const proxy = existing.address;
      const libraries = await requireLibraries(hre, args.contract);
      const signer = await signerAt(hre, args.from);
      const factory = (await collectionFactory(hre, args.contract)).connect(signer) as Awaited<
        ReturnType<typeof collectionFactory>
      >;
      const unsafeAllow = (args.unsafeAllow ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean) as NonNullable<Parameters<typeof upgrades.validateUpgrade>[2]>["unsafeAllow"];
      const opts = {
        kind: "uups" as const,
        ...(unsafeAllow?.length ? { unsafeAllow } : {}),
      };
      const before = await upgrades.erc1967.getImplementationAddress(proxy);

      await upgrades.validateUpgrade(proxy, factory, opts);
      if (args.dryRun) {
        const data = {
          dryRun: true,
          valid: true,
          proxy,
          contract: args.contract,
          currentImplementation: before,
          libraries,
        };
        return {
          data,
          text: `Upgrade of ${proxy} to ${args.contract} is valid (dry run; current implementation ${before})`,
        };
      }

      let callArgs: unknown[];
      try {
        callArgs = JSON.parse(args.args) as unknown[];
      } catch {
        throw userError(`--args must be a JSON array, e.g. '[42]'; got ${args.args}`);
      }
      if (!Array.isArray(callArgs)) throw userError(`--args must be a JSON array, e.g. '[42]'; got ${args.args}`);
      const upgraded = await upgrades.upgradeProxy(proxy, factory, {
        ...opts,
        ...(args.call ? { call: { fn: args.call, args: callArgs } } : {}),
      });
      await upgraded.waitForDeployment();
      const implementation = await upgrades.erc1967.getImplementationAddress(proxy);
      const artifact = await deployments.getExtendedArtifact(args.contract);
      await deployments.save(name, { ...existing, abi: artifact.abi, implementation });
      await deployments.save(`${name}_Implementation`, {
        address: implementation,
        abi: artifact.abi,
        ...(await deploymentRecord(hre, await implementationTxHash(hre, implementation))),
      });
      const data = {
        dryRun: false,
        proxy,
        contract: args.contract,
        previousImplementation: before,
        implementation,
        changed: before.toLowerCase() !== implementation.toLowerCase(),
        libraries,
      };
      return {
        data,
        text: `Upgraded ${proxy} to ${args.contract}: implementation ${before} -> ${implementation}${data.changed ? "" : " (unchanged bytecode)"}`,
      };
    }),
  );
