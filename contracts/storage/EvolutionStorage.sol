// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IWorld} from "../interfaces/IWorld.sol";

/// @title EvolutionStorage
/// @notice The collection's link to its world (ERC-7201 `livingasset.storage.WorldLink`), declared
/// once: {EvolutionModule} inherits it and the logic libraries reach it through {EvolutionSlot}.
abstract contract EvolutionStorage {
    /// @custom:storage-location erc7201:livingasset.storage.WorldLink
    struct WorldLinkLayout {
        // one slot: world (160) | epoch (32) | moodThresholdBps (16), read together by the hook,
        // holder paths and phenotypes; the threshold is the world's, kept with the epoch
        IWorld world;
        uint32 epoch;
        uint16 moodThresholdBps;
    }
}

/// @title EvolutionSlot
/// @notice Where {EvolutionStorage-WorldLinkLayout} lives.
library EvolutionSlot {
    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.WorldLink")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant SLOT = 0x5268253e34eae7945cdceaccca9d46d9eca20fa7b01a374c18f2a236c5e0d600;

    function layout() internal pure returns (EvolutionStorage.WorldLinkLayout storage $) {
        assembly {
            $.slot := SLOT
        }
    }
}
