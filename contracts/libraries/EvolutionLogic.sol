// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EvolutionModule} from "../modules/EvolutionModule.sol";

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

import {IEvolutionModule} from "../interfaces/IEvolutionModule.sol";
import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {InteractionLogic} from "./InteractionLogic.sol";
import {EnvironmentLog} from "./EnvironmentLog.sol";
import {PhenotypeLib} from "./PhenotypeLib.sol";

/// @title EvolutionLogic
/// @notice The evolution module's storage and logic, as an external library: its code runs by
/// DELEGATECALL in the collection's context (its events come from the collection), and keeps the
/// collection under the EIP-170 size limit. Nothing here loops.
library EvolutionLogic {
    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.Evolution")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _EVOLUTION_STORAGE_SLOT =
        0xf7837a206ee890e53715f9ae5d516e88bbe3ec56f5fc90842f6c6d4ba4439c00;

    function layout() internal pure returns (EvolutionModule.EvolutionStorage storage $) {
        assembly {
            $.slot := _EVOLUTION_STORAGE_SLOT
        }
    }

    /// @notice Advance one epoch; see {IEvolutionModule-advanceEpoch}.
    function advance() external {
        _advanceEpoch(layout());
    }

    /// @notice See {EvolutionModule-checkUpkeep}.
    function checkUpkeep() external view returns (bool upkeepNeeded, bytes memory performData) {
        EvolutionModule.EvolutionStorage storage $ = layout();
        performData = abi.encode(uint256($.epochCount));
        if (block.timestamp < _nextEpochAt($)) return (false, performData);
        (upkeepNeeded, , , ) = _checkFeed($);
    }

    /// @notice See {EvolutionModule-performUpkeep}.
    function performUpkeep(bytes calldata performData) external {
        EvolutionModule.EvolutionStorage storage $ = layout();
        address allowed = $.forwarder;
        if (allowed != address(0) && msg.sender != allowed) {
            revert IEvolutionModule.EvolutionOnlyForwarder(msg.sender, allowed);
        }
        if (performData.length != 32 || abi.decode(performData, (uint256)) != $.epochCount) {
            revert IEvolutionModule.EvolutionInvalidPerformData(performData);
        }
        _advanceEpoch($);
    }

    /// @notice When the next epoch may be advanced.
    function nextEpochAt() internal view returns (uint256) {
        return _nextEpochAt(layout());
    }

    /// @dev Validates the feed and appends one entry. Reverts with the failing check's error.
    ///
    /// Emits {EpochAdvanced} and ERC-4906 {BatchMetadataUpdate} for every token.
    function _advanceEpoch(EvolutionModule.EvolutionStorage storage $) private {
        uint256 due = _nextEpochAt($);
        if (block.timestamp < due) revert IEvolutionModule.EvolutionTooEarly(due);
        (uint80 roundId, int256 answer) = _readFeed($);

        uint256 epoch = uint256($.epochCount) + 1;
        IEvolutionModule.EpochEntry memory previous = $.log[epoch - 1];
        // A new feed (its round ids start over) starts a new price baseline: no move is measured
        // against another feed's price.
        if ($.lastRoundId == 0) previous.price = 0;
        (IEvolutionModule.EpochEntry memory entry, int256 moveBps) = EnvironmentLog.next(
            EnvironmentLog.AppendParams({
                previous: previous,
                answer: uint256(answer),
                timestamp: block.timestamp,
                moodThresholdBps: $.moodThresholdBps
            })
        );
        $.log[epoch] = entry;
        $.epochCount = uint32(epoch);
        $.lastAdvanceAt = uint40(block.timestamp);
        $.lastRoundId = roundId;

        emit IEvolutionModule.EpochAdvanced(epoch, answer, roundId, moveBps);
        emit ILivingAsset.BatchMetadataUpdate(0, type(uint256).max);
        // ERC-7496: every token's age moved on, and with it vitality (decay), temperament (its life's
        // moves), stage (a hatchling grows up) per token; the mood is the world's, one value for all.
        emit IERC7496.TraitUpdatedRange(InteractionLogic.TRAIT_AGE, 0, type(uint256).max);
        emit IERC7496.TraitUpdatedRange(InteractionLogic.TRAIT_VITALITY, 0, type(uint256).max);
        emit IERC7496.TraitUpdatedRange(InteractionLogic.TRAIT_TEMPERAMENT, 0, type(uint256).max);
        emit IERC7496.TraitUpdatedRange(InteractionLogic.TRAIT_STAGE, 0, type(uint256).max);
        emit IERC7496.TraitUpdatedRangeUniformValue(
            InteractionLogic.TRAIT_MOOD,
            0,
            type(uint256).max,
            bytes32(uint256(PhenotypeLib.mood(entry.moveBps, $.moodThresholdBps)))
        );
    }

    /// @dev Reads and validates the feed (and the sequencer feed when set); reverts on failure.
    function _readFeed(
        EvolutionModule.EvolutionStorage storage $
    ) private view returns (uint80 roundId, int256 answer) {
        bool ok;
        bytes memory failure;
        (ok, roundId, answer, failure) = _checkFeed($);
        if (!ok) {
            assembly {
                revert(add(failure, 32), mload(failure))
            }
        }
    }

    /// @dev Every check on the feed; on failure returns the ABI-encoded custom error.
    function _checkFeed(
        EvolutionModule.EvolutionStorage storage $
    ) private view returns (bool ok, uint80 roundId, int256 answer, bytes memory failure) {
        AggregatorV3Interface sequencer = $.sequencerUptimeFeed;
        if (address(sequencer) != address(0)) {
            (, int256 status, uint256 startedAt, , ) = sequencer.latestRoundData();
            // Chainlink's sequencer uptime feed: 0 = up, 1 = down; startedAt = when the status changed.
            if (status != 0)
                return (false, 0, 0, abi.encodeWithSelector(IEvolutionModule.EvolutionSequencerDown.selector));
            if (startedAt == 0 || block.timestamp - startedAt <= $.sequencerGracePeriod) {
                return (
                    false,
                    0,
                    0,
                    abi.encodeWithSelector(
                        IEvolutionModule.EvolutionSequencerGracePeriod.selector,
                        startedAt,
                        $.sequencerGracePeriod
                    )
                );
            }
        }
        uint256 updatedAt;
        (roundId, answer, , updatedAt, ) = $.feed.latestRoundData();
        if (answer <= 0)
            return (
                false,
                roundId,
                answer,
                abi.encodeWithSelector(IEvolutionModule.EvolutionInvalidAnswer.selector, answer)
            );
        uint256 heartbeat = $.heartbeat;
        if (updatedAt == 0 || updatedAt > block.timestamp || block.timestamp - updatedAt > heartbeat) {
            return (
                false,
                roundId,
                answer,
                abi.encodeWithSelector(IEvolutionModule.EvolutionStaleFeed.selector, updatedAt, heartbeat)
            );
        }
        uint80 lastRoundId = $.lastRoundId;
        if (roundId <= lastRoundId) {
            return (
                false,
                roundId,
                answer,
                abi.encodeWithSelector(IEvolutionModule.EvolutionRoundNotAdvanced.selector, roundId, lastRoundId)
            );
        }
        (uint256 minAnswer, uint256 maxAnswer) = ($.minAnswer, $.maxAnswer);
        if (uint256(answer) < minAnswer || uint256(answer) > maxAnswer) {
            return (
                false,
                roundId,
                answer,
                abi.encodeWithSelector(
                    IEvolutionModule.EvolutionAnswerOutOfBounds.selector,
                    answer,
                    minAnswer,
                    maxAnswer
                )
            );
        }
        ok = true;
    }

    function _nextEpochAt(EvolutionModule.EvolutionStorage storage $) private view returns (uint256) {
        return uint256($.lastAdvanceAt) + $.epochInterval;
    }

    function setFeedConfig(IEvolutionModule.FeedConfig calldata config) external {
        if (
            config.feed.code.length == 0 ||
            (config.sequencerUptimeFeed != address(0) && config.sequencerUptimeFeed.code.length == 0) ||
            config.epochInterval == 0 ||
            config.heartbeat == 0 ||
            config.minAnswer == 0 ||
            config.minAnswer > config.maxAnswer ||
            config.maxAnswer > type(uint88).max ||
            config.moodThresholdBps == 0 ||
            config.moodThresholdBps > 10_000
        ) revert IEvolutionModule.EvolutionInvalidFeedConfig(config);
        EvolutionModule.EvolutionStorage storage $ = layout();
        // Round ids are per feed: a new feed starts its own sequence.
        if (address($.feed) != config.feed) $.lastRoundId = 0;
        $.feed = AggregatorV3Interface(config.feed);
        $.sequencerUptimeFeed = AggregatorV3Interface(config.sequencerUptimeFeed);
        $.epochInterval = config.epochInterval;
        $.heartbeat = config.heartbeat;
        $.sequencerGracePeriod = config.sequencerGracePeriod;
        $.minAnswer = config.minAnswer;
        $.maxAnswer = config.maxAnswer;
        $.moodThresholdBps = config.moodThresholdBps;
        emit IEvolutionModule.FeedConfigUpdated(config);
        // ERC-7496: the mood threshold may have moved every token's mood.
        emit IERC7496.TraitUpdatedRange(InteractionLogic.TRAIT_MOOD, 0, type(uint256).max);
    }
}
