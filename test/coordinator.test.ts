import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import {
  advance,
  closeCohort,
  deployWorld,
  fulfil,
  IgnoreReason,
  impersonate,
  mintAndReveal,
  plain,
  PRICE,
  requestIdsOf,
  seedOf as seedFor,
  seedState,
  timeAtLeast,
  type World,
} from "./helpers/fixture";
import { deployRealWorld, fulfilRequest, mintRequest, pendingRequest, type RealWorld } from "./helpers/real-vrf";
import { MOCKS } from "../config/networks";
import type {
  VRFCoordinatorV2_5Mock,
  VRFCoordinatorV2Plus_V2Example,
  VRFV2PlusConsumerExample,
} from "../typechain-types";

// The VRF trust model (issue 13): no single role can choose a seed or a metamorphosis outcome.
// The config role sets request parameters but never the coordinator; the coordinator changes only
// through Chainlink's subscription migration (the current coordinator calls `setCoordinator`) or
// through the default admin after the admin delay, announced in advance; every request records the
// coordinator it was sent to, and only that coordinator may fulfil it.

const abi = ethers.AbiCoder.defaultAbiCoder();
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
const REQUEST_KIND_COHORT = 1;
const P = (usd: number): bigint => BigInt(Math.round(usd * 1e8));
type Signer = World["alice"];

/** A fresh VRFCoordinatorV2_5Mock deployed by `owner`, with a funded subscription of its own. */
async function newMock(owner: Signer): Promise<{ mock: VRFCoordinatorV2_5Mock; address: string; subId: bigint }> {
  const factory = await ethers.getContractFactory("VRFCoordinatorV2_5Mock", owner);
  const mock = (await factory.deploy(
    MOCKS.vrfBaseFee,
    MOCKS.vrfGasPrice,
    MOCKS.vrfWeiPerUnitLink,
  )) as unknown as VRFCoordinatorV2_5Mock;
  const receipt = await (await mock.createSubscription()).wait();
  const subId = mock.interface.parseLog(receipt!.logs[0])!.args.subId as bigint;
  await (await mock.fundSubscription(subId, MOCKS.subscriptionFund)).wait();
  return { mock, address: await mock.getAddress(), subId };
}

/** The default admin's way: schedule, wait the admin delay, apply. */
async function adminChangeCoordinator(w: World, to: string): Promise<void> {
  await (await w.collection.connect(w.deployer).setCoordinator(to)).wait();
  await time.increaseTo((await w.collection.cohortState()).coordinatorEffectiveAt);
  await (await w.collection.connect(w.deployer).setCoordinator(to)).wait();
}

/** Chainlink's next-version example coordinator, registered on the real coordinator as a migration target. */
async function registeredTarget(
  w: RealWorld,
): Promise<{ target: VRFCoordinatorV2Plus_V2Example; targetAddress: string }> {
  const factory = await ethers.getContractFactory("VRFCoordinatorV2Plus_V2Example");
  const real = await w.coordinator.getAddress();
  const target = (await factory.deploy(await w.link.getAddress(), real)) as unknown as VRFCoordinatorV2Plus_V2Example;
  const targetAddress = await target.getAddress();
  await (await w.coordinator.registerMigratableCoordinator(targetAddress)).wait();
  return { target, targetAddress };
}

/** What anyone can do on Chainlink's real coordinator: create a subscription and list the collection as its consumer. */
async function strangerSubscription(w: RealWorld, owner: Signer): Promise<bigint> {
  const receipt = await (await w.coordinator.connect(owner).createSubscription()).wait();
  const created = receipt!.logs
    .map((l) => w.coordinator.interface.parseLog(l))
    .find((e) => e?.name === "SubscriptionCreated");
  const subId = created!.args.subId as bigint;
  await (await w.coordinator.connect(owner).addConsumer(subId, await w.collection.getAddress())).wait();
  return subId;
}

