import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { collectionFactory } from "../scripts/lib/collection";
import { collectionParams, deployWorld } from "./helpers/fixture";
import { MIN_LIVE_ADMIN_DELAY } from "../config/networks";
import type { LivingAsset } from "../typechain-types";

/** SeedLogic.MIN_LIVE_ADMIN_DELAY (one day): the shortest notice a coordinator change gives on a live chain. */
const DAY = BigInt(MIN_LIVE_ADMIN_DELAY);

/**
 * What only a live chain's id changes: the admin delay a collection accepts and the notice a
 * coordinator change gives. Hardhat's in-process chain is 31337 (a development chain), so this file
 * runs in a second pass with a live chain id (`npm test` runs it with HARDHAT_CHAIN_ID=11155111,
 * as does `npm run coverage`); on a development chain it is skipped. The same rules are shown on a
 * `hardhat node --chain-id 11155111` rehearsal in cli-test.
 */
describe("on a live chain id (HARDHAT_CHAIN_ID=11155111)", function () {
  before(async function () {
    const { chainId } = await ethers.provider.getNetwork();
    if (chainId === 31337n || chainId === 1337n) this.skip();
  });

  it("initialize refuses an admin delay under a day (LivingAssetAdminDelayTooShort), and a day is enough", async () => {
    const w = await deployWorld();
    const factory = await collectionFactory(hre);
    const deploy = async (adminDelay: bigint) =>
      upgrades.deployProxy(factory, [await collectionParams(w, { adminDelay })], { kind: "uups" });
    for (const short of [0n, DAY - 1n]) {
      await expect(deploy(short))
        .to.be.revertedWithCustomError(w.collection, "LivingAssetAdminDelayTooShort")
        .withArgs(short, DAY);
    }
    const collection = (await deploy(DAY)) as unknown as LivingAsset;
    expect(await collection.defaultAdminDelay()).to.equal(DAY);
  });

  it("a coordinator change gives at least a day's notice even after the admin delay is lowered to zero", async () => {
    const w = await deployWorld();
    const { collection, deployer } = w;
    // The deployed collection's delay (the deploy's default, two days) lowered to zero, the
    // AccessControlDefaultAdminRules way: scheduled, then effective once the old delay has run.
    await (await collection.connect(deployer).changeDefaultAdminDelay(0)).wait();
    const [, effect] = await collection.pendingDefaultAdminDelay();
    await time.increaseTo(effect + 1n); // effective strictly after its schedule
    expect(await collection.defaultAdminDelay()).to.equal(0n);

    const target = await w.renderer.getAddress(); // any contract: only the schedule is looked at
    const tx = await collection.connect(deployer).setCoordinator(target);
    const at = BigInt((await tx.getBlock())!.timestamp);
    await expect(tx)
      .to.emit(collection, "CoordinatorChangeScheduled")
      .withArgs(target, at + DAY);
    // Not a second earlier.
    await time.setNextBlockTimestamp(at + DAY - 1n);
    await expect(collection.connect(deployer).setCoordinator(target))
      .to.be.revertedWithCustomError(collection, "SeedCoordinatorChangeNotReady")
      .withArgs(target, at + DAY);
  });
});
