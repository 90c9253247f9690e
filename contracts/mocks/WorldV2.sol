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
}
