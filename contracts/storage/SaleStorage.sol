// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SaleStorage
/// @notice The collection core's sale layout (ERC-7201 `livingasset.storage.LivingAsset`), declared
/// once: the collection inherits it (so the upgrades plugin validates it) and
/// {SaleLogic} reaches it through {SaleSlot}.
abstract contract SaleStorage {
    /// @custom:storage-location erc7201:livingasset.storage.LivingAsset
    struct SaleLayout {
        // slot 0, the one slot a public mint reads (the pause flag with it, so the pause check
        // costs a mint no slot of its own):
        // price (96) | maxSupply (64) | maxPerWallet (32) | maxPerMint (32) | saleOpen (8) |
        // instantReveal (8) | allowlistOpen (8) | paused (8)
        uint96 price;
        uint64 maxSupply;
        uint32 maxPerWallet;
        uint32 maxPerMint;
        bool saleOpen;
        bool instantReveal; // each mint requests its own word (seed module's reveal trigger)
        bool allowlistOpen;
        bool paused; // minting and holder interactions stopped (transfers never are)
        // slot 1: treasury (160) | allowlistPrice (96)
        address treasury;
        uint96 allowlistPrice;
        // slot 2: Merkle root of the allowlist's (address, allowance) leaves
        bytes32 allowlistRoot;
    }
}

/// @title SaleSlot
/// @notice Where {SaleStorage-SaleLayout} lives.
library SaleSlot {
    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.LivingAsset")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant SLOT = 0xf43765b7a01e1c881a55986657da95b1c106353b6f980ba013b98ec5104a6c00;

    function layout() internal pure returns (SaleStorage.SaleLayout storage $) {
        assembly {
            $.slot := SLOT
        }
    }
}
