import { expect } from "chai";
import type { World } from "../helpers/fixture";
import { mintAndReveal } from "../helpers/fixture";

/** ERC-2981 behaviour with the module's cap and events, run against the real proxy. */
export function shouldBehaveLikeERC2981(load: () => Promise<World>): void {
  describe("ERC-2981 behaviour", () => {
    let w: World;
    beforeEach(async () => {
      w = await load();
      await mintAndReveal(w, w.alice, 3);
    });

    it("royaltyInfo applies the default fee (500 bps from deploy)", async () => {
      const [receiver, amount] = await w.collection.royaltyInfo(1, 10_000n);
      expect(receiver).to.equal(w.deployer.address);
      expect(amount).to.equal(500n);
    });

    it("the default can be set up to the cap exactly, with an event", async () => {
      const cap = await w.collection.maxRoyaltyBps();
      await expect(w.collection.setDefaultRoyalty(w.bob.address, cap))
        .to.emit(w.collection, "DefaultRoyaltyUpdated")
        .withArgs(w.bob.address, cap)
        .and.to.emit(w.collection, "ContractURIUpdated");
      const [receiver, amount] = await w.collection.royaltyInfo(2, 1_000_000n);
      expect(receiver).to.equal(w.bob.address);
      expect(amount).to.equal((1_000_000n * cap) / 10_000n);
    });

    it("a fee above the cap reverts with the fee and the cap and changes nothing", async () => {
      const cap = await w.collection.maxRoyaltyBps();
      await expect(w.collection.setDefaultRoyalty(w.bob.address, cap + 1n))
        .to.be.revertedWithCustomError(w.collection, "RoyaltyAboveCap")
        .withArgs(cap + 1n, cap);
      await expect(w.collection.setTokenRoyalty(1, w.bob.address, cap + 1n))
        .to.be.revertedWithCustomError(w.collection, "RoyaltyAboveCap")
        .withArgs(cap + 1n, cap);
      const [receiver, amount] = await w.collection.royaltyInfo(1, 10_000n);
      expect([receiver, amount]).to.deep.equal([w.deployer.address, 500n]);
    });

    it("per-token overrides win over the default and reset back to it", async () => {
      await expect(w.collection.setTokenRoyalty(2, w.carol.address, 250))
        .to.emit(w.collection, "TokenRoyaltyUpdated")
        .withArgs(2, w.carol.address, 250);
      expect(await w.collection.royaltyInfo(2, 10_000n)).to.deep.equal([w.carol.address, 250n]);
      expect(await w.collection.royaltyInfo(1, 10_000n)).to.deep.equal([w.deployer.address, 500n]);
      await expect(w.collection.resetTokenRoyalty(2)).to.emit(w.collection, "TokenRoyaltyReset").withArgs(2);
      expect(await w.collection.royaltyInfo(2, 10_000n)).to.deep.equal([w.deployer.address, 500n]);
    });

    it("royalty maths rounds down on odd prices", async () => {
      expect((await w.collection.royaltyInfo(1, 199n))[1]).to.equal(9n); // 199 * 500 / 10000 = 9.95
    });

    it("rejects a zero receiver, an unknown token and a caller without the config role", async () => {
      await expect(
        w.collection.setDefaultRoyalty("0x0000000000000000000000000000000000000000", 100),
      ).to.be.revertedWithCustomError(w.collection, "RoyaltyZeroReceiver");
      await expect(w.collection.setTokenRoyalty(99, w.bob.address, 100))
        .to.be.revertedWithCustomError(w.collection, "LivingAssetNonexistentToken")
        .withArgs(99);
      await expect(w.collection.connect(w.alice).setDefaultRoyalty(w.alice.address, 100))
        .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
        .withArgs(w.alice.address, await w.collection.CONFIG_ROLE());
    });
  });
}
