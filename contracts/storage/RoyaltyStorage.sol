// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRoyaltyModule} from "../interfaces/IRoyaltyModule.sol";

/// @title RoyaltyStorage
/// @notice The royalty module's layout (ERC-7201 `livingasset.storage.Royalty`), declared once:
/// {RoyaltyModule} inherits it and {RoyaltyLogic} reaches it through {RoyaltySlot}.
abstract contract RoyaltyStorage {
    /// @custom:storage-location erc7201:livingasset.storage.Royalty
    struct RoyaltyLayout {
        uint96 maxRoyaltyBps;
        IRoyaltyModule.RoyaltyInfo defaultRoyalty;
        mapping(uint256 tokenId => IRoyaltyModule.RoyaltyInfo) tokenRoyalty;
    }
}

/// @title RoyaltySlot
/// @notice Where {RoyaltyStorage-RoyaltyLayout} lives.
library RoyaltySlot {
    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.Royalty")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant SLOT = 0x27c6797a9eea6308d7ef867689d0375e14890c757a0db7c405cc832a8313cc00;

    function layout() internal pure returns (RoyaltyStorage.RoyaltyLayout storage $) {
        assembly {
            $.slot := SLOT
        }
    }
}
