// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IWorldSubscriber} from "../interfaces/IWorld.sol";
import {IEvolutionModule} from "../interfaces/IEvolutionModule.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {EvolutionStorage, EvolutionSlot} from "../storage/EvolutionStorage.sol";
import {Traits} from "../libraries/Traits.sol";
import {LivingAssetBase} from "./LivingAssetBase.sol";

/// @title EvolutionModule
/// @notice The collection's side of the {World}: it names its world at initialisation (for good)
/// and keeps the epoch it has entered, in one slot of ERC-7201 `livingasset.storage.WorldLink`
/// ({EvolutionStorage}). The world calls {onWorldEpoch} when it advances; the collection then
/// emits the ERC-4906 and ERC-7496 events marketplaces listen for on the token contract. A
/// collection that missed a hook (not subscribed, or its hook failed) catches up with
/// {syncWorld}. Holder paths read only this slot, never another contract.
///
/// Who may call what: the world calls `onWorldEpoch`; anyone may `syncWorld`.
abstract contract EvolutionModule is LivingAssetBase, EvolutionStorage, IEvolutionModule {
    /// @inheritdoc IWorldSubscriber
    /// @dev Inline (no library call): it runs once per epoch for every subscribed collection, inside
    /// the world's gas allowance for each.
    function onWorldEpoch(uint256 epoch, uint256 mood, uint256 moodThresholdBps) external virtual {
        WorldLinkLayout storage $ = EvolutionSlot.layout();
        if (msg.sender != address($.world)) revert EvolutionOnlyWorld(msg.sender, address($.world));
        _enterEpoch($, epoch, mood, moodThresholdBps);
    }

    /// @inheritdoc IEvolutionModule
    function syncWorld() external virtual {
        WorldLinkLayout storage $ = EvolutionSlot.layout();
        (uint256 epoch, uint256 mood, uint256 threshold) = $.world.state();
        if (epoch <= $.epoch && threshold == $.moodThresholdBps) revert EvolutionInSync(epoch);
        emit WorldSynced(epoch);
        _enterEpoch($, epoch, mood, threshold);
    }

    /// @inheritdoc IEvolutionModule
    function world() external view virtual returns (address) {
        return address(EvolutionSlot.layout().world);
    }

    /// @inheritdoc IEvolutionModule
    function currentEpoch() public view virtual returns (uint256) {
        return EvolutionSlot.layout().epoch;
    }

    /// @dev Records the epoch and tells marketplaces: every token's age moved on, and with it
    /// vitality (decay), temperament (its life's moves) and stage (a hatchling grows up), each per
    /// token; the mood is the world's, one value for all. Nothing loops.
    ///
    /// The epoch itself is in the world's {EpochAdvanced} of the same transaction (or in
    /// {WorldSynced}): the hook emits nothing more, for every collection pays it on every epoch.
    ///
    /// Emits ERC-4906 {BatchMetadataUpdate} for every token, ERC-7496
    /// {TraitUpdatedRange} (age, vitality, temperament, stage) and {TraitUpdatedRangeUniformValue} (mood).
    function _enterEpoch(WorldLinkLayout storage $, uint256 epoch, uint256 mood, uint256 threshold) private {
        $.epoch = uint32(epoch);
        $.moodThresholdBps = uint16(threshold);
        // The same six events as `emit` would write (ERC-4906 BatchMetadataUpdate(0, max); ERC-7496
        // TraitUpdatedRange(key, 0, max) for age, vitality, temperament and stage;
        // TraitUpdatedRangeUniformValue(mood, 0, max, mood)), from one shared data buffer: every
        // subscribed collection pays this on every epoch.
        bytes32 batchTopic = BatchMetadataUpdate.selector;
        bytes32 rangeTopic = IERC7496.TraitUpdatedRange.selector;
        bytes32 uniformTopic = IERC7496.TraitUpdatedRangeUniformValue.selector;
        (bytes32 age, bytes32 vitality, bytes32 temperament, bytes32 stage, bytes32 moodKey) = (
            Traits.AGE,
            Traits.VITALITY,
            Traits.TEMPERAMENT,
            Traits.STAGE,
            Traits.MOOD
        );
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, 0)
            mstore(add(p, 0x20), not(0))
            mstore(add(p, 0x40), mood)
            log1(p, 0x40, batchTopic)
            log2(p, 0x40, rangeTopic, age)
            log2(p, 0x40, rangeTopic, vitality)
            log2(p, 0x40, rangeTopic, temperament)
            log2(p, 0x40, rangeTopic, stage)
            log2(p, 0x60, uniformTopic, moodKey)
        }
    }
}
