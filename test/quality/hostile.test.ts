import { expect } from "chai";
import hre, { deployments, ethers, upgrades } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { closeCohort, mintAndReveal, PRICE } from "../helpers/fixture";
import { digest, qualityWorld, SALE, type QualityWorld } from "./helpers";
import { UNDER_COVERAGE } from "../helpers/random";
import { MOCKS } from "../../config/networks";
import type { Interface, Result } from "ethers";
import type { LivingAsset, ReentrantReceiver, World as WorldContract } from "../../typechain-types";

// Hostile inputs: every external state-changing function of LivingAsset and of its World, called by the wrong
// role, with zero addresses, nonexistent (0, 999, 2^256-1) and unrevealed tokens, out-of-range
// numbers and empty inputs. Each call must revert with the named custom error and change nothing.

const MAX = ethers.MaxUint256;
const ZERO = ethers.ZeroAddress;

interface HostileWorld extends QualityWorld {
  /** A second VRF v2.5 coordinator mock: a contract the collection could move to. */
  nextCoordinator: string;
}

/**
 * qualityWorld plus: alice holds tokens 1-3 (reveal cohort 0, revealed; token 1 nurtured this
 * epoch), bob holds tokens 4-5 (cohort 1, closed, its request pending), the open cohort is empty
 * (from token 6), one epoch has passed; a second coordinator mock is deployed.
 */
const hostileWorld = deployments.createFixture(async (): Promise<HostileWorld> => {
  const w = await qualityWorld();
  await mintAndReveal(w, w.alice, 3);
  await (await w.collection.connect(w.bob).mint(2, { value: PRICE * 2n })).wait();
  await closeCohort(w);
  await (await w.feed.updateAnswer(3_100n * 10n ** 8n)).wait();
  await (await w.world.advanceEpoch()).wait();
  await (await w.collection.connect(w.alice).nurture(1)).wait();
  const next = await (
    await ethers.getContractFactory("VRFCoordinatorV2_5Mock")
  ).deploy(MOCKS.vrfBaseFee, MOCKS.vrfGasPrice, MOCKS.vrfWeiPerUnitLink);
  return { ...w, nextCoordinator: await next.getAddress() };
});

/** The allowlist the rows open: alice may mint 2, carol 3 (OpenZeppelin StandardMerkleTree leaves). */
const ALLOWLIST_PRICE = PRICE / 2n;
function allowlist(w: HostileWorld) {
  // Leaves bound to this collection on this chain: (collection, chain id, account, allowance).
  const tree = StandardMerkleTree.of(
    [
      [w.collection.target as string, 31337n, w.alice.address, 2n],
      [w.collection.target as string, 31337n, w.carol.address, 3n],
    ],
    ["address", "uint256", "address", "uint256"],
  );
  return { root: tree.root, proof: (who: "alice" | "carol") => tree.getProof(who === "alice" ? 0 : 1) };
}
const openAllowlist = (w: HostileWorld) => w.collection.setAllowlist(allowlist(w).root, ALLOWLIST_PRICE, true);

const ROLE_NAMES = ["DEFAULT_ADMIN_ROLE", "MINTER_ROLE", "CONFIG_ROLE", "PAUSER_ROLE", "UPGRADER_ROLE"] as const;
const WORLD_ROLE_NAMES = ["DEFAULT_ADMIN_ROLE", "CONFIG_ROLE", "UPGRADER_ROLE"] as const;

/**
 * Everything a call could change: the probe's state plus configuration, roles and metadata. The
 * reads are independent and sent together (one round of awaits, not forty).
 */
async function stateDigest(w: HostileWorld, extraAccounts: string[] = []): Promise<string> {
  const c = w.collection;
  const accounts = [...(await Promise.all(w.accounts.map((a) => a.getAddress()))), ...extraAccounts];
  const address = await c.getAddress();
  const [roleIds, worldRoleIds, reveal] = await Promise.all([
    Promise.all(ROLE_NAMES.map((r) => c[r]())),
    Promise.all(WORLD_ROLE_NAMES.map((r) => w.world[r]())),
    c.cohortState(),
  ]);
  const all = <T>(xs: Promise<T>[]) => Promise.all(xs);
  const state = await all<unknown>([
    c.totalSupply().then((supply) => w.probe.read(address, accounts, supply)),
    all(roleIds.map((r) => all(accounts.map((a) => c.hasRole(r, a))))),
    all(Array.from({ length: Number(reveal.cohortCount) }, (_, i) => c.cohort(i))),
    c.checkUpkeep("0x"),
    c.saleConfig(),
    all(accounts.map((a) => c.allowlistMinted(a))),
    c.vrfConfig(),
    w.world.feedConfig(),
    w.world.forwarder(),
    all<unknown>([c.world(), c.currentEpoch(), w.world.epochCount(), w.world.subscribers()]),
    all(worldRoleIds.map((r) => all(accounts.map((a) => w.world.hasRole(r, a))))),
    all<unknown>([c.renderer(), c.rendererLocked()]),
    all<unknown>([c.owner(), c.pendingDefaultAdmin(), c.defaultAdminDelay(), c.pendingDefaultAdminDelay()]),
    w.world.nextEpochAt(),
    upgrades.erc1967.getImplementationAddress(address),
    c.contractURI(), // description, provenance, royalty, supply
  ]);
  const [
    probe,
    roles,
    cohorts,
    upkeep,
    sale,
    allowlistMinted,
    vrf,
    feed,
    forwarder,
    world,
    worldRoles,
    renderer,
    admin,
  ] = state;
  const [nextEpochAt, implementation, contractURI] = state.slice(13);
  return digest({
    probe,
    roles,
    reveal,
    cohorts,
    upkeep,
    sale,
    allowlistMinted,
    vrf,
    feed,
    forwarder,
    world,
    worldRoles,
    renderer,
    admin,
    nextEpochAt,
    implementation,
    contractURI,
  });
}

type Caller = "deployer" | "alice" | "bob" | "carol";
interface Row {
  label: string;
  caller: Caller;
  setup?: (w: HostileWorld) => Promise<unknown>;
  /** A call on the collection… */
  call?: (c: LivingAsset, w: HostileWorld) => Promise<unknown>;
  /** …or on its World (the error is then the World's). */
  worldCall?: (c: WorldContract, w: HostileWorld) => Promise<unknown>;
  error: string;
  args?: (w: HostileWorld) => Promise<unknown[]> | unknown[];
}

async function roleOf(w: HostileWorld, role: (typeof ROLE_NAMES)[number]): Promise<string> {
  return w.collection[role]();
}
const unauthorizedOnWorld = (role: (typeof WORLD_ROLE_NAMES)[number]) => async (w: HostileWorld) => [
  w.alice.address,
  await w.world[role](),
];
const unauthorized = (role: (typeof ROLE_NAMES)[number]) => async (w: HostileWorld) => [
  w.alice.address,
  await roleOf(w, role),
];

