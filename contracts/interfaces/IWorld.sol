// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Phenotype} from "./IRenderer.sol";
import {IInteractionModule} from "./IInteractionModule.sol";

/// @title IWorld
/// @notice One environment shared by every collection that subscribes to it: a Chainlink Data Feed
/// read once per epoch (by Chainlink Automation or by anyone), validated, and appended to an
/// environment log of prefix sums. Advancing calls a gas-capped hook on each subscribed
/// collection; a failing collection never blocks the world. Constant gas whatever the supply of
/// any collection or the world's age; the only loop is over the bounded subscriber list.
interface IWorld {
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

    /// @notice What a token's phenotype depends on besides the world: its seed, birth and checkpoint.
    struct LifeQuery {
        bool revealed;
        uint256 seed;
        uint32 birthEpoch;
        uint32 epoch; // the epoch to compute the phenotype at (birthEpoch <= epoch <= epochCount)
        IInteractionModule.Checkpoint checkpoint;
    }

    /// @notice The epoch interval has not passed.
    error WorldTooEarly(uint256 nextEpochAt);
    /// @notice The feed answered zero or a negative number.
    error WorldInvalidAnswer(int256 answer);
    /// @notice The feed answer is older than the heartbeat allows.
    error WorldStaleFeed(uint256 updatedAt, uint256 heartbeat);
    /// @notice The feed round has not moved on since the last epoch.
    error WorldRoundNotAdvanced(uint80 roundId, uint80 lastRoundId);
    /// @notice The answer is outside the configured sanity bounds.
    error WorldAnswerOutOfBounds(int256 answer, uint256 minAnswer, uint256 maxAnswer);
    /// @notice The L2 sequencer is down.
    error WorldSequencerDown();
    /// @notice The L2 sequencer came back up less than the grace period ago.
    error WorldSequencerGracePeriod(uint256 upSince, uint256 gracePeriod);
    /// @notice `performUpkeep` called by someone other than the configured forwarder.
    error WorldOnlyForwarder(address caller, address forwarder);
    /// @notice `performData` does not match the epoch about to be advanced.
    error WorldInvalidPerformData(bytes performData);
    /// @notice A feed parameter is invalid: feeds must be contracts, interval, heartbeat and
    /// minAnswer non-zero, minAnswer <= maxAnswer < 2^88, 0 < moodThresholdBps <= 10,000.
    error WorldInvalidFeedConfig(FeedConfig config);
    /// @notice An epoch beyond the log, or an epoch before the birth epoch.
    error WorldUnknownEpoch(uint256 epoch, uint256 epochCount);
    /// @notice A subscriber must be a contract.
    error WorldSubscriberNotContract(address collection);
    /// @notice The collection is already subscribed.
    error WorldAlreadySubscribed(address collection);
    /// @notice The collection is not subscribed.
    error WorldNotSubscribed(address collection);
    /// @notice The subscriber list is full.
    error WorldTooManySubscribers(uint256 max);
    /// @notice Too little gas left to give the next subscriber's hook its full allowance; the
    /// whole advance reverts so no caller can starve a collection's hook on purpose.
    error WorldHookGasTooLow(uint256 gasLeft, uint256 needed);

    /// @notice A new epoch entered the environment log.
    event EpochAdvanced(uint256 indexed epoch, int256 answer, uint80 roundId, int256 moveBps);
    /// @notice The feed configuration changed.
    event FeedConfigUpdated(FeedConfig config);
    /// @notice The Automation forwarder changed (zero: anyone may perform).
    event ForwarderUpdated(address indexed forwarder);
    /// @notice A collection now hears of every epoch.
    event SubscriberAdded(address indexed collection);
    /// @notice A collection no longer hears of epochs (it can still `syncWorld` itself).
    event SubscriberRemoved(address indexed collection);
    /// @notice A subscriber's hook reverted or ran out of its gas allowance; the world moved on and
    /// the collection can catch up with its own `syncWorld()`.
    event SubscriberHookFailed(address indexed collection, uint256 indexed epoch);

    /// @notice Advance one epoch (anyone, once the interval has passed and the feed checks pass),
    /// then call every subscriber's hook.
    function advanceEpoch() external;

    /// @notice The number of epochs so far.
    function epochCount() external view returns (uint256);

    /// @notice The number of epochs, the latest epoch's mood (as `Mood`) and the mood threshold:
    /// what a collection keeps of the world.
    function state() external view returns (uint256 epochCount, uint256 mood, uint256 moodThresholdBps);

    /// @notice One entry of the environment log.
    function epochEntry(uint256 epoch) external view returns (EpochEntry memory);

    /// @notice What a phenotype needs from the world, in one call: the log entries at birth and now,
    /// each as its raw storage word (bit layout in {EpochEntry}; unpack with
    /// {EnvironmentLog-unpack}). Raw words keep this hot read cheap.
    function lifeOf(uint256 birthEpoch, uint256 nowEpoch) external view returns (bytes32 atBirth, bytes32 atNow);

    /// @notice A phenotype at any epoch of the log from a token's seed, birth and checkpoint: the
    /// collection's own maths ({PhenotypeLib}), for replaying history.
    function phenotypeAt(LifeQuery calldata query) external view returns (Phenotype memory);

    /// @notice The feed configuration.
    function feedConfig() external view returns (FeedConfig memory);

    /// @notice Replace the feed configuration (config role). Subscribers hear of it (the mood
    /// threshold may have changed every token's mood).
    function setFeedConfig(FeedConfig calldata config) external;

    /// @notice Require `performUpkeep` to come from this Automation forwarder (zero: anyone).
    function setForwarder(address forwarder) external;

    /// @notice The Automation forwarder (zero: anyone may perform).
    function forwarder() external view returns (address);

    /// @notice When the next epoch may be advanced.
    function nextEpochAt() external view returns (uint256);

    /// @notice Subscribe a collection (default admin).
    function addSubscriber(address collection) external;

    /// @notice Unsubscribe a collection (default admin).
    function removeSubscriber(address collection) external;

    /// @notice The subscribed collections, in subscription order.
    function subscribers() external view returns (address[] memory);
}

/// @title IWorldSubscriber
/// @notice What a world calls on each subscribed collection when it advances or its feed
/// configuration changes.
interface IWorldSubscriber {
    /// @notice The world entered `epoch`, whose weather is `mood` (as `Mood`) under the mood
    /// threshold `moodThresholdBps`; also sent, with the same epoch, when the threshold changes.
    /// Only the world.
    function onWorldEpoch(uint256 epoch, uint256 mood, uint256 moodThresholdBps) external;
}
