// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LivingAsset} from "../LivingAsset.sol";

/// @title LivingAssetV2 (test mock)
/// @notice The upgrade a creator would ship: holder burns. The holder (or an approved address or
/// operator) burns a token for good; burned tokens have no metadata, phenotype or traits, and the
/// supply shrinks. Burning opens at a time set by the upgrade's `reinitializer(2)`, kept in a new
/// ERC-7201 namespace: this proves the room V1 leaves under EIP-170 takes real code.
/// @custom:oz-upgrades-unsafe-allow external-library-linking
contract LivingAssetV2 is LivingAsset {
    /// @custom:storage-location erc7201:livingasset.storage.V2
    struct V2Storage {
        uint256 generationTwoMarker;
    }

    /// @notice Burning has not opened yet.
    error LivingAssetBurnsClosed(uint256 opensAt);

    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.V2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _V2_STORAGE_SLOT = 0x35ef9f398b65dc9aed2bef62732e64d4bfdf8376e86feafd2d1ab0e0fd91c900;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() LivingAsset() {}

    /// @notice Upgrade step: parents were initialised by V1, so only the new field is set (hence
    /// the allowed missing-initializer-call: V1's initializer already ran every parent's).
    /// `marker` is the time from which holders may burn.
    /// @custom:oz-upgrades-validate-as-initializer
    /// @custom:oz-upgrades-unsafe-allow missing-initializer-call
    function initializeV2(uint256 marker) external reinitializer(2) {
        _v2().generationTwoMarker = marker;
    }

    /// @notice The value `initializeV2` set: when burning opens.
    function v2Marker() external view returns (uint256) {
        return _v2().generationTwoMarker;
    }

    /// @notice Burn a token for good (its holder, approved address or operator; ERC721A checks
    /// the approval). Emits ERC-721 {Transfer} to the zero address and ERC-4906 {MetadataUpdate}.
    function burn(uint256 tokenId) external whenNotPaused {
        uint256 opensAt = _v2().generationTwoMarker;
        if (block.timestamp < opensAt) revert LivingAssetBurnsClosed(opensAt);
        _burn(tokenId, true);
        emit MetadataUpdate(tokenId);
    }

    /// @dev Burned tokens no longer exist.
    function _requireMinted(uint256 tokenId) internal view override {
        if (!_exists(tokenId)) revert LivingAssetNonexistentToken(tokenId);
    }

    function _v2() private pure returns (V2Storage storage $) {
        assembly {
            $.slot := _V2_STORAGE_SLOT
        }
    }
}
