import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { DeployFunction } from "hardhat-deploy/types";
import { COLLECTION_DEFAULTS } from "../config/networks";
import { collectionDeploymentName } from "../tasks/lib/common";
import { createCollection, gasText } from "../tasks/lib/collections";

/**
 * Opt-in (tag "second-collection", not part of "all"): another collection in the same World, as
 * `npx hardhat new-collection` makes one: a proxy over the implementation, libraries and renderer
 * already deployed, subscribed to the World, the deployer granted every role, and on development
 * chains a consumer of the VRF subscription with its sale open. Saved as `LivingAsset_<SYMBOL>`;
 * a second run reuses it.
 *
 * Name and symbol: SECOND_COLLECTION_NAME and SECOND_COLLECTION_SYMBOL, else the collection
 * defaults (config/networks.ts); the sale parameters are the collection defaults.
 *
 * Untagged deploys (`npx hardhat deploy`, `hardhat node`) skip it: it runs when the command line
 * names the tag (`npx hardhat deploy --tags second-collection`) or VIVARIUM_SECOND_COLLECTION=1
 * (for `deployments.fixture(["second-collection"])` in code).
 */
const TAG = "second-collection";

/** Whether this run asked for the tag (see above). */
function secondCollectionRequested(): boolean {
  if (process.env.VIVARIUM_SECOND_COLLECTION === "1") return true;
  const argv = process.argv;
  const i = argv.indexOf("--tags");
  return i >= 0 && (argv[i + 1] ?? "").split(",").includes(TAG);
}

const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const d = COLLECTION_DEFAULTS;
  const name = process.env.SECOND_COLLECTION_NAME ?? d.name;
  const symbol = process.env.SECOND_COLLECTION_SYMBOL ?? d.symbol;
  const log = hre.network.name !== "hardhat";
  const existing = await hre.deployments.getOrNull(collectionDeploymentName(symbol));
  if (existing) {
    if (log) console.log(`reusing ${collectionDeploymentName(symbol)} proxy at ${existing.address}`);
    return;
  }
  const { deployer } = await hre.getNamedAccounts();
  const c = await createCollection(hre, { name, symbol, signer: await hre.ethers.getSigner(deployer) });
  if (log) {
    console.log(
      `${c.deployment} proxy ${c.address} (implementation ${c.implementation}, ${c.implementationReused ? "reused" : "new"})`,
    );
    console.log(gasText(c.gas, c.totalGas));
  }
};
func.tags = [TAG];
func.dependencies = ["configure"];
func.skip = async () => !secondCollectionRequested();
export default func;
