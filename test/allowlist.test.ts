import { expect } from "chai";
import { ethers } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { closeCohort, deployWorld, fulfil, plain, PRICE, requestIdsOf, type World } from "./helpers/fixture";
import { decodeTokenUri } from "../tasks/lib/render";

// The allowlist sale (issue 13): a Merkle root of (collection, chain id, address, allowance)
// leaves (bound to one collection on one chain, issue 20), OpenZeppelin StandardMerkleTree's encoding, its own price and open switch, allowances counted per address
// across calls (and across roots). Trees are built here with @openzeppelin/merkle-tree, as a
// creator's tooling would.

const AL_PRICE = PRICE / 2n;
const LEAF = ["address", "uint256", "address", "uint256"];
const CHAIN_ID = 31337n; // the in-process network (hardhat.config.ts)
type Signer = World["alice"];
/** The collection and chain a tree's leaves are bound to. */
type Domain = { collection: string; chainId: bigint };
const domainOf = (w: World): Domain => ({ collection: w.collection.target as string, chainId: CHAIN_ID });

const abi = ethers.AbiCoder.defaultAbiCoder();
const seedFor = (word: bigint, tokenId: number): bigint =>
  BigInt(ethers.keccak256(abi.encode(["uint256", "uint256"], [word, tokenId])));

function treeOf(domain: Domain, entries: [Signer, number][]) {
  const leaf = (who: Signer, n: number) => [domain.collection, domain.chainId, who.address, BigInt(n)];
  const tree = StandardMerkleTree.of(
    entries.map(([s, n]) => leaf(s, n)),
    LEAF,
  );
  const proof = (who: Signer, allowance: number) => tree.getProof(leaf(who, allowance));
  return { root: tree.root, proof };
}

interface Allowlisted extends World {
  dave: Signer;
  list: ReturnType<typeof treeOf>;
}

/** The deploy-script world, with alice (3), bob (5) and carol (1) on an open allowlist; dave is not. */
async function allowlisted(): Promise<Allowlisted> {
  const w = await deployWorld();
  const dave = (await ethers.getSigners())[4];
  const list = treeOf(domainOf(w), [
    [w.alice, 3],
    [w.bob, 5],
    [w.carol, 1],
  ]);
  await (await w.collection.setAllowlist(list.root, AL_PRICE, true)).wait();
  return { ...w, dave, list };
}

/** What a refused mint must leave untouched. */
async function snapshot(w: Allowlisted) {
  const people = [w.alice, w.bob, w.carol, w.dave];
  return {
    supply: await w.collection.totalSupply(),
    balances: await Promise.all(people.map((p) => w.collection.balanceOf(p.address))),
    allowlistMinted: await Promise.all(people.map((p) => w.collection.allowlistMinted(p.address))),
    eth: await ethers.provider.getBalance(await w.collection.getAddress()),
    reveal: plain(await w.collection.cohortState()),
  };
}

const alMint = (w: World, who: Signer, quantity: number, allowance: number, proof: string[], value?: bigint) =>
  w.collection.connect(who).mintAllowlist(quantity, allowance, proof, { value: value ?? AL_PRICE * BigInt(quantity) });

