import { expect } from "chai";
import hre, { ethers } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import {
  advance,
  closeCohort,
  deployWorld,
  fulfil,
  mintAs as mint,
  plain,
  PRICE,
  requestIdsOf,
  seedOf,
  seedState,
  timeAtLeast,
  type World,
} from "./helpers/fixture";
import { decodeTokenUri } from "../tasks/lib/render";

// Reveal cohorts (issue 13): mints make no VRF request; the tokens minted since the last request
// form the open cohort; one `reveal()` (anyone, after the minimum delay), Chainlink Automation or,
// in instant-reveal mode, the mint itself closes it with one request, and one word reveals it all.

const REQUEST_KIND_COHORT = 1;
const P = (usd: number): bigint => BigInt(Math.round(usd * 1e8));
const MIN_DELAY = 60;
const MAX_DELAY = 30 * 24 * 3600;

/** The Stage a holder (and a marketplace) sees in tokenURI. */
async function stageOf(w: World, tokenId: number): Promise<unknown> {
  const attrs = decodeTokenUri(await w.collection.tokenURI(tokenId)).metadata.attributes ?? [];
  return attrs.find((a) => a.trait_type === "Stage")?.value;
}

/** When `reveal()` is next allowed: the open cohort's opening plus the minimum delay. */
async function revealAvailableAt(w: World): Promise<bigint> {
  const s = await w.collection.cohortState();
  const at = s.openedAt + s.minRevealDelay;
  // The chain's clock follows the wall clock, also after the fixture's snapshot is restored: a late
  // test may find the deploy's cohort already past its delay. Keep the reveal time ahead of the
  // clock (a longer delay, config role) so the "one second early" checks stay exact.
  const now = BigInt(await time.latest());
  if (at > now + 60n) return at;
  const delay = now + 900n - s.openedAt;
  await (await w.collection.setRevealConfig(delay, s.instantReveal)).wait();
  return s.openedAt + delay;
}

/** Asserts tokens `first..last` are eggs: not revealed, no seed, Stage Egg in tokenURI and phenotype. */
async function expectEggs(w: World, first: number, last: number, rendered = [first, last]): Promise<void> {
  for (let id = first; id <= last; id++) {
    expect(await w.collection.isRevealed(id), `#${id} revealed`).to.equal(false);
    await expect(w.collection.seedOf(id)).to.be.revertedWithCustomError(w.collection, "SeedNotRevealed").withArgs(id);
    const ph = await w.collection.phenotypeOf(id);
    expect([ph.revealed, ph.stage, ph.seed, ph.genome], `#${id} phenotype`).to.deep.equal([false, 0n, 0n, 0n]);
  }
  for (const id of new Set(rendered)) expect(await stageOf(w, id), `#${id} Stage`).to.equal("Egg");
}

