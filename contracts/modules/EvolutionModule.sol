// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {AutomationCompatibleInterface} from "@chainlink/contracts/src/v0.8/automation/interfaces/AutomationCompatibleInterface.sol";

import {IEvolutionModule} from "../interfaces/IEvolutionModule.sol";
import {EvolutionLogic} from "../libraries/EvolutionLogic.sol";
import {LivingAssetBase} from "./LivingAssetBase.sol";

/// @title EvolutionModule
/// @notice The world: epochs driven by a Chainlink Data Feed. `advanceEpoch` reads the feed once,
/// validates it (answer > 0, fresh within the heartbeat, round moved on, inside the sanity bounds,
/// L2 sequencer up and past its grace period) and appends one entry of prefix sums to the
/// environment log. Its cost does not depend on the number of tokens or epochs: nothing loops.
/// Storage (ERC-7201 `livingasset.storage.Evolution`) and logic live in {EvolutionLogic}.
///
/// Who may call what: anyone may `advanceEpoch` once the interval has passed; Chainlink
/// Automation calls `performUpkeep` (only the forwarder, when one is set); `CONFIG_ROLE` sets the
/// feed configuration and the forwarder.
abstract contract EvolutionModule is LivingAssetBase, IEvolutionModule, AutomationCompatibleInterface {
    /// @custom:storage-location erc7201:livingasset.storage.Evolution
    struct EvolutionStorage {
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
        mapping(uint256 epoch => IEvolutionModule.EpochEntry) log;
    }

    function __EvolutionModule_init(FeedConfig calldata config) internal onlyInitializing {
        __EvolutionModule_init_unchained(config);
    }

    function __EvolutionModule_init_unchained(FeedConfig calldata config) internal onlyInitializing {
        EvolutionLogic.setFeedConfig(config);
    }

    /// @inheritdoc IEvolutionModule
    function advanceEpoch() external virtual {
        EvolutionLogic.advance();
    }

    /// @notice Chainlink Automation: whether an epoch is due and the feed would pass every check.
    /// `performData` is the epoch count the upkeep expects to advance from.
    function checkUpkeep(bytes calldata) external view virtual returns (bool upkeepNeeded, bytes memory performData) {
        return EvolutionLogic.checkUpkeep();
    }

    /// @notice Chainlink Automation: re-checks everything and advances one epoch.
    /// Requirements: the forwarder (when set) is the caller; `performData` names the current epoch.
    function performUpkeep(bytes calldata performData) external virtual {
        EvolutionLogic.performUpkeep(performData);
    }

    /// @inheritdoc IEvolutionModule
    function setFeedConfig(FeedConfig calldata config) external virtual onlyRole(CONFIG_ROLE) {
        EvolutionLogic.setFeedConfig(config);
    }

    /// @inheritdoc IEvolutionModule
    function setForwarder(address newForwarder) external virtual onlyRole(CONFIG_ROLE) {
        EvolutionLogic.layout().forwarder = newForwarder;
        emit ForwarderUpdated(newForwarder);
    }

    /// @notice The Automation forwarder (zero: anyone may perform).
    function forwarder() external view virtual returns (address) {
        return EvolutionLogic.layout().forwarder;
    }

    /// @inheritdoc IEvolutionModule
    function currentEpoch() public view virtual returns (uint256) {
        return EvolutionLogic.layout().epochCount;
    }

    /// @inheritdoc IEvolutionModule
    function epochEntry(uint256 epoch) external view virtual returns (EpochEntry memory) {
        return EvolutionLogic.layout().log[epoch];
    }

    /// @inheritdoc IEvolutionModule
    function feedConfig() external view virtual returns (FeedConfig memory) {
        EvolutionModule.EvolutionStorage storage $ = EvolutionLogic.layout();
        return
            FeedConfig({
                feed: address($.feed),
                sequencerUptimeFeed: address($.sequencerUptimeFeed),
                epochInterval: $.epochInterval,
                heartbeat: $.heartbeat,
                sequencerGracePeriod: $.sequencerGracePeriod,
                minAnswer: $.minAnswer,
                maxAnswer: $.maxAnswer,
                moodThresholdBps: $.moodThresholdBps
            });
    }

    /// @inheritdoc IEvolutionModule
    function nextEpochAt() external view virtual returns (uint256) {
        return EvolutionLogic.nextEpochAt();
    }
}
