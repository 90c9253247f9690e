// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

// Re-exports Chainlink's own example of a next-version VRF coordinator: a migration target for
// `VRFCoordinatorV2_5.migrate` (it implements `IVRFCoordinatorV2PlusMigration.onMigration`), so the
// subscription-migration test (test/coordinator.test.ts) can deploy it by name, and Chainlink's
// example consumer, a second consumer on a migrating subscription. It compiles with
// Chainlink's solc 0.8.19 settings, like ChainlinkVrf.sol. Test only: nothing here is our code, and
// nothing here is deployed on a live network.
import {VRFCoordinatorV2Plus_V2Example} from "@chainlink/contracts/src/v0.8/vrf/dev/testhelpers/VRFCoordinatorV2Plus_V2Example.sol";
import {VRFV2PlusConsumerExample} from "@chainlink/contracts/src/v0.8/vrf/dev/testhelpers/VRFV2PlusConsumerExample.sol";