async function vrfWith(w: HostileWorld, change: Record<string, unknown>) {
  return { ...((await w.collection.vrfConfig()) as unknown as Result).toObject(), ...change } as Parameters<
    LivingAsset["setVrfConfig"]
  >[0];
}
async function feedWith(w: HostileWorld, change: Record<string, unknown>) {
  return { ...((await w.world.feedConfig()) as unknown as Result).toObject(), ...change } as Parameters<
    WorldContract["setFeedConfig"]
  >[0];
}
const H = ethers.id("x");
/** When `reveal` may close the open cohort: the `SeedRevealTooEarly` argument. */
const revealAvailableAt = async (w: HostileWorld) => {
  const state = await w.collection.cohortState();
  return [state.openedAt + BigInt(state.minRevealDelay)];
};

const rows: Row[] = [
  // ---- the World: wrong callers, hostile subscribers and configuration
  {
    label: "World setFeedConfig by a non-config account",
    caller: "alice",
    worldCall: async (c, w) => c.setFeedConfig(await feedWith(w, {})),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("CONFIG_ROLE"),
  },
  {
    label: "World setForwarder by a non-config account",
    caller: "alice",
    worldCall: (c, w) => c.setForwarder(w.alice.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("CONFIG_ROLE"),
  },
  {
    label: "World addSubscriber by a non-admin",
    caller: "alice",
    worldCall: (c, w) => c.addSubscriber(w.renderer.getAddress()),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "World addSubscriber of an account without code",
    caller: "deployer",
    worldCall: (c, w) => c.addSubscriber(w.alice.address),
    error: "WorldSubscriberNotContract",
    args: (w) => [w.alice.address],
  },
  {
    label: "World addSubscriber of a collection already subscribed",
    caller: "deployer",
    worldCall: (c, w) => c.addSubscriber(w.collection.getAddress()),
    error: "WorldAlreadySubscribed",
    args: async (w) => [await w.collection.getAddress()],
  },
  {
    label: "World removeSubscriber by a non-admin",
    caller: "alice",
    worldCall: (c, w) => c.removeSubscriber(w.collection.getAddress()),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "World removeSubscriber of a stranger",
    caller: "deployer",
    worldCall: (c, w) => c.removeSubscriber(w.renderer.getAddress()),
    error: "WorldNotSubscribed",
    args: async (w) => [await w.renderer.getAddress()],
  },
  {
    label: "World upgradeToAndCall by a non-upgrader",
    caller: "alice",
    worldCall: (c, w) => c.upgradeToAndCall(w.renderer.getAddress(), "0x"),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("UPGRADER_ROLE"),
  },
  {
    label: "World initialize again",
    caller: "alice",
    worldCall: async (c, w) => c.initialize(await feedWith(w, {}), w.alice.address, 0),
    error: "InvalidInitialization",
  },
  {
    label: "World grantRole by a non-admin",
    caller: "alice",
    worldCall: async (c, w) => c.grantRole(await w.world.CONFIG_ROLE(), w.alice.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "World revokeRole by a non-admin",
    caller: "alice",
    worldCall: async (c, w) => c.revokeRole(await w.world.CONFIG_ROLE(), w.deployer.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "World renounceRole for someone else",
    caller: "alice",
    worldCall: async (c, w) => c.renounceRole(await w.world.CONFIG_ROLE(), w.deployer.address),
    error: "AccessControlBadConfirmation",
  },
  {
    label: "World beginDefaultAdminTransfer by a non-admin",
    caller: "alice",
    worldCall: (c, w) => c.beginDefaultAdminTransfer(w.alice.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "World cancelDefaultAdminTransfer by a non-admin",
    caller: "alice",
    worldCall: (c) => c.cancelDefaultAdminTransfer(),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "World acceptDefaultAdminTransfer with nothing pending",
    caller: "alice",
    worldCall: (c) => c.acceptDefaultAdminTransfer(),
    error: "AccessControlInvalidDefaultAdmin",
    args: (w) => [w.alice.address],
  },
  {
    label: "World changeDefaultAdminDelay by a non-admin",
    caller: "alice",
    worldCall: (c) => c.changeDefaultAdminDelay(0),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "World rollbackDefaultAdminDelay by a non-admin",
    caller: "alice",
    worldCall: (c) => c.rollbackDefaultAdminDelay(),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorizedOnWorld("DEFAULT_ADMIN_ROLE"),
  },
  // ---- the collection's side of the world
  {
    label: "onWorldEpoch by someone other than the world",
    caller: "alice",
    call: (c) => c.onWorldEpoch(99, 0, 500),
    error: "EvolutionOnlyWorld",
    args: async (w) => [w.alice.address, await w.world.getAddress()],
  },
  {
    label: "syncWorld when already in step with the world",
    caller: "carol",
    call: (c) => c.syncWorld(),
    error: "EvolutionInSync",
    args: () => [1],
  },
  // ---- wrong caller for every role
  {
    label: "mintTo by a non-minter",
    caller: "alice",
    call: (c, w) => c.mintTo(w.alice.address, 1),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("MINTER_ROLE"),
  },
  {
    label: "setSaleOpen by a non-config",
    caller: "alice",
    call: (c) => c.setSaleOpen(false),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setSaleConfig by a non-config",
    caller: "alice",
    call: (c) => c.setSaleConfig(0, 100, 100, 10),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setTreasury by a non-config",
    caller: "alice",
    call: (c, w) => c.setTreasury(w.alice.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setVrfConfig by a non-config",
    caller: "alice",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, {})),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "rerequestCohort of a live request by a non-config",
    caller: "alice",
    call: (c) => c.rerequestCohort(1),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "rerequestCohort of a revealed cohort by a non-config",
    caller: "alice",
    call: (c) => c.rerequestCohort(0),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "rerequestCohort of an unknown cohort by a non-config",
    caller: "alice",
    call: (c) => c.rerequestCohort(2),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setRevealConfig by a non-config",
    caller: "alice",
    call: (c) => c.setRevealConfig(3_600, true),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setAllowlist by a non-config",
    caller: "alice",
    call: (c) => c.setAllowlist(H, 0, true),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setCoordinator by a non-admin",
    caller: "alice",
    call: (c, w) => c.setCoordinator(w.nextCoordinator),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "setCoordinator by a non-admin while the admin's change is scheduled",
    caller: "alice",
    setup: (w) => w.collection.setCoordinator(w.nextCoordinator),
    call: (c, w) => c.setCoordinator(w.nextCoordinator),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "rerequestMetamorphosis by a non-config",
    caller: "alice",
    call: (c) => c.rerequestMetamorphosis(1),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setFeedConfig by a non-config",
    caller: "alice",
    worldCall: async (c, w) => c.setFeedConfig(await feedWith(w, {})),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setForwarder by a non-config",
    caller: "alice",
    worldCall: (c, w) => c.setForwarder(w.alice.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setDefaultRoyalty by a non-config",
    caller: "alice",
    call: (c, w) => c.setDefaultRoyalty(w.alice.address, 1),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setTokenRoyalty by a non-config",
    caller: "alice",
    call: (c, w) => c.setTokenRoyalty(1, w.alice.address, 1),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "resetTokenRoyalty by a non-config",
    caller: "alice",
    call: (c) => c.resetTokenRoyalty(1),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setRenderer by a non-config",
    caller: "alice",
    call: (c, w) => c.setRenderer(w.renderer.target),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setExternalLink by a non-config",
    caller: "alice",
    call: (c) => c.setExternalLink("web3://0x0000000000000000000000000000000000000001:1/"),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "setDescription by a non-config",
    caller: "alice",
    call: (c) => c.setDescription("pwned"),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("CONFIG_ROLE"),
  },
  {
    label: "pause by a non-pauser",
    caller: "alice",
    call: (c) => c.pause(),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("PAUSER_ROLE"),
  },
  {
    label: "unpause by a non-pauser",
    caller: "alice",
    setup: (w) => w.collection.pause(),
    call: (c) => c.unpause(),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("PAUSER_ROLE"),
  },
  {
    label: "upgradeToAndCall by a non-upgrader",
    caller: "alice",
    call: (c, w) => c.upgradeToAndCall(w.v2Implementation, "0x"),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("UPGRADER_ROLE"),
  },
  {
    label: "lockRenderer by a non-admin",
    caller: "alice",
    call: (c) => c.lockRenderer(),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "setProvenance by a non-admin",
    caller: "alice",
    call: (c) => c.setProvenance(H, H, "l", "g", "v"),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "lockProvenance by a non-admin",
    caller: "alice",
    call: (c) => c.lockProvenance(),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "grantRole by a non-admin",
    caller: "alice",
    call: async (c, w) => c.grantRole(await roleOf(w, "MINTER_ROLE"), w.alice.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "revokeRole by a non-admin",
    caller: "alice",
    call: async (c, w) => c.revokeRole(await roleOf(w, "MINTER_ROLE"), w.deployer.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "beginDefaultAdminTransfer by a non-admin",
    caller: "alice",
    call: (c, w) => c.beginDefaultAdminTransfer(w.alice.address),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "cancelDefaultAdminTransfer by a non-admin",
    caller: "alice",
    call: (c) => c.cancelDefaultAdminTransfer(),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "changeDefaultAdminDelay by a non-admin",
    caller: "alice",
    call: (c) => c.changeDefaultAdminDelay(0),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "rollbackDefaultAdminDelay by a non-admin",
    caller: "alice",
    call: (c) => c.rollbackDefaultAdminDelay(),
    error: "AccessControlUnauthorizedAccount",
    args: unauthorized("DEFAULT_ADMIN_ROLE"),
  },
  {
    label: "acceptDefaultAdminTransfer with nothing pending",
    caller: "alice",
    call: (c) => c.acceptDefaultAdminTransfer(),
    error: "AccessControlInvalidDefaultAdmin",
    args: (w) => [w.alice.address],
  },
  {
    label: "acceptDefaultAdminTransfer before the delay",
    caller: "alice",
    setup: (w) => w.collection.beginDefaultAdminTransfer(w.alice.address),
    call: (c) => c.acceptDefaultAdminTransfer(),
    error: "AccessControlEnforcedDefaultAdminDelay",
  },
  {
    label: "grantRole of the default admin role, even by the admin",
    caller: "deployer",
    call: (c, w) => c.grantRole(ethers.ZeroHash, w.alice.address),
    error: "AccessControlEnforcedDefaultAdminRules",
  },
  {
    label: "renounceRole for someone else",
    caller: "alice",
    call: async (c, w) => c.renounceRole(await roleOf(w, "MINTER_ROLE"), w.deployer.address),
    error: "AccessControlBadConfirmation",
  },
  {
    label: "rawFulfillRandomWords by a stranger",
    caller: "alice",
    call: (c) => c.rawFulfillRandomWords(1, [1n]),
    error: "SeedOnlyCoordinator",
    args: async (w) => [w.alice.address, await w.coordinator.getAddress()],
  },
  {
    label: "performUpkeep by a non-forwarder",
    caller: "alice",
    setup: (w) => w.world.setForwarder(w.carol.address),
    worldCall: (c) => c.performUpkeep(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [1])),
    error: "WorldOnlyForwarder",
    args: (w) => [w.alice.address, w.carol.address],
  },
  // OpenZeppelin's `initializer` guards the whole initialisation, ERC721A's fields included.
  {
    label: "initialize again",
    caller: "alice",
    call: async (c, w) => c.initialize((await initParams(w)) as unknown as Parameters<LivingAsset["initialize"]>[0]),
    error: "InvalidInitialization",
    args: () => [],
  },
  {
    label: "transferFrom by a stranger",
    caller: "carol",
    call: (c, w) => c.transferFrom(w.alice.address, w.carol.address, 1),
    error: "TransferCallerNotOwnerNorApproved",
  },
  {
    label: "transferFrom from a non-owner",
    caller: "bob",
    call: (c, w) => c.transferFrom(w.carol.address, w.alice.address, 4),
    error: "TransferFromIncorrectOwner",
  },
  {
    label: "approve by a stranger",
    caller: "carol",
    call: (c, w) => c.approve(w.carol.address, 1),
    error: "ApprovalCallerNotOwnerNorApproved",
  },
  {
    label: "nurture by a stranger",
    caller: "carol",
    call: (c) => c.nurture(2),
    error: "InteractionNotHolder",
    args: (w) => [2, w.carol.address],
  },
  {
    label: "metamorphose by a stranger",
    caller: "carol",
    call: (c) => c.metamorphose(2),
    error: "InteractionNotHolder",
    args: (w) => [2, w.carol.address],
  },
  // ---- zero addresses
  {
    label: "mintTo the zero address",
    caller: "deployer",
    call: (c) => c.mintTo(ZERO, 1),
    error: "LivingAssetZeroAddress",
  },
  {
    label: "setTreasury to the zero address",
    caller: "deployer",
    call: (c) => c.setTreasury(ZERO),
    error: "LivingAssetZeroAddress",
  },
  {
    label: "setDefaultRoyalty to the zero address",
    caller: "deployer",
    call: (c) => c.setDefaultRoyalty(ZERO, 100),
    error: "RoyaltyZeroReceiver",
  },
  {
    label: "setTokenRoyalty to the zero address",
    caller: "deployer",
    call: (c) => c.setTokenRoyalty(1, ZERO, 100),
    error: "RoyaltyZeroReceiver",
  },
  {
    label: "setRenderer to the zero address",
    caller: "deployer",
    call: (c) => c.setRenderer(ZERO),
    error: "MetadataRendererNotContract",
    args: () => [ZERO],
  },
  {
    label: "setRenderer to an account without code",
    caller: "deployer",
    call: (c, w) => c.setRenderer(w.alice.address),
    error: "MetadataRendererNotContract",
    args: (w) => [w.alice.address],
  },
  {
    label: "setVrfConfig with a zero coordinator",
    caller: "deployer",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, { coordinator: ZERO })),
    error: "SeedCoordinatorChangeNotAllowed",
    args: async (w) => [await w.coordinator.getAddress(), ZERO],
  },
  {
    label: "setCoordinator to the zero address",
    caller: "deployer",
    call: (c) => c.setCoordinator(ZERO),
    error: "SeedCoordinatorNotContract",
    args: () => [ZERO],
  },
  {
    label: "setCoordinator to an account without code",
    caller: "deployer",
    call: (c, w) => c.setCoordinator(w.alice.address),
    error: "SeedCoordinatorNotContract",
    args: (w) => [w.alice.address],
  },
  {
    label: "setFeedConfig with a zero feed",
    caller: "deployer",
    worldCall: async (c, w) => c.setFeedConfig(await feedWith(w, { feed: ZERO })),
    error: "WorldInvalidFeedConfig",
  },
  {
    label: "setFeedConfig with a sequencer feed without code",
    caller: "deployer",
    worldCall: async (c, w) => c.setFeedConfig(await feedWith(w, { sequencerUptimeFeed: w.alice.address })),
    error: "WorldInvalidFeedConfig",
  },
  {
    label: "transferFrom to the zero address",
    caller: "alice",
    call: (c, w) => c.transferFrom(w.alice.address, ZERO, 1),
    error: "TransferToZeroAddress",
  },
  // ---- unrevealed token and lifecycle violations
  {
    label: "metamorphose an unrevealed token",
    caller: "bob",
    call: (c) => c.metamorphose(4),
    error: "InteractionNotRevealed",
    args: () => [4],
  },
  {
    label: "metamorphose a token too young",
    caller: "alice",
    call: (c) => c.metamorphose(2),
    error: "InteractionTooYoung",
    args: () => [2, 1, 5],
  },
  {
    label: "nurture twice in one epoch",
    caller: "alice",
    call: (c) => c.nurture(1),
    error: "InteractionAlreadyNurtured",
    args: () => [1, 1],
  },
  {
    label: "rerequestMetamorphosis with none pending",
    caller: "deployer",
    call: (c) => c.rerequestMetamorphosis(1),
    error: "InteractionNoMetamorphosisPending",
    args: () => [1],
  },
  {
    label: "rerequestCohort of a revealed cohort",
    caller: "deployer",
    call: (c) => c.rerequestCohort(0),
    error: "SeedCohortRevealed",
    args: () => [0],
  },
  {
    label: "rerequestCohort before the timeout",
    caller: "deployer",
    call: (c) => c.rerequestCohort(1),
    error: "SeedRerequestTooEarly",
    args: async (w) => [
      1,
      (await w.collection.cohort(1)).requestedAt + (await w.collection.vrfConfig()).rerequestTimeout,
    ],
  },
  // ---- reveal cohorts: closing one, and the reveal trigger
  {
    label: "reveal with an empty open cohort",
    caller: "carol",
    call: (c) => c.reveal(),
    error: "SeedNothingToReveal",
    args: () => [6],
  },
  {
    label: "reveal before the minimum delay",
    caller: "carol",
    setup: (w) => w.collection.connect(w.carol).mint(1, { value: PRICE }),
    call: (c) => c.reveal(),
    error: "SeedRevealTooEarly",
    args: revealAvailableAt,
  },
  {
    label: "performUpkeep with an empty open cohort (upkeep not needed)",
    caller: "carol",
    call: (c) => c.performUpkeep("0x"),
    error: "SeedNothingToReveal",
    args: () => [6],
  },
  {
    label: "performUpkeep before the minimum delay (upkeep not needed)",
    caller: "carol",
    setup: (w) => w.collection.connect(w.carol).mint(1, { value: PRICE }),
    call: (c) => c.performUpkeep("0x"),
    error: "SeedRevealTooEarly",
    args: revealAvailableAt,
  },
  {
    label: "setRevealConfig with a delay under 1 minute",
    caller: "deployer",
    call: (c) => c.setRevealConfig(59, false),
    error: "SeedInvalidRevealDelay",
    args: () => [59, 60, 30 * 86_400],
  },
  {
    label: "setRevealConfig with a zero delay and instant reveal",
    caller: "deployer",
    call: (c) => c.setRevealConfig(0, true),
    error: "SeedInvalidRevealDelay",
    args: () => [0, 60, 30 * 86_400],
  },
  {
    label: "setRevealConfig with a delay over 30 days",
    caller: "deployer",
    call: (c) => c.setRevealConfig(30 * 86_400 + 1, false),
    error: "SeedInvalidRevealDelay",
    args: () => [30 * 86_400 + 1, 60, 30 * 86_400],
  },
  // ---- the coordinator: changed only by setCoordinator, after the admin delay
  {
    label: "setVrfConfig changing the coordinator",
    caller: "deployer",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, { coordinator: w.nextCoordinator })),
    error: "SeedCoordinatorChangeNotAllowed",
    args: async (w) => [await w.coordinator.getAddress(), w.nextCoordinator],
  },
  {
    label: "setCoordinator applied before the admin delay",
    caller: "deployer",
    setup: (w) => w.collection.setCoordinator(w.nextCoordinator),
    call: (c, w) => c.setCoordinator(w.nextCoordinator),
    error: "SeedCoordinatorChangeNotReady",
    args: async (w) => [w.nextCoordinator, (await w.collection.cohortState()).coordinatorEffectiveAt],
  },
  {
    label: "setCoordinator applied one second before the admin delay ends",
    caller: "deployer",
    setup: async (w) => {
      await (await w.collection.setCoordinator(w.nextCoordinator)).wait();
      const at = (await w.collection.cohortState()).coordinatorEffectiveAt;
      // The clock is moved first (a block two seconds early), so that the digest's time-dependent
      // views (checkUpkeep: a stuck cohort is due after the re-request timeout) read the same
      // before the call and after the reverted call's block, one second early.
      await hre.network.provider.send("evm_mine", [Number(at) - 2]);
      await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(at) - 1]);
    },
    call: (c, w) => c.setCoordinator(w.nextCoordinator),
    error: "SeedCoordinatorChangeNotReady",
    args: async (w) => [w.nextCoordinator, (await w.collection.cohortState()).coordinatorEffectiveAt],
  },
  // ---- the allowlist sale
  {
    label: "mintAllowlist while the allowlist phase is closed",
    caller: "alice",
    call: (c, w) => c.mintAllowlist(1, 2, allowlist(w).proof("alice"), { value: ALLOWLIST_PRICE }),
    error: "LivingAssetAllowlistClosed",
    args: () => [],
  },
  {
    label: "mintAllowlist with another account's proof",
    caller: "bob",
    setup: openAllowlist,
    call: (c, w) => c.mintAllowlist(1, 2, allowlist(w).proof("alice"), { value: ALLOWLIST_PRICE }),
    error: "LivingAssetInvalidProof",
    args: (w) => [w.bob.address, 2],
  },
  {
    label: "mintAllowlist claiming a larger allowance than its leaf",
    caller: "alice",
    setup: openAllowlist,
    call: (c, w) => c.mintAllowlist(1, 5, allowlist(w).proof("alice"), { value: ALLOWLIST_PRICE }),
    error: "LivingAssetInvalidProof",
    args: (w) => [w.alice.address, 5],
  },
  {
    label: "mintAllowlist with an empty proof",
    caller: "carol",
    setup: openAllowlist,
    call: (c) => c.mintAllowlist(1, 3, [], { value: ALLOWLIST_PRICE }),
    error: "LivingAssetInvalidProof",
    args: (w) => [w.carol.address, 3],
  },
  {
    label: "mintAllowlist past the allowance in one call",
    caller: "alice",
    setup: openAllowlist,
    call: (c, w) => c.mintAllowlist(3, 2, allowlist(w).proof("alice"), { value: ALLOWLIST_PRICE * 3n }),
    error: "LivingAssetAllowanceExceeded",
    args: (w) => [w.alice.address, 0, 3, 2],
  },
  {
    label: "mintAllowlist past the allowance across calls",
    caller: "alice",
    setup: async (w) => {
      await (await openAllowlist(w)).wait();
      const proof = allowlist(w).proof("alice");
      await (await w.collection.connect(w.alice).mintAllowlist(2, 2, proof, { value: ALLOWLIST_PRICE * 2n })).wait();
    },
    call: (c, w) => c.mintAllowlist(1, 2, allowlist(w).proof("alice"), { value: ALLOWLIST_PRICE }),
    error: "LivingAssetAllowanceExceeded",
    args: (w) => [w.alice.address, 2, 1, 2],
  },
  {
    label: "mintAllowlist paying the public price",
    caller: "alice",
    setup: openAllowlist,
    call: (c, w) => c.mintAllowlist(1, 2, allowlist(w).proof("alice"), { value: PRICE }),
    error: "LivingAssetWrongPayment",
    args: () => [PRICE, ALLOWLIST_PRICE],
  },
  {
    label: "mintAllowlist 0",
    caller: "alice",
    setup: openAllowlist,
    call: (c, w) => c.mintAllowlist(0, 2, allowlist(w).proof("alice")),
    error: "LivingAssetZeroQuantity",
    args: () => [],
  },
  {
    label: "mintAllowlist above maxPerMint",
    caller: "carol",
    setup: openAllowlist,
    call: (c, w) =>
      c.mintAllowlist(SALE.maxPerMint + 1, 3, allowlist(w).proof("carol"), {
        value: ALLOWLIST_PRICE * BigInt(SALE.maxPerMint + 1),
      }),
    error: "LivingAssetQuantityTooLarge",
    args: () => [SALE.maxPerMint + 1, SALE.maxPerMint],
  },
  {
    label: "mintAllowlist past the supply cap",
    caller: "carol",
    setup: async (w) => {
      await (await openAllowlist(w)).wait();
      await (await w.collection.setSaleConfig(PRICE, 7, 12, 6)).wait();
    },
    call: (c, w) => c.mintAllowlist(3, 3, allowlist(w).proof("carol"), { value: ALLOWLIST_PRICE * 3n }),
    error: "LivingAssetSupplyExceeded",
    args: () => [3, 2],
  },
  {
    label: "mintAllowlist while paused",
    caller: "alice",
    setup: async (w) => {
      await (await openAllowlist(w)).wait();
      await (await w.collection.pause()).wait();
    },
    call: (c, w) => c.mintAllowlist(1, 2, allowlist(w).proof("alice"), { value: ALLOWLIST_PRICE }),
    error: "EnforcedPause",
    args: () => [],
  },
  // ---- views a client reads about cohorts
  {
    label: "cohortIdOf a token of the open cohort",
    caller: "carol",
    setup: (w) => w.collection.connect(w.carol).mint(1, { value: PRICE }),
    call: (c) => c.cohortIdOf(6),
    error: "SeedTokenNotInCohort",
    args: () => [6],
  },
  {
    label: "cohort of an id not closed yet",
    caller: "carol",
    call: (c) => c.cohort(2),
    error: "SeedUnknownCohort",
    args: () => [2],
  },
  {
    label: "advanceEpoch before the interval",
    caller: "carol",
    worldCall: (c) => c.advanceEpoch(),
    error: "WorldTooEarly",
  },
  {
    label: "advanceEpoch on an unchanged round",
    caller: "carol",
    setup: () => time.increase(3_600),
    worldCall: (c) => c.advanceEpoch(),
    error: "WorldRoundNotAdvanced",
  },
  {
    label: "advanceEpoch on a zero answer",
    caller: "carol",
    setup: async (w) => {
      await time.increase(3_600);
      await w.feed.updateAnswer(0);
    },
    worldCall: (c) => c.advanceEpoch(),
    error: "WorldInvalidAnswer",
    args: () => [0],
  },
  {
    label: "withdraw with nothing to withdraw",
    caller: "carol",
    setup: (w) => w.collection.withdraw(),
    call: (c) => c.withdraw(),
    error: "LivingAssetNothingToWithdraw",
  },
  {
    label: "setRenderer after lockRenderer",
    caller: "deployer",
    setup: (w) => w.collection.lockRenderer(),
    call: (c, w) => c.setRenderer(w.renderer.target),
    error: "MetadataRendererLocked",
  },
  {
    label: "lockRenderer twice",
    caller: "deployer",
    setup: (w) => w.collection.lockRenderer(),
    call: (c) => c.lockRenderer(),
    error: "MetadataRendererLocked",
  },
  {
    label: "setProvenance after lockProvenance",
    caller: "deployer",
    setup: (w) => w.collection.lockProvenance(),
    call: (c) => c.setProvenance(H, H, "l", "g", "v"),
    error: "MetadataProvenanceLocked",
  },
  {
    label: "setProvenance with a licenseURI over 96 bytes",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, "l".repeat(97), "g", "v"),
    error: "MetadataTextTooLong",
    args: () => ["licenseURI", 97, 96],
  },
  {
    label: "setProvenance with a generatorName over 32 bytes",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, "l", "g".repeat(33), "v"),
    error: "MetadataTextTooLong",
    args: () => ["generatorName", 33, 32],
  },
  {
    label: "setProvenance with a generatorVersion over 16 bytes",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, "l", "g", "v".repeat(17)),
    error: "MetadataTextTooLong",
    args: () => ["generatorVersion", 17, 16],
  },
  {
    label: "setProvenance with a percent sign in licenseURI",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, "ipfs://a%20b", "g", "v"),
    error: "MetadataTextInvalidByte",
    args: () => ["licenseURI", 8, 0x25],
  },
  {
    label: "setProvenance with a non-ASCII byte in generatorName",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, "l", "gé", "v"),
    error: "MetadataTextInvalidByte",
    args: () => ["generatorName", 1, 0xc3],
  },
  {
    label: "setProvenance with a quote in licenseURI",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, 'a"b', "g", "v"),
    error: "MetadataTextInvalidByte",
    args: () => ["licenseURI", 1, 0x22],
  },
  {
    label: "setProvenance with a backslash in licenseURI",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, "a\\b", "g", "v"),
    error: "MetadataTextInvalidByte",
    args: () => ["licenseURI", 1, 0x5c],
  },
  {
    label: "setProvenance with a hash in licenseURI",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, "ipfs://x#y", "g", "v"),
    error: "MetadataTextInvalidByte",
    args: () => ["licenseURI", 8, 0x23],
  },
  {
    label: "setProvenance with a control byte in generatorVersion",
    caller: "deployer",
    call: (c) => c.setProvenance(H, H, "l", "g", "1.0\n"),
    error: "MetadataTextInvalidByte",
    args: () => ["generatorVersion", 3, 0x0a],
  },
  {
    label: "setDescription over 160 bytes",
    caller: "deployer",
    call: (c) => c.setDescription("d".repeat(161)),
    error: "MetadataTextTooLong",
    args: () => ["description", 161, 160],
  },
  {
    label: "setExternalLink over 96 bytes",
    caller: "deployer",
    call: (c) => c.setExternalLink("l".repeat(97)),
    error: "MetadataTextTooLong",
    args: () => ["externalLink", 97, 96],
  },
  {
    label: "setExternalLink with a quote",
    caller: "deployer",
    call: (c) => c.setExternalLink('https://a/"'),
    error: "MetadataTextInvalidByte",
    args: () => ["externalLink", 10, 0x22],
  },
  {
    label: "lockProvenance twice",
    caller: "deployer",
    setup: (w) => w.collection.lockProvenance(),
    call: (c) => c.lockProvenance(),
    error: "MetadataProvenanceLocked",
  },
  {
    label: "pause twice",
    caller: "deployer",
    setup: (w) => w.collection.pause(),
    call: (c) => c.pause(),
    error: "EnforcedPause",
  },
  { label: "unpause when not paused", caller: "deployer", call: (c) => c.unpause(), error: "ExpectedPause" },
  {
    label: "mint while paused",
    caller: "alice",
    setup: (w) => w.collection.pause(),
    call: (c) => c.mint(1, { value: PRICE }),
    error: "EnforcedPause",
  },
  {
    label: "mintTo while paused",
    caller: "deployer",
    setup: (w) => w.collection.pause(),
    call: (c, w) => c.mintTo(w.alice.address, 1),
    error: "EnforcedPause",
  },
  {
    label: "nurture while paused",
    caller: "alice",
    setup: (w) => w.collection.pause(),
    call: (c) => c.nurture(2),
    error: "EnforcedPause",
  },
  {
    label: "metamorphose while paused",
    caller: "alice",
    setup: (w) => w.collection.pause(),
    call: (c) => c.metamorphose(2),
    error: "EnforcedPause",
  },
  {
    label: "mint while the sale is closed",
    caller: "alice",
    setup: (w) => w.collection.setSaleOpen(false),
    call: (c) => c.mint(1, { value: PRICE }),
    error: "LivingAssetSaleClosed",
  },
  // ---- out-of-range numbers
  { label: "mint 0", caller: "alice", call: (c) => c.mint(0), error: "LivingAssetZeroQuantity" },
  {
    label: "mint above maxPerMint",
    caller: "alice",
    call: (c) => c.mint(SALE.maxPerMint + 1, { value: PRICE * BigInt(SALE.maxPerMint + 1) }),
    error: "LivingAssetQuantityTooLarge",
    args: () => [SALE.maxPerMint + 1, SALE.maxPerMint],
  },
  {
    label: "mint 2^256-1",
    caller: "alice",
    call: (c) => c.mint(MAX),
    error: "LivingAssetQuantityTooLarge",
    args: () => [MAX, SALE.maxPerMint],
  },
  {
    label: "mint with a wrong payment",
    caller: "alice",
    call: (c) => c.mint(2, { value: PRICE }),
    error: "LivingAssetWrongPayment",
    args: () => [PRICE, PRICE * 2n],
  },
  {
    label: "mint past the wallet limit",
    caller: "alice",
    setup: (w) => w.collection.connect(w.alice).mint(6, { value: PRICE * 6n }),
    call: (c) => c.mint(6, { value: PRICE * 6n }),
    error: "LivingAssetWalletLimitExceeded",
    args: (w) => [w.alice.address, 9, 6, SALE.maxPerWallet],
  },
  {
    label: "mint past the supply cap",
    caller: "carol",
    setup: (w) => w.collection.setSaleConfig(PRICE, 7, 12, 6),
    call: (c) => c.mint(3, { value: PRICE * 3n }),
    error: "LivingAssetSupplyExceeded",
    args: () => [3, 2],
  },
  {
    label: "mintTo 0",
    caller: "deployer",
    call: (c, w) => c.mintTo(w.alice.address, 0),
    error: "LivingAssetZeroQuantity",
  },
  {
    label: "mintTo above maxPerMint",
    caller: "deployer",
    call: (c, w) => c.mintTo(w.alice.address, SALE.maxPerMint + 1),
    error: "LivingAssetQuantityTooLarge",
    args: () => [SALE.maxPerMint + 1, SALE.maxPerMint],
  },
  {
    label: "mintTo past the supply cap",
    caller: "deployer",
    setup: (w) => w.collection.setSaleConfig(PRICE, 7, 12, 6),
    call: (c, w) => c.mintTo(w.alice.address, 3),
    error: "LivingAssetSupplyExceeded",
    args: () => [3, 2],
  },
  {
    label: "setSaleConfig with a zero cap",
    caller: "deployer",
    call: (c) => c.setSaleConfig(PRICE, 0, 1, 1),
    error: "LivingAssetInvalidSaleConfig",
    args: () => [0, 1, 1],
  },
  {
    label: "setSaleConfig with a zero wallet limit",
    caller: "deployer",
    call: (c) => c.setSaleConfig(PRICE, 10, 0, 1),
    error: "LivingAssetInvalidSaleConfig",
    args: () => [10, 0, 1],
  },
  {
    label: "setSaleConfig with maxPerMint 0",
    caller: "deployer",
    call: (c) => c.setSaleConfig(PRICE, 10, 1, 0),
    error: "LivingAssetInvalidSaleConfig",
    args: () => [10, 1, 0],
  },
  {
    label: "setSaleConfig with maxPerMint above 1,000",
    caller: "deployer",
    call: (c) => c.setSaleConfig(PRICE, 10_000, 10_000, 1_001),
    error: "LivingAssetInvalidSaleConfig",
    args: () => [10_000, 10_000, 1_001],
  },
  {
    label: "setSaleConfig below what is minted",
    caller: "deployer",
    call: (c) => c.setSaleConfig(PRICE, 4, 1, 1),
    error: "LivingAssetMaxSupplyBelowMinted",
    args: () => [4, 5],
  },
  {
    label: "setDefaultRoyalty above the cap",
    caller: "deployer",
    call: (c, w) => c.setDefaultRoyalty(w.alice.address, 1_001),
    error: "RoyaltyAboveCap",
    args: () => [1_001, 1_000],
  },
  {
    label: "setTokenRoyalty above the cap",
    caller: "deployer",
    call: (c, w) => c.setTokenRoyalty(1, w.alice.address, 10_001),
    error: "RoyaltyAboveCap",
    args: () => [10_001, 1_000],
  },
  {
    label: "setVrfConfig with 201 confirmations",
    caller: "deployer",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, { requestConfirmations: 201 })),
    error: "SeedInvalidConfirmations",
    args: () => [201, 200],
  },
  {
    label: "setVrfConfig with too little callback gas",
    caller: "deployer",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, { callbackGasLimit: 99_999 })),
    error: "SeedInvalidCallbackGasLimit",
    args: () => [99_999, 100_000, 2_500_000],
  },
  {
    label: "setVrfConfig with too much callback gas",
    caller: "deployer",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, { callbackGasLimit: 2_500_001 })),
    error: "SeedInvalidCallbackGasLimit",
    args: () => [2_500_001, 100_000, 2_500_000],
  },
  {
    label: "setVrfConfig with a zero key hash",
    caller: "deployer",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, { keyHash: ethers.ZeroHash })),
    error: "SeedZeroKeyHash",
  },
  {
    label: "setVrfConfig with a 1-minute timeout",
    caller: "deployer",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, { rerequestTimeout: 60 })),
    error: "SeedInvalidTimeout",
    args: () => [60],
  },
  {
    label: "setVrfConfig with a 31-day timeout",
    caller: "deployer",
    call: async (c, w) => c.setVrfConfig(await vrfWith(w, { rerequestTimeout: 31 * 86_400 })),
    error: "SeedInvalidTimeout",
    args: () => [31 * 86_400],
  },
  ...(
    [
      ["a zero interval", { epochInterval: 0 }],
      ["a zero heartbeat", { heartbeat: 0 }],
      ["a zero minAnswer", { minAnswer: 0 }],
      ["minAnswer above maxAnswer", { minAnswer: 10, maxAnswer: 9 }],
      ["maxAnswer of 2^88", { maxAnswer: 2n ** 88n }],
      ["a zero mood threshold", { moodThresholdBps: 0 }],
      ["a mood threshold above 100%", { moodThresholdBps: 10_001 }],
    ] as const
  ).map(([what, change]): Row => ({
    label: `setFeedConfig with ${what}`,
    caller: "deployer",
    worldCall: async (c, w) => c.setFeedConfig(await feedWith(w, change)),
    error: "WorldInvalidFeedConfig",
  })),
  {
    label: "performUpkeep with a stale epoch in performData",
    caller: "carol",
    worldCall: (c) => c.performUpkeep(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [7])),
    error: "WorldInvalidPerformData",
  },
  {
    label: "performUpkeep with malformed performData",
    caller: "carol",
    worldCall: (c) => c.performUpkeep("0x1234"),
    error: "WorldInvalidPerformData",
  },
  // ---- empty inputs
  {
    label: "performUpkeep with empty performData",
    caller: "carol",
    worldCall: (c) => c.performUpkeep("0x"),
    error: "WorldInvalidPerformData",
    args: () => ["0x"],
  },
  {
    label: "rawFulfillRandomWords with an empty array by a stranger",
    caller: "alice",
    call: (c) => c.rawFulfillRandomWords(0, []),
    error: "SeedOnlyCoordinator",
    args: async (w) => [w.alice.address, await w.coordinator.getAddress()],
  },
  {
    label: "rawFulfillRandomWords of the pending cohort's request by a stranger",
    caller: "alice",
    call: async (c, w) => c.rawFulfillRandomWords((await w.collection.cohort(1)).randomness, [1n]),
    error: "SeedOnlyCoordinator",
    args: async (w) => [w.alice.address, await w.coordinator.getAddress()],
  },
];

