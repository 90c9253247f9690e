/**
 * Token histories for the tasks, the demo and the tests: the replay lives in `client/history.ts`
 * (no Hardhat import; the app runs it in a browser). This adapter reads it through Hardhat: the
 * network's provider, the compiled ABIs, and hardhat-deploy's deploy blocks.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { Contract } from "ethers";
import { CollectionHistory, type ChainReader, type LoadOptions } from "../../client/history";

export * from "../../client/history";

/** The block a contract was deployed in, from hardhat-deploy's saved receipts, or undefined. */
export async function deployBlockOf(hre: HardhatRuntimeEnvironment, address: string): Promise<number | undefined> {
  const all = await hre.deployments.all();
  let best: number | undefined;
  for (const d of Object.values(all)) {
    if (d.address?.toLowerCase() !== address.toLowerCase()) continue;
    const n = d.receipt?.blockNumber;
    if (n !== undefined && (best === undefined || Number(n) < best)) best = Number(n);
  }
  return best;
}

/** A history reader over Hardhat's provider and artifacts. */
export function hardhatChain(hre: HardhatRuntimeEnvironment): ChainReader {
  const provider = hre.ethers.provider;
  return {
    provider,
    contract: (name, address) => new Contract(address, hre.artifacts.readArtifactSync(name).abi, provider),
    deployBlockOf: (address) => deployBlockOf(hre, address),
  };
}

/** `CollectionHistory.load` through Hardhat. */
export function loadHistory(
  hre: HardhatRuntimeEnvironment,
  collectionAddress: string,
  options: LoadOptions = {},
): Promise<CollectionHistory> {
  return CollectionHistory.load(hardhatChain(hre), collectionAddress, options);
}
