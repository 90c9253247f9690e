import { expect } from "chai";
import { ethers, upgrades } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

import {
  AUTOMATION_PERFORM_GAS_LIMIT,
  BULLBEAR_INTERVAL,
  FEED_INITIAL_ANSWER,
  FEED_MOVED_ANSWER,
  deployBullBear,
  deployPerTokenVrf,
  deployPlainErc721a,
  deployPlainOz,
  measureAllBaselines,
  passBullBearInterval,
  type BullBearFigures,
  type GasFigures,
  type PlainCollectionFigures,
} from "../../scripts/lib/gas/measure";

async function baselinesFixture() {
  const [deployer, holder, alice] = await ethers.getSigners();
  const plainOz = await deployPlainOz();
  const plainErc721a = await deployPlainErc721a();
  const { token: perTokenVrf, coordinator, subId } = await deployPerTokenVrf();
  const { token: bullBear, feed } = await deployBullBear(undefined, 5);
  return { deployer, holder, alice, plainOz, plainErc721a, perTokenVrf, coordinator, subId, bullBear, feed };
}

describe("baselines: behaviour", function () {
  describe("PlainERC721Upgradeable", function () {
    it("mint gives sequential ids from 1 to the recipient", async function () {
      const { plainOz, holder } = await loadFixture(baselinesFixture);
      await plainOz.mint(holder.address, 3);
      expect(await plainOz.balanceOf(holder.address)).to.equal(3n);
      for (const id of [1n, 2n, 3n]) expect(await plainOz.ownerOf(id)).to.equal(holder.address);
      expect(await plainOz.nextTokenId()).to.equal(4n);
      await expect(plainOz.ownerOf(0n)).to.be.revertedWithCustomError(plainOz, "ERC721NonexistentToken").withArgs(0n);
    });

    it("upgradeToAndCall reverts for a non-owner", async function () {
      const { plainOz, alice } = await loadFixture(baselinesFixture);
      await expect(plainOz.connect(alice).upgradeToAndCall(alice.address, "0x"))
        .to.be.revertedWithCustomError(plainOz, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("initialize reverts on the implementation", async function () {
      const { plainOz, alice } = await loadFixture(baselinesFixture);
      const implementation = await ethers.getContractAt(
        "PlainERC721Upgradeable",
        await upgrades.erc1967.getImplementationAddress(await plainOz.getAddress()),
      );
      await expect(implementation.initialize("x", "x", alice.address)).to.be.revertedWithCustomError(
        implementation,
        "InvalidInitialization",
      );
    });
  });

  describe("PlainERC721AUpgradeable", function () {
    it("mint gives a batch of sequential ids from 1 to the recipient", async function () {
      const { plainErc721a, holder } = await loadFixture(baselinesFixture);
      await plainErc721a.mint(holder.address, 10);
      expect(await plainErc721a.balanceOf(holder.address)).to.equal(10n);
      expect(await plainErc721a.totalSupply()).to.equal(10n);
      for (const id of [1n, 6n, 10n]) expect(await plainErc721a.ownerOf(id)).to.equal(holder.address);
      await expect(plainErc721a.ownerOf(0n)).to.be.revertedWithCustomError(
        plainErc721a,
        "OwnerQueryForNonexistentToken",
      );
      await expect(plainErc721a.ownerOf(11n)).to.be.revertedWithCustomError(
        plainErc721a,
        "OwnerQueryForNonexistentToken",
      );
    });

    it("initialize reverts on the proxy once initialised", async function () {
      const { plainErc721a, alice } = await loadFixture(baselinesFixture);
      await expect(plainErc721a.initialize("x", "x", alice.address)).to.be.revertedWith(
        "ERC721A__Initializable: contract is already initialized",
      );
    });

    it("upgradeProxy to a new implementation keeps owners and state", async function () {
      const { plainErc721a, holder } = await loadFixture(baselinesFixture);
      await plainErc721a.mint(holder.address, 2);
      const factory = await ethers.getContractFactory("PlainERC721AUpgradeable");
      const upgraded = await upgrades.upgradeProxy(await plainErc721a.getAddress(), factory, { kind: "uups" });
      expect(await upgraded.getFunction("ownerOf")(2n)).to.equal(holder.address);
      expect(await upgraded.getFunction("name")()).to.equal("Plain 721A");
    });
  });

  describe("PerTokenVrfMint", function () {
    it("mint makes one VRF request per token, each mapped to its token", async function () {
      const { perTokenVrf, coordinator, holder } = await loadFixture(baselinesFixture);
      const receipt = await (await perTokenVrf.mint(holder.address, 4)).wait();
      const requestIds = (receipt?.logs ?? [])
        .map((log) => coordinator.interface.parseLog(log))
        .filter((parsed) => parsed?.name === "RandomWordsRequested")
        .map((parsed) => parsed!.args.requestId as bigint);
      expect(requestIds).to.have.lengthOf(4);
      expect(await perTokenVrf.balanceOf(holder.address)).to.equal(4n);
      for (const [i, requestId] of requestIds.entries()) {
        expect(await perTokenVrf.tokenOfRequest(requestId)).to.equal(BigInt(i + 1));
      }
    });

    it("rawFulfillRandomWords from the coordinator stores the seed of each token", async function () {
      const { perTokenVrf, coordinator, holder } = await loadFixture(baselinesFixture);
      await perTokenVrf.mint(holder.address, 3);
      const consumer = await perTokenVrf.getAddress();
      for (const requestId of [1n, 2n, 3n]) {
        await expect(coordinator.fulfillRandomWords(requestId, consumer))
          .to.emit(perTokenVrf, "SeedFulfilled")
          .withArgs(requestId, requestId, ethers.solidityPackedKeccak256(["uint256", "uint256"], [requestId, 0n]));
      }
      for (const tokenId of [1n, 2n, 3n]) {
        const expected = BigInt(ethers.solidityPackedKeccak256(["uint256", "uint256"], [tokenId, 0n]));
        expect(await perTokenVrf.seedOf(tokenId)).to.equal(expected);
      }
    });

    it("rawFulfillRandomWords reverts for anyone but the coordinator", async function () {
      const { perTokenVrf, coordinator, alice, holder } = await loadFixture(baselinesFixture);
      await perTokenVrf.mint(holder.address, 1);
      await expect(perTokenVrf.connect(alice).rawFulfillRandomWords(1n, [42n]))
        .to.be.revertedWithCustomError(perTokenVrf, "PerTokenVrfOnlyCoordinator")
        .withArgs(alice.address, await coordinator.getAddress());
      expect(await perTokenVrf.seedOf(1n)).to.equal(0n);
    });
  });

  describe("BullBearStyle", function () {
    it("performUpkeep reverts before the interval has passed", async function () {
      const { bullBear } = await loadFixture(baselinesFixture);
      const [upkeepNeeded] = await bullBear.checkUpkeep.staticCall("0x");
      expect(upkeepNeeded).to.equal(false);
      await expect(bullBear.performUpkeep("0x")).to.be.revertedWithCustomError(bullBear, "BullBearUpkeepNotNeeded");
    });

    it("performUpkeep after a price drop rewrites every token URI to bear, and back to bull on a rise", async function () {
      const { bullBear, feed } = await loadFixture(baselinesFixture);
      expect(await bullBear.interval()).to.equal(BULLBEAR_INTERVAL);
      expect(await bullBear.currentPrice()).to.equal(FEED_INITIAL_ANSWER);
      const supply = await bullBear.totalSupply();
      expect(supply).to.equal(5n);
      for (let id = 1n; id <= supply; id++)
        expect(await bullBear.tokenURI(id)).to.match(/^ipfs:\/\/.*\/bull_\d\.json$/);

      await feed.updateAnswer(FEED_MOVED_ANSWER);
      await passBullBearInterval();
      const [upkeepNeeded] = await bullBear.checkUpkeep.staticCall("0x");
      expect(upkeepNeeded).to.equal(true);
      await expect(bullBear.performUpkeep("0x"))
        .to.emit(bullBear, "TokensUpdated")
        .withArgs(false, FEED_MOVED_ANSWER, supply);
      for (let id = 1n; id <= supply; id++) {
        const uri = await bullBear.tokenURI(id);
        expect(uri).to.match(/^ipfs:\/\/.*\/bear_\d\.json$/);
        expect(uri.length).to.be.within(60, 80);
      }

      await feed.updateAnswer(FEED_INITIAL_ANSWER);
      await passBullBearInterval();
      await expect(bullBear.performUpkeep("0x"))
        .to.emit(bullBear, "TokensUpdated")
        .withArgs(true, FEED_INITIAL_ANSWER, supply);
      expect(await bullBear.tokenURI(3n)).to.match(/bull_0\.json$/);
    });

    it("performUpkeep with an unchanged price rewrites nothing", async function () {
      const { bullBear } = await loadFixture(baselinesFixture);
      await passBullBearInterval();
      await expect(bullBear.performUpkeep("0x")).not.to.emit(bullBear, "TokensUpdated");
      expect(await bullBear.tokenURI(1n)).to.match(/bull_1\.json$/);
    });
  });
});

describe("baselines: gas", function () {
  let plainOz: PlainCollectionFigures;
  let plainErc721a: PlainCollectionFigures;
  let perTokenVrf: GasFigures;
  let bullBear: BullBearFigures;

  before(async function () {
    ({ plainOz, plainErc721a, perTokenVrf, bullBear } = await measureAllBaselines());
    const row = (figures: GasFigures) => Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Number(v)]));
    console.log("\n    Baseline gas (receipt.gasUsed)");
    console.table({
      "OZ ERC721 (UUPS)": row(plainOz),
      "ERC721A (UUPS)": row(plainErc721a),
      "per-token VRF (ERC721A, UUPS)": row(perTokenVrf),
    });
    console.table({ "Bull&Bear performUpkeep": row(bullBear.gas) });
    console.log(
      `    Bull&Bear fit: gas = ${bullBear.fit.intercept.toFixed(0)} + ${bullBear.fit.slope.toFixed(1)} * supply ` +
        `(r2 ${bullBear.fit.r2.toFixed(6)}); exceeds ${AUTOMATION_PERFORM_GAS_LIMIT} gas from supply ${bullBear.supplyAtGasLimit}\n`,
    );
  });

  it("ERC721A mint of 10 costs less than 3x its mint of 1, each extra token only an event", function () {
    expect(plainErc721a.mint10 < 3n * plainErc721a.mint1).to.equal(true);
    const perToken = (plainErc721a.mint20 - plainErc721a.mint1) / 19n;
    expect(perToken < 3_000n).to.equal(true);
  });

  // Not "mint 10 > 5x mint 1": mint 1 carries the 21,000 intrinsic gas and the holder's first balance
  // write (zero to non-zero) once, so the ratio is ~3.9. Each extra token costs a fresh owner slot.
  it("OZ mint costs a fresh storage slot (>20,000 gas) per extra token, over 10x ERC721A's", function () {
    const perToken = (plainOz.mint20 - plainOz.mint1) / 19n;
    const perToken721a = (plainErc721a.mint20 - plainErc721a.mint1) / 19n;
    expect(perToken > 20_000n).to.equal(true);
    expect(perToken > 10n * perToken721a).to.equal(true);
    expect(plainOz.mint10 > 3n * plainOz.mint1).to.equal(true);
    expect(plainOz.mint10 > plainErc721a.mint10).to.equal(true);
  });

  it("ERC721A first transfer from the middle of a batch costs more than the second", function () {
    expect(plainErc721a.transferFirst > plainErc721a.transferSecond).to.equal(true);
    expect(plainErc721a.transferFirst > plainOz.transferFirst).to.equal(true);
  });

  it("per-token VRF mint of 10 costs far more than the ERC721A mint of 10", function () {
    const perRequest = (perTokenVrf.mint10 - perTokenVrf.mint1) / 9n;
    expect(perTokenVrf.mint10 > plainErc721a.mint10 + 9n * 50_000n).to.equal(true);
    expect(perRequest > 50_000n).to.equal(true);
  });

  it("Bull&Bear performUpkeep gas grows linearly with supply and crosses the Automation limit", function () {
    const { upkeep10, upkeep100, upkeep500 } = bullBear.gas;
    expect(upkeep10 < upkeep100 && upkeep100 < upkeep500).to.equal(true);
    const slopeLow = Number(upkeep100 - upkeep10) / 90;
    const slopeHigh = Number(upkeep500 - upkeep100) / 400;
    expect(Math.abs(slopeHigh - slopeLow) / slopeLow).to.be.lessThan(0.05);
    expect(bullBear.fit.r2).to.be.greaterThan(0.999);
    expect(bullBear.supplyAtGasLimit).to.be.greaterThan(10).and.lessThan(10_000);
  });
});
