import { expect } from "chai";
import hre, { ethers, upgrades } from "hardhat";
import {
  advance,
  closeCohort,
  collectionParams,
  deployWorld,
  fulfil,
  mintAndReveal,
  plain,
  PRICE,
  type World,
} from "./helpers/fixture";
import { shouldBehaveLikeERC721 } from "./behaviors/erc721.behavior";
import { shouldBehaveLikeERC2981 } from "./behaviors/erc2981.behavior";
import { collectionFactory } from "../scripts/lib/collection";
import type { LivingAsset, LivingAssetReinitProbe, LivingAssetV2 } from "../typechain-types";

shouldBehaveLikeERC721(deployWorld);
shouldBehaveLikeERC2981(deployWorld);

async function snapshot(w: World) {
  return {
    supply: await w.collection.totalSupply(),
    alice: await w.collection.balanceOf(w.alice.address),
    reveal: plain(await w.collection.cohortState()),
    balance: await ethers.provider.getBalance(await w.collection.getAddress()),
  };
}

describe("LivingAsset sale", () => {
  it("mint takes exact payment and joins the open cohort without a VRF request; one reveal requests for the cohort", async () => {
    const w = await deployWorld();
    const opened = await w.collection.cohortState();
    const mint = w.collection.connect(w.alice).mint(10, { value: PRICE * 10n });
    await expect(mint).to.emit(w.collection, "Transfer").withArgs(ethers.ZeroAddress, w.alice.address, 10);
    await expect(mint).to.not.emit(w.coordinator, "RandomWordsRequested");
    await expect(mint).to.not.emit(w.collection, "CohortClosed");
    await (await w.collection.connect(w.bob).mint(2, { value: PRICE * 2n })).wait();
    // Tokens 1-12 wait in the open cohort; nothing about it changed but the next token id.
    expect(plain(await w.collection.cohortState())).to.deep.equal({ ...plain(opened), nextTokenId: 13n });
    expect(opened.openFirstTokenId).to.equal(1n);
    expect(opened.cohortCount).to.equal(0n);
    expect(await w.collection.isRevealed(12)).to.equal(false);
    expect(await ethers.provider.getBalance(await w.collection.getAddress())).to.equal(PRICE * 12n);
    // One request closes both mints' tokens.
    const requestId = await closeCohort(w, w.carol);
    expect(requestId).to.not.equal(0n);
    expect((await w.collection.cohortState()).cohortCount).to.equal(1n);
    expect(plain(await w.collection.cohort(0))).to.include({ firstTokenId: 1n, quantity: 12n, randomness: requestId });
  });

  const bad: [string, (w: World) => Promise<unknown>, string, (w: World) => unknown[]][] = [
    ["quantity 0", (w) => w.collection.connect(w.alice).mint(0), "LivingAssetZeroQuantity", () => []],
    [
      "wrong payment",
      (w) => w.collection.connect(w.alice).mint(2, { value: PRICE }),
      "LivingAssetWrongPayment",
      () => [PRICE, PRICE * 2n],
    ],
    [
      "above max per mint",
      (w) => w.collection.connect(w.alice).mint(21, { value: PRICE * 21n }),
      "LivingAssetQuantityTooLarge",
      () => [21, 20],
    ],
  ];
  for (const [label, call, error, args] of bad) {
    it(`mint reverts on ${label} with ${error} and changes nothing`, async () => {
      const w = await deployWorld();
      const before = await snapshot(w);
      await expect(call(w) as Promise<never>)
        .to.be.revertedWithCustomError(w.collection, error)
        .withArgs(...args(w));
      expect(await snapshot(w)).to.deep.equal(before);
    });
  }

  it("mint reverts when the sale is closed, when paused, past supply and past the wallet limit", async () => {
    const w = await deployWorld();
    await w.collection.setSaleOpen(false);
    await expect(w.collection.connect(w.alice).mint(1, { value: PRICE })).to.be.revertedWithCustomError(
      w.collection,
      "LivingAssetSaleClosed",
    );
    await w.collection.setSaleOpen(true);
    await w.collection.pause();
    await expect(w.collection.connect(w.alice).mint(1, { value: PRICE })).to.be.revertedWithCustomError(
      w.collection,
      "EnforcedPause",
    );
    await w.collection.unpause();
    await w.collection.setSaleConfig(PRICE, 5, 3, 20);
    await expect(w.collection.connect(w.alice).mint(4, { value: PRICE * 4n }))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetWalletLimitExceeded")
      .withArgs(w.alice.address, 0, 4, 3);
    await w.collection.connect(w.alice).mint(3, { value: PRICE * 3n });
    await expect(w.collection.connect(w.bob).mint(3, { value: PRICE * 3n }))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetSupplyExceeded")
      .withArgs(3, 2);
    expect(await w.collection.totalSupply()).to.equal(3n);
  });

  it("mintTo needs the minter role and a non-zero recipient", async () => {
    const w = await deployWorld();
    await expect(w.collection.connect(w.alice).mintTo(w.alice.address, 1))
      .to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount")
      .withArgs(w.alice.address, await w.collection.MINTER_ROLE());
    await expect(w.collection.mintTo(ethers.ZeroAddress, 1)).to.be.revertedWithCustomError(
      w.collection,
      "LivingAssetZeroAddress",
    );
    await w.collection.mintTo(w.carol.address, 7);
    expect(await w.collection.balanceOf(w.carol.address)).to.equal(7n);
  });

  it("withdraw sends the proceeds to the treasury and reverts when empty", async () => {
    const w = await deployWorld();
    await expect(w.collection.withdraw()).to.be.revertedWithCustomError(w.collection, "LivingAssetNothingToWithdraw");
    await w.collection.setTreasury(w.carol.address);
    await w.collection.connect(w.alice).mint(2, { value: PRICE * 2n });
    await expect(w.collection.connect(w.bob).withdraw()).to.changeEtherBalance(w.carol, PRICE * 2n);
  });

  it("withdraw to a treasury that refuses ether reverts with LivingAssetWithdrawFailed and keeps the proceeds", async () => {
    const w = await deployWorld();
    const refuser = await (await ethers.getContractFactory("NonReceiverMock")).deploy();
    await w.collection.setTreasury(await refuser.getAddress());
    await w.collection.connect(w.alice).mint(2, { value: PRICE * 2n });
    await expect(w.collection.withdraw())
      .to.be.revertedWithCustomError(w.collection, "LivingAssetWithdrawFailed")
      .withArgs(await refuser.getAddress(), PRICE * 2n);
    expect(await ethers.provider.getBalance(await w.collection.getAddress())).to.equal(PRICE * 2n);
  });

  it("sale config rejects zero limits and a cap below what is minted", async () => {
    const w = await deployWorld();
    await w.collection.connect(w.alice).mint(3, { value: PRICE * 3n });
    await expect(w.collection.setSaleConfig(PRICE, 2, 1, 1))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetMaxSupplyBelowMinted")
      .withArgs(2, 3);
    await expect(w.collection.setSaleConfig(PRICE, 10, 0, 1))
      .to.be.revertedWithCustomError(w.collection, "LivingAssetInvalidSaleConfig")
      .withArgs(10, 0, 1);
  });
});