/** `reveal()`, as soon as the minimum delay allows (anyone may call it). */
async function revealNow(w: Pick<World, "collection">) {
  const s = await w.collection.cohortState();
  await timeAtLeast(s.openedAt + s.minRevealDelay);
  return w.collection.reveal();
}

describe("VRF coordinator trust", () => {
  describe("the attack from the security review fails", () => {
    it("the config role cannot point setVrfConfig at its own contract, nor fulfil the pending request from it: the honest word reveals", async () => {
      const w = await deployWorld();
      const CONFIG_ROLE = await w.collection.CONFIG_ROLE();
      const attacker = w.carol;
      await w.collection.grantRole(CONFIG_ROLE, attacker.address);
      expect(await w.collection.hasRole(DEFAULT_ADMIN_ROLE, attacker.address)).to.equal(false);
      const real = await w.coordinator.getAddress();
      const collection = await w.collection.getAddress();

      await w.collection.connect(w.alice).mint(5, { value: PRICE * 5n });
      const pendingId = await closeCohort(w, w.bob);

      // The attacker's own coordinator: a VRFCoordinatorV2_5Mock it deployed, which calls
      // rawFulfillRandomWords on any consumer with any words for the ids it knows.
      const { mock: evil, address: evilAddress, subId: evilSub } = await newMock(attacker);
      const chosen = 0xbadn;
      const before = await seedState(w);

      // 1. Repoint the collection with the config role's setVrfConfig.
      const cfg = plain(await w.collection.vrfConfig());
      await expect(w.collection.connect(attacker).setVrfConfig({ ...cfg, coordinator: evilAddress }))
        .to.be.revertedWithCustomError(w.collection, "SeedCoordinatorChangeNotAllowed")
        .withArgs(real, evilAddress);
      // 2. Or with setCoordinator: the default admin's (or the current coordinator's) call only.
      await expect(w.collection.connect(attacker).setCoordinator(evilAddress))
        .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
        .withArgs(attacker.address, DEFAULT_ADMIN_ROLE);
      expect(await seedState(w)).to.deep.equal(before);

      // 3. Fulfil the pending id with a chosen word from the attacker's coordinator: the mock needs
      //    a request of that id of its own, so the attacker makes requests until it has one.
      await evil.addConsumer(evilSub, attacker.address);
      const request = {
        keyHash: cfg.keyHash,
        subId: evilSub,
        requestConfirmations: 3,
        callbackGasLimit: 500_000,
        numWords: 1,
        extraArgs: ethers.id("VRF ExtraArgsV1").slice(0, 10) + abi.encode(["bool"], [false]).slice(2),
      };
      for (let i = 1n; i <= pendingId; i++) await evil.connect(attacker).requestRandomWords(request);
      await expect(evil.connect(attacker).fulfillRandomWordsWithOverride(pendingId, collection, [chosen]))
        .to.emit(evil, "RandomWordsFulfilled")
        .withArgs(pendingId, pendingId, evilSub, (p: bigint) => p > 0n, false, false /* callback failed */, false);
      expect(await seedState(w)).to.deep.equal(before);
      //    The callback's revert, seen directly: the caller is not the coordinator the request was sent to.
      await expect(w.collection.connect(await impersonate(evilAddress)).rawFulfillRandomWords(pendingId, [chosen]))
        .to.be.revertedWithCustomError(w.collection, "SeedOnlyCoordinator")
        .withArgs(evilAddress, real);
      expect(await seedState(w)).to.deep.equal(before);

      // The honest word still reveals the cohort.
      await fulfil(w, pendingId);
      const { randomness: word } = await w.collection.cohort(0);
      for (let id = 1; id <= 5; id++) {
        expect(await w.collection.seedOf(id)).to.equal(seedFor(word, id));
        expect(await w.collection.seedOf(id)).to.not.equal(seedFor(chosen, id));
      }
    });

    it("nor can it choose a metamorphosis outcome", async () => {
      const w = await deployWorld();
      const attacker = w.carol;
      await w.collection.grantRole(await w.collection.CONFIG_ROLE(), attacker.address);
      await mintAndReveal(w, w.alice, 1);
      for (let i = 0; i < 5; i++) {
        await advance(w, P(3000 + 10 * i));
        await w.collection.connect(w.alice).nurture(1);
      }
      const [metamorphosisId] = await requestIdsOf(w.collection, w.collection.connect(w.alice).metamorphose(1));
      const { address: evilAddress } = await newMock(attacker);
      const before = plain(await w.collection.phenotypeOf(1));
      expect([before.generation, before.metamorphosisPending]).to.deep.equal([0n, true]);
      await expect(
        w.collection.connect(await impersonate(evilAddress)).rawFulfillRandomWords(metamorphosisId, [0xbadn]),
      )
        .to.be.revertedWithCustomError(w.collection, "SeedOnlyCoordinator")
        .withArgs(evilAddress, await w.coordinator.getAddress());
      expect(plain(await w.collection.phenotypeOf(1))).to.deep.equal(before);
      await expect(w.coordinator.fulfillRandomWords(metamorphosisId, await w.collection.getAddress()))
        .to.emit(w.collection, "Metamorphosed")
        .withArgs(1, 1, metamorphosisId, (mutation: bigint) => mutation > 0n);
    });
  });

  it("the default admin schedules a coordinator change (CoordinatorChangeScheduled, effective after the admin delay); early, non-admin and non-contract calls revert", async () => {
    const w = await deployWorld();
    const { address: next } = await newMock(w.deployer);
    const { address: other } = await newMock(w.deployer);
    const delay = await w.collection.defaultAdminDelay();
    expect(delay).to.equal(2n * 24n * 3600n); // config/networks.ts adminDelaySeconds
    await w.collection.grantRole(await w.collection.CONFIG_ROLE(), w.carol.address);
    const before = await seedState(w);

    for (const who of [w.alice, w.carol /* config role */]) {
      await expect(w.collection.connect(who).setCoordinator(next))
        .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
        .withArgs(who.address, DEFAULT_ADMIN_ROLE);
    }
    await expect(w.collection.setCoordinator(w.alice.address))
      .to.be.revertedWithCustomError(w.collection, "SeedCoordinatorNotContract")
      .withArgs(w.alice.address);
    expect(await seedState(w)).to.deep.equal(before);

    // Scheduled: announced with its date, nothing else changes yet.
    const t1 = BigInt(await time.latest()) + 10n;
    await time.setNextBlockTimestamp(t1);
    const scheduled = w.collection.setCoordinator(next);
    await expect(scheduled)
      .to.emit(w.collection, "CoordinatorChangeScheduled")
      .withArgs(next, t1 + delay);
    await expect(scheduled).to.not.emit(w.collection, "CoordinatorSet");
    let state = await w.collection.cohortState();
    expect([state.pendingCoordinator, state.coordinatorEffectiveAt]).to.deep.equal([next, t1 + delay]);
    expect((await w.collection.vrfConfig()).coordinator).to.equal(await w.coordinator.getAddress());

    // Applying it a second early.
    const pending = await seedState(w);
    await time.setNextBlockTimestamp(t1 + delay - 1n);
    await expect(w.collection.setCoordinator(next))
      .to.be.revertedWithCustomError(w.collection, "SeedCoordinatorChangeNotReady")
      .withArgs(next, t1 + delay);
    expect(await seedState(w)).to.deep.equal(pending);

    // Scheduling another address replaces the schedule; the replaced one must start over.
    const t2 = t1 + delay;
    await time.setNextBlockTimestamp(t2);
    await expect(w.collection.setCoordinator(other))
      .to.emit(w.collection, "CoordinatorChangeScheduled")
      .withArgs(other, t2 + delay);
    await time.setNextBlockTimestamp(t2 + delay);
    const restarted = w.collection.setCoordinator(next);
    await expect(restarted)
      .to.emit(w.collection, "CoordinatorChangeScheduled")
      .withArgs(next, t2 + 2n * delay);
    await expect(restarted).to.not.emit(w.collection, "CoordinatorSet");
    expect((await w.collection.vrfConfig()).coordinator).to.equal(await w.coordinator.getAddress());

    // On time: applied, and the schedule is cleared.
    await time.setNextBlockTimestamp(t2 + 2n * delay);
    await expect(w.collection.setCoordinator(next)).to.emit(w.collection, "CoordinatorSet").withArgs(next);
    expect((await w.collection.vrfConfig()).coordinator).to.equal(next);
    state = await w.collection.cohortState();
    expect([state.pendingCoordinator, state.coordinatorEffectiveAt]).to.deep.equal([ethers.ZeroAddress, 0n]);
    // The request parameters stay; the config role may now set them for the new coordinator only.
    expect({ ...plain(await w.collection.vrfConfig()), coordinator: before.vrf.coordinator }).to.deep.equal(before.vrf);
    await expect(w.collection.connect(w.carol).setVrfConfig(before.vrf))
      .to.be.revertedWithCustomError(w.collection, "SeedCoordinatorChangeNotAllowed")
      .withArgs(next, before.vrf.coordinator);
  });

  it("a request records its coordinator: after a change the old coordinator still fulfils what was sent to it, the new one cannot, and the new one fulfils the new requests", async () => {
    const w = await deployWorld();
    const old = await w.coordinator.getAddress();
    const collection = await w.collection.getAddress();
    await w.collection.connect(w.alice).mint(2, { value: PRICE * 2n }); // #1-#2
    const oldId = await closeCohort(w); // cohort 0, sent to the old coordinator

    const { mock: next, address: nextAddress, subId: nextSub } = await newMock(w.deployer);
    await next.addConsumer(nextSub, collection);
    await adminChangeCoordinator(w, nextAddress);
    await w.collection.setVrfConfig({ ...plain(await w.collection.vrfConfig()), subscriptionId: nextSub });

    // The new coordinator knows nothing of cohort 0's request: ignored, cohort 0 still waits.
    const asNext = w.collection.connect(await impersonate(nextAddress));
    await expect(asNext.rawFulfillRandomWords(oldId, [0xbeefn]))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(oldId, IgnoreReason.UnknownRequest);
    expect(await w.collection.isRevealed(1)).to.equal(false);
    expect((await w.collection.cohort(0)).randomness).to.equal(oldId);

    // Cohort 1 goes to the new coordinator. Both mocks number their requests from 1: the same id
    // under two coordinators names two different cohorts.
    await w.collection.connect(w.bob).mint(3, { value: PRICE * 3n }); // #3-#5
    const tx = revealNow(w);
    const [newId] = await requestIdsOf(w.collection, tx);
    await expect(tx).to.emit(w.collection, "RandomnessRequested").withArgs(newId, REQUEST_KIND_COHORT, 1, nextAddress);
    await expect(tx).to.emit(next, "RandomWordsRequested");
    expect(newId).to.equal(oldId);

    await expect(next.fulfillRandomWordsWithOverride(newId, collection, [222n]))
      .to.emit(w.collection, "CohortRevealed")
      .withArgs(1, 3, 3, 0);
    expect(await w.collection.isRevealed(1)).to.equal(false);
    for (const id of [3, 4, 5]) expect(await w.collection.seedOf(id)).to.equal(seedFor(222n, id));

    // The old coordinator, no longer current, still fulfils the request it was sent.
    await expect(w.coordinator.fulfillRandomWordsWithOverride(oldId, collection, [111n]))
      .to.emit(w.collection, "CohortRevealed")
      .withArgs(0, 1, 2, 0);
    for (const id of [1, 2]) expect(await w.collection.seedOf(id)).to.equal(seedFor(111n, id));
    for (const id of [3, 4, 5]) expect(await w.collection.seedOf(id)).to.equal(seedFor(222n, id));

    // Once answered, the old coordinator has nothing more to say here; strangers never had.
    const after = await seedState(w);
    await expect(w.collection.connect(await impersonate(old)).rawFulfillRandomWords(oldId, [333n]))
      .to.be.revertedWithCustomError(w.collection, "SeedOnlyCoordinator")
      .withArgs(old, nextAddress);
    await expect(w.collection.connect(w.alice).rawFulfillRandomWords(oldId, [333n]))
      .to.be.revertedWithCustomError(w.collection, "SeedOnlyCoordinator")
      .withArgs(w.alice.address, nextAddress);
    expect(await seedState(w)).to.deep.equal(after);
  });

  it("even the default admin's own coordinator cannot answer a request sent before the change", async () => {
    const w = await deployWorld();
    await w.collection.connect(w.alice).mint(3, { value: PRICE * 3n });
    const pendingId = await closeCohort(w);
    const { address: adminsOwn } = await newMock(w.deployer);
    await adminChangeCoordinator(w, adminsOwn);
    // Now the current coordinator: its answer to an id it was never sent is ignored.
    await expect(w.collection.connect(await impersonate(adminsOwn)).rawFulfillRandomWords(pendingId, [0xbadn]))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(pendingId, IgnoreReason.UnknownRequest);
    expect(await w.collection.isRevealed(1)).to.equal(false);
    await fulfil(w, pendingId);
    const { randomness: word } = await w.collection.cohort(0);
    expect(word).to.not.equal(0xbadn);
    expect(await w.collection.seedOf(3)).to.equal(seedFor(word, 3));
  });

  it("the current coordinator's setCoordinator while the collection's subscription is still on it (another subscription migrating) is ignored, as is any other contract's; an account without the admin role is refused", async () => {
    const w = await deployWorld();
    const current = await w.coordinator.getAddress();
    const { address: next } = await newMock(w.deployer);
    const { address: other } = await newMock(w.deployer);
    await w.collection.setCoordinator(next); // the admin's schedule, which must survive
    const before = await seedState(w);
    const fromCurrent = w.collection.connect(await impersonate(current)).setCoordinator(other);
    await expect(fromCurrent).to.emit(w.collection, "CoordinatorMigrationIgnored").withArgs(current, other);
    await expect(fromCurrent).to.not.emit(w.collection, "CoordinatorSet");
    await expect(fromCurrent).to.not.emit(w.collection, "CoordinatorChangeScheduled");
    // A contract that is not the current coordinator (a former one's migration loop): ignored, no revert.
    await expect(w.collection.connect(await impersonate(other)).setCoordinator(other))
      .to.emit(w.collection, "CoordinatorMigrationIgnored")
      .withArgs(other, other);
    // An account without code and without the admin role: refused.
    await expect(w.collection.connect(w.alice).setCoordinator(other))
      .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
      .withArgs(w.alice.address, DEFAULT_ADMIN_ROLE);
    expect(await seedState(w)).to.deep.equal(before);
  });

  it("a migration call is ignored when the collection's subscription is not provably gone from the current coordinator and present on the target: a coordinator that cannot answer, a target without code, a target without the subscription", async () => {
    const w = await deployWorld();
    const current = await w.coordinator.getAddress();
    const { address: empty } = await newMock(w.deployer); // a coordinator without the subscription
    // The collection's subscription cancelled on the current coordinator: gone, as after a migration.
    await (await w.coordinator.cancelSubscription(w.subscriptionId, w.deployer.address)).wait();
    const before = await seedState(w);
    for (const target of [w.alice.address, empty]) {
      const call = w.collection.connect(await impersonate(current)).setCoordinator(target);
      await expect(call).to.emit(w.collection, "CoordinatorMigrationIgnored").withArgs(current, target);
      await expect(call).to.not.emit(w.collection, "CoordinatorSet");
    }
    expect(await seedState(w)).to.deep.equal(before);

    // A current coordinator whose getSubscription reverts without InvalidSubscription, set by the
    // admin: a contract that has no such function (an empty revert), or one that answers with
    // another error. Neither is taken for a migration.
    const unavailable = await (await ethers.deployContract("UnavailableCoordinator")).getAddress();
    for (const coordinator of [await w.feed.getAddress(), unavailable]) {
      await adminChangeCoordinator(w, coordinator);
      const at = await seedState(w);
      const call = w.collection.connect(await impersonate(coordinator)).setCoordinator(empty);
      await expect(call).to.emit(w.collection, "CoordinatorMigrationIgnored").withArgs(coordinator, empty);
      await expect(call).to.not.emit(w.collection, "CoordinatorSet");
      expect(await seedState(w)).to.deep.equal(at);
      expect((await w.collection.vrfConfig()).coordinator).to.equal(coordinator);
    }
  });

  it("the default admin cancels a scheduled change by naming the current coordinator", async () => {
    const w = await deployWorld();
    const current = await w.coordinator.getAddress();
    const { address: next } = await newMock(w.deployer);
    const delay = await w.collection.defaultAdminDelay();

    // Nothing scheduled: naming the current coordinator changes nothing and says nothing.
    await expect(w.collection.setCoordinator(current)).to.not.emit(w.collection, "CoordinatorChangeScheduled");

    // Scheduled, then cancelled: the schedule is gone at once, announced with effective time 0.
    await w.collection.setCoordinator(next);
    await expect(w.collection.setCoordinator(current))
      .to.emit(w.collection, "CoordinatorChangeScheduled")
      .withArgs(current, 0n);
    const state = await w.collection.cohortState();
    expect([state.pendingCoordinator, state.coordinatorEffectiveAt]).to.deep.equal([ethers.ZeroAddress, 0n]);
    // The cancelled address must start over: after the delay, naming it schedules it again.
    await time.increase(delay);
    const again = w.collection.setCoordinator(next);
    await expect(again).to.emit(w.collection, "CoordinatorChangeScheduled");
    await expect(again).to.not.emit(w.collection, "CoordinatorSet");
    expect((await w.collection.vrfConfig()).coordinator).to.equal(current);
  });

  it("the old coordinator's late word of a replaced request is ignored even when the new coordinator reused its id", async () => {
    const w = await deployWorld();
    const collection = await w.collection.getAddress();
    await w.collection.connect(w.alice).mint(2, { value: PRICE * 2n });
    const oldId = await closeCohort(w); // cohort 0, sent to the fixture's mock: id 1
    // The default admin moves to another coordinator (a second mock), the documented way.
    const { mock: next, address: nextAddress, subId } = await newMock(w.deployer);
    await next.addConsumer(subId, collection);
    await adminChangeCoordinator(w, nextAddress);
    await w.collection.setVrfConfig({ ...plain(await w.collection.vrfConfig()), subscriptionId: subId });
    // Cohort 0 is stuck: the config role replaces its request after the timeout, at the new coordinator.
    await time.increase(24 * 3600);
    const [newId] = await requestIdsOf(w.collection, w.collection.rerequestCohort(0));
    expect(newId).to.equal(oldId); // both coordinators number requests from 1
    // The replaced request's late word (old coordinator) must be ignored as stale...
    await expect(w.coordinator.fulfillRandomWordsWithOverride(oldId, collection, [111n]))
      .to.emit(w.collection, "RandomnessIgnored")
      .withArgs(oldId, IgnoreReason.StaleRequest);
    // ...and the new request reveals.
    await expect(next.fulfillRandomWordsWithOverride(newId, collection, [222n])).to.emit(
      w.collection,
      "CohortRevealed",
    );
    expect(await w.collection.seedOf(1)).to.equal(seedFor(222n, 1));
  });

  it("Chainlink's subscription migration: the real VRFCoordinatorV2_5 migrates to Chainlink's next-version example, which the collection then requests from", async () => {
    const w = await deployRealWorld();
    const collection = await w.collection.getAddress();
    const real = await w.coordinator.getAddress();
    const factory = await ethers.getContractFactory("VRFCoordinatorV2Plus_V2Example");
    const target = (await factory.deploy(await w.link.getAddress(), real)) as unknown as VRFCoordinatorV2Plus_V2Example;
    const targetAddress = await target.getAddress();
    await w.coordinator.registerMigratableCoordinator(targetAddress);

    // The subscription is shared: Chainlink's example consumer is listed before the collection, and
    // migrates with it.
    const other = (await ethers.deployContract("VRFV2PlusConsumerExample", [
      real,
      await w.link.getAddress(),
    ])) as unknown as VRFV2PlusConsumerExample;
    const otherAddress = await other.getAddress();
    await (await w.coordinator.removeConsumer(w.linkSub, collection)).wait();
    await (await w.coordinator.addConsumer(w.linkSub, otherAddress)).wait();
    await (await w.coordinator.addConsumer(w.linkSub, collection)).wait();

    // A cohort waiting for its word blocks the migration (Chainlink's rule); once answered, it goes.
    const pendingId = await mintRequest(w, w.alice, 2);
    await expect(w.coordinator.migrate(w.linkSub, targetAddress)).to.be.revertedWithCustomError(
      w.coordinator,
      "PendingRequestExists",
    );
    expect((await fulfilRequest(w, pendingId)).success).to.equal(true);
    const { balance: link } = await w.coordinator.getSubscription(w.linkSub);

    const migration = w.coordinator.migrate(w.linkSub, targetAddress);
    await expect(migration).to.emit(w.coordinator, "MigrationCompleted").withArgs(targetAddress, w.linkSub);
    await expect(migration).to.emit(w.collection, "CoordinatorSet").withArgs(targetAddress);
    expect((await w.collection.vrfConfig()).coordinator).to.equal(targetAddress);
    // The subscription left the old coordinator with its LINK and its consumer.
    await expect(w.coordinator.getSubscription(w.linkSub)).to.be.revertedWithCustomError(
      w.coordinator,
      "InvalidSubscription",
    );
    const sub = await target.getSubscription(w.linkSub);
    expect(sub.consumers).to.deep.equal([otherAddress, collection]);
    expect(await other.s_vrfCoordinator()).to.equal(targetAddress);
    expect(sub.linkBalance).to.equal(link);

    // The next cohort is requested from, and answered by, the new coordinator.
    await w.collection.connect(w.bob).mint(3, { value: PRICE * 3n }); // #3-#5
    const tx = revealNow(w);
    const [requestId] = await requestIdsOf(w.collection, tx);
    await expect(tx)
      .to.emit(w.collection, "RandomnessRequested")
      .withArgs(requestId, REQUEST_KIND_COHORT, 1, targetAddress);
    expect(await target.s_requestConsumerMapping(requestId)).to.equal(collection);
    await expect(target.fulfillRandomWords(requestId)).to.emit(w.collection, "CohortRevealed").withArgs(1, 3, 3, 0);
    const [word] = await target.generateFakeRandomness(requestId);
    for (const id of [3, 4, 5]) expect(await w.collection.seedOf(id)).to.equal(seedFor(word, id));
    // The first cohort keeps the real coordinator's word.
    expect(await w.collection.isRevealed(1)).to.equal(true);
  });
  describe("Chainlink's migrate() moves the coordinator only for the collection's own subscription (security review, issue 20)", () => {
    it("the attack fails: a stranger's subscription that lists the collection migrates to a registered target, the collection ignores it and changes nothing (the admin's schedule stays), reveals go on, and the project's own migration then works", async () => {
      const w = await deployRealWorld();
      const real = await w.coordinator.getAddress();
      const { target, targetAddress } = await registeredTarget(w);
      const { address: scheduled } = await newMock(w.deployer);
      await (await w.collection.setCoordinator(scheduled)).wait(); // the admin's announced change

      // Three transactions of an account with no role.
      const attacker = w.carol;
      const theirSub = await strangerSubscription(w, attacker);
      const before = await seedState(w);
      const attack = w.coordinator.connect(attacker).migrate(theirSub, targetAddress);
      await expect(attack).to.emit(w.coordinator, "MigrationCompleted").withArgs(targetAddress, theirSub);
      await expect(attack).to.emit(w.collection, "CoordinatorMigrationIgnored").withArgs(real, targetAddress);
      await expect(attack).to.not.emit(w.collection, "CoordinatorSet");
      await expect(attack).to.not.emit(w.collection, "CoordinatorChangeScheduled");
      expect(await seedState(w)).to.deep.equal(before);
      expect((await w.collection.cohortState()).pendingCoordinator).to.equal(scheduled);

      // Reveals go on at the real coordinator, under the collection's own subscription.
      const requestId = await mintRequest(w, w.alice, 2);
      expect(requestId).to.not.equal(0n);
      expect((await pendingRequest(w, requestId)).commitment.subId).to.equal(w.linkSub);
      expect((await fulfilRequest(w, requestId)).success).to.equal(true);
      expect(await w.collection.isRevealed(1)).to.equal(true);

      // The project's own migration: applied at once, and it drops the admin's schedule.
      const migration = w.coordinator.migrate(w.linkSub, targetAddress);
      await expect(migration).to.emit(w.coordinator, "MigrationCompleted").withArgs(targetAddress, w.linkSub);
      await expect(migration).to.emit(w.collection, "CoordinatorSet").withArgs(targetAddress);
      await expect(migration).to.emit(w.collection, "CoordinatorChangeScheduled").withArgs(real, 0n);
      expect((await w.collection.vrfConfig()).coordinator).to.equal(targetAddress);
      expect((await target.getSubscription(w.linkSub)).consumers).to.include(await w.collection.getAddress());
    });

    it("a stranger's subscription cannot block the project's migration, nor the project's second subscription move the collection; neither call reverts Chainlink's loop", async () => {
      const w = await deployRealWorld();
      const collection = await w.collection.getAddress();
      const real = await w.coordinator.getAddress();
      const { targetAddress } = await registeredTarget(w);
      const theirSub = await strangerSubscription(w, w.carol);
      // The project's second subscription (native payment) lists the collection too, but the
      // collection requests under the first: its migration is not the collection's.
      expect((await w.collection.vrfConfig()).subscriptionId).to.equal(w.linkSub);
      expect((await w.coordinator.getSubscription(w.nativeSub)).consumers).to.include(collection);
      const second = w.coordinator.migrate(w.nativeSub, targetAddress);
      await expect(second).to.emit(w.coordinator, "MigrationCompleted").withArgs(targetAddress, w.nativeSub);
      await expect(second).to.emit(w.collection, "CoordinatorMigrationIgnored").withArgs(real, targetAddress);
      expect((await w.collection.vrfConfig()).coordinator).to.equal(real);

      // The collection's own subscription migrates.
      await expect(w.coordinator.migrate(w.linkSub, targetAddress))
        .to.emit(w.collection, "CoordinatorSet")
        .withArgs(targetAddress);
      // The stranger's subscription, still on the old coordinator, migrates later: Chainlink's loop
      // reaches the collection from its former coordinator, which is ignored without a revert.
      const late = w.coordinator.connect(w.carol).migrate(theirSub, targetAddress);
      await expect(late).to.emit(w.coordinator, "MigrationCompleted").withArgs(targetAddress, theirSub);
      await expect(late).to.emit(w.collection, "CoordinatorMigrationIgnored").withArgs(real, targetAddress);
      expect((await w.collection.vrfConfig()).coordinator).to.equal(targetAddress);
    });
  });
});