describe("Reveal cohorts", () => {
  it("many mint calls by several holders, and mintTo, land in one cohort; anyone's reveal() closes it and one fulfilment reveals it all", async () => {
    const w = await deployWorld();
    const mints: [World["alice"], number][] = [
      [w.alice, 3],
      [w.bob, 1],
      [w.alice, 2],
      [w.bob, 5],
    ];
    for (const [who, q] of mints) {
      const tx = w.collection.connect(who).mint(q, { value: PRICE * BigInt(q) });
      await expect(tx).to.not.emit(w.collection, "RandomnessRequested");
      await expect(tx).to.not.emit(w.coordinator, "RandomWordsRequested");
    }
    await expect(w.collection.mintTo(w.carol.address, 4)).to.not.emit(w.collection, "RandomnessRequested");
    // 15 tokens, no request yet: one open cohort from token 1, nothing closed.
    expect(await w.collection.totalSupply()).to.equal(15n);
    let state = await w.collection.cohortState();
    expect([state.openFirstTokenId, state.cohortCount]).to.deep.equal([1n, 0n]);
    await expectEggs(w, 1, 15);
    await expect(w.collection.cohortIdOf(15))
      .to.be.revertedWithCustomError(w.collection, "SeedTokenNotInCohort")
      .withArgs(15);

    // Anyone may close it: here an account that holds nothing and has no role.
    const stranger = (await ethers.getSigners())[8];
    expect(await w.collection.balanceOf(stranger.address)).to.equal(0n);
    const at = await revealAvailableAt(w);
    await time.setNextBlockTimestamp(at);
    const tx = w.collection.connect(stranger).reveal();
    const [requestId] = await requestIdsOf(w.collection, tx);
    await expect(tx).to.emit(w.collection, "CohortClosed").withArgs(0, 1, 15);
    await expect(tx)
      .to.emit(w.collection, "RandomnessRequested")
      .withArgs(requestId, REQUEST_KIND_COHORT, 0, await w.coordinator.getAddress());
    await expect(w.collection.connect(stranger).reveal())
      .to.be.revertedWithCustomError(w.collection, "SeedNothingToReveal")
      .withArgs(16);
    state = await w.collection.cohortState();
    expect([state.openFirstTokenId, state.cohortCount, state.openedAt]).to.deep.equal([16n, 1n, at]);
    let c = await w.collection.cohort(0);
    expect([c.firstTokenId, c.quantity, c.requestedAt, c.revealed, c.randomness, c.birthEpoch]).to.deep.equal([
      1n,
      15n,
      at,
      false,
      requestId,
      0n,
    ]);
    await expectEggs(w, 1, 15);

    await expect(w.coordinator.fulfillRandomWords(requestId, await w.collection.getAddress()))
      .to.emit(w.collection, "CohortRevealed")
      .withArgs(0, 1, 15, 0);
    c = await w.collection.cohort(0);
    expect(c.revealed).to.equal(true);
    const word = c.randomness;
    expect(word).to.not.equal(requestId); // the word replaced the request id
    for (let id = 1; id <= 15; id++) {
      expect(await w.collection.seedOf(id), `seed of ${id}`).to.equal(seedOf(word, id));
      expect(await w.collection.cohortIdOf(id)).to.equal(0n);
    }
    expect(await stageOf(w, 1)).to.equal("Hatchling");
    expect(await stageOf(w, 15)).to.equal("Hatchling");
    // Holders as minted: the cohort changed no ownership.
    expect(await w.collection.ownerOf(12)).to.equal(w.carol.address);
  });

  it("a token minted after the request, even in the same block, belongs to the next cohort and stays an egg", async () => {
    const w = await deployWorld();
    await mint(w, w.alice, 1); // #1
    const at = await revealAvailableAt(w);
    const gwei = 1_000_000_000n;
    const fees = (tip: bigint) => ({ gasLimit: 1_000_000, maxFeePerGas: 100n * gwei, maxPriorityFeePerGas: tip });
    // One block, in this order (highest tip first): bob mints #2-#3, carol reveals, bob mints #4-#6.
    await hre.network.provider.send("evm_setAutomine", [false]);
    let sent;
    try {
      sent = [
        await w.collection.connect(w.bob).mint(2, { value: PRICE * 2n, ...fees(3n * gwei) }),
        await w.collection.connect(w.carol).reveal(fees(2n * gwei)),
        await w.collection.connect(w.deployer).mintTo(w.bob.address, 3, fees(1n * gwei)),
      ];
      await time.setNextBlockTimestamp(at);
      await hre.network.provider.send("evm_mine", []);
    } finally {
      await hre.network.provider.send("evm_setAutomine", [true]);
    }
    const receipts = await Promise.all(sent.map((tx) => tx.wait()));
    expect(receipts.map((r) => r!.blockNumber)).to.deep.equal(Array(3).fill(receipts[0]!.blockNumber));
    expect(receipts.map((r) => r!.index)).to.deep.equal([0, 1, 2]);
    const [requestId] = await requestIdsOf(w.collection, Promise.resolve(sent[1]));
    await expect(sent[1]).to.emit(w.collection, "CohortClosed").withArgs(0, 1, 3);

    const state = await w.collection.cohortState();
    expect([state.openFirstTokenId, state.cohortCount]).to.deep.equal([4n, 1n]);
    for (const id of [4, 5, 6]) {
      await expect(w.collection.cohortIdOf(id))
        .to.be.revertedWithCustomError(w.collection, "SeedTokenNotInCohort")
        .withArgs(id);
    }
    await fulfil(w, requestId);
    const { randomness: word } = await w.collection.cohort(0);
    for (const id of [1, 2, 3]) expect(await w.collection.seedOf(id)).to.equal(seedOf(word, id));
    await expectEggs(w, 4, 6);

    // The next cohort: its own request, its own word.
    const next = await closeCohort(w);
    await expect(w.coordinator.fulfillRandomWords(next, await w.collection.getAddress()))
      .to.emit(w.collection, "CohortRevealed")
      .withArgs(1, 4, 3, 0);
    const { randomness: word1 } = await w.collection.cohort(1);
    for (const id of [4, 5, 6]) expect(await w.collection.seedOf(id)).to.equal(seedOf(word1, id));
    for (const id of [1, 2, 3]) expect(await w.collection.seedOf(id)).to.equal(seedOf(word, id)); // unchanged
  });

  it("reveal() refuses an empty cohort (SeedNothingToReveal) and a call before the delay (SeedRevealTooEarly), changing nothing", async () => {
    const w = await deployWorld();
    let before = await seedState(w);
    await expect(w.collection.connect(w.bob).reveal())
      .to.be.revertedWithCustomError(w.collection, "SeedNothingToReveal")
      .withArgs(1);
    expect(await seedState(w)).to.deep.equal(before);

    await mint(w, w.alice, 2);
    const at = await revealAvailableAt(w);
    before = await seedState(w);
    await time.setNextBlockTimestamp(at - 1n);
    await expect(w.collection.connect(w.bob).reveal())
      .to.be.revertedWithCustomError(w.collection, "SeedRevealTooEarly")
      .withArgs(at);
    expect(await seedState(w)).to.deep.equal(before);
    await time.setNextBlockTimestamp(at);
    await expect(w.collection.connect(w.bob).reveal()).to.emit(w.collection, "CohortClosed").withArgs(0, 1, 2);

    // Right after: the new open cohort is empty; once it holds a token, the delay counts from the close.
    before = await seedState(w);
    await expect(w.collection.connect(w.bob).reveal())
      .to.be.revertedWithCustomError(w.collection, "SeedNothingToReveal")
      .withArgs(3);
    await mint(w, w.bob, 1);
    before = await seedState(w);
    await expect(w.collection.connect(w.bob).reveal())
      .to.be.revertedWithCustomError(w.collection, "SeedRevealTooEarly")
      .withArgs(at + (await w.collection.cohortState()).minRevealDelay);
    expect(await seedState(w)).to.deep.equal(before);
  });

  it("Chainlink Automation: checkUpkeep says when a cohort can close; performUpkeep closes it and re-checks (reverts when not needed)", async () => {
    const w = await deployWorld();
    const check = async () => [...(await w.collection.checkUpkeep("0x"))];
    expect(await check()).to.deep.equal([false, "0x"]); // empty
    await expect(w.collection.connect(w.carol).performUpkeep("0x"))
      .to.be.revertedWithCustomError(w.collection, "SeedNothingToReveal")
      .withArgs(1);

    await mint(w, w.alice, 3);
    const at = await revealAvailableAt(w);
    await time.increaseTo(at - 2n);
    expect(await check()).to.deep.equal([false, "0x"]); // too early
    const before = await seedState(w);
    await time.setNextBlockTimestamp(at - 1n);
    await expect(w.collection.connect(w.carol).performUpkeep("0x"))
      .to.be.revertedWithCustomError(w.collection, "SeedRevealTooEarly")
      .withArgs(at);
    expect(await seedState(w)).to.deep.equal(before);

    await time.increaseTo(at);
    expect(await check()).to.deep.equal([true, "0x"]);
    const tx = w.collection.connect(w.carol).performUpkeep("0x");
    const [requestId] = await requestIdsOf(w.collection, tx);
    await expect(tx).to.emit(w.collection, "CohortClosed").withArgs(0, 1, 3);
    await expect(tx)
      .to.emit(w.collection, "RandomnessRequested")
      .withArgs(requestId, REQUEST_KIND_COHORT, 0, await w.coordinator.getAddress());
    expect(await check()).to.deep.equal([false, "0x"]);
    await expect(w.collection.connect(w.carol).performUpkeep("0x"))
      .to.be.revertedWithCustomError(w.collection, "SeedNothingToReveal")
      .withArgs(4);

    // A later mint: not needed until the delay since this close has passed.
    await mint(w, w.bob, 1);
    expect(await check()).to.deep.equal([false, "0x"]);
    await time.increaseTo((await revealAvailableAt(w)) - 1n);
    expect(await check()).to.deep.equal([false, "0x"]);
    await time.increase(1);
    expect(await check()).to.deep.equal([true, "0x"]);
    await fulfil(w, requestId);
    expect(await w.collection.isRevealed(3)).to.equal(true);
    expect(await w.collection.isRevealed(4)).to.equal(false);
  });

  it("Chainlink Automation retries the oldest refused or stuck cohort, one per upkeep: a refused one at once (anyone), a stuck one after the timeout (UPKEEP_ROLE or CONFIG_ROLE); refused calls change nothing (issue 20)", async () => {
    const w = await deployWorld();
    const collection = await w.collection.getAddress();
    const check = async () => [...(await w.collection.checkUpkeep("0x"))];
    const cohortData = (id: number) => ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [id]);
    const UPKEEP_ROLE = ethers.id("UPKEEP_ROLE");
    const forwarder = w.bob; // stands for the upkeep's forwarder

    // Cohort 0 is refused (the collection is not a consumer); cohort 1 is requested, then stuck.
    await w.coordinator.removeConsumer(w.subscriptionId, collection);
    await mint(w, w.alice, 2);
    await timeAtLeast(await revealAvailableAt(w));
    await expect(w.collection.reveal()).to.emit(w.collection, "RandomnessRequestFailed");
    await w.coordinator.addConsumer(w.subscriptionId, collection);
    // The refused cohort is due at once.
    expect(await check()).to.deep.equal([true, cohortData(0)]);
    await mint(w, w.alice, 3);
    await time.increaseTo(await revealAvailableAt(w));
    // The open cohort comes first: performUpkeep with empty data closes it (cohort 1).
    expect(await check()).to.deep.equal([true, "0x"]);
    const [stuckId] = await requestIdsOf(w.collection, w.collection.connect(w.carol).performUpkeep("0x"));
    expect(await check()).to.deep.equal([true, cohortData(0)]);

    // Anyone's upkeep retries the refused cohort at once.
    const retry = w.collection.connect(w.carol).performUpkeep(cohortData(0));
    const [retryId] = await requestIdsOf(w.collection, retry);
    await expect(retry).to.emit(w.collection, "CohortRerequested").withArgs(0, 0, retryId);
    // Cohort 1 waits for its word: not due before the re-request timeout.
    expect(await check()).to.deep.equal([false, "0x"]);
    const { rerequestTimeout } = await w.collection.vrfConfig();
    const dueAt = (await w.collection.cohort(1)).requestedAt + rerequestTimeout;
    await time.increaseTo(dueAt - 1n);
    expect(await check()).to.deep.equal([false, "0x"]);
    let before = await seedState(w);
    await time.increaseTo(dueAt);
    expect(await check()).to.deep.equal([true, cohortData(1)]);
    // A stuck request is replaced only by the upkeep's forwarder (UPKEEP_ROLE) or the config role:
    // a VRF operator who withholds a word cannot have it re-rolled by anyone.
    await expect(w.collection.connect(w.carol).performUpkeep(cohortData(1)))
      .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
      .withArgs(w.carol.address, UPKEEP_ROLE);
    expect(await seedState(w)).to.deep.equal(before);
    await w.collection.grantRole(UPKEEP_ROLE, forwarder.address);
    const replaced = w.collection.connect(forwarder).performUpkeep(cohortData(1));
    const [newId] = await requestIdsOf(w.collection, replaced);
    await expect(replaced).to.emit(w.collection, "CohortRerequested").withArgs(1, stuckId, newId);
    // UPKEEP_ROLE gives nothing else: rerequestCohort itself still needs the config role.
    await expect(w.collection.connect(forwarder).rerequestCohort(1))
      .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
      .withArgs(forwarder.address, await w.collection.CONFIG_ROLE());
    // A revealed or unknown cohort is refused through the upkeep too.
    await fulfil(w, retryId);
    before = await seedState(w);
    await expect(w.collection.connect(forwarder).performUpkeep(cohortData(0)))
      .to.be.revertedWithCustomError(w.collection, "SeedCohortRevealed")
      .withArgs(0);
    await expect(w.collection.connect(forwarder).performUpkeep(cohortData(5)))
      .to.be.revertedWithCustomError(w.collection, "SeedUnknownCohort")
      .withArgs(5);
    expect(await seedState(w)).to.deep.equal(before);
    // Both cohorts revealed from their new requests; nothing left to do.
    await fulfil(w, newId);
    expect([await w.collection.isRevealed(1), await w.collection.isRevealed(5)]).to.deep.equal([true, true]);
    expect(await check()).to.deep.equal([false, "0x"]);
  });

  it("cohortIdOf: closed cohorts by binary search; SeedTokenNotInCohort for the open one; LivingAssetNonexistentToken past the supply", async () => {
    const w = await deployWorld();
    const sizes = [3, 1, 7, 2, 5, 1, 4];
    for (const [i, q] of sizes.entries()) {
      await mint(w, i % 2 ? w.bob : w.alice, q);
      await closeCohort(w);
    }
    await mint(w, w.carol, 2); // the open cohort: #24-#25
    let token = 1;
    for (const [cohortId, q] of sizes.entries()) {
      const c = await w.collection.cohort(cohortId);
      expect([c.firstTokenId, c.quantity]).to.deep.equal([BigInt(token), BigInt(q)]);
      for (let i = 0; i < q; i++, token++) expect(await w.collection.cohortIdOf(token)).to.equal(BigInt(cohortId));
    }
    expect(token).to.equal(24);
    for (const id of [24, 25]) {
      await expect(w.collection.cohortIdOf(id))
        .to.be.revertedWithCustomError(w.collection, "SeedTokenNotInCohort")
        .withArgs(id);
    }
    for (const id of [0, 26]) {
      await expect(w.collection.cohortIdOf(id))
        .to.be.revertedWithCustomError(w.collection, "LivingAssetNonexistentToken")
        .withArgs(id);
      await expect(w.collection.isRevealed(id))
        .to.be.revertedWithCustomError(w.collection, "LivingAssetNonexistentToken")
        .withArgs(id);
    }
    await expect(w.collection.cohort(sizes.length))
      .to.be.revertedWithCustomError(w.collection, "SeedUnknownCohort")
      .withArgs(sizes.length);
  });

  it("a cohort of 10,000 tokens (mintTo in chunks of maxPerMint) reveals in one fulfilment", async () => {
    const w = await deployWorld();
    await w.collection.setSaleConfig(PRICE, 10_000, 10_000, 1_000);
    const holders = [w.alice, w.bob, w.carol];
    for (let i = 0; i < 10; i++) await (await w.collection.mintTo(holders[i % 3].address, 1_000)).wait();
    expect(await w.collection.totalSupply()).to.equal(10_000n);
    expect((await w.collection.cohortState()).cohortCount).to.equal(0n);
    await expectEggs(w, 9_999, 10_000, [10_000]);

    const requestId = await closeCohort(w);
    const tx = w.coordinator.fulfillRandomWords(requestId, await w.collection.getAddress());
    await expect(tx).to.emit(w.collection, "CohortRevealed").withArgs(0, 1, 10_000, 0);
    await expect(tx).to.emit(w.collection, "BatchMetadataUpdate").withArgs(1, 10_000);
    // The mock calls back within the collection's callback gas limit: success, not a swallowed failure.
    await expect(tx)
      .to.emit(w.coordinator, "RandomWordsFulfilled")
      .withArgs(requestId, requestId, w.subscriptionId, (p: bigint) => p > 0n, false, true, false);
    const { randomness: word } = await w.collection.cohort(0);
    for (const id of [1, 1_000, 1_001, 5_000, 9_999, 10_000]) {
      expect(await w.collection.seedOf(id), `seed of ${id}`).to.equal(seedOf(word, id));
    }
    expect(await stageOf(w, 10_000)).to.equal("Hatchling");
    expect(await w.collection.cohortIdOf(10_000)).to.equal(0n);
  });

  it("unrevealed tokens render as eggs (open cohort and requested cohort alike), in tokenURI, the phenotype and ERC-7496 traits", async () => {
    const w = await deployWorld();
    await mint(w, w.alice, 2); // #1-#2: closed, requested
    const requestId = await closeCohort(w);
    await mint(w, w.bob, 1); // #3: open
    await expectEggs(w, 1, 3, [1, 3]);
    const revealedKey = ethers.id("revealed");
    const stageKey = ethers.id("stage");
    for (const id of [1, 3]) {
      expect(await w.collection.getTraitValue(id, revealedKey)).to.equal(ethers.ZeroHash);
      expect(await w.collection.getTraitValue(id, stageKey)).to.equal(ethers.ZeroHash); // Egg = 0
    }
    await fulfil(w, requestId);
    expect(await stageOf(w, 1)).to.equal("Hatchling");
    expect(await w.collection.getTraitValue(1, stageKey)).to.equal(ethers.toBeHex(1, 32));
    await expectEggs(w, 3, 3);
  });

  it("a token is born when its cohort hatches: birth epoch = the epoch its word arrived, an egg does not age", async () => {
    const w = await deployWorld();
    await advance(w, P(3000));
    await mint(w, w.alice, 2);
    const mintedAt = await w.collection.currentEpoch();
    let ph = await w.collection.phenotypeOf(1);
    expect([ph.birthEpoch, ph.age, ph.vitality]).to.deep.equal([mintedAt, 0n, 8_000n]);

    await advance(w, P(3100));
    await advance(w, P(3050));
    const requestId = await closeCohort(w);
    for (let i = 0; i < 3; i++) await advance(w, P(3000 + 20 * i));
    const hatchedAt = await w.collection.currentEpoch();
    expect(hatchedAt).to.equal(mintedAt + 5n);
    // Still an egg five epochs on: its birth is "now", it has not aged nor lost vitality.
    ph = await w.collection.phenotypeOf(1);
    expect([ph.revealed, ph.birthEpoch, ph.age, ph.vitality]).to.deep.equal([false, hatchedAt, 0n, 8_000n]);

    await expect(w.coordinator.fulfillRandomWords(requestId, await w.collection.getAddress()))
      .to.emit(w.collection, "CohortRevealed")
      .withArgs(0, 1, 2, hatchedAt);
    expect((await w.collection.cohort(0)).birthEpoch).to.equal(hatchedAt);
    ph = await w.collection.phenotypeOf(2);
    expect([ph.revealed, ph.birthEpoch, ph.age, ph.stage]).to.deep.equal([true, hatchedAt, 0n, 1n]);

    await advance(w, P(2900));
    await advance(w, P(2950));
    ph = await w.collection.phenotypeOf(2);
    expect([ph.birthEpoch, ph.currentEpoch, ph.age, ph.vitality]).to.deep.equal([
      hatchedAt,
      hatchedAt + 2n,
      2n,
      8_000n - 2n * 400n,
    ]);
    const attrs = decodeTokenUri(await w.collection.tokenURI(2)).metadata.attributes ?? [];
    expect(attrs.find((a) => a.trait_type === "Age")?.value).to.equal(2);
  });

  it("instant-reveal mode: every mint (mint, mintTo) closes its own cohort and requests its own word in the mint transaction", async () => {
    const w = await deployWorld();
    await expect(w.collection.setRevealConfig(900, true))
      .to.emit(w.collection, "RevealConfigUpdated")
      .withArgs(900, true);
    expect((await w.collection.cohortState()).instantReveal).to.equal(true);
    const coordinator = await w.coordinator.getAddress();
    const ids: bigint[] = [];
    const mints: [() => Promise<ContractTransactionResponse>, number, number][] = [
      [() => w.collection.connect(w.alice).mint(3, { value: PRICE * 3n }), 1, 3],
      [() => w.collection.connect(w.bob).mint(2, { value: PRICE * 2n }), 4, 2],
      [() => w.collection.mintTo(w.carol.address, 1), 6, 1],
    ];
    for (const [i, [send, first, q]] of mints.entries()) {
      const tx = send();
      const [id] = await requestIdsOf(w.collection, tx);
      await expect(tx).to.emit(w.collection, "CohortClosed").withArgs(i, first, q);
      await expect(tx).to.emit(w.collection, "RandomnessRequested").withArgs(id, REQUEST_KIND_COHORT, i, coordinator);
      ids.push(id);
    }
    const state = await w.collection.cohortState();
    expect([state.openFirstTokenId, state.cohortCount]).to.deep.equal([7n, 3n]);
    await expect(w.collection.reveal()).to.be.revertedWithCustomError(w.collection, "SeedNothingToReveal").withArgs(7);

    // Each fulfilment reveals its own mint's tokens only.
    await fulfil(w, ids[1]);
    await expectEggs(w, 1, 3, [1]);
    await expectEggs(w, 6, 6);
    const { randomness: word1 } = await w.collection.cohort(1);
    for (const id of [4, 5]) expect(await w.collection.seedOf(id)).to.equal(seedOf(word1, id));
    await fulfil(w, ids[0]);
    await fulfil(w, ids[2]);
    const words = [(await w.collection.cohort(0)).randomness, word1, (await w.collection.cohort(2)).randomness];
    expect(new Set(words).size).to.equal(3);
    for (let id = 1; id <= 6; id++) {
      const cohortId = id <= 3 ? 0 : id <= 5 ? 1 : 2;
      expect(await w.collection.seedOf(id)).to.equal(seedOf(words[cohortId], id));
    }

    // A refused request does not fail an instant-reveal mint: the cohort waits for a retry.
    await w.coordinator.removeConsumer(w.subscriptionId, await w.collection.getAddress());
    const refused = w.collection.connect(w.alice).mint(1, { value: PRICE });
    await expect(refused).to.emit(w.collection, "RandomnessRequestFailed");
    expect(await w.collection.ownerOf(7)).to.equal(w.alice.address);
    expect((await w.collection.cohort(3)).randomness).to.equal(0n);

    // Back to cohort mode: mints wait for reveal() again.
    await expect(w.collection.setRevealConfig(900, false))
      .to.emit(w.collection, "RevealConfigUpdated")
      .withArgs(900, false);
    await expect(w.collection.connect(w.bob).mint(1, { value: PRICE })).to.not.emit(w.collection, "CohortClosed");
    expect((await w.collection.cohortState()).openFirstTokenId).to.equal(8n);
  });

  it("setRevealConfig: the delay must lie in [1 minute, 30 days] (SeedInvalidRevealDelay), config role only; the delay applies to the open cohort", async () => {
    const w = await deployWorld();
    const before = await seedState(w);
    for (const delay of [0, MIN_DELAY - 1, MAX_DELAY + 1]) {
      await expect(w.collection.setRevealConfig(delay, false))
        .to.be.revertedWithCustomError(w.collection, "SeedInvalidRevealDelay")
        .withArgs(delay, MIN_DELAY, MAX_DELAY);
    }
    await expect(w.collection.connect(w.alice).setRevealConfig(MIN_DELAY, true))
      .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
      .withArgs(w.alice.address, await w.collection.CONFIG_ROLE());
    expect(await seedState(w)).to.deep.equal(before);

    await expect(w.collection.setRevealConfig(MAX_DELAY, false))
      .to.emit(w.collection, "RevealConfigUpdated")
      .withArgs(MAX_DELAY, false);
    await expect(w.collection.setRevealConfig(MIN_DELAY, false))
      .to.emit(w.collection, "RevealConfigUpdated")
      .withArgs(MIN_DELAY, false);
    const state = await w.collection.cohortState();
    expect([state.minRevealDelay, state.instantReveal, state.openedAt]).to.deep.equal([
      BigInt(MIN_DELAY),
      false,
      before.reveal.openedAt,
    ]);
    // A minute after the open cohort opened, not the deploy default's fifteen.
    await mint(w, w.alice, 1);
    await timeAtLeast(state.openedAt + BigInt(MIN_DELAY));
    await expect(w.collection.connect(w.bob).reveal()).to.emit(w.collection, "CohortClosed").withArgs(0, 1, 1);
  });
});
