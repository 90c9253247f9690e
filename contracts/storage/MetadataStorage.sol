// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRenderer, Provenance} from "../interfaces/IRenderer.sol";

/// @title MetadataStorage
/// @notice The metadata module's layout (ERC-7201 `livingasset.storage.Metadata`), declared once:
/// {MetadataModule} inherits it and {MetadataLogic} reaches it through {MetadataSlot}.
abstract contract MetadataStorage {
    /// @custom:storage-location erc7201:livingasset.storage.Metadata
    struct MetadataLayout {
        IRenderer renderer;
        bool rendererLocked;
        string description;
        Provenance provenance;
        string externalLink; // ERC-7572 external_link, e.g. the app's web3:// address ("" for none)
    }
}

/// @title MetadataSlot
/// @notice Where {MetadataStorage-MetadataLayout} lives.
library MetadataSlot {
    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.Metadata")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant SLOT = 0x211b45d67e9745207822c586f085a9fa83c163875e40c8c23b503539f20ba700;

    function layout() internal pure returns (MetadataStorage.MetadataLayout storage $) {
        assembly {
            $.slot := SLOT
        }
    }
}
