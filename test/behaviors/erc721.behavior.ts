import { expect } from "chai";
import { ethers } from "hardhat";
import type { World } from "../helpers/fixture";
import { mintAndReveal } from "../helpers/fixture";

/** ERC-721 behaviour, run against the real proxy. `load` returns a fresh world. */
export function shouldBehaveLikeERC721(load: () => Promise<World>): void {
  describe("ERC-721 behaviour", () => {
    let w: World;
    beforeEach(async () => {
      w = await load();
      await mintAndReveal(w, w.alice, 10); // tokens 1..10
      await mintAndReveal(w, w.bob, 5); // tokens 11..15
    });

    it("balances and owners after batch mints, including the middle of a batch", async () => {
      expect(await w.collection.balanceOf(w.alice.address)).to.equal(10n);
      expect(await w.collection.balanceOf(w.bob.address)).to.equal(5n);
      for (const id of [1, 5, 6, 10]) expect(await w.collection.ownerOf(id)).to.equal(w.alice.address);
      for (const id of [11, 13, 15]) expect(await w.collection.ownerOf(id)).to.equal(w.bob.address);
      expect(await w.collection.totalSupply()).to.equal(15n);
    });

    it("transferFrom moves a middle token and keeps its neighbours", async () => {
      await expect(w.collection.connect(w.alice).transferFrom(w.alice.address, w.carol.address, 6))
        .to.emit(w.collection, "Transfer")
        .withArgs(w.alice.address, w.carol.address, 6);
      expect(await w.collection.ownerOf(6)).to.equal(w.carol.address);
      expect(await w.collection.ownerOf(5)).to.equal(w.alice.address);
      expect(await w.collection.ownerOf(7)).to.equal(w.alice.address);
      expect(await w.collection.balanceOf(w.alice.address)).to.equal(9n);
    });

    it("transferFrom by a stranger reverts and changes nothing", async () => {
      await expect(
        w.collection.connect(w.carol).transferFrom(w.alice.address, w.carol.address, 3),
      ).to.be.revertedWithCustomError(w.collection, "TransferCallerNotOwnerNorApproved");
      expect(await w.collection.ownerOf(3)).to.equal(w.alice.address);
    });

    it("approve lets the approved address transfer once, then clears", async () => {
      await expect(w.collection.connect(w.alice).approve(w.bob.address, 2))
        .to.emit(w.collection, "Approval")
        .withArgs(w.alice.address, w.bob.address, 2);
      expect(await w.collection.getApproved(2)).to.equal(w.bob.address);
      await w.collection.connect(w.bob).transferFrom(w.alice.address, w.carol.address, 2);
      expect(await w.collection.getApproved(2)).to.equal(ethers.ZeroAddress);
    });

    it("setApprovalForAll lets an operator move any token of the owner", async () => {
      await expect(w.collection.connect(w.alice).setApprovalForAll(w.carol.address, true))
        .to.emit(w.collection, "ApprovalForAll")
        .withArgs(w.alice.address, w.carol.address, true);
      await w.collection.connect(w.carol).transferFrom(w.alice.address, w.bob.address, 9);
      expect(await w.collection.ownerOf(9)).to.equal(w.bob.address);
    });

    it("safeTransferFrom to an accepting receiver calls it with the data", async () => {
      const receiver = await (await ethers.getContractFactory("ERC721ReceiverMock")).deploy(0);
      await expect(
        w.collection
          .connect(w.alice)
          ["safeTransferFrom(address,address,uint256,bytes)"](
            w.alice.address,
            await receiver.getAddress(),
            4,
            "0x1234",
          ),
      )
        .to.emit(receiver, "Received")
        .withArgs(w.alice.address, w.alice.address, 4, "0x1234");
      expect(await w.collection.ownerOf(4)).to.equal(await receiver.getAddress());
    });

    for (const [label, behaviour] of [
      ["returning a wrong value", 1],
      ["reverting", 2],
    ] as const) {
      it(`safeTransferFrom to a receiver ${label} reverts`, async () => {
        const receiver = await (await ethers.getContractFactory("ERC721ReceiverMock")).deploy(behaviour);
        const tx = w.collection
          .connect(w.alice)
          ["safeTransferFrom(address,address,uint256)"](w.alice.address, await receiver.getAddress(), 4);
        if (behaviour === 2) await expect(tx).to.be.revertedWithCustomError(receiver, "ReceiverRejected");
        else await expect(tx).to.be.revertedWithCustomError(w.collection, "TransferToNonERC721ReceiverImplementer");
        expect(await w.collection.ownerOf(4)).to.equal(w.alice.address);
      });
    }

    it("safeTransferFrom to a contract without the hook reverts", async () => {
      const target = await (await ethers.getContractFactory("NonReceiverMock")).deploy();
      await expect(
        w.collection
          .connect(w.alice)
          ["safeTransferFrom(address,address,uint256)"](w.alice.address, await target.getAddress(), 4),
      ).to.be.revertedWithCustomError(w.collection, "TransferToNonERC721ReceiverImplementer");
    });

    it("transfers keep working while the collection is paused", async () => {
      await w.collection.pause();
      await w.collection.connect(w.alice).transferFrom(w.alice.address, w.bob.address, 1);
      expect(await w.collection.ownerOf(1)).to.equal(w.bob.address);
    });

    it("supports ERC-165, ERC-721, ERC-721 Metadata, ERC-2981, ERC-4906, ERC-7496 and OpenZeppelin's access control", async () => {
      // The last two: IAccessControl and IAccessControlDefaultAdminRules (own functions only).
      const ids = ["0x01ffc9a7", "0x80ac58cd", "0x5b5e139f", "0x2a55205a", "0x49064906", "0xaf332f3e"];
      for (const id of [...ids, "0x7965db0b", "0x31498786"]) {
        expect(await w.collection.supportsInterface(id), id).to.equal(true);
      }
      expect(await w.collection.supportsInterface("0xffffffff")).to.equal(false);
    });
  });
}
