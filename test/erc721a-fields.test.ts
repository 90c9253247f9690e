import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { buildAllowlist } from "../tasks/lib/allowlist";

import { deployWorld, mintAs, plain, PRICE } from "./helpers/fixture";
import { collectionFactory } from "../scripts/lib/collection";
import type { ERC721AFieldsProbe } from "../typechain-types";

// contracts/storage/ERC721AFields.sol reads ERC721A's private storage (its counters and the packed
// per-owner word) with offsets copied from ERC721A's private constants. Here a real collection,
// upgraded to a probe that adds two views, compares each reader with ERC721A's own getter, after
// every kind of write to those fields: mints, an allowlist mint (aux), a transfer (balance moves,
// numberMinted does not) and a burn (the burn counter).
describe("ERC721AFields: ERC721A's fields read in one place", () => {
  it("reads what ERC721A's own getters return on a real collection, after mints, an allowlist mint, a transfer and a burn", async () => {
    const w = await deployWorld();
    const dave = (await ethers.getSigners())[4];
    const domain = {
      collection: await w.collection.getAddress(),
      chainId: (await ethers.provider.getNetwork()).chainId,
    };
    const list = buildAllowlist([{ address: w.bob.address, allowance: 5 }], domain);
    await (await w.collection.setAllowlist(list.root, PRICE, true)).wait();

    await mintAs(w, w.alice, 3); // tokens 1-3
    const proof = list.entries[0].proof;
    await (await w.collection.connect(w.bob).mintAllowlist(2, 5, proof, { value: PRICE * 2n })).wait(); // 4-5
    await (await w.collection.mintTo(w.carol.address, 4)).wait(); // 6-9
    await (await w.collection.connect(w.alice).transferFrom(w.alice.address, dave.address, 1)).wait();

    // The probe adds views only: upgraded to directly (the upgrade plugin's checks are the V2 tests').
    const implementation = await (await collectionFactory(hre, "ERC721AFieldsProbe")).deploy();
    const initializeV2 = implementation.interface.encodeFunctionData("initializeV2", [0]); // burns open at once
    await (await w.collection.upgradeToAndCall(await implementation.getAddress(), initializeV2)).wait();
    const probe = (await ethers.getContractAt(
      "ERC721AFieldsProbe",
      await w.collection.getAddress(),
    )) as unknown as ERC721AFieldsProbe;
    await (await probe.connect(w.alice).burn(2)).wait();

    for (const who of [w.alice, w.bob, w.carol, dave, w.deployer]) {
      const reads = plain(await probe.accessorReads(who.address));
      expect(reads, who.address).to.deep.equal(plain(await probe.erc721aGetters(who.address)));
      expect(reads.totalSupply).to.equal(await probe.totalSupply());
      expect(reads.aux).to.equal(await probe.allowlistMinted(who.address));
    }
    // Every field read differs from its neighbours in the packed word, so a wrong offset shows.
    const alice = plain(await probe.accessorReads(w.alice.address));
    expect([alice.nextTokenId, alice.totalMinted, alice.totalSupply, alice.numberMinted, alice.aux]).to.deep.equal([
      10n,
      9n,
      8n,
      3n,
      0n,
    ]);
    expect(await probe.balanceOf(w.alice.address)).to.equal(1n);
    expect(plain(await probe.accessorReads(w.bob.address)).aux).to.equal(2n);
    expect(alice.name).to.equal(await probe.name());
  });
});