describe("Allowlist sale", () => {
  it("only the config role sets the allowlist; AllowlistUpdated; saleConfig shows root, price and switch", async () => {
    const w = await deployWorld();
    const list = treeOf(domainOf(w), [[w.alice, 2]]);
    const before = plain(await w.collection.saleConfig());
    expect([before.allowlistRoot, before.allowlistPrice, before.allowlistOpen]).to.deep.equal([
      ethers.ZeroHash,
      0n,
      false,
    ]);
    await expect(w.collection.connect(w.alice).setAllowlist(list.root, AL_PRICE, true))
      .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
      .withArgs(w.alice.address, await w.collection.CONFIG_ROLE());
    expect(plain(await w.collection.saleConfig())).to.deep.equal(before);

    await expect(w.collection.setAllowlist(list.root, AL_PRICE, true))
      .to.emit(w.collection, "AllowlistUpdated")
      .withArgs(list.root, AL_PRICE, true);
    expect(plain(await w.collection.saleConfig())).to.deep.equal({
      ...before,
      allowlistRoot: list.root,
      allowlistPrice: AL_PRICE,
      allowlistOpen: true,
    });
  });

  it("a valid proof mints at the allowlist price; the allowance is counted across calls (LivingAssetAllowanceExceeded), changing nothing when refused", async () => {
    const w = await allowlisted();
    const proof = w.list.proof(w.alice, 3);
    const collection = await w.collection.getAddress();
    await expect(alMint(w, w.alice, 2, 3, proof)).to.changeEtherBalances(
      [w.alice, collection],
      [-AL_PRICE * 2n, AL_PRICE * 2n],
    );
    expect(await w.collection.balanceOf(w.alice.address)).to.equal(2n);
    expect(await w.collection.allowlistMinted(w.alice.address)).to.equal(2n);
    expect([await w.collection.ownerOf(1), await w.collection.ownerOf(2)]).to.deep.equal([
      w.alice.address,
      w.alice.address,
    ]);

    // One left: two is refused, with the count so far.
    let before = await snapshot(w);
    await expect(alMint(w, w.alice, 2, 3, proof))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetAllowanceExceeded")
      .withArgs(w.alice.address, 2, 2, 3);
    expect(await snapshot(w)).to.deep.equal(before);

    await expect(alMint(w, w.alice, 1, 3, proof))
      .to.emit(w.collection, "Transfer")
      .withArgs(ethers.ZeroAddress, w.alice.address, 3);
    expect(await w.collection.allowlistMinted(w.alice.address)).to.equal(3n);
    before = await snapshot(w);
    await expect(alMint(w, w.alice, 1, 3, proof))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetAllowanceExceeded")
      .withArgs(w.alice.address, 3, 1, 3);
    expect(await snapshot(w)).to.deep.equal(before);

    // Others' allowances are their own; the public sale still takes alice at the public price.
    await alMint(w, w.bob, 5, 5, w.list.proof(w.bob, 5));
    expect(await w.collection.allowlistMinted(w.bob.address)).to.equal(5n);
    await w.collection.connect(w.alice).mint(1, { value: PRICE });
    expect(await w.collection.allowlistMinted(w.alice.address)).to.equal(3n);
    expect(await w.collection.balanceOf(w.alice.address)).to.equal(4n);
  });

  it("a bad proof or a wrong allowance: LivingAssetInvalidProof(account, allowance), and nothing changes", async () => {
    const w = await allowlisted();
    const before = await snapshot(w);
    const cases: [string, Signer, number, string[]][] = [
      ["alice claims more than her leaf", w.alice, 5, w.list.proof(w.alice, 3)],
      ["alice with bob's proof and allowance", w.alice, 5, w.list.proof(w.bob, 5)],
      ["bob uses alice's proof", w.bob, 3, w.list.proof(w.alice, 3)],
      ["dave (not listed) with alice's proof", w.dave, 3, w.list.proof(w.alice, 3)],
      ["dave with no proof", w.dave, 1, []],
      ["carol with a truncated proof", w.carol, 1, w.list.proof(w.carol, 1).slice(1)],
    ];
    for (const [label, who, allowance, proof] of cases) {
      await expect(alMint(w, who, 1, allowance, proof), label)
        .to.be.revertedWithCustomError(w.collection, "LivingAssetInvalidProof")
        .withArgs(who.address, allowance);
    }
    expect(await snapshot(w)).to.deep.equal(before);
    // A proof from another tree (same leaves, another entry) does not verify against this root.
    const other = treeOf(domainOf(w), [
      [w.dave, 4],
      [w.alice, 3],
    ]);
    await expect(alMint(w, w.dave, 1, 4, other.proof(w.dave, 4)))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetInvalidProof")
      .withArgs(w.dave.address, 4);
    expect(await snapshot(w)).to.deep.equal(before);
  });

  it("a proof is bound to its collection and chain: a list built for another collection, another chain, or with the old (address, allowance) leaves mints nothing here", async () => {
    const w = await allowlisted();
    const elsewhere: [string, Domain][] = [
      ["another collection", { collection: await w.world.getAddress(), chainId: CHAIN_ID }],
      ["another chain (Sepolia)", { collection: w.collection.target as string, chainId: 11_155_111n }],
    ];
    const unbound = StandardMerkleTree.of([[w.alice.address, 3n]], ["address", "uint256"]);
    for (const [label, domain] of elsewhere) {
      const foreign = treeOf(domain, [[w.alice, 3]]);
      await (await w.collection.setAllowlist(foreign.root, AL_PRICE, true)).wait();
      const before = await snapshot(w);
      await expect(alMint(w, w.alice, 1, 3, foreign.proof(w.alice, 3)), label)
        .to.be.revertedWithCustomError(w.collection, "LivingAssetInvalidProof")
        .withArgs(w.alice.address, 3);
      expect(await snapshot(w), label).to.deep.equal(before);
    }
    await (await w.collection.setAllowlist(unbound.root, AL_PRICE, true)).wait();
    await expect(alMint(w, w.alice, 1, 3, unbound.getProof(0)))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetInvalidProof")
      .withArgs(w.alice.address, 3);
    // The same list built for this collection on this chain mints.
    const here = treeOf(domainOf(w), [[w.alice, 3]]);
    await (await w.collection.setAllowlist(here.root, AL_PRICE, true)).wait();
    await expect(alMint(w, w.alice, 1, 3, here.proof(w.alice, 3))).to.emit(w.collection, "Transfer");
  });

  it("a closed phase: LivingAssetAllowlistClosed, before any allowlist is set and after it closes, even with a valid proof", async () => {
    const w = await deployWorld();
    const list = treeOf(domainOf(w), [[w.alice, 2]]);
    await expect(alMint(w, w.alice, 1, 2, list.proof(w.alice, 2))).to.be.revertedWithCustomError(
      w.collection,
      "LivingAssetAllowlistClosed",
    );
    await w.collection.setAllowlist(list.root, AL_PRICE, false);
    await expect(alMint(w, w.alice, 1, 2, list.proof(w.alice, 2))).to.be.revertedWithCustomError(
      w.collection,
      "LivingAssetAllowlistClosed",
    );
    expect(await w.collection.totalSupply()).to.equal(0n);
    expect(await w.collection.allowlistMinted(w.alice.address)).to.equal(0n);
    // The public sale does not depend on it, and the allowlist not on the public sale.
    await w.collection.connect(w.bob).mint(1, { value: PRICE });
    await w.collection.setSaleOpen(false);
    await w.collection.setAllowlist(list.root, AL_PRICE, true);
    await alMint(w, w.alice, 2, 2, list.proof(w.alice, 2));
    expect(await w.collection.balanceOf(w.alice.address)).to.equal(2n);
    // Paused: no mint of any kind.
    await w.collection.pause();
    await expect(alMint(w, w.alice, 1, 2, list.proof(w.alice, 2))).to.be.revertedWithCustomError(
      w.collection,
      "EnforcedPause",
    );
  });

  it("the allowlist price is what is paid (LivingAssetWrongPayment(sent, required)); quantity and supply checks are the sale's own", async () => {
    const w = await allowlisted();
    const proof = w.list.proof(w.bob, 5);
    const before = await snapshot(w);
    const cases: [string, number, bigint, string, unknown[]][] = [
      ["the public price", 2, PRICE * 2n, "LivingAssetWrongPayment", [PRICE * 2n, AL_PRICE * 2n]],
      ["one wei short", 2, AL_PRICE * 2n - 1n, "LivingAssetWrongPayment", [AL_PRICE * 2n - 1n, AL_PRICE * 2n]],
      ["nothing", 1, 0n, "LivingAssetWrongPayment", [0n, AL_PRICE]],
      ["quantity 0", 0, 0n, "LivingAssetZeroQuantity", []],
      ["above maxPerMint", 21, AL_PRICE * 21n, "LivingAssetQuantityTooLarge", [21, 20]],
    ];
    for (const [label, q, value, error, args] of cases) {
      await expect(alMint(w, w.bob, q, 5, proof, value), label)
        .to.be.revertedWithCustomError(w.collection, error)
        .withArgs(...args);
    }
    expect(await snapshot(w)).to.deep.equal(before);
    await w.collection.setSaleConfig(PRICE, 3, 100, 20);
    await expect(alMint(w, w.bob, 4, 5, proof))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetSupplyExceeded")
      .withArgs(4, 3);
    expect(await snapshot(w)).to.deep.equal(before);

    // A free claim: price 0, nothing to pay, anything sent refused.
    await w.collection.setAllowlist(w.list.root, 0, true);
    await expect(alMint(w, w.bob, 1, 5, proof, 1n))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetWrongPayment")
      .withArgs(1n, 0n);
    await alMint(w, w.bob, 3, 5, proof, 0n);
    expect(await w.collection.balanceOf(w.bob.address)).to.equal(3n);
  });

  it("a new root keeps the counts: an allowance is of the whole phase, not of one tree", async () => {
    const w = await allowlisted();
    await alMint(w, w.alice, 3, 3, w.list.proof(w.alice, 3));
    const next = treeOf(domainOf(w), [
      [w.alice, 4],
      [w.dave, 2],
    ]);
    await expect(w.collection.setAllowlist(next.root, AL_PRICE, true))
      .to.emit(w.collection, "AllowlistUpdated")
      .withArgs(next.root, AL_PRICE, true);
    expect(await w.collection.allowlistMinted(w.alice.address)).to.equal(3n);
    // The old leaf no longer verifies.
    await expect(alMint(w, w.alice, 1, 3, w.list.proof(w.alice, 3)))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetInvalidProof")
      .withArgs(w.alice.address, 3);
    const before = await snapshot(w);
    await expect(alMint(w, w.alice, 2, 4, next.proof(w.alice, 4)))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetAllowanceExceeded")
      .withArgs(w.alice.address, 3, 2, 4);
    expect(await snapshot(w)).to.deep.equal(before);
    await alMint(w, w.alice, 1, 4, next.proof(w.alice, 4));
    await alMint(w, w.dave, 2, 2, next.proof(w.dave, 2));
    expect(await w.collection.allowlistMinted(w.alice.address)).to.equal(4n);
    expect(await w.collection.allowlistMinted(w.dave.address)).to.equal(2n);
  });

  it("the public sale's maxPerWallet counts allowlist mints; the allowance does not count public mints", async () => {
    const w = await allowlisted();
    await w.collection.setSaleConfig(PRICE, 10_000, 4, 20);
    await alMint(w, w.bob, 3, 5, w.list.proof(w.bob, 5));
    await expect(w.collection.connect(w.bob).mint(2, { value: PRICE * 2n }))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetWalletLimitExceeded")
      .withArgs(w.bob.address, 3, 2, 4);
    await w.collection.connect(w.bob).mint(1, { value: PRICE });
    // Public mints leave the allowance alone: two allowlist tokens remain (the wallet limit is the public sale's).
    expect(await w.collection.allowlistMinted(w.bob.address)).to.equal(3n);
    await alMint(w, w.bob, 2, 5, w.list.proof(w.bob, 5));
    expect(await w.collection.balanceOf(w.bob.address)).to.equal(6n);
  });

  it("allowlist mints join the open cohort and reveal with it", async () => {
    const w = await allowlisted();
    await alMint(w, w.alice, 2, 3, w.list.proof(w.alice, 3)); // #1-#2
    await w.collection.connect(w.dave).mint(2, { value: PRICE * 2n }); // #3-#4, public
    await alMint(w, w.carol, 1, 1, w.list.proof(w.carol, 1)); // #5
    for (const id of [1, 5]) {
      const attrs = decodeTokenUri(await w.collection.tokenURI(id)).metadata.attributes ?? [];
      expect(attrs.find((a) => a.trait_type === "Stage")?.value).to.equal("Egg");
    }
    expect((await w.collection.cohortState()).cohortCount).to.equal(0n);
    const requestId = await closeCohort(w, w.dave);
    const c = await w.collection.cohort(0);
    expect([c.firstTokenId, c.quantity]).to.deep.equal([1n, 5n]);
    await fulfil(w, requestId);
    const { randomness: word } = await w.collection.cohort(0);
    for (let id = 1; id <= 5; id++) expect(await w.collection.seedOf(id)).to.equal(seedFor(word, id));
  });

  it("instant-reveal mode: an allowlist mint requests its own cohort's word", async () => {
    const w = await allowlisted();
    await w.collection.setRevealConfig(900, true);
    const tx = alMint(w, w.bob, 4, 5, w.list.proof(w.bob, 5));
    const [requestId] = await requestIdsOf(w.collection, tx);
    await expect(tx).to.emit(w.collection, "CohortClosed").withArgs(0, 1, 4);
    await fulfil(w, requestId);
    const { randomness: word } = await w.collection.cohort(0);
    for (let id = 1; id <= 4; id++) expect(await w.collection.seedOf(id)).to.equal(seedFor(word, id));
  });
});
