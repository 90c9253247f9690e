// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IInteractionModule} from "../interfaces/IInteractionModule.sol";

/// @title InteractionStorage
/// @notice The interaction module's layout (ERC-7201 `livingasset.storage.Interaction`), declared
/// once: {InteractionModule} inherits it and the logic libraries reach it through {InteractionSlot}.
abstract contract InteractionStorage {
    /// @custom:storage-location erc7201:livingasset.storage.Interaction
    struct InteractionLayout {
        mapping(uint256 tokenId => IInteractionModule.Checkpoint) checkpoints;
        mapping(uint256 tokenId => uint256 requestId) metamorphosisRequests;
    }
}

/// @title InteractionSlot
/// @notice Where {InteractionStorage-InteractionLayout} lives.
library InteractionSlot {
    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.Interaction")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant SLOT = 0x83db3da3fe57ed31b0b72ebe94ff5cb35991c88f18a182ccb0be61bc6bdde200;

    function layout() internal pure returns (InteractionStorage.InteractionLayout storage $) {
        assembly {
            $.slot := SLOT
        }
    }
}
