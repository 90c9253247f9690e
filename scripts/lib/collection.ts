import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractFactory } from "ethers";
import type { Receipt } from "hardhat-deploy/types";
import { Manifest } from "@openzeppelin/upgrades-core";

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

/**
 * The transaction fields hardhat-deploy saves with a deployment (`transactionHash`, `receipt` with
 * its block number), for deployments saved by hand: indexers start reading logs at that block.
 */
export async function deploymentRecord(
  hre: HardhatRuntimeEnvironment,
  hash: string | undefined,
): Promise<{ transactionHash?: string; receipt?: Receipt }> {
  const r = hash ? await hre.ethers.provider.getTransactionReceipt(hash) : null;
  if (!r) return {};
  return {
    transactionHash: r.hash,
    receipt: {
      from: r.from,
      to: r.to ?? undefined,
      contractAddress: r.contractAddress ?? undefined,
      transactionHash: r.hash,
      blockHash: r.blockHash,
      blockNumber: r.blockNumber,
      transactionIndex: r.index,
      gasUsed: r.gasUsed.toString(),
      cumulativeGasUsed: r.cumulativeGasUsed.toString(),
      status: r.status ?? undefined,
      logs: [],
    },
  };
}

/** An implementation's deploy transaction, from the upgrades plugin's network manifest. */
export async function implementationTxHash(
  hre: HardhatRuntimeEnvironment,
  implementation: string,
): Promise<string | undefined> {
  const manifest = await Manifest.forNetwork(hre.network.provider);
  try {
    return (await manifest.getDeploymentFromAddress(implementation)).txHash;
  } catch {
    return undefined; // not in this network's manifest
  }
}

/**
 * Saves a UUPS proxy the upgrades plugin just deployed as hardhat-deploy deployment `name` (ABI of
 * `contractName`, with its implementation address) and its implementation as `name_Implementation`,
 * both with their transactions so indexers can start at the deploy block. Returns both addresses.
 */
export async function saveProxyDeployment(
  hre: HardhatRuntimeEnvironment,
  name: string,
  contractName: string,
  proxy: { getAddress(): Promise<string>; deploymentTransaction(): { hash: string } | null },
): Promise<{ address: string; implementation: string }> {
  const address = await proxy.getAddress();
  const implementation = await hre.upgrades.erc1967.getImplementationAddress(address);
  const { abi } = await hre.deployments.getExtendedArtifact(contractName);
  await hre.deployments.save(name, {
    address,
    abi,
    implementation,
    ...(await deploymentRecord(hre, proxy.deploymentTransaction()?.hash)),
  });
  await hre.deployments.save(`${name}_Implementation`, {
    address: implementation,
    abi,
    ...(await deploymentRecord(hre, await implementationTxHash(hre, implementation))),
  });
  return { address, implementation };
}
