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

/// @title SetupLogic
/// @notice Every module's part of the collection's initialisation, as an external library run by
/// DELEGATECALL in the collection's context from its `initializer` (which guards it). The
/// collection itself initialises only what lives in its own bytecode: ERC721A, roles and pause.
library SetupLogic {
    /// @notice Initialise the seed, world link, royalty, metadata and sale modules from `p`.
    /// Emits each module's configuration events and {WorldLinked}.
    function initialize(ILivingAsset.InitParams calldata p) external {
        SeedLogic.setVrfConfig(p.vrf);
        linkWorld(p.world);
        RoyaltyLogic.initialize(p.royaltyReceiver, p.royaltyBps, p.maxRoyaltyBps);
        MetadataLogic.initialize(p.renderer, p.description, p.name);
        SaleLogic.setSaleConfig(p.price, p.maxSupply, p.maxPerWallet, p.maxPerMint);
        SaleLogic.setTreasury(p.treasury);
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
