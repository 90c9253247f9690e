import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { deployWorld, mintAndReveal, advance, type World } from "./helpers/fixture";
import { plain } from "./helpers/fixture";

const P = (usd: number) => BigInt(Math.round(usd * 1e8));

async function state(w: World) {
  const epoch = await w.collection.currentEpoch();
  return { epoch, entry: plain(await w.world.epochEntry(epoch)), next: await w.world.nextEpochAt() };
}

async function atNextEpochTime(w: World) {
  await time.increaseTo(await w.world.nextEpochAt());
}

describe("World", () => {
  it("advanceEpoch appends prefix sums and emits one BatchMetadataUpdate for every token", async () => {
    const w = await deployWorld();
    await advance(w, P(3000));
    await atNextEpochTime(w);
    await w.feed.updateAnswer(P(3300));
    const round = (await w.feed.latestRoundData()).roundId;
    await expect(w.world.advanceEpoch())
      .to.emit(w.world, "EpochAdvanced")
      .withArgs(2, P(3300), round, 1000)
      .and.to.emit(w.collection, "BatchMetadataUpdate")
      .withArgs(0, ethers.MaxUint256);
    await advance(w, P(2970)); // -10%
    const e3 = await w.world.epochEntry(3);
    expect(e3.cumUpBps).to.equal(1000n);
    expect(e3.cumDownBps).to.equal(1000n);
    expect(e3.cumStorms).to.equal(1n);
    expect(e3.price).to.equal(P(2970));
    expect(e3.moveBps).to.equal(-1000n);
  });

  it("a huge up-move counts at most 1,000% in the prefix sums and its stored move saturates at int16", async () => {
    const w = await deployWorld();
    await advance(w, P(1));
    await advance(w, P(3)); // +200%: below both caps
    let e = await w.world.epochEntry(2);
    expect(e.cumUpBps).to.equal(20_000n);
    expect(e.moveBps).to.equal(20_000n);
    await advance(w, P(60)); // +1,900%: capped at 100,000 bps, stored move at 32,767
    e = await w.world.epochEntry(3);
    expect(e.cumUpBps).to.equal(120_000n);
    expect(e.moveBps).to.equal(32_767n);
    expect(e.cumDownBps).to.equal(0n);
  });

  it("advanceEpoch gas is at most 100,000 + 20,000 for its one subscribed collection and equal within 1% at supply 10 and 1,000", async () => {
    const gas: bigint[] = [];
    for (const supply of [10, 1000]) {
      const w = await deployWorld();
      await w.collection.setSaleConfig(0, 10_000, 10_000, 1_000);
      await w.collection.mintTo(w.alice.address, supply);
      await advance(w, P(3000));
      await atNextEpochTime(w);
      await w.feed.updateAnswer(P(3100));
      gas.push((await (await w.world.advanceEpoch()).wait())!.gasUsed);
    }
    console.log(`      advanceEpoch gas at supply 10 / 1,000: ${gas[0]} / ${gas[1]}`);
    for (const g of gas) expect(g).to.be.lte(120_000n);
    expect(Math.abs(Number(gas[1] - gas[0])) / Number(gas[0])).to.be.lte(0.01);
  });

  describe("bad feed answers revert with the cause and change nothing", () => {
    const cases: [string, (w: World) => Promise<void>, string, (w: World) => Promise<unknown[]> | unknown[]][] = [
      [
        "too early",
        async (w) => {
          await w.feed.updateAnswer(P(3000));
        },
        "WorldTooEarly",
        async (w) => [await w.world.nextEpochAt()],
      ],
      [
        "zero answer",
        async (w) => {
          await atNextEpochTime(w);
          await w.feed.updateAnswer(0);
        },
        "WorldInvalidAnswer",
        () => [0],
      ],
      [
        "negative answer",
        async (w) => {
          await atNextEpochTime(w);
          await w.feed.updateAnswer(-5);
        },
        "WorldInvalidAnswer",
        () => [-5],
      ],
      [
        "round not advanced",
        async (w) => {
          await atNextEpochTime(w);
        },
        "WorldRoundNotAdvanced",
        async (w) => {
          const round = (await w.feed.latestRoundData()).roundId;
          return [round, round];
        },
      ],
      [
        "answer out of bounds",
        async (w) => {
          const cfg = plain(await w.world.feedConfig());
          await w.world.setFeedConfig({ ...cfg, maxAnswer: P(5000) });
          await atNextEpochTime(w);
          await w.feed.updateAnswer(P(6000));
        },
        "WorldAnswerOutOfBounds",
        () => [P(6000), 1, P(5000)],
      ],
      [
        "answer below the minimum",
        async (w) => {
          const cfg = plain(await w.world.feedConfig());
          await w.world.setFeedConfig({ ...cfg, minAnswer: P(2000) });
          await atNextEpochTime(w);
          await w.feed.updateAnswer(P(1000));
        },
        "WorldAnswerOutOfBounds",
        async (w) => [P(1000), P(2000), (await w.world.feedConfig()).maxAnswer],
      ],
      [
        "feed round without a timestamp",
        async (w) => {
          await atNextEpochTime(w);
          const round = (await w.feed.latestRoundData()).roundId;
          await w.feed.updateRoundData(round + 1n, P(3100), 0, 0);
        },
        "WorldStaleFeed",
        async (w) => [0, (await w.world.feedConfig()).heartbeat],
      ],
      [
        "feed round stamped in the future",
        async (w) => {
          await atNextEpochTime(w);
          const round = (await w.feed.latestRoundData()).roundId;
          const future = (await time.latest()) + 1_000;
          await w.feed.updateRoundData(round + 1n, P(3100), future, future);
        },
        "WorldStaleFeed",
        async (w) => [(await w.feed.latestRoundData()).updatedAt, (await w.world.feedConfig()).heartbeat],
      ],
    ];
    for (const [label, setup, error, args] of cases) {
      it(label, async () => {
        const w = await deployWorld();
        await advance(w, P(3000));
        await setup(w);
        const before = await state(w);
        await expect(w.world.advanceEpoch())
          .to.be.revertedWithCustomError(w.world, error)
          .withArgs(...(await args(w)));
        expect(await state(w)).to.deep.equal(before);
      });
    }

    it("stale feed", async () => {
      const w = await deployWorld();
      const cfg = plain(await w.world.feedConfig());
      await w.world.setFeedConfig({ ...cfg, heartbeat: 3600 });
      await w.feed.updateAnswer(P(3000));
      const updatedAt = (await w.feed.latestRoundData()).updatedAt;
      await time.increase(7200);
      const before = await state(w);
      await expect(w.world.advanceEpoch())
        .to.be.revertedWithCustomError(w.world, "WorldStaleFeed")
        .withArgs(updatedAt, 3600);
      expect(await state(w)).to.deep.equal(before);
    });
  });

  describe("L2 sequencer uptime feed", () => {
    async function withSequencer(w: World, status: number) {
      const seq = await (await ethers.getContractFactory("MockV3Aggregator")).deploy(0, status);
      const cfg = plain(await w.world.feedConfig());
      await w.world.setFeedConfig({
        ...cfg,
        sequencerUptimeFeed: await seq.getAddress(),
        sequencerGracePeriod: 3600,
      });
      return seq;
    }

    it("reverts while the sequencer is down", async () => {
      const w = await deployWorld();
      await withSequencer(w, 1);
      await w.feed.updateAnswer(P(3000));
      await expect(w.world.advanceEpoch()).to.be.revertedWithCustomError(w.world, "WorldSequencerDown");
      expect(await w.collection.currentEpoch()).to.equal(0n);
    });

    it("reverts within the grace period after it comes back, then advances", async () => {
      const w = await deployWorld();
      const seq = await withSequencer(w, 0);
      const upSince = (await seq.latestRoundData()).startedAt;
      await w.feed.updateAnswer(P(3000));
      await expect(w.world.advanceEpoch())
        .to.be.revertedWithCustomError(w.world, "WorldSequencerGracePeriod")
        .withArgs(upSince, 3600);
      await time.increase(3601);
      await w.feed.updateAnswer(P(3001));
      await w.world.advanceEpoch();
      expect(await w.collection.currentEpoch()).to.equal(1n);
    });

    it("a sequencer feed that never reported a status change (startedAt 0) counts as inside the grace period", async () => {
      const w = await deployWorld();
      const seq = await withSequencer(w, 0);
      await seq.updateRoundData(2, 0, await time.latest(), 0);
      await w.feed.updateAnswer(P(3000));
      await expect(w.world.advanceEpoch())
        .to.be.revertedWithCustomError(w.world, "WorldSequencerGracePeriod")
        .withArgs(0, 3600);
      expect(await w.collection.currentEpoch()).to.equal(0n);
    });
  });

  describe("Chainlink Automation", () => {
    it("checkUpkeep says when an epoch is due and performUpkeep advances", async () => {
      const w = await deployWorld();
      await advance(w, P(3000));
      let [needed] = await w.world.checkUpkeep("0x");
      expect(needed).to.equal(false);
      await atNextEpochTime(w);
      await w.feed.updateAnswer(P(3050));
      const [due, data] = await w.world.checkUpkeep("0x");
      expect(due).to.equal(true);
      await w.world.performUpkeep(data);
      expect(await w.collection.currentEpoch()).to.equal(2n);
      [needed] = await w.world.checkUpkeep("0x");
      expect(needed).to.equal(false);
    });

    it("performUpkeep rejects forged performData and a caller other than the forwarder", async () => {
      const w = await deployWorld();
      await advance(w, P(3000));
      await atNextEpochTime(w);
      await w.feed.updateAnswer(P(3050));
      const forged = ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [7]);
      await expect(w.world.performUpkeep(forged))
        .to.be.revertedWithCustomError(w.world, "WorldInvalidPerformData")
        .withArgs(forged);
      await expect(w.world.performUpkeep("0x1234")).to.be.revertedWithCustomError(w.world, "WorldInvalidPerformData");
      await expect(w.world.setForwarder(w.carol.address))
        .to.emit(w.world, "ForwarderUpdated")
        .withArgs(w.carol.address);
      const [, data] = await w.world.checkUpkeep("0x");
      await expect(w.world.connect(w.alice).performUpkeep(data))
        .to.be.revertedWithCustomError(w.world, "WorldOnlyForwarder")
        .withArgs(w.alice.address, w.carol.address);
      expect(await w.collection.currentEpoch()).to.equal(1n);
      await w.world.connect(w.carol).performUpkeep(data);
      // advanceEpoch stays open to anyone as the fallback
      await advance(w, P(3060));
      expect(await w.collection.currentEpoch()).to.equal(3n);
    });
  });

  it("a new feed starts a new price baseline: no move is measured against the old feed", async () => {
    const w = await deployWorld();
    await advance(w, P(3000));
    await advance(w, P(3300));
    const before = await w.world.epochEntry(2);
    const other = await (await ethers.getContractFactory("MockV3Aggregator")).deploy(8, 1n);
    await w.world.setFeedConfig({ ...plain(await w.world.feedConfig()), feed: await other.getAddress() });
    await time.increaseTo(await w.world.nextEpochAt());
    await other.updateAnswer(P(1.5));
    await expect(w.world.advanceEpoch()).to.emit(w.world, "EpochAdvanced").withArgs(3, P(1.5), 2, 0);
    const after = await w.world.epochEntry(3);
    expect([after.cumUpBps, after.cumDownBps, after.cumStorms, after.moveBps]).to.deep.equal([
      before.cumUpBps,
      before.cumDownBps,
      before.cumStorms,
      0n,
    ]);
  });

  it("feed config is validated and role-gated", async () => {
    const w = await deployWorld();
    const cfg = plain(await w.world.feedConfig());
    for (const change of [
      { epochInterval: 0 },
      { minAnswer: 0 },
      { minAnswer: 10n, maxAnswer: 9n },
      { feed: w.alice.address },
      { moodThresholdBps: 10_001 },
    ]) {
      await expect(w.world.setFeedConfig({ ...cfg, ...change })).to.be.revertedWithCustomError(
        w.world,
        "WorldInvalidFeedConfig",
      );
    }
    await expect(w.world.connect(w.alice).setFeedConfig(cfg)).to.be.revertedWithCustomError(
      w.world,
      "AccessControlUnauthorizedAccount",
    );
  });

  it("phenotypeOf and tokenURI cost the same (within 2%) after 1 and after 500 epochs of a token's life", async () => {
    // Same conditions at both ages so only age differs: a calm market (±0.5% per epoch keeps the
    // mood Calm and the temperament Serene) and a token nurtured every epoch (vitality 100%).
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 3);
    await advance(w, P(3000));
    await w.collection.connect(w.alice).nurture(2);
    const phen1 = await w.collection.phenotypeOf.estimateGas(2);
    const uri1 = await w.collection.tokenURI.estimateGas(2);
    const early = await w.collection.phenotypeOf(2);
    for (let i = 1; i < 500; i++) {
      await advance(w, P(i % 2 === 1 ? 3015 : 3000));
      await w.collection.connect(w.alice).nurture(2);
    }
    expect(await w.collection.currentEpoch()).to.equal(500n);
    const phen500 = await w.collection.phenotypeOf.estimateGas(2);
    const uri500 = await w.collection.tokenURI.estimateGas(2);
    const late = await w.collection.phenotypeOf(2);
    console.log(`      phenotypeOf gas after 1 / 500 epochs: ${phen1} / ${phen500}; tokenURI: ${uri1} / ${uri500}`);
    expect([late.mood, late.temperament, late.vitality]).to.deep.equal([early.mood, early.temperament, early.vitality]);
    expect(late.age).to.equal(500n);
    expect(Math.abs(Number(phen500 - phen1)) / Number(phen1)).to.be.lte(0.02);
    expect(Math.abs(Number(uri500 - uri1)) / Number(uri1)).to.be.lte(0.02);
  });

  it("the World upgrades through its own UPGRADER_ROLE and keeps its log, feed and subscribers", async () => {
    const w = await deployWorld();
    await advance(w, P(3000));
    await advance(w, P(3100));
    const proxy = await w.world.getAddress();
    const before = {
      log: [plain(await w.world.epochEntry(1)), plain(await w.world.epochEntry(2))],
      feed: plain(await w.world.feedConfig()),
      subscribers: [...(await w.world.subscribers())],
    };
    const V2 = await ethers.getContractFactory("WorldV2");
    await expect(upgrades.upgradeProxy(proxy, V2.connect(w.alice), { kind: "uups" }))
      .to.be.revertedWithCustomError(w.world, "AccessControlUnauthorizedAccount")
      .withArgs(w.alice.address, await w.world.UPGRADER_ROLE());
    const v2 = await upgrades.upgradeProxy(proxy, V2, { kind: "uups" });
    expect(await (v2 as unknown as { worldVersion(): Promise<bigint> }).worldVersion()).to.equal(2n);
    expect({
      log: [plain(await w.world.epochEntry(1)), plain(await w.world.epochEntry(2))],
      feed: plain(await w.world.feedConfig()),
      subscribers: [...(await w.world.subscribers())],
    }).to.deep.equal(before);
    // The collection still hears of every epoch through the upgraded World.
    await advance(w, P(3200));
    expect(await w.collection.currentEpoch()).to.equal(3n);
  });

  describe("subscribers", () => {
    it("a reverting subscriber is reported and never blocks the world; the collection still hears", async () => {
      const w = await deployWorld();
      const stranger = await w.renderer.getAddress(); // a contract with no onWorldEpoch: its hook reverts
      await expect(w.world.addSubscriber(stranger)).to.emit(w.world, "SubscriberAdded").withArgs(stranger);
      expect(await w.world.subscribers()).to.deep.equal([await w.collection.getAddress(), stranger]);
      await w.feed.updateAnswer(P(3000));
      const tx = w.world.advanceEpoch();
      await expect(tx).to.emit(w.world, "SubscriberHookFailed").withArgs(stranger, 1);
      await expect(tx).to.emit(w.collection, "BatchMetadataUpdate").withArgs(0, ethers.MaxUint256);
      expect(await w.world.epochCount()).to.equal(1n);
      expect(await w.collection.currentEpoch()).to.equal(1n);
    });

    it("the list is bounded, and removing the first subscriber keeps the other", async () => {
      const w = await deployWorld();
      const max = await w.world.MAX_SUBSCRIBERS();
      const extra = [await w.renderer.getAddress(), await w.feed.getAddress()];
      for (let i = 1n; i < max; i++) await w.world.addSubscriber(extra[Number(i) - 1]);
      await expect(w.world.addSubscriber(await w.coordinator.getAddress()))
        .to.be.revertedWithCustomError(w.world, "WorldTooManySubscribers")
        .withArgs(max);
      const collection = await w.collection.getAddress();
      await expect(w.world.removeSubscriber(collection)).to.emit(w.world, "SubscriberRemoved").withArgs(collection);
      // The last subscriber takes the removed one's place.
      const after = [...(await w.world.subscribers())];
      expect(after[0]).to.equal(extra[Number(max) - 2]);
      expect([...after].sort()).to.deep.equal(extra.slice(0, Number(max) - 1).sort());
    });

    it("a caller who sends too little gas for every hook's allowance gets WorldHookGasTooLow, and nothing moves", async () => {
      const w = await deployWorld();
      await w.feed.updateAnswer(P(3000));
      const needed = ((await w.world.HOOK_GAS()) * 64n) / 63n + 5_000n;
      await expect(w.world.advanceEpoch({ gasLimit: 130_000 }))
        .to.be.revertedWithCustomError(w.world, "WorldHookGasTooLow")
        .withArgs((left: bigint) => left < needed, needed);
      expect(await w.world.epochCount()).to.equal(0n);
      expect(await w.collection.currentEpoch()).to.equal(0n);
    });

    it("a collection left out catches up with syncWorld, with the events the hook would have sent", async () => {
      const w = await deployWorld();
      await w.world.removeSubscriber(await w.collection.getAddress());
      await advance(w, P(3000));
      await advance(w, P(3300)); // +10%: Sunny
      expect(await w.collection.currentEpoch()).to.equal(0n);
      const [count, mood] = await w.world.state();
      expect([count, mood]).to.deep.equal([2n, 1n]);
      const tx = w.collection.connect(w.carol).syncWorld();
      await expect(tx).to.emit(w.collection, "WorldSynced").withArgs(2);
      await expect(tx).to.emit(w.collection, "BatchMetadataUpdate").withArgs(0, ethers.MaxUint256);
      await expect(tx)
        .to.emit(w.collection, "TraitUpdatedRangeUniformValue")
        .withArgs(ethers.id("mood"), 0, ethers.MaxUint256, ethers.toBeHex(1, 32));
      expect(await w.collection.currentEpoch()).to.equal(2n);
      await expect(w.collection.syncWorld()).to.be.revertedWithCustomError(w.collection, "EvolutionInSync").withArgs(2);
    });

    it("a new feed configuration re-announces the mood to every subscriber", async () => {
      const w = await deployWorld();
      await advance(w, P(3000));
      await advance(w, P(3030)); // +1%: Calm at 5%, Sunny at 1%
      const cfg = plain(await w.world.feedConfig());
      await expect(w.world.setFeedConfig({ ...cfg, moodThresholdBps: 100 }))
        .to.emit(w.collection, "TraitUpdatedRangeUniformValue")
        .withArgs(ethers.id("mood"), 0, ethers.MaxUint256, ethers.toBeHex(1, 32));
      expect(await w.collection.currentEpoch()).to.equal(2n);
    });
  });

  it("phenotypeAt replays any epoch of the log and refuses epochs outside it", async () => {
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 2);
    for (const usd of [3000, 3300, 2900]) await advance(w, P(usd));
    const live = plain(await w.collection.phenotypeOf(1));
    const query = {
      revealed: true,
      seed: await w.collection.seedOf(1),
      birthEpoch: 0,
      epoch: 3,
      checkpoint: {
        initialized: false,
        vitalityEpoch: 0,
        vitality: 0,
        lastNurturedEpoch: 0,
        nurtureCount: 0,
        metamorphoses: 0,
        pending: false,
        requestedAt: 0,
        mutation: 0,
      },
    };
    expect(plain(await w.world.phenotypeAt(query))).to.deep.equal(live);
    expect((await w.world.phenotypeAt({ ...query, epoch: 1 })).age).to.equal(1n);
    await expect(w.world.phenotypeAt({ ...query, epoch: 4 }))
      .to.be.revertedWithCustomError(w.world, "WorldUnknownEpoch")
      .withArgs(4, 3);
    await expect(w.world.phenotypeAt({ ...query, birthEpoch: 3, epoch: 2 }))
      .to.be.revertedWithCustomError(w.world, "WorldUnknownEpoch")
      .withArgs(3, 2);
  });
});

void hre;
