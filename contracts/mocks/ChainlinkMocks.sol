// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// Re-exports Chainlink's own mocks so Hardhat compiles them and deploy scripts
// and tests can deploy them by name. Nothing here is our code.
import {VRFCoordinatorV2_5Mock} from "@chainlink/contracts/src/v0.8/vrf/mocks/VRFCoordinatorV2_5Mock.sol";
import {MockV3Aggregator} from "@chainlink/contracts/src/v0.8/shared/mocks/MockV3Aggregator.sol";
