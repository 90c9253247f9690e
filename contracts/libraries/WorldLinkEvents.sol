// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {EvolutionStorage} from "../storage/EvolutionStorage.sol";
import {Traits} from "./Traits.sol";

/// @title WorldLinkEvents
/// @notice Entering a world's epoch: one internal function, shared by the world's hook (inline in
/// {EvolutionModule}) and {SetupLogic-syncWorld}.
library WorldLinkEvents {
    /// @dev Records the epoch and tells marketplaces: every token's age moved on, and with it
    /// vitality (decay), temperament (its life's moves) and stage (a hatchling grows up), each per
    /// token; the mood is the world's, one value for all. Nothing loops.
    ///
    /// The epoch itself is in the world's {EpochAdvanced} of the same transaction (or in
    /// {WorldSynced}): the hook emits nothing more, for every collection pays it on every epoch.
    ///
    /// Emits ERC-4906 {BatchMetadataUpdate} for every token, ERC-7496
    /// {TraitUpdatedRange} (age, vitality, temperament, stage) and {TraitUpdatedRangeUniformValue} (mood).
    function enterEpoch(
        EvolutionStorage.WorldLinkLayout storage $,
        uint256 epoch,
        uint256 mood,
        uint256 threshold
    ) internal {
        $.epoch = uint32(epoch);
        $.moodThresholdBps = uint16(threshold);
        // The same six events as `emit` would write (ERC-4906 BatchMetadataUpdate(0, max); ERC-7496
        // TraitUpdatedRange(key, 0, max) for age, vitality, temperament and stage;
        // TraitUpdatedRangeUniformValue(mood, 0, max, mood)), from one shared data buffer: every
        // subscribed collection pays this on every epoch.
        bytes32 batchTopic = ILivingAsset.BatchMetadataUpdate.selector;
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
