import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { collectionFactory, deploymentRecord, implementationTxHash } from "../scripts/lib/collection";
import { action, cliInt, signerAt, userError } from "./lib/common";

/** Every library `contract` links, checked against hardhat-deploy's deployments (clear error if one is missing). */
async function requireLibraries(hre: HardhatRuntimeEnvironment, contract: string): Promise<Record<string, string>> {
  const artifact = await hre.artifacts.readArtifact(contract);
  const names = Object.values(artifact.linkReferences).flatMap((file) => Object.keys(file));
  const found: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const d = await hre.deployments.getOrNull(name);
    if (d) found[name] = d.address;
    else missing.push(name);
  }
  if (missing.length) {
    throw userError(
      `${contract} links ${missing.join(", ")}, not deployed on ${hre.network.name}: run \`npx hardhat deploy --tags libraries --network ${hre.network.name}\` first`,
    );
  }
  return found;
}

task(
  "upgrade",
  "Upgrade the LivingAsset UUPS proxy: validate, deploy the new implementation (libraries linked), upgradeToAndCall",
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
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      contract: string;
      dryRun?: boolean;
      unsafeAllow?: string;
      call?: string;
      args: string;
      from: number;
      json?: boolean;
    }>(async (args, hre) => {
      const { deployments, upgrades } = hre;
      const existing = await deployments.get("LivingAsset");
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
      await deployments.save("LivingAsset", { ...existing, abi: artifact.abi, implementation });
      await deployments.save("LivingAsset_Implementation", {
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
