// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {World} from "../world/World.sol";

/// @title WorldV2 (test mock)
/// @notice An upgrade of the World that adds one view, to prove the World upgrades through its own
/// `UPGRADER_ROLE` and keeps its log, feed and subscribers. It adds no state, so it needs no
/// initializer of its own (the proxy ran World's `initialize`):
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract WorldV2 is World {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() World() {}

    /// @notice The implementation's version.
    function worldVersion() external pure returns (uint256) {
        return 2;
    }

    /// @notice What this mock is for. (Added when, under coverage, upgrades-core 1.46's search for
    /// linked bytecode, `getUnlinkedBytecode`, failed on this mock's previous bytecode with "Bytecode
    /// is not a valid hex string": another contract's library placeholder landed in its metadata.)
    function worldVersionNote() external pure returns (string memory) {
        return "WorldV2: a test upgrade of the World";
    }
}
