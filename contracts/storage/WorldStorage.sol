// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

import {IWorld} from "../interfaces/IWorld.sol";

/// @title WorldStorage
/// @notice The world's layout (ERC-7201 `vivarium.storage.World`), declared once: {World} inherits
/// it (so the upgrades plugin validates it) and reaches it through {WorldSlot}.
abstract contract WorldStorage {
    /// @custom:storage-location erc7201:vivarium.storage.World
    struct WorldLayout {
        // slot 0: feed (160) | epochInterval (32) | heartbeat (32) | sequencerGracePeriod (32)
        AggregatorV3Interface feed;
        uint32 epochInterval;
        uint32 heartbeat;
        uint32 sequencerGracePeriod;
        // slot 1: sequencerUptimeFeed (160) | moodThresholdBps (16)
        AggregatorV3Interface sequencerUptimeFeed;
        uint16 moodThresholdBps;
        // slot 2: minAnswer (96) | maxAnswer (96)
        uint96 minAnswer;
        uint96 maxAnswer;
        // slot 3: epochCount (32) | lastAdvanceAt (40) | lastRoundId (80)
        uint32 epochCount;
        uint40 lastAdvanceAt;
        uint80 lastRoundId;
        // slot 4
        address forwarder;
        mapping(uint256 epoch => IWorld.EpochEntry) log;
        address[] subscribers;
    }
}

/// @title WorldSlot
/// @notice Where {WorldStorage-WorldLayout} lives.
library WorldSlot {
    // keccak256(abi.encode(uint256(keccak256("vivarium.storage.World")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant SLOT = 0x6cf63ddc5c114d1c2c4c1e57a44b0070c1c249c9958cc116f00c5d548b78a100;

    function layout() internal pure returns (WorldStorage.WorldLayout storage $) {
        assembly {
            $.slot := SLOT
        }
    }
}
