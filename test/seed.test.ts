import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { deployWorld, IgnoreReason, PRICE, requestIdsOf, type World } from "./helpers/fixture";
import { plain } from "./helpers/fixture";

/** Calls `rawFulfillRandomWords` as the coordinator (impersonated) and returns the receipt's gas. */
async function fulfilAsCoordinator(w: World, requestId: bigint, words: bigint[]): Promise<bigint> {
  const coordinator = await w.coordinator.getAddress();
  await hre.network.provider.send("hardhat_impersonateAccount", [coordinator]);
  await hre.network.provider.send("hardhat_setBalance", [coordinator, "0x1000000000000000000"]);
  const signer = await ethers.getSigner(coordinator);
  const receipt = await (await w.collection.connect(signer).rawFulfillRandomWords(requestId, words)).wait();
  await hre.network.provider.send("hardhat_stopImpersonatingAccount", [coordinator]);
  return receipt!.gasUsed;
}

async function mintBatch(w: World, quantity: number): Promise<bigint> {
  await w.collection.setSaleConfig(PRICE, 10_000, 1_000, 100);
  const [id] = await requestIdsOf(
    w.collection,
    w.collection.connect(w.alice).mint(quantity, { value: PRICE * BigInt(quantity) }),
  );
  return id;
}

