import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractFactory } from "ethers";

/** Every library the `LivingAsset` implementation links, found in its artifact's link references. */
export async function linkedLibraries(
  hre: HardhatRuntimeEnvironment,
  contract = "LivingAsset",
): Promise<Record<string, string>> {
  const artifact = await hre.artifacts.readArtifact(contract);
  const libraries: Record<string, string> = {};
  for (const file of Object.values(artifact.linkReferences)) {
    for (const name of Object.keys(file)) libraries[name] = (await hre.deployments.get(name)).address;
  }
  return libraries;
}

/** A `LivingAsset` (or V2 mock) contract factory with its libraries linked from the deployments. */
export async function collectionFactory(
  hre: HardhatRuntimeEnvironment,
  contract = "LivingAsset",
): Promise<ContractFactory> {
  return hre.ethers.getContractFactory(contract, { libraries: await linkedLibraries(hre, contract) });
}
