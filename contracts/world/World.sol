// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRulesUpgradeable} from "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {AutomationCompatibleInterface} from "@chainlink/contracts/src/v0.8/automation/interfaces/AutomationCompatibleInterface.sol";

import {IWorld, IWorldSubscriber} from "../interfaces/IWorld.sol";
import {Phenotype} from "../interfaces/IRenderer.sol";
import {WorldStorage, WorldSlot} from "../storage/WorldStorage.sol";
import {EnvironmentLog} from "../libraries/EnvironmentLog.sol";
import {PhenotypeLib} from "../libraries/PhenotypeLib.sol";

/// @title World
/// @notice One environment for any number of collections: a Chainlink Data Feed read once per
/// epoch, validated (answer > 0, fresh within the heartbeat, round moved on, inside the sanity
/// bounds, L2 sequencer up and past its grace period) and appended as one entry of prefix sums to
/// the environment log. Each advance then calls {IWorldSubscriber-onWorldEpoch} on every
/// subscribed collection with a fixed gas allowance, so each emits the ERC-4906 and ERC-7496
/// events marketplaces listen for on its own token contract; a reverting or out-of-gas collection
/// is reported by {SubscriberHookFailed} and never blocks the world. Nothing loops over tokens or
/// epochs; the one loop is over the subscriber list, bounded by {MAX_SUBSCRIBERS}.
///
/// Who may call what: anyone may `advanceEpoch` once the interval has passed; Chainlink
/// Automation calls `performUpkeep` (only the forwarder, when one is set); `CONFIG_ROLE` sets the
/// feed configuration and the forwarder; the default admin (two-step, delayed) approves and
/// removes subscribers and grants roles; `UPGRADER_ROLE` upgrades (UUPS).
contract World is
    AccessControlDefaultAdminRulesUpgradeable,
    UUPSUpgradeable,
    WorldStorage,
    IWorld,
    AutomationCompatibleInterface
{
    /// @notice May change the feed configuration and the Automation forwarder.
    bytes32 public constant CONFIG_ROLE = keccak256("CONFIG_ROLE");
    /// @notice May upgrade the implementation behind the proxy.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");
    /// @notice Most collections one world notifies: each hook costs about 23,600 gas (26,100 for the
    /// first of an implementation; the ERC-4906 and five ERC-7496 events alone are 9,703), so
    /// three keep `advanceEpoch` within 100,000 + 20,000 per collection. More collections on one
    /// feed: deploy another World.
    uint256 public constant MAX_SUBSCRIBERS = 3;
    /// @notice Gas each subscriber's hook may use. A collection's hook uses about a third of it.
    uint256 public constant HOOK_GAS = 60_000;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialise the proxy with its feed and admin. Epoch 0 is the empty log.
    function initialize(FeedConfig calldata config, address admin, uint48 adminDelay) external initializer {
        __AccessControlDefaultAdminRules_init(adminDelay, admin);
        _setFeedConfig(config);
    }

    // ------------------------------------------------------------------
    // Epochs
    // ------------------------------------------------------------------

    /// @inheritdoc IWorld
    function advanceEpoch() external {
        _advanceEpoch(WorldSlot.layout());
    }

    /// @notice Chainlink Automation: whether an epoch is due and the feed would pass every check.
    /// `performData` is the epoch count the upkeep expects to advance from.
    function checkUpkeep(bytes calldata) external view returns (bool upkeepNeeded, bytes memory performData) {
        WorldLayout storage $ = WorldSlot.layout();
        performData = abi.encode(uint256($.epochCount));
        if (block.timestamp < _nextEpochAt($)) return (false, performData);
        (upkeepNeeded, , , ) = _checkFeed($);
    }

    /// @notice Chainlink Automation: re-checks everything and advances one epoch.
    /// Requirements: the forwarder (when set) is the caller; `performData` names the current epoch.
    function performUpkeep(bytes calldata performData) external {
        WorldLayout storage $ = WorldSlot.layout();
        address allowed = $.forwarder;
        if (allowed != address(0) && msg.sender != allowed) revert WorldOnlyForwarder(msg.sender, allowed);
        if (performData.length != 32 || abi.decode(performData, (uint256)) != $.epochCount) {
            revert WorldInvalidPerformData(performData);
        }
        _advanceEpoch($);
    }

    // ------------------------------------------------------------------
    // Configuration
    // ------------------------------------------------------------------

    /// @inheritdoc IWorld
    function setFeedConfig(FeedConfig calldata config) external onlyRole(CONFIG_ROLE) {
        _setFeedConfig(config);
        // The mood threshold may have moved every token's mood: subscribers re-announce it.
        WorldLayout storage $ = WorldSlot.layout();
        uint256 threshold = config.moodThresholdBps;
        _notify($, $.epochCount, uint256(PhenotypeLib.mood($.log[$.epochCount].moveBps, threshold)), threshold);
    }

    /// @inheritdoc IWorld
    function setForwarder(address newForwarder) external onlyRole(CONFIG_ROLE) {
        WorldSlot.layout().forwarder = newForwarder;
        emit ForwarderUpdated(newForwarder);
    }

    /// @inheritdoc IWorld
    /// @dev Requirements: default admin; a contract; not yet subscribed; fewer than
    /// {MAX_SUBSCRIBERS} subscribed.
    function addSubscriber(address collection) external onlyRole(DEFAULT_ADMIN_ROLE) {
        address[] storage subs = WorldSlot.layout().subscribers;
        if (collection.code.length == 0) revert WorldSubscriberNotContract(collection);
        if (_indexOf(subs, collection) != type(uint256).max) revert WorldAlreadySubscribed(collection);
        if (subs.length >= MAX_SUBSCRIBERS) revert WorldTooManySubscribers(MAX_SUBSCRIBERS);
        subs.push(collection);
        emit SubscriberAdded(collection);
    }

    /// @inheritdoc IWorld
    function removeSubscriber(address collection) external onlyRole(DEFAULT_ADMIN_ROLE) {
        address[] storage subs = WorldSlot.layout().subscribers;
        uint256 i = _indexOf(subs, collection);
        if (i == type(uint256).max) revert WorldNotSubscribed(collection);
        subs[i] = subs[subs.length - 1];
        subs.pop();
        emit SubscriberRemoved(collection);
    }

    // ------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------

    /// @inheritdoc IWorld
    function epochCount() external view returns (uint256) {
        return WorldSlot.layout().epochCount;
    }

    /// @inheritdoc IWorld
    function state() external view returns (uint256 count, uint256 mood, uint256 moodThresholdBps) {
        WorldLayout storage $ = WorldSlot.layout();
        count = $.epochCount;
        moodThresholdBps = $.moodThresholdBps;
        mood = uint256(PhenotypeLib.mood($.log[count].moveBps, moodThresholdBps));
    }

    /// @inheritdoc IWorld
    function epochEntry(uint256 epoch) external view returns (EpochEntry memory) {
        return WorldSlot.layout().log[epoch];
    }

    /// @inheritdoc IWorld
    function lifeOf(uint256 birthEpoch, uint256 nowEpoch) external view returns (bytes32 atBirth, bytes32 atNow) {
        mapping(uint256 => EpochEntry) storage log = WorldSlot.layout().log;
        assembly ("memory-safe") {
            // Each entry is one slot: keccak256(epoch . slot of the mapping).
            mstore(0x20, log.slot)
            mstore(0x00, birthEpoch)
            atBirth := sload(keccak256(0x00, 0x40))
            mstore(0x00, nowEpoch)
            atNow := sload(keccak256(0x00, 0x40))
        }
    }

    /// @inheritdoc IWorld
    /// @dev Requirements: `birthEpoch <= epoch <= epochCount`. The mood threshold is today's.
    function phenotypeAt(LifeQuery calldata q) external view returns (Phenotype memory) {
        WorldLayout storage $ = WorldSlot.layout();
        uint256 count = $.epochCount;
        if (q.epoch > count) revert WorldUnknownEpoch(q.epoch, count);
        if (q.birthEpoch > q.epoch) revert WorldUnknownEpoch(q.birthEpoch, q.epoch);
        return
            PhenotypeLib.compute(
                PhenotypeLib.Params({
                    revealed: q.revealed,
                    seed: q.seed,
                    birthEpoch: q.birthEpoch,
                    currentEpoch: q.epoch,
                    checkpoint: q.checkpoint,
                    atBirth: $.log[q.birthEpoch],
                    atNow: $.log[q.epoch],
                    moodThresholdBps: $.moodThresholdBps
                })
            );
    }

    /// @inheritdoc IWorld
    function feedConfig() external view returns (FeedConfig memory) {
        WorldLayout storage $ = WorldSlot.layout();
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

    /// @inheritdoc IWorld
    function forwarder() external view returns (address) {
        return WorldSlot.layout().forwarder;
    }

    /// @inheritdoc IWorld
    function nextEpochAt() external view returns (uint256) {
        return _nextEpochAt(WorldSlot.layout());
    }

    /// @inheritdoc IWorld
    function subscribers() external view returns (address[] memory) {
        return WorldSlot.layout().subscribers;
    }

    // ------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------

    /// @dev Requirements: `UPGRADER_ROLE`.
    function _authorizeUpgrade(address) internal override onlyRole(UPGRADER_ROLE) {}

    // ------------------------------------------------------------------
    // Private
    // ------------------------------------------------------------------

    /// @dev Validates the feed, appends one entry, then notifies the subscribers. Reverts with the
    /// failing check's error.
    ///
    /// Emits {EpochAdvanced}, and {SubscriberHookFailed} for each hook that failed.
    function _advanceEpoch(WorldLayout storage $) private {
        uint256 due = _nextEpochAt($);
        if (block.timestamp < due) revert WorldTooEarly(due);
        (uint80 roundId, int256 answer) = _readFeed($);

        uint256 epoch = uint256($.epochCount) + 1;
        EpochEntry memory previous = $.log[epoch - 1];
        // A new feed (its round ids start over) starts a new price baseline: no move is measured
        // against another feed's price.
        if ($.lastRoundId == 0) previous.price = 0;
        uint256 threshold = $.moodThresholdBps;
        (EpochEntry memory entry, int256 moveBps) = EnvironmentLog.next(
            EnvironmentLog.AppendParams({
                previous: previous,
                answer: uint256(answer),
                timestamp: block.timestamp,
                moodThresholdBps: threshold
            })
        );
        $.log[epoch] = entry;
        $.epochCount = uint32(epoch);
        $.lastAdvanceAt = uint40(block.timestamp);
        $.lastRoundId = roundId;

        emit EpochAdvanced(epoch, answer, roundId, moveBps);
        _notify($, epoch, uint256(PhenotypeLib.mood(entry.moveBps, threshold)), threshold);
    }

    /// @dev Calls every subscriber's hook with {HOOK_GAS} and copies no return data, so a
    /// subscriber can neither block the world nor make it pay for a return-data bomb. Reverts
    /// with {WorldHookGasTooLow} when the caller did not send enough gas for the next hook's full
    /// allowance (otherwise a caller could starve a collection's hook on purpose).
    function _notify(WorldLayout storage $, uint256 epoch, uint256 mood, uint256 threshold) private {
        address[] storage subs = $.subscribers;
        uint256 n = subs.length;
        bytes memory data = abi.encodeCall(IWorldSubscriber.onWorldEpoch, (epoch, mood, threshold));
        for (uint256 i; i < n; ++i) {
            address collection = subs[i];
            // EIP-150 passes at most 63/64 of what is left; keep a margin for this loop's own work.
            uint256 needed = (HOOK_GAS * 64) / 63 + 5_000;
            if (gasleft() < needed) revert WorldHookGasTooLow(gasleft(), needed);
            bool ok;
            assembly {
                ok := call(HOOK_GAS, collection, 0, add(data, 32), mload(data), 0, 0)
            }
            if (!ok) emit SubscriberHookFailed(collection, epoch);
        }
    }

    /// @dev Reads and validates the feed (and the sequencer feed when set); reverts on failure.
    function _readFeed(WorldLayout storage $) private view returns (uint80 roundId, int256 answer) {
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
        WorldLayout storage $
    ) private view returns (bool ok, uint80 roundId, int256 answer, bytes memory failure) {
        AggregatorV3Interface sequencer = $.sequencerUptimeFeed;
        if (address(sequencer) != address(0)) {
            (, int256 status, uint256 startedAt, , ) = sequencer.latestRoundData();
            // Chainlink's sequencer uptime feed: 0 = up, 1 = down; startedAt = when the status changed.
            if (status != 0) return (false, 0, 0, abi.encodeWithSelector(WorldSequencerDown.selector));
            if (startedAt == 0 || block.timestamp - startedAt <= $.sequencerGracePeriod) {
                return (
                    false,
                    0,
                    0,
                    abi.encodeWithSelector(WorldSequencerGracePeriod.selector, startedAt, $.sequencerGracePeriod)
                );
            }
        }
        uint256 updatedAt;
        (roundId, answer, , updatedAt, ) = $.feed.latestRoundData();
        if (answer <= 0) return (false, roundId, answer, abi.encodeWithSelector(WorldInvalidAnswer.selector, answer));
        uint256 heartbeat = $.heartbeat;
        if (updatedAt == 0 || updatedAt > block.timestamp || block.timestamp - updatedAt > heartbeat) {
            return (false, roundId, answer, abi.encodeWithSelector(WorldStaleFeed.selector, updatedAt, heartbeat));
        }
        uint80 lastRoundId = $.lastRoundId;
        if (roundId <= lastRoundId) {
            return (
                false,
                roundId,
                answer,
                abi.encodeWithSelector(WorldRoundNotAdvanced.selector, roundId, lastRoundId)
            );
        }
        (uint256 minAnswer, uint256 maxAnswer) = ($.minAnswer, $.maxAnswer);
        if (uint256(answer) < minAnswer || uint256(answer) > maxAnswer) {
            return (
                false,
                roundId,
                answer,
                abi.encodeWithSelector(WorldAnswerOutOfBounds.selector, answer, minAnswer, maxAnswer)
            );
        }
        ok = true;
    }

    function _nextEpochAt(WorldLayout storage $) private view returns (uint256) {
        return uint256($.lastAdvanceAt) + $.epochInterval;
    }

    /// @dev Emits {FeedConfigUpdated}.
    function _setFeedConfig(FeedConfig calldata config) private {
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
        ) revert WorldInvalidFeedConfig(config);
        WorldLayout storage $ = WorldSlot.layout();
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
        emit FeedConfigUpdated(config);
    }

    /// @dev Position of `collection` in the (bounded) list, or `type(uint256).max`.
    function _indexOf(address[] storage subs, address collection) private view returns (uint256) {
        uint256 n = subs.length;
        for (uint256 i; i < n; ++i) if (subs[i] == collection) return i;
        return type(uint256).max;
    }
}
