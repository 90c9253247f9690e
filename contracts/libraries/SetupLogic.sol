// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {IWorld} from "../interfaces/IWorld.sol";
import {IEvolutionModule} from "../interfaces/IEvolutionModule.sol";
import {EvolutionStorage, EvolutionSlot} from "../storage/EvolutionStorage.sol";
import {SeedLogic} from "./SeedLogic.sol";
import {RoyaltyLogic} from "./RoyaltyLogic.sol";
import {MetadataLogic} from "./MetadataLogic.sol";
import {SaleLogic} from "./SaleLogic.sol";
import {WorldLinkEvents} from "./WorldLinkEvents.sol";
import {ERC721AFields} from "../storage/ERC721AFields.sol";

/// @title SetupLogic
/// @notice The collection's cold paths, as an external library run by DELEGATECALL in the
/// collection's context: every module's part of its initialisation (from its `initializer`, which
/// guards it; the collection itself initialises only its roles), and catching up with its world ({syncWorld}).
library SetupLogic {
    /// @notice Initialise ERC721A's name, symbol and first token id, the seed (VRF and reveal trigger), world link, royalty, metadata and sale modules from `p`.
    /// Requirements: outside development chains, `p.adminDelay` is at least one day (the notice
    /// holders get of a coordinator change), else {LivingAssetAdminDelayTooShort}.
    /// Emits each module's configuration events and {WorldLinked}.
    function initialize(ILivingAsset.InitParams calldata p) external {
        if (p.adminDelay < SeedLogic.MIN_LIVE_ADMIN_DELAY && !SeedLogic.isDevelopmentChain()) {
            revert ILivingAsset.LivingAssetAdminDelayTooShort(p.adminDelay, SeedLogic.MIN_LIVE_ADMIN_DELAY);
        }
        ERC721AFields.initialize(p.name, p.symbol);
        SeedLogic.initialize(p.vrf, p.minRevealDelay, p.instantReveal);
        linkWorld(p.world);
        RoyaltyLogic.initialize(p.royaltyReceiver, p.royaltyBps, p.maxRoyaltyBps);
        MetadataLogic.initialize(p.renderer, p.description, p.name);
        SaleLogic.setSaleConfig(p.price, p.maxSupply, p.maxPerWallet, p.maxPerMint);
        SaleLogic.setTreasury(p.treasury);
    }

    /// @notice See {IEvolutionModule-syncWorld}. Emits {WorldSynced}, then the epoch's ERC-4906 and
    /// ERC-7496 events (see {WorldLinkEvents-enterEpoch}).
    function syncWorld() external {
        EvolutionStorage.WorldLinkLayout storage $ = EvolutionSlot.layout();
        (uint256 epoch, uint256 mood, uint256 threshold) = $.world.state();
        if (epoch <= $.epoch && threshold == $.moodThresholdBps) revert IEvolutionModule.EvolutionInSync(epoch);
        emit IEvolutionModule.WorldSynced(epoch);
        WorldLinkEvents.enterEpoch($, epoch, mood, threshold);
    }

    /// @dev Names the collection's world for good and starts at its current epoch, so a collection
    /// joining an old world is born in the world's present. Reverts with {EvolutionInvalidWorld}
    /// unless `world` answers `state()`.
    function linkWorld(address world) private {
        if (world.code.length == 0) revert IEvolutionModule.EvolutionInvalidWorld(world);
        uint256 epoch;
        uint256 threshold;
        try IWorld(world).state() returns (uint256 count, uint256, uint256 moodThresholdBps) {
            (epoch, threshold) = (count, moodThresholdBps);
        } catch {
            revert IEvolutionModule.EvolutionInvalidWorld(world);
        }
        EvolutionStorage.WorldLinkLayout storage $ = EvolutionSlot.layout();
        $.world = IWorld(world);
        $.epoch = uint32(epoch);
        $.moodThresholdBps = uint16(threshold);
        emit IEvolutionModule.WorldLinked(world, epoch);
    }
}