describe("LivingAsset roles, storage and upgrades", () => {
  it("owner() is the default admin and admin transfer is two-step with a delay", async () => {
    const w = await deployWorld();
    expect(await w.collection.owner()).to.equal(w.deployer.address);
    expect(await w.collection.defaultAdminDelay()).to.equal(2n * 24n * 3600n);
    await w.collection.beginDefaultAdminTransfer(w.alice.address);
    await expect(w.collection.connect(w.alice).acceptDefaultAdminTransfer()).to.be.revertedWithCustomError(
      w.collection,
      "AccessControlEnforcedDefaultAdminDelay",
    );
  });

  it("every ERC-7201 slot constant matches its label, and every namespace has one", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".sol")) files.push(full);
      }
    };
    walk("contracts");
    const text = files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
    const namespaces = [...text.matchAll(/erc7201:([\w.]+)/g)].map((m) => m[1]);
    const constants = [
      ...text.matchAll(
        /keccak256\(abi\.encode\(uint256\(keccak256\("([\w.]+)"\)\) - 1\)\).*\n\s*bytes32 (?:private|internal) constant \w+ =\s*(0x[0-9a-f]{64});/g,
      ),
    ];
    const verified = new Set<string>();
    for (const [, label, constant] of constants) {
      const inner = BigInt(ethers.keccak256(ethers.toUtf8Bytes(label))) - 1n;
      const slot = BigInt(ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [inner]))) & ~0xffn;
      expect(constant, label).to.equal("0x" + slot.toString(16).padStart(64, "0"));
      verified.add(label);
    }
    expect(namespaces.length).to.be.gte(7);
    for (const label of namespaces) expect(verified.has(label), `slot constant for ${label}`).to.equal(true);
  });

  it("a collection must name a World: an account without code or a contract that is not one is refused", async () => {
    const w = await deployWorld();
    const factory = await collectionFactory(hre);
    const params = await collectionParams(w, { world: w.alice.address });
    const deploy = (p: typeof params) => upgrades.deployProxy(factory, [p], { kind: "uups" });
    await expect(deploy(params))
      .to.be.revertedWithCustomError(w.collection, "EvolutionInvalidWorld")
      .withArgs(w.alice.address);
    const renderer = await w.renderer.getAddress();
    await expect(deploy({ ...params, world: renderer }))
      .to.be.revertedWithCustomError(w.collection, "EvolutionInvalidWorld")
      .withArgs(renderer);
    // A collection joining an old world is born in the world's present.
    await advance(w, 3_000n * 10n ** 8n);
    await advance(w, 3_100n * 10n ** 8n);
    const second = await deploy({ ...params, world: await w.world.getAddress() });
    const tx = second.deploymentTransaction()!;
    await expect(tx)
      .to.emit(second, "WorldLinked")
      .withArgs(await w.world.getAddress(), 2);
    expect(await (second as unknown as LivingAsset).currentEpoch()).to.equal(2n);
    expect(await (second as unknown as LivingAsset).world()).to.equal(await w.world.getAddress());
  });

  // The two mocks must differ in bytecode: the plugin finds an implementation's validation data by
  // its bytecode, and with no CBOR metadata two code-identical contracts would share one layout.
  it("the upgrades plugin reads each layout from contracts/storage and refuses an incompatible change to it", async () => {
    const holder = await ethers.getContractFactory("SeedLayoutHolder");
    const broken = await ethers.getContractFactory("SeedLayoutBroken");
    await upgrades.validateImplementation(holder, { kind: "uups" });
    const refusal = await upgrades.validateUpgrade(holder, broken, { kind: "uups" }).then(
      () => "accepted",
      (e: Error) => e.message,
    );
    expect(refusal).to.match(/New storage layout is incompatible/);
    expect(refusal).to.match(/SeedLayoutBroken\.sol:\d+: Inserted `insertedField`/);
    // The real upgrade path stays valid.
    await upgrades.validateUpgrade(await collectionFactory(hre), await collectionFactory(hre, "LivingAssetV2"), {
      kind: "uups",
    });
  });

  it("nobody can initialise the implementation or re-initialise the proxy", async () => {
    const w = await deployWorld();
    const impl = await ethers.getContractAt(
      "LivingAsset",
      await upgrades.erc1967.getImplementationAddress(await w.collection.getAddress()),
    );
    const dummy = {
      name: "x",
      symbol: "x",
      description: "x",
      admin: w.alice.address,
      adminDelay: 0,
      treasury: w.alice.address,
      maxSupply: 1,
      price: 0,
      maxPerWallet: 1,
      maxPerMint: 1,
      royaltyReceiver: w.alice.address,
      royaltyBps: 0,
      maxRoyaltyBps: 0,
      renderer: await w.renderer.getAddress(),
      vrf: {
        coordinator: await w.coordinator.getAddress(),
        keyHash: ethers.ZeroHash,
        subscriptionId: 0,
        requestConfirmations: 0,
        callbackGasLimit: 0,
        nativePayment: false,
        rerequestTimeout: 0,
      },
      minRevealDelay: 0,
      instantReveal: false,
      world: await w.world.getAddress(),
    };
    await expect(impl.initialize(dummy)).to.be.revertedWithCustomError(impl, "InvalidInitialization");
    await expect(w.collection.initialize(dummy)).to.be.revertedWithCustomError(w.collection, "InvalidInitialization");
  });

  it("initialisation rejects a royalty cap above 100% and a collection name over 64 bytes", async () => {
    const w = await deployWorld();
    const factory = await collectionFactory(hre);
    const params = await collectionParams(w, { maxRoyaltyBps: 10_001 });
    const deploy = (p: typeof params) => upgrades.deployProxy(factory, [p], { kind: "uups" });
    await expect(deploy(params)).to.be.revertedWithCustomError(w.collection, "RoyaltyInvalidCap").withArgs(10_001);
    const name = "n".repeat(65);
    await expect(deploy({ ...params, maxRoyaltyBps: 1_000, name }))
      .to.be.revertedWithCustomError(w.collection, "MetadataTextTooLong")
      .withArgs("name", 65, 64);
    const ok = await deploy({ ...params, maxRoyaltyBps: 1_000, name: "n".repeat(64) });
    expect(await ok.getFunction("name")()).to.equal("n".repeat(64));
  });

  it("upgrades a populated proxy to V2, keeping balances, owners, royalties, roles, seeds and reveal cohorts; only the upgrader may", async () => {
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 7); // cohort 0: tokens 1-7, revealed
    await w.collection.connect(w.alice).mint(3, { value: PRICE * 3n });
    const pending = await closeCohort(w); // cohort 1: tokens 8-10, waiting for its word
    await w.collection.connect(w.alice).transferFrom(w.alice.address, w.bob.address, 6);
    await w.collection.setTokenRoyalty(3, w.carol.address, 123);
    const proxy = await w.collection.getAddress();
    const before = {
      owners: await Promise.all([1, 6, 10].map((id) => w.collection.ownerOf(id))),
      balances: [await w.collection.balanceOf(w.alice.address), await w.collection.balanceOf(w.bob.address)],
      royalty: await w.collection.royaltyInfo(3, 10_000n),
      minter: await w.collection.hasRole(await w.collection.MINTER_ROLE(), w.deployer.address),
      seed: await w.collection.seedOf(6),
      reveal: plain(await w.collection.cohortState()),
      cohorts: [plain(await w.collection.cohort(0)), plain(await w.collection.cohort(1))],
    };
    const V2 = await collectionFactory(hre, "LivingAssetV2");
    await expect(
      upgrades.upgradeProxy(proxy, V2.connect(w.alice), {
        kind: "uups",
      }),
    ).to.be.revertedWithCustomError(w.collection, "AccessControlUnauthorizedAccount");
    const v2 = (await upgrades.upgradeProxy(proxy, V2, {
      kind: "uups",
      call: { fn: "initializeV2", args: [42] },
    })) as unknown as LivingAssetV2;
    const after = {
      owners: await Promise.all([1, 6, 10].map((id) => v2.ownerOf(id))),
      balances: [await v2.balanceOf(w.alice.address), await v2.balanceOf(w.bob.address)],
      royalty: await v2.royaltyInfo(3, 10_000n),
      minter: await v2.hasRole(await w.collection.MINTER_ROLE(), w.deployer.address),
      seed: await v2.seedOf(6),
      reveal: plain(await v2.cohortState()),
      cohorts: [plain(await v2.cohort(0)), plain(await v2.cohort(1))],
    };
    expect(after).to.deep.equal(before);
    expect(await v2.v2Marker()).to.equal(42n);
    // The cohort closed before the upgrade gets its word after it.
    await fulfil(w, pending);
    expect(await v2.isRevealed(10)).to.equal(true);
    await expect(v2.initializeV2(7)).to.be.revertedWithCustomError(v2, "InvalidInitialization");
  });

  it("ERC721A's own initializer flag is set: an upgrade's function guarded by initializerERC721A (as __ERC721A_init is) cannot run on the proxy (issue 20)", async () => {
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 2);
    const proxy = await w.collection.getAddress();
    const Probe = await collectionFactory(hre, "LivingAssetReinitProbe");
    const probe = (await upgrades.upgradeProxy(proxy, Probe, { kind: "uups" })) as unknown as LivingAssetReinitProbe;
    await expect(probe.reinitializeERC721A()).to.be.revertedWith(
      "ERC721A__Initializable: contract is already initialized",
    );
    expect(await probe.reinitialized()).to.equal(0n);
    expect([await probe.name(), await probe.totalSupply(), await probe.ownerOf(2)]).to.deep.equal([
      await w.collection.name(),
      2n,
      w.alice.address,
    ]);
  });

  it("the room left under EIP-170 takes a real feature: V2 adds holder burns", async () => {
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 3); // tokens 1-3
    const proxy = await w.collection.getAddress();
    const opensAt = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3_600n;
    const V2 = await collectionFactory(hre, "LivingAssetV2");
    const v2 = (await upgrades.upgradeProxy(proxy, V2, {
      kind: "uups",
      call: { fn: "initializeV2", args: [opensAt] },
    })) as unknown as LivingAssetV2;
    await expect(v2.connect(w.alice).burn(2))
      .to.be.revertedWithCustomError(v2, "LivingAssetBurnsClosed")
      .withArgs(opensAt);
    await ethers.provider.send("evm_setNextBlockTimestamp", [Number(opensAt)]);
    await expect(v2.connect(w.bob).burn(2)).to.be.revertedWithCustomError(v2, "TransferCallerNotOwnerNorApproved");
    await expect(v2.connect(w.alice).burn(2))
      .to.emit(v2, "Transfer")
      .withArgs(w.alice.address, ethers.ZeroAddress, 2)
      .and.to.emit(v2, "MetadataUpdate")
      .withArgs(2);
    expect(await v2.totalSupply()).to.equal(2n);
    expect(await v2.balanceOf(w.alice.address)).to.equal(2n);
    for (const read of [() => v2.tokenURI(2), () => v2.phenotypeOf(2), () => v2.getTraitValue(2, ethers.id("stage"))]) {
      await expect(read()).to.be.revertedWithCustomError(v2, "LivingAssetNonexistentToken").withArgs(2);
    }
    // Its neighbours live on, and the world still reaches the upgraded collection.
    await advance(w, 3_000n * 10n ** 8n);
    expect(await v2.currentEpoch()).to.equal(1n);
    expect((await v2.phenotypeOf(3)).age).to.equal(1n);
    expect(await v2.tokenURI(1)).to.match(/^data:application\/json/);
  });
});
