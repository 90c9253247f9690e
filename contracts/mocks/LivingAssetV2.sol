// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LivingAsset} from "../LivingAsset.sol";

/// @title LivingAssetV2 (test mock)
/// @notice An upgrade that adds one field in a new ERC-7201 namespace and a `reinitializer(2)`.
/// @custom:oz-upgrades-unsafe-allow external-library-linking
contract LivingAssetV2 is LivingAsset {
    /// @custom:storage-location erc7201:livingasset.storage.V2
    struct V2Storage {
        uint256 generationTwoMarker;
    }

    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.V2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _V2_STORAGE_SLOT = 0x35ef9f398b65dc9aed2bef62732e64d4bfdf8376e86feafd2d1ab0e0fd91c900;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() LivingAsset() {}

    /// @notice Upgrade step: parents were initialised by V1, so only the new field is set (hence
    /// the allowed missing-initializer-call: V1's initializer already ran every parent's).
    /// @custom:oz-upgrades-validate-as-initializer
    /// @custom:oz-upgrades-unsafe-allow missing-initializer-call
    function initializeV2(uint256 marker) external reinitializer(2) {
        _v2().generationTwoMarker = marker;
    }

    function v2Marker() external view returns (uint256) {
        return _v2().generationTwoMarker;
    }

    function _v2() private pure returns (V2Storage storage $) {
        assembly {
            $.slot := _V2_STORAGE_SLOT
        }
    }
}