describe("SeedModule (Chainlink VRF v2.5)", () => {
  it("one request per mint call, whatever the quantity; seeds revealed on fulfilment", async () => {
    const w = await deployWorld();
    const ids = await requestIdsOf(w.collection, w.collection.connect(w.alice).mint(20, { value: PRICE * 20n }));
    expect(ids.length).to.equal(1);
    expect(await w.collection.isRevealed(7)).to.equal(false);
    await expect(w.collection.seedOf(7)).to.be.revertedWithCustomError(w.collection, "SeedNotRevealed").withArgs(7);
    await expect(w.coordinator.fulfillRandomWordsWithOverride(ids[0], await w.collection.getAddress(), [12345n]))
      .to.emit(w.collection, "BatchRevealed")
      .withArgs(0, 1, 20)
      .and.to.emit(w.collection, "BatchMetadataUpdate")
      .withArgs(1, 20);
    const expected = BigInt(
      ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "uint256"], [12345n, 7n])),
    );
    expect(await w.collection.seedOf(7)).to.equal(expected);
    expect(await w.collection.isRevealed(20)).to.equal(true);
  });

  it("finds each token's batch by binary search across many batches", async () => {
    const w = await deployWorld();
    const sizes = [3, 1, 7, 2, 5, 1, 4];
    for (const q of sizes) await w.collection.connect(w.bob).mint(q, { value: PRICE * BigInt(q) });
    let token = 1;
    for (let b = 0; b < sizes.length; b++) {
      for (let i = 0; i < sizes[b]; i++, token++) expect(await w.collection.batchIdOf(token)).to.equal(BigInt(b));
    }
  });

  it("fulfilment gas is at most 60,000 (ERC-7496 reveal events included) and equal within 1% for batches of 1, 10 and 50", async () => {
    const gas: bigint[] = [];
    for (const q of [1, 10, 50]) {
      const w = await deployWorld();
      const id = await mintBatch(w, q);
      gas.push(await fulfilAsCoordinator(w, id, [BigInt(q) * 7919n]));
    }
    console.log(`      VRF fulfilment gas (tx) for batches 1/10/50: ${gas.join(" / ")}`);
    for (const g of gas) expect(g).to.be.lte(60_000n);
    const max = gas.reduce((a, b) => (a > b ? a : b));
    const min = gas.reduce((a, b) => (a < b ? a : b));
    expect(Number(max - min) / Number(min)).to.be.lte(0.01);
    // The callback gas floor must stay at least twice the heaviest measured callback: the
    // transaction's gas less its intrinsic cost (21,000 and the calldata of one word; the
    // coordinator pays that, not the callback gas limit). test/real-vrf.test.ts measures the same
    // inside Chainlink's real coordinator's exact-gas call.
    const calldata = ethers.getBytes(
      (await ethers.getContractAt("LivingAsset", ethers.ZeroAddress)).interface.encodeFunctionData(
        "rawFulfillRandomWords",
        [1n, [7919n * 50n]],
      ),
    );
    const intrinsic = 21_000n + calldata.reduce((sum, b) => sum + (b === 0 ? 4n : 16n), 0n);
    expect(BigInt(await w_minCallback())).to.be.gte(2n * (max - intrinsic));
  });

  it("a stranger cannot fulfil", async () => {
    const w = await deployWorld();
    const id = await mintBatch(w, 2);
    await expect(w.collection.connect(w.alice).rawFulfillRandomWords(id, [1n]))
      .to.be.revertedWithCustomError(w.collection, "SeedOnlyCoordinator")
      .withArgs(w.alice.address, await w.coordinator.getAddress());
  });

  it("unknown ids, repeats and empty word arrays are ignored without reverting; extra words are ignored", async () => {
    const w = await deployWorld();
    const id = await mintBatch(w, 3);
    const coordinator = await w.coordinator.getAddress();
    await hre.network.provider.send("hardhat_impersonateAccount", [coordinator]);
    await hre.network.provider.send("hardhat_setBalance", [coordinator, "0x1000000000000000000"]);
    const c = w.collection.connect(await ethers.getSigner(coordinator));
    await expect(c.rawFulfillRandomWords(999n, [1n]))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(999n, 0);
    await expect(c.rawFulfillRandomWords(id, [])).to.emit(w.collection, "RandomnessIgnored").withArgs(id, 2);
    expect(await w.collection.isRevealed(1)).to.equal(false);
    await expect(c.rawFulfillRandomWords(id, [5n, 6n, 7n])).to.emit(w.collection, "BatchRevealed");
    const seed = await w.collection.seedOf(2);
    await expect(c.rawFulfillRandomWords(id, [8n]))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(id, 0);
    expect(await w.collection.seedOf(2)).to.equal(seed);
  });

  it("a stuck batch is re-requested only by the config role and only after the timeout; the old word is then ignored", async () => {
    const w = await deployWorld();
    const oldId = await mintBatch(w, 4);
    await expect(w.collection.connect(w.alice).rerequestBatch(0)).to.be.revertedWithCustomError(
      w.collection,
      "AccessControlUnauthorizedAccount",
    );
    const batch = await w.collection.batch(0);
    const timeout = (await w.collection.vrfConfig()).rerequestTimeout;
    await expect(w.collection.rerequestBatch(0))
      .to.be.revertedWithCustomError(w.collection, "SeedRerequestTooEarly")
      .withArgs(0, batch.requestedAt + timeout);
    expect((await w.collection.batch(0)).randomness).to.equal(oldId);
    await time.increase(Number(timeout));
    const [newId] = await requestIdsOf(w.collection, w.collection.rerequestBatch(0));
    expect(newId).to.not.equal(oldId);
    await expect(w.coordinator.fulfillRandomWords(oldId, await w.collection.getAddress()))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(oldId, IgnoreReason.StaleRequest);
    expect(await w.collection.isRevealed(1)).to.equal(false);
    await expect(w.coordinator.fulfillRandomWords(newId, await w.collection.getAddress())).to.emit(
      w.collection,
      "BatchRevealed",
    );
    await expect(w.collection.rerequestBatch(0))
      .to.be.revertedWithCustomError(w.collection, "SeedBatchRevealed")
      .withArgs(0);
    await expect(w.collection.rerequestBatch(9))
      .to.be.revertedWithCustomError(w.collection, "SeedUnknownBatch")
      .withArgs(9);
    await expect(w.collection.batch(9)).to.be.revertedWithCustomError(w.collection, "SeedUnknownBatch").withArgs(9);
  });

  it("minting with an unfunded subscription still mints; the fulfilment fails cleanly and the batch stays re-requestable", async () => {
    const w = await deployWorld();
    const sub = await w.coordinator.createSubscription();
    const receipt = await sub.wait();
    const subId = w.coordinator.interface.parseLog(receipt!.logs[0])!.args.subId as bigint;
    await w.coordinator.addConsumer(subId, await w.collection.getAddress());
    const cfg = await w.collection.vrfConfig();
    await w.collection.setVrfConfig({ ...plain(cfg), subscriptionId: subId });
    const id = await mintBatch(w, 5);
    expect(await w.collection.totalSupply()).to.equal(5n);
    await expect(w.coordinator.fulfillRandomWords(id, await w.collection.getAddress())).to.be.revertedWithCustomError(
      w.coordinator,
      "InsufficientBalance",
    );
    expect(await w.collection.isRevealed(1)).to.equal(false);
    await time.increase(Number(cfg.rerequestTimeout));
    await w.coordinator.fundSubscription(subId, 10n ** 20n);
    const [newId] = await requestIdsOf(w.collection, w.collection.rerequestBatch(0));
    await w.coordinator.fulfillRandomWords(newId, await w.collection.getAddress());
    expect(await w.collection.isRevealed(5)).to.equal(true);
  });

  it("a mint whose request the coordinator refuses still succeeds and anyone can re-request it at once", async () => {
    const w = await deployWorld();
    await w.coordinator.removeConsumer(w.subscriptionId, await w.collection.getAddress());
    await expect(w.collection.connect(w.alice).mint(2, { value: PRICE * 2n })).to.emit(
      w.collection,
      "RandomnessRequestFailed",
    );
    expect((await w.collection.batch(0)).randomness).to.equal(0n);
    await w.coordinator.addConsumer(w.subscriptionId, await w.collection.getAddress());
    await expect(w.collection.connect(w.bob).rerequestBatch(0)).to.emit(w.collection, "BatchRerequested");
  });

  it("VRF config is validated against VRF v2.5 limits and emits on change", async () => {
    const w = await deployWorld();
    const cfg = plain(await w.collection.vrfConfig());
    const cases: [Record<string, unknown>, string][] = [
      [{ requestConfirmations: 201 }, "SeedInvalidConfirmations"],
      [{ callbackGasLimit: 2_500_001 }, "SeedInvalidCallbackGasLimit"],
      [{ callbackGasLimit: 99_999 }, "SeedInvalidCallbackGasLimit"],
      [{ keyHash: ethers.ZeroHash }, "SeedZeroKeyHash"],
      [{ coordinator: w.alice.address }, "SeedCoordinatorNotContract"],
      [{ rerequestTimeout: 60 }, "SeedInvalidTimeout"],
    ];
    for (const [change, error] of cases) {
      await expect(w.collection.setVrfConfig({ ...cfg, ...change }), error).to.be.revertedWithCustomError(
        w.collection,
        error,
      );
    }
    expect(plain(await w.collection.vrfConfig())).to.deep.equal(cfg);
    await expect(w.collection.setVrfConfig({ ...cfg, nativePayment: true, requestConfirmations: 200 })).to.emit(
      w.collection,
      "VrfConfigUpdated",
    );
    await expect(w.collection.connect(w.alice).setVrfConfig(cfg)).to.be.revertedWithCustomError(
      w.collection,
      "AccessControlUnauthorizedAccount",
    );
  });

  it("reports the gas a VRF request adds to minting 10", async () => {
    const w = await deployWorld();
    const receipt = await (await w.collection.connect(w.alice).mint(10, { value: PRICE * 10n })).wait();
    console.log(`      mint 10 with its VRF request: ${receipt!.gasUsed} gas`);
    // Budget: ERC721A mint (~96k) + one request on the mock coordinator (~127k) + the batch record.
    expect(receipt!.gasUsed).to.be.lte(340_000n);
  });
});

async function w_minCallback(): Promise<bigint> {
  const w = await deployWorld();
  return BigInt(await w.collection.MIN_CALLBACK_GAS_LIMIT());
}