// ---- nonexistent tokens: 0, 999 and 2^256-1 for every function taking a token id
for (const id of [0n, 999n, MAX]) {
  rows.push(
    {
      label: `nurture(${id})`,
      caller: "alice",
      call: (c) => c.nurture(id),
      error: "LivingAssetNonexistentToken",
      args: () => [id],
    },
    {
      label: `metamorphose(${id})`,
      caller: "alice",
      call: (c) => c.metamorphose(id),
      error: "LivingAssetNonexistentToken",
      args: () => [id],
    },
    {
      label: `rerequestMetamorphosis(${id})`,
      caller: "deployer",
      call: (c) => c.rerequestMetamorphosis(id),
      error: "LivingAssetNonexistentToken",
      args: () => [id],
    },
    {
      label: `setTokenRoyalty(${id})`,
      caller: "deployer",
      call: (c, w) => c.setTokenRoyalty(id, w.alice.address, 1),
      error: "LivingAssetNonexistentToken",
      args: () => [id],
    },
    {
      label: `resetTokenRoyalty(${id})`,
      caller: "deployer",
      call: (c) => c.resetTokenRoyalty(id),
      error: "LivingAssetNonexistentToken",
      args: () => [id],
    },
    {
      label: `transferFrom(${id})`,
      caller: "alice",
      call: (c, w) => c.transferFrom(w.alice.address, w.bob.address, id),
      error: "OwnerQueryForNonexistentToken",
    },
    {
      label: `safeTransferFrom(${id})`,
      caller: "alice",
      call: (c, w) => c["safeTransferFrom(address,address,uint256)"](w.alice.address, w.bob.address, id),
      error: "OwnerQueryForNonexistentToken",
    },
    {
      label: `safeTransferFrom(${id}, data)`,
      caller: "alice",
      call: (c, w) => c["safeTransferFrom(address,address,uint256,bytes)"](w.alice.address, w.bob.address, id, "0x01"),
      error: "OwnerQueryForNonexistentToken",
    },
    {
      label: `approve(${id})`,
      caller: "alice",
      call: (c, w) => c.approve(w.bob.address, id),
      error: "OwnerQueryForNonexistentToken",
    },
    {
      label: `rerequestCohort(${id === 0n ? 2n : id})`,
      caller: "deployer",
      call: (c) => c.rerequestCohort(id === 0n ? 2n : id),
      error: "SeedUnknownCohort",
      args: () => [id === 0n ? 2n : id],
    },
    {
      label: `cohortIdOf(${id})`,
      caller: "alice",
      call: (c) => c.cohortIdOf(id),
      error: "LivingAssetNonexistentToken",
      args: () => [id],
    },
  );
}

