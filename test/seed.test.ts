import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import {
  closeCohort,
  deployWorld,
  fulfil,
  IgnoreReason,
  impersonate,
  mintAs as mint,
  plain,
  PRICE,
  requestIdsOf,
  seedOf,
  seedState,
  timeAtLeast,
  type World,
} from "./helpers/fixture";

// The VRF side of reveal cohorts: how a cohort's word arrives, who may send it, what is ignored,
// how a stuck cohort is retried, and the request parameters. Cohort membership, the reveal trigger
// and rendering are in test/cohorts.test.ts; the coordinator trust model in test/coordinator.test.ts.

const abi = ethers.AbiCoder.defaultAbiCoder();
/** The word VRFCoordinatorV2_5Mock.fulfillRandomWords sends: keccak256(abi.encode(requestId, 0)). */
const mockWord = (requestId: bigint): bigint => seedOf(requestId, 0);
const REQUEST_KIND_COHORT = 1;
const key = (trait: string) => ethers.id(trait);

describe("SeedModule (Chainlink VRF v2.5, reveal cohorts)", () => {
  it("one word reveals a whole cohort: every seed is keccak256(abi.encode(word, tokenId)), with the events indexers and marketplaces read", async () => {
    const w = await deployWorld();
    await mint(w, w.alice, 3);
    await mint(w, w.bob, 2);
    const requestId = await closeCohort(w, w.carol);
    expect(await w.collection.isRevealed(4)).to.equal(false);
    await expect(w.collection.seedOf(4)).to.be.revertedWithCustomError(w.collection, "SeedNotRevealed").withArgs(4);
    expect(await w.collection.getTraitValue(4, key("revealed"))).to.equal(ethers.ZeroHash);

    const epoch = await w.collection.currentEpoch();
    const word = 12345n;
    const tx = w.coordinator.fulfillRandomWordsWithOverride(requestId, await w.collection.getAddress(), [word]);
    await expect(tx).to.emit(w.collection, "CohortRevealed").withArgs(0, 1, 5, epoch);
    await expect(tx).to.emit(w.collection, "BatchMetadataUpdate").withArgs(1, 5);
    await expect(tx)
      .to.emit(w.collection, "TraitUpdatedRangeUniformValue")
      .withArgs(key("revealed"), 1, 5, ethers.toBeHex(1, 32));
    await expect(tx).to.emit(w.collection, "TraitUpdatedRange").withArgs(key("stage"), 1, 5);
    await expect(tx).to.emit(w.collection, "TraitUpdatedRange").withArgs(key("genome"), 1, 5);
    await expect(tx).to.emit(w.collection, "TraitUpdatedRange").withArgs(key("temperament"), 1, 5);
    await expect(tx)
      .to.emit(w.coordinator, "RandomWordsFulfilled")
      .withArgs(requestId, requestId, w.subscriptionId, (p: bigint) => p > 0n, false, true, false);

    const c = await w.collection.cohort(0);
    expect([c.firstTokenId, c.quantity, c.revealed, c.randomness, c.birthEpoch]).to.deep.equal([
      1n,
      5n,
      true,
      word,
      epoch,
    ]);
    for (let id = 1; id <= 5; id++) {
      expect(await w.collection.isRevealed(id)).to.equal(true);
      expect(await w.collection.seedOf(id), `seed of ${id}`).to.equal(seedOf(word, id));
      expect(await w.collection.getTraitValue(id, key("revealed"))).to.equal(ethers.toBeHex(1, 32));
      expect((await w.collection.phenotypeOf(id)).seed).to.equal(seedOf(word, id));
    }
  });

  it("a stranger cannot fulfil: SeedOnlyCoordinator(caller, coordinator), and nothing changes", async () => {
    const w = await deployWorld();
    await mint(w, w.alice, 2);
    const id = await closeCohort(w);
    const before = await seedState(w);
    await expect(w.collection.connect(w.alice).rawFulfillRandomWords(id, [1n]))
      .to.be.revertedWithCustomError(w.collection, "SeedOnlyCoordinator")
      .withArgs(w.alice.address, await w.coordinator.getAddress());
    await expect(w.collection.connect(w.deployer).rawFulfillRandomWords(999n, [1n]))
      .to.be.revertedWithCustomError(w.collection, "SeedOnlyCoordinator")
      .withArgs(w.deployer.address, await w.coordinator.getAddress());
    expect(await seedState(w)).to.deep.equal(before);
  });

  it("unknown ids, repeats and empty word arrays are ignored without reverting; extra words are ignored", async () => {
    const w = await deployWorld();
    await mint(w, w.alice, 3);
    const id = await closeCohort(w);
    const c = w.collection.connect(await impersonate(await w.coordinator.getAddress()));
    await expect(c.rawFulfillRandomWords(999n, [1n]))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(999n, IgnoreReason.UnknownRequest);
    await expect(c.rawFulfillRandomWords(id, []))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(id, IgnoreReason.NoWords);
    // An empty answer leaves the request pending, as if it had not come.
    expect(await w.collection.isRevealed(1)).to.equal(false);
    expect((await w.collection.cohort(0)).randomness).to.equal(id);
    await expect(c.rawFulfillRandomWords(id, [5n, 6n, 7n]))
      .to.emit(w.collection, "CohortRevealed")
      .withArgs(0, 1, 3, 0);
    expect(await w.collection.seedOf(2)).to.equal(seedOf(5n, 2));
    const before = await seedState(w);
    await expect(c.rawFulfillRandomWords(id, [8n]))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(id, IgnoreReason.UnknownRequest);
    expect(await seedState(w)).to.deep.equal(before);
    expect(await w.collection.seedOf(2)).to.equal(seedOf(5n, 2));
  });

  describe("stuck cohorts", () => {
    it("a live request is replaced only by the config role and only after the timeout; its late word is ignored and the new one reveals", async () => {
      const w = await deployWorld();
      await mint(w, w.alice, 4);
      const oldId = await closeCohort(w, w.bob);
      const CONFIG_ROLE = await w.collection.CONFIG_ROLE();
      const { requestedAt } = await w.collection.cohort(0);
      const timeout = (await w.collection.vrfConfig()).rerequestTimeout;
      const availableAt = requestedAt + timeout;
      const before = await seedState(w);

      // Anyone else: the role check (the holder and the closer alike).
      for (const who of [w.alice, w.bob]) {
        await expect(w.collection.connect(who).rerequestCohort(0))
          .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
          .withArgs(who.address, CONFIG_ROLE);
      }
      // The config role, one second early.
      await time.setNextBlockTimestamp(availableAt - 1n);
      await expect(w.collection.rerequestCohort(0))
        .to.be.revertedWithCustomError(w.collection, "SeedRerequestTooEarly")
        .withArgs(0, availableAt);
      expect(await seedState(w)).to.deep.equal(before);

      // On time.
      await time.setNextBlockTimestamp(availableAt);
      const tx = w.collection.rerequestCohort(0);
      const [newId] = await requestIdsOf(w.collection, tx);
      expect(newId).to.not.equal(oldId);
      await expect(tx).to.emit(w.collection, "CohortRerequested").withArgs(0, oldId, newId);
      await expect(tx)
        .to.emit(w.collection, "RandomnessRequested")
        .withArgs(newId, REQUEST_KIND_COHORT, 0, await w.coordinator.getAddress());
      const c = await w.collection.cohort(0);
      expect([c.randomness, c.requestedAt, c.revealed]).to.deep.equal([newId, availableAt, false]);
      expect((await w.collection.cohortState()).cohortCount).to.equal(1n); // the same cohort, not a new one

      // The replaced request's word still comes, and is ignored.
      await expect(w.coordinator.fulfillRandomWords(oldId, await w.collection.getAddress()))
        .to.emit(w.collection, "RandomnessIgnored")
        .withArgs(oldId, IgnoreReason.StaleRequest);
      for (let id = 1; id <= 4; id++) expect(await w.collection.isRevealed(id)).to.equal(false);

      await expect(w.coordinator.fulfillRandomWords(newId, await w.collection.getAddress()))
        .to.emit(w.collection, "CohortRevealed")
        .withArgs(0, 1, 4, 0);
      for (let id = 1; id <= 4; id++) expect(await w.collection.seedOf(id)).to.equal(seedOf(mockWord(newId), id));
      expect(mockWord(newId)).to.not.equal(mockWord(oldId));

      // A revealed cohort cannot be re-requested; nor can a cohort that does not exist.
      await expect(w.collection.rerequestCohort(0))
        .to.be.revertedWithCustomError(w.collection, "SeedCohortRevealed")
        .withArgs(0);
      await expect(w.collection.connect(w.alice).rerequestCohort(0))
        .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
        .withArgs(w.alice.address, CONFIG_ROLE);
      await expect(w.collection.rerequestCohort(9))
        .to.be.revertedWithCustomError(w.collection, "SeedUnknownCohort")
        .withArgs(9);
      await expect(w.collection.connect(w.alice).rerequestCohort(9))
        .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
        .withArgs(w.alice.address, CONFIG_ROLE);
      await expect(w.collection.cohort(9)).to.be.revertedWithCustomError(w.collection, "SeedUnknownCohort").withArgs(9);
    });

    it("a refused request: the cohort closes all the same (RandomnessRequestFailed, randomness 0) and anyone re-requests it at once", async () => {
      const w = await deployWorld();
      const collection = await w.collection.getAddress();
      await w.coordinator.removeConsumer(w.subscriptionId, collection);
      await mint(w, w.alice, 2);
      const reason = w.coordinator.interface.encodeErrorResult("InvalidConsumer", [w.subscriptionId, collection]);

      const state = await w.collection.cohortState();
      await timeAtLeast(state.openedAt + state.minRevealDelay);
      const tx = w.collection.connect(w.carol).reveal();
      await expect(tx).to.emit(w.collection, "CohortClosed").withArgs(0, 1, 2);
      await expect(tx).to.emit(w.collection, "RandomnessRequestFailed").withArgs(REQUEST_KIND_COHORT, 0, reason);
      await expect(tx).to.not.emit(w.collection, "RandomnessRequested");
      const c = await w.collection.cohort(0);
      expect([c.firstTokenId, c.quantity, c.randomness, c.revealed]).to.deep.equal([1n, 2n, 0n, false]);
      expect((await w.collection.cohortState()).openFirstTokenId).to.equal(3n);
      expect(await w.collection.cohortIdOf(2)).to.equal(0n);

      // While the coordinator still refuses, the retry reverts with its reason and changes nothing.
      const before = await seedState(w);
      await expect(w.collection.connect(w.bob).rerequestCohort(0))
        .to.be.revertedWithCustomError(w.coordinator, "InvalidConsumer")
        .withArgs(w.subscriptionId, collection);
      expect(await seedState(w)).to.deep.equal(before);

      // Consumer restored: anyone (bob holds nothing) retries at once, no timeout.
      await w.coordinator.addConsumer(w.subscriptionId, collection);
      const retry = w.collection.connect(w.bob).rerequestCohort(0);
      const [newId] = await requestIdsOf(w.collection, retry);
      await expect(retry).to.emit(w.collection, "CohortRerequested").withArgs(0, 0, newId);
      await fulfil(w, newId);
      for (let id = 1; id <= 2; id++) expect(await w.collection.seedOf(id)).to.equal(seedOf(mockWord(newId), id));
    });

    it("an unfunded subscription: the request is made, the coordinator cannot pay the fulfilment, and the cohort is retried after the timeout", async () => {
      const w = await deployWorld();
      const receipt = await (await w.coordinator.createSubscription()).wait();
      const subId = w.coordinator.interface.parseLog(receipt!.logs[0])!.args.subId as bigint;
      await w.coordinator.addConsumer(subId, await w.collection.getAddress());
      const cfg = await w.collection.vrfConfig();
      await w.collection.setVrfConfig({ ...plain(cfg), subscriptionId: subId });
      await mint(w, w.alice, 5);
      const id = await closeCohort(w);
      expect(id).to.not.equal(0n);
      expect(await w.collection.totalSupply()).to.equal(5n);
      await expect(w.coordinator.fulfillRandomWords(id, await w.collection.getAddress())).to.be.revertedWithCustomError(
        w.coordinator,
        "InsufficientBalance",
      );
      expect(await w.collection.isRevealed(1)).to.equal(false);
      await time.increase(Number(cfg.rerequestTimeout));
      await w.coordinator.fundSubscription(subId, 10n ** 20n);
      const [newId] = await requestIdsOf(w.collection, w.collection.rerequestCohort(0));
      await fulfil(w, newId);
      expect(await w.collection.isRevealed(5)).to.equal(true);
      expect(await w.collection.seedOf(5)).to.equal(seedOf(mockWord(newId), 5));
    });
  });

  it("VRF request parameters are validated against VRF v2.5 limits (exact errors, nothing changes) and emit on change", async () => {
    const w = await deployWorld();
    const cfg = plain(await w.collection.vrfConfig());
    const min = await w.collection.MIN_CALLBACK_GAS_LIMIT();
    const cases: [Record<string, unknown>, string, unknown[]][] = [
      [{ requestConfirmations: 201 }, "SeedInvalidConfirmations", [201, 200]],
      [{ callbackGasLimit: 2_500_001 }, "SeedInvalidCallbackGasLimit", [2_500_001, min, 2_500_000]],
      [{ callbackGasLimit: min - 1n }, "SeedInvalidCallbackGasLimit", [min - 1n, min, 2_500_000]],
      [{ keyHash: ethers.ZeroHash }, "SeedZeroKeyHash", []],
      [{ rerequestTimeout: 3599 }, "SeedInvalidTimeout", [3599]],
      [{ rerequestTimeout: 30 * 24 * 3600 + 1 }, "SeedInvalidTimeout", [30 * 24 * 3600 + 1]],
      // The coordinator is not a request parameter (test/coordinator.test.ts).
      [{ coordinator: w.alice.address }, "SeedCoordinatorChangeNotAllowed", [cfg.coordinator, w.alice.address]],
    ];
    for (const [change, error, args] of cases) {
      await expect(w.collection.setVrfConfig({ ...cfg, ...change }), error)
        .to.be.revertedWithCustomError(w.collection, error)
        .withArgs(...args);
    }
    expect(plain(await w.collection.vrfConfig())).to.deep.equal(cfg);
    await expect(w.collection.connect(w.alice).setVrfConfig(cfg))
      .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
      .withArgs(w.alice.address, await w.collection.CONFIG_ROLE());

    const next = {
      ...cfg,
      nativePayment: true,
      requestConfirmations: 200n,
      callbackGasLimit: min,
      rerequestTimeout: 3600n,
    };
    await expect(w.collection.setVrfConfig(next))
      .to.emit(w.collection, "VrfConfigUpdated")
      .withArgs(next.coordinator, next.keyHash, next.subscriptionId, 200, min, true, 3600);
    expect(plain(await w.collection.vrfConfig())).to.deep.equal(next);

    // The next request carries them: native payment, 200 confirmations, the callback gas limit.
    await mint(w, w.alice, 1);
    const state = await w.collection.cohortState();
    await timeAtLeast(state.openedAt + state.minRevealDelay);
    await expect(w.collection.reveal())
      .to.emit(w.coordinator, "RandomWordsRequested")
      .withArgs(
        cfg.keyHash,
        1,
        (preSeed: bigint) => preSeed >= 0n,
        cfg.subscriptionId,
        200,
        min,
        1,
        ethers.id("VRF ExtraArgsV1").slice(0, 10) + abi.encode(["bool"], [true]).slice(2),
        await w.collection.getAddress(),
      );
  });
});
