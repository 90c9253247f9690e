// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IEvolutionModule
/// @notice Epochs from a Chainlink Data Feed, appended to an environment log of prefix sums, at
/// constant gas whatever the supply or age. Advanced by Chainlink Automation or by anyone.
interface IEvolutionModule {
    /// @notice Chainlink Data Feed parameters.
    struct FeedConfig {
        address feed;
        address sequencerUptimeFeed; // zero where there is no L2 sequencer
        uint32 epochInterval; // seconds between epochs
        uint32 heartbeat; // maximum age of a feed answer, seconds
        uint32 sequencerGracePeriod; // seconds after the sequencer comes back up
        uint96 minAnswer; // sanity bounds, inclusive, in feed units
        uint96 maxAnswer; // at most 2^88 - 1 (the log stores prices in 88 bits)
        uint16 moodThresholdBps; // |move| at or above which an epoch is sunny or stormy
    }

    /// @notice One epoch of the environment log (one storage slot).
    /// Bit layout, low to high: price (88) | timestamp (40) | cumUpBps (40) | cumDownBps (40) |
    /// cumStorms (32) | moveBps (16).
    struct EpochEntry {
        uint88 price; // validated feed answer
        uint40 timestamp; // block time of the epoch
        uint40 cumUpBps; // sum of up-moves since genesis, basis points (each move capped at 100,000)
        uint40 cumDownBps; // sum of down-moves since genesis, basis points
        uint32 cumStorms; // number of epochs whose down-move reached the mood threshold
        int16 moveBps; // this epoch's move against the previous one, basis points, clamped to int16
    }

    /// @notice The epoch interval has not passed.
    error EvolutionTooEarly(uint256 nextEpochAt);
    /// @notice The feed answered zero or a negative number.
    error EvolutionInvalidAnswer(int256 answer);
    /// @notice The feed answer is older than the heartbeat allows.
    error EvolutionStaleFeed(uint256 updatedAt, uint256 heartbeat);
    /// @notice The feed round has not moved on since the last epoch.
    error EvolutionRoundNotAdvanced(uint80 roundId, uint80 lastRoundId);
    /// @notice The answer is outside the configured sanity bounds.
    error EvolutionAnswerOutOfBounds(int256 answer, uint256 minAnswer, uint256 maxAnswer);
    /// @notice The L2 sequencer is down.
    error EvolutionSequencerDown();
    /// @notice The L2 sequencer came back up less than the grace period ago.
    error EvolutionSequencerGracePeriod(uint256 upSince, uint256 gracePeriod);
    /// @notice `performUpkeep` called by someone other than the configured forwarder.
    error EvolutionOnlyForwarder(address caller, address forwarder);
    /// @notice `performData` does not match the epoch about to be advanced.
    error EvolutionInvalidPerformData(bytes performData);
    /// @notice A feed parameter is invalid: feeds must be contracts, interval, heartbeat and
    /// minAnswer non-zero, minAnswer <= maxAnswer < 2^88, 0 < moodThresholdBps <= 10,000.
    error EvolutionInvalidFeedConfig(FeedConfig config);

    /// @notice A new epoch entered the environment log.
    event EpochAdvanced(uint256 indexed epoch, int256 answer, uint80 roundId, int256 moveBps);
    /// @notice The feed configuration changed.
    event FeedConfigUpdated(FeedConfig config);
    /// @notice The Automation forwarder changed (zero: anyone may perform).
    event ForwarderUpdated(address indexed forwarder);

    /// @notice Advance one epoch (anyone, once the interval has passed and the feed checks pass).
    function advanceEpoch() external;

    /// @notice The number of epochs so far; tokens minted now are born in this epoch.
    function currentEpoch() external view returns (uint256);

    /// @notice One entry of the environment log.
    function epochEntry(uint256 epoch) external view returns (EpochEntry memory);

    /// @notice The feed configuration.
    function feedConfig() external view returns (FeedConfig memory);

    /// @notice Replace the feed configuration (config role).
    function setFeedConfig(FeedConfig calldata config) external;

    /// @notice Require `performUpkeep` to come from this Automation forwarder (zero: anyone).
    function setForwarder(address forwarder) external;

    /// @notice When the next epoch may be advanced.
    function nextEpochAt() external view returns (uint256);
}