async function initParams(w: HostileWorld) {
  return {
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
    vrf: await vrfWith(w, {}),
    minRevealDelay: 0,
    instantReveal: false,
    world: await w.world.getAddress(),
  };
}

describe("LivingAsset hostile inputs", function () {
  // The fixture's digest, read once: every row reverts to the fixture's snapshot, so a row without
  // a setup starts from exactly this state (the one time-dependent field, checkUpkeep, turns only an
  // epoch interval, an hour, after the fixture was made).
  let fixtureDigest: string | undefined;
  // Under `npm run coverage` the rows check the revert and its arguments only: reading the state
  // digest takes about 4 s per read on instrumented contracts (the call itself 20-40 ms) and takes
  // no branch the rows need. `npm test` checks "changes nothing" on every row.
  const checkState = !UNDER_COVERAGE;
  for (const row of rows) {
    it(`${row.label} reverts with ${row.error} and changes nothing`, async function () {
      const w = await hostileWorld();
      if (row.setup) await ((await row.setup(w)) as { wait?: () => Promise<unknown> })?.wait?.();
      let before: string | undefined;
      if (checkState) before = row.setup ? await stateDigest(w) : (fixtureDigest ??= await stateDigest(w));
      const signer = w[row.caller];
      const sent = row.worldCall
        ? row.worldCall(w.world.connect(signer), w)
        : row.call!(w.collection.connect(signer), w);
      const assertion = expect(sent).to.be.revertedWithCustomError(row.worldCall ? w.world : w.collection, row.error);
      if (row.args) await assertion.withArgs(...(await row.args(w)));
      else await assertion;
      if (checkState) expect(await stateDigest(w)).to.equal(before);
    });
  }

  it("rawFulfillRandomWords from the coordinator with no words or an unknown id is ignored and changes nothing", async function () {
    const w = await hostileWorld();
    const coordinator = await w.coordinator.getAddress();
    await hre.network.provider.send("hardhat_impersonateAccount", [coordinator]);
    await hre.network.provider.send("hardhat_setBalance", [coordinator, "0x1000000000000000000"]);
    const c = w.collection.connect(await ethers.getSigner(coordinator));
    const pending = (await w.collection.cohort(1)).randomness;
    const before = await stateDigest(w);
    await expect(c.rawFulfillRandomWords(pending, [])).to.emit(w.collection, "RandomnessIgnored").withArgs(pending, 2);
    for (const id of [0n, 999n, MAX]) {
      await expect(c.rawFulfillRandomWords(id, [1n]))
        .to.emit(w.collection, "RandomnessIgnored")
        .withArgs(id, 0);
    }
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [coordinator]);
    expect(await stateDigest(w)).to.equal(before);
  });

  for (const [contract, pick] of [
    ["LivingAsset", (r: Row) => r.call],
    ["World", (r: Row) => r.worldCall],
  ] as const) {
    it(`every external state-changing function of ${contract} appears in the table`, async function () {
      const covered = new Set(
        rows.map(
          (r) =>
            pick(r)
              ?.toString()
              .match(/c(?:\.|\[")(\w+)/)?.[1],
        ),
      );
      const fns = (await hre.artifacts.readArtifact(contract)).abi
        .filter((f) => f.type === "function" && !["view", "pure"].includes(f.stateMutability))
        .map((f) => f.name as string);
      // setApprovalForAll has no invalid input (any operator, either flag); withdraw's only failure is covered.
      const missing = [...new Set(fns)].filter((f) => !covered.has(f) && f !== "setApprovalForAll");
      expect(missing).to.deep.equal([]);
    });
  }

  describe("a malicious ERC-721 receiver", function () {
    async function attacker(w: HostileWorld): Promise<ReentrantReceiver> {
      const factory = await ethers.getContractFactory("ReentrantReceiver");
      return (await factory.deploy(await w.collection.getAddress(), PRICE, {
        value: PRICE * 10n,
      })) as unknown as ReentrantReceiver;
    }

    async function invariants(w: HostileWorld, extra: string[]) {
      const accounts = [...(await Promise.all(w.accounts.map((a) => a.getAddress()))), ...extra];
      const s = await w.probe.read(await w.collection.getAddress(), accounts, await w.collection.totalSupply());
      expect(s.totalSupply <= s.maxSupply).to.equal(true);
      expect(
        s.balances.reduce((a, b) => a + b, 0n),
        "sum of balances == supply",
      ).to.equal(s.totalSupply);
      for (const t of s.tokens) expect(accounts).to.include(t.owner);
      const counts = accounts.map((a) => BigInt(s.tokens.filter((t) => t.owner === a).length));
      expect([...s.balances]).to.deep.equal(counts);
      // The closed cohorts and the open one tile the supply: 1.., contiguous, in order.
      const cohorts = await Promise.all(
        Array.from({ length: Number(s.cohortCount) }, (_, i) => w.collection.cohort(i)),
      );
      let next = 1n;
      for (const [i, cohort] of cohorts.entries()) {
        expect(cohort.firstTokenId, `cohort ${i} starts where the previous ended`).to.equal(next);
        expect(cohort.quantity > 0n, `cohort ${i} is not empty`).to.equal(true);
        next += cohort.quantity;
      }
      const open = (await w.collection.cohortState()).openFirstTokenId;
      expect(open, "the open cohort starts after the last closed one").to.equal(next);
      expect(open <= s.totalSupply + 1n, "the open cohort holds minted tokens only").to.equal(true);
      return s;
    }

    it("re-entering mint, transferFrom and nurture from onERC721Received keeps every invariant", async function () {
      const w = await hostileWorld();
      const evil = await attacker(w);
      const evilAddress = await evil.getAddress();
      await evil.configure(true, true, true, w.bob.address);
      const supply = await w.collection.totalSupply();
      await w.collection.connect(w.alice)["safeTransferFrom(address,address,uint256)"](w.alice.address, evilAddress, 2);
      const attempts = await evil.attempts();
      const iface = w.collection.interface as unknown as Interface;
      const summary = attempts.map((a) => [
        iface.getFunction(a.selector)!.name,
        a.ok,
        a.ok ? "" : iface.parseError(a.returnData)?.name,
      ]);
      // The callback runs after ERC721A has moved the token: the receiver is its holder and may act.
      expect(summary).to.deep.equal([
        ["nurture", true, ""],
        ["mint", true, ""],
        ["transferFrom", true, ""],
        ["transferFrom", false, "TransferFromIncorrectOwner"],
      ]);
      expect(await w.collection.ownerOf(2)).to.equal(w.bob.address);
      expect(await w.collection.totalSupply()).to.equal(supply + 1n);
      expect(await w.collection.ownerOf(supply + 1n)).to.equal(evilAddress);
      expect((await w.collection.phenotypeOf(2)).nurtureCount).to.equal(1n);
      await invariants(w, [evilAddress]);
    });

    it("while paused, re-entered mint and nurture revert inside the callback; the transfer still lands", async function () {
      const w = await hostileWorld();
      const evil = await attacker(w);
      const evilAddress = await evil.getAddress();
      await evil.configure(true, false, true, ZERO);
      await w.collection.pause();
      await w.collection.connect(w.alice)["safeTransferFrom(address,address,uint256)"](w.alice.address, evilAddress, 3);
      const iface = w.collection.interface as unknown as Interface;
      const summary = (await evil.attempts()).map((a) => [
        iface.getFunction(a.selector)!.name,
        a.ok,
        iface.parseError(a.returnData)?.name,
      ]);
      expect(summary).to.deep.equal([
        ["nurture", false, "EnforcedPause"],
        ["mint", false, "EnforcedPause"],
      ]);
      expect(await w.collection.ownerOf(3)).to.equal(evilAddress);
      await invariants(w, [evilAddress]);
    });

    it("a receiver that passes the token on inside the callback cannot duplicate it", async function () {
      const w = await hostileWorld();
      const a = await attacker(w);
      const b = await attacker(w);
      await a.configure(false, true, false, await b.getAddress());
      await w.collection
        .connect(w.alice)
        ["safeTransferFrom(address,address,uint256)"](w.alice.address, await a.getAddress(), 1);
      expect(await w.collection.ownerOf(1)).to.equal(await b.getAddress());
      expect(await w.collection.balanceOf(await a.getAddress())).to.equal(0n);
      await invariants(w, [await a.getAddress(), await b.getAddress()]);
    });
  });
});
