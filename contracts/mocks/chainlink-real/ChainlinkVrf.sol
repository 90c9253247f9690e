// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

// Re-exports Chainlink's production VRF v2.5 coordinator, its blockhash store and the LINK token
// (ERC-677) so Hardhat compiles them, with Chainlink's own compiler settings (solc 0.8.19, see
// hardhat.config.ts), and the real-VRF deploy script and tests can deploy them by name.
// Test only: nothing here is our code, and nothing here is deployed on a live network.
import {VRFCoordinatorV2_5} from "@chainlink/contracts/src/v0.8/vrf/dev/VRFCoordinatorV2_5.sol";
import {BlockhashStore} from "@chainlink/contracts/src/v0.8/vrf/dev/BlockhashStore.sol";
import {LinkToken} from "@chainlink/contracts/src/v0.8/shared/token/ERC677/LinkToken.sol";
