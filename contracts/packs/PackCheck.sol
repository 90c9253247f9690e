// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PackIndex} from "../libraries/PackIndex.sol";

/// @title PackCheck
/// @notice The full check of an art pack's index (`PackIndex.check`): every field, every page it
/// names, every pixel page. Deployed once per chain and linked into every `PackRenderer`, which
/// runs it (DELEGATECALL) only when a pack is set: no renderer carries its code, so each pack's
/// renderer is smaller and cheaper to deploy, and has room for its token and collection JSON.
library PackCheck {
    /// @notice Reverts `PackIndexInvalid(offset, problem)` at the first field of `idx` that is
    /// wrong; returns the slot and layer counts.
    function check(bytes calldata idx) external view returns (uint256 slots, uint256 layers) {
        return PackIndex.check(idx);
    }
}
