// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SeedStorage, SeedSlot} from "../storage/SeedStorage.sol";

import {IVRFCoordinatorV2Plus} from "@chainlink/contracts/src/v0.8/vrf/dev/interfaces/IVRFCoordinatorV2Plus.sol";
import {VRFV2PlusClient} from "@chainlink/contracts/src/v0.8/vrf/dev/libraries/VRFV2PlusClient.sol";

import {ISeedModule} from "../interfaces/ISeedModule.sol";
import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {EvolutionSlot} from "../storage/EvolutionStorage.sol";
import {ERC721AFields} from "../storage/ERC721AFields.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IAccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {IVRFMigratableConsumerV2Plus} from "@chainlink/contracts/src/v0.8/vrf/dev/interfaces/IVRFMigratableConsumerV2Plus.sol";
import {SaleLogic} from "./SaleLogic.sol";
import {Traits} from "./Traits.sol";

/// @title SeedLogic
/// @notice The seed module's storage and logic, as an external library run by DELEGATECALL in the
/// collection's context (its events come from the collection). Keeps the collection under EIP-170.
/// Writes only the seed layout; the reveal trigger kept in the sale slot is set through
/// {SaleLogic-setInstantReveal}. A VRF word arrives through {InteractionLogic-rawFulfillRandomWords}
/// (a word is for a cohort or a metamorphosis), which takes the request with {takeRequest} and
/// reveals a cohort with {revealCohort}.
library SeedLogic {
    /// @dev VRF v2.5 limits.
    uint16 internal constant MAX_CONFIRMATIONS = 200;
    uint32 internal constant MAX_CALLBACK_GAS_LIMIT = 2_500_000;
    /// @dev At least twice the heaviest callback measured in the tests (inside Chainlink's real
    /// coordinator's exact-gas call, ERC-7496 events included: 36,503 for a cohort reveal of any
    /// size, 36,148 for a metamorphosis), rounded up, so a fulfilment cannot run out of gas and publish a word we
    /// would then have to discard.
    uint32 internal constant MIN_CALLBACK_GAS_LIMIT = 100_000;
    uint32 internal constant MIN_TIMEOUT = 1 hours;
    uint32 internal constant MAX_TIMEOUT = 30 days;
    /// @dev Bounds of the minimum delay between two cohorts' requests: at most one request per
    /// delay can be made by `reveal`, so a cheap sale cannot drain the VRF subscription.
    uint32 internal constant MIN_REVEAL_DELAY = 1 minutes;
    uint32 internal constant MAX_REVEAL_DELAY = 30 days;
    /// @dev The collection's roles (see {LivingAssetBase}).
    bytes32 internal constant DEFAULT_ADMIN_ROLE = 0x00;
    bytes32 internal constant CONFIG_ROLE = keccak256("CONFIG_ROLE");
    /// @dev May re-request a stuck cohort through {performUpkeep}: granted by the default admin to
    /// the Chainlink Automation upkeep's forwarder.
    bytes32 internal constant UPKEEP_ROLE = keccak256("UPKEEP_ROLE");
    /// @dev The shortest admin delay (the notice holders get of a coordinator change) outside
    /// development chains.
    uint48 internal constant MIN_LIVE_ADMIN_DELAY = 1 days;
    /// @dev Chainlink's `SubscriptionAPI.InvalidSubscription()`: the subscription does not exist.
    bytes4 internal constant INVALID_SUBSCRIPTION = bytes4(keccak256("InvalidSubscription()"));
    /// @dev How many of the latest closed cohorts {checkUpkeep} looks through for one to retry.
    uint256 internal constant UPKEEP_RETRY_WINDOW = 256;

    function layout() internal pure returns (SeedStorage.SeedLayout storage $) {
        return SeedSlot.layout();
    }

    /// @notice Initialise: the VRF configuration (coordinator included), the reveal trigger, and
    /// the first open cohort, from token 1, opening now. Emits {VrfConfigUpdated} and
    /// {RevealConfigUpdated}.
    function initialize(ISeedModule.VrfConfig calldata config, uint32 minRevealDelay, bool instantReveal) external {
        SeedStorage.SeedLayout storage $ = layout();
        if (config.coordinator.code.length == 0) revert ISeedModule.SeedCoordinatorNotContract(config.coordinator);
        $.coordinator = IVRFCoordinatorV2Plus(config.coordinator);
        _setVrfConfig($, config);
        $.openFirstTokenId = 1;
        $.openedAt = uint40(block.timestamp);
        _setRevealConfig($, minRevealDelay, instantReveal);
    }

    /// @notice See {ISeedModule-reveal}: checks that the open cohort holds a token and that the
    /// minimum delay has passed, then closes it.
    function reveal() public returns (uint256 cohortId) {
        uint256 nextTokenId = ERC721AFields.nextTokenId();
        (bool ready, uint256 availableAt) = revealReady(nextTokenId);
        if (!ready) {
            if (availableAt == 0) revert ISeedModule.SeedNothingToReveal(nextTokenId);
            revert ISeedModule.SeedRevealTooEarly(availableAt);
        }
        return closeCohort(nextTokenId);
    }

    /// @notice Chainlink Automation's check: whether {reveal} would close the open cohort now
    /// (`performData` empty), or else the oldest of the latest {UPKEEP_RETRY_WINDOW} closed cohorts
    /// that can be retried (`performData` = its id, ABI-encoded): one whose request the coordinator
    /// refused, at once, or one whose live request has waited past the re-request timeout. A view,
    /// run off chain by Automation; its loop is capped by the window, whatever the collection's age.
    function checkUpkeep(bytes calldata checkData) external view returns (bool upkeepNeeded, bytes memory performData) {
        checkData; // unused: one upkeep, no data
        (upkeepNeeded, ) = revealReady(ERC721AFields.nextTokenId());
        if (upkeepNeeded) return (true, "");
        SeedStorage.SeedLayout storage $ = layout();
        uint256 count = $.cohortCount;
        for (uint256 id = count > UPKEEP_RETRY_WINDOW ? count - UPKEEP_RETRY_WINDOW : 0; id < count; ++id) {
            if (_retryable($, $.cohorts[id])) return (true, abi.encode(id));
        }
    }

    /// @notice Chainlink Automation's action, every check made again: with empty `performData`,
    /// {reveal}; with a cohort id, {rerequestCohort} of that cohort, where the upkeep's forwarder
    /// (`UPKEEP_ROLE`) may replace a stuck request as the config role may.
    function performUpkeep(bytes calldata performData) external {
        if (performData.length == 0) {
            reveal();
        } else {
            _rerequestCohort(abi.decode(performData, (uint256)), UPKEEP_ROLE);
        }
    }

    /// @dev Whether a closed cohort waits for a word that can be asked for again now: refused (no
    /// request id), or requested longer ago than the re-request timeout.
    function _retryable(SeedStorage.SeedLayout storage $, ISeedModule.Cohort storage c) private view returns (bool) {
        if (c.revealed) return false;
        return c.randomness == 0 || block.timestamp >= uint256(c.requestedAt) + $.rerequestTimeout;
    }

    /// @notice {closeCohort} up to the last token minted: the instant-reveal mint's request.
    function closeOpenCohort() external {
        closeCohort(ERC721AFields.nextTokenId());
    }

    /// @notice Whether {reveal} would close the open cohort now; if not, when it could (0 while the
    /// cohort is empty).
    function revealReady(uint256 nextTokenId) public view returns (bool ready, uint256 availableAt) {
        SeedStorage.SeedLayout storage $ = layout();
        if (nextTokenId == $.openFirstTokenId) return (false, 0);
        availableAt = uint256($.openedAt) + $.minRevealDelay;
        ready = block.timestamp >= availableAt;
    }

    /// @notice Closes the open cohort (tokens `openFirstTokenId` .. `nextTokenId - 1`, at least one)
    /// and requests its word; the next cohort opens now. Constant work whatever the cohort's size.
    /// A refused request does not revert (an instant-reveal mint must not fail for it): the cohort
    /// keeps request id 0 and anyone may re-request it at once.
    /// Emits {CohortClosed}, then {RandomnessRequested} or {RandomnessRequestFailed}.
    function closeCohort(uint256 nextTokenId) public returns (uint256 cohortId) {
        SeedStorage.SeedLayout storage $ = layout();
        uint256 first = $.openFirstTokenId;
        cohortId = $.cohortCount;
        $.cohortCount = uint64(cohortId + 1);
        $.openFirstTokenId = uint64(nextTokenId);
        $.openedAt = uint40(block.timestamp);
        ISeedModule.Cohort storage c = $.cohorts[cohortId];
        c.firstTokenId = uint64(first);
        c.quantity = uint64(nextTokenId - first);
        c.requestedAt = uint40(block.timestamp);
        emit ISeedModule.CohortClosed(cohortId, first, nextTokenId - first);
        IVRFCoordinatorV2Plus coordinator = $.coordinator;
        try coordinator.requestRandomWords(_buildRequest($)) returns (uint256 requestId) {
            c.randomness = requestId;
            $.requests[address(coordinator)][requestId] = _purpose(ISeedModule.RequestKind.Cohort, cohortId);
            emit ISeedModule.RandomnessRequested(
                requestId,
                ISeedModule.RequestKind.Cohort,
                cohortId,
                address(coordinator)
            );
        } catch (bytes memory reason) {
            emit ISeedModule.RandomnessRequestFailed(ISeedModule.RequestKind.Cohort, cohortId, reason);
        }
    }

    /// @notice Requests one word for `kind`/`target` from the current coordinator, which alone may
    /// fulfil it; reverts if the coordinator refuses. Emits {RandomnessRequested}.
    function requestRandomWord(ISeedModule.RequestKind kind, uint256 target) public returns (uint256 requestId) {
        SeedStorage.SeedLayout storage $ = layout();
        IVRFCoordinatorV2Plus coordinator = $.coordinator;
        requestId = coordinator.requestRandomWords(_buildRequest($));
        $.requests[address(coordinator)][requestId] = _purpose(kind, target);
        emit ISeedModule.RandomnessRequested(requestId, kind, target, address(coordinator));
    }

    /// @notice See {ISeedModule-rerequestCohort}: anyone may retry a cohort whose request was
    /// refused; replacing a live request (or asking about a cohort that has none) takes the config
    /// role. Emits {CohortRerequested}.
    function rerequestCohort(uint256 cohortId) external {
        _rerequestCohort(cohortId, CONFIG_ROLE);
    }

    /// @dev {rerequestCohort}, where a caller holding `role` may also replace a live request (the
    /// config role always may).
    function _rerequestCohort(uint256 cohortId, bytes32 role) private {
        SeedStorage.SeedLayout storage $ = layout();
        ISeedModule.Cohort storage c = $.cohorts[cohortId];
        uint256 oldRequestId = c.randomness;
        if (cohortId >= $.cohortCount || c.revealed || oldRequestId != 0) {
            IAccessControl roles = IAccessControl(address(this));
            if (!roles.hasRole(CONFIG_ROLE, msg.sender) && (role == CONFIG_ROLE || !roles.hasRole(role, msg.sender))) {
                revert IAccessControl.AccessControlUnauthorizedAccount(msg.sender, role);
            }
        }
        if (cohortId >= $.cohortCount) revert ISeedModule.SeedUnknownCohort(cohortId);
        if (c.revealed) revert ISeedModule.SeedCohortRevealed(cohortId);
        // A cohort whose request was refused (id 0) had no word anyone could see: no wait needed.
        // The old request stays known, so its late word is reported as {IgnoreReason-StaleRequest}.
        if (oldRequestId != 0) {
            uint256 availableAt = uint256(c.requestedAt) + $.rerequestTimeout;
            if (block.timestamp < availableAt) revert ISeedModule.SeedRerequestTooEarly(cohortId, availableAt);
        }
        uint256 newRequestId = requestRandomWord(ISeedModule.RequestKind.Cohort, cohortId);
        c.randomness = newRequestId;
        c.requestedAt = uint40(block.timestamp);
        emit ISeedModule.CohortRerequested(cohortId, oldRequestId, newRequestId);
    }

    /// @notice The seed module's part of {ISeedModule-rawFulfillRandomWords} (run by
    /// {InteractionLogic-rawFulfillRandomWords}): only the coordinator a request was sent to may
    /// fulfil it; for a coordinator it never reverts and does constant work. Unknown (or already
    /// fulfilled) ids and empty word arrays are ignored with {RandomnessIgnored} (`taken` false);
    /// otherwise the request is forgotten and what it was for is returned: `kind`, `target` (a
    /// cohort id or a token id) and the time it was made. Extra words beyond the one asked for are
    /// ignored by the caller.
    function takeRequest(
        uint256 requestId,
        uint256 wordCount
    ) internal returns (bool taken, ISeedModule.RequestKind kind, uint256 target, uint40 requestedAt) {
        SeedStorage.SeedLayout storage $ = layout();
        uint256 purpose = $.requests[msg.sender][requestId];
        if (purpose == 0) {
            // Nothing was asked of the caller under this id: only the current coordinator is told so.
            address coordinator = address($.coordinator);
            if (msg.sender != coordinator) revert ISeedModule.SeedOnlyCoordinator(msg.sender, coordinator);
            emit ISeedModule.RandomnessIgnored(requestId, ISeedModule.IgnoreReason.UnknownRequest);
            return (false, kind, target, requestedAt); // not taken: nothing to do
        }
        if (wordCount == 0) {
            // Keep the request: its purpose stays pending and re-requestable after the timeout.
            emit ISeedModule.RandomnessIgnored(requestId, ISeedModule.IgnoreReason.NoWords);
            return (false, kind, target, requestedAt); // not taken: nothing to do
        }
        delete $.requests[msg.sender][requestId];
        return (
            true,
            ISeedModule.RequestKind(uint8(purpose >> 248)),
            purpose & type(uint208).max,
            uint40(purpose >> 208)
        );
    }

    /// @notice Reveals a cohort with `word`, or ignores a replaced request. Constant work whatever
    /// the cohort's size; never reverts. The cohort hatches at the collection's current epoch (its
    /// tokens' birth). Emits {CohortRevealed}, ERC-4906 {BatchMetadataUpdate} and ERC-7496 events for
    /// the traits that change (revealed, stage, genome), or {RandomnessIgnored}.
    function revealCohort(uint256 cohortId, uint256 requestId, uint40 requestedAt, uint256 word) internal {
        ISeedModule.Cohort storage c = layout().cohorts[cohortId];
        // A fulfilled request is forgotten; a replaced (re-requested) one lands here. The request's
        // time tells it from its replacement even if another coordinator reused its id (a
        // replacement comes at least the re-request timeout later).
        if (c.randomness != requestId || c.requestedAt != requestedAt || c.revealed) {
            emit ISeedModule.RandomnessIgnored(requestId, ISeedModule.IgnoreReason.StaleRequest);
            return;
        }
        uint256 birthEpoch = EvolutionSlot.layout().epoch;
        c.revealed = true;
        c.birthEpoch = uint32(birthEpoch);
        c.randomness = word;
        uint256 first = c.firstTokenId;
        uint256 last = first + c.quantity - 1;
        emit ISeedModule.CohortRevealed(cohortId, first, c.quantity, birthEpoch);
        emit ILivingAsset.BatchMetadataUpdate(first, last);
        // ERC-7496: the cohort's "revealed" trait became true; its stage left Egg, its genome
        // appeared and its temperament now follows each token's disposition, read from its seed
        // (values per token: read them with getTraitValue).
        emit IERC7496.TraitUpdatedRangeUniformValue(Traits.REVEALED, first, last, bytes32(uint256(1)));
        emit IERC7496.TraitUpdatedRange(Traits.STAGE, first, last);
        emit IERC7496.TraitUpdatedRange(Traits.GENOME, first, last);
        emit IERC7496.TraitUpdatedRange(Traits.TEMPERAMENT, first, last);
    }

    /// @notice See {ISeedModule-setVrfConfig}: the request parameters; the coordinator stays.
    /// Emits {VrfConfigUpdated}.
    function setVrfConfig(ISeedModule.VrfConfig calldata config) external {
        SeedStorage.SeedLayout storage $ = layout();
        if (config.coordinator != address($.coordinator)) {
            revert ISeedModule.SeedCoordinatorChangeNotAllowed(address($.coordinator), config.coordinator);
        }
        _setVrfConfig($, config);
    }

    /// @notice See {ISeedModule-setRevealConfig}. Emits {RevealConfigUpdated}.
    function setRevealConfig(uint32 minRevealDelay, bool instantReveal) external {
        _setRevealConfig(layout(), minRevealDelay, instantReveal);
    }

    /// @notice See {ISeedModule-setCoordinator}. From the current coordinator (Chainlink's
    /// subscription migration): at once, and any change the admin had scheduled is dropped, but only
    /// when the subscription migrating is the collection's own (see {_ownSubscriptionMigrated});
    /// another subscription's migration (anyone may list the collection as a consumer of theirs) is
    /// ignored with {CoordinatorMigrationIgnored}, as is a call from any other contract that does not
    /// hold the default admin role (a former coordinator's migration loop): neither reverts, so a
    /// coordinator's migration of other consumers never fails because of this collection. From the
    /// default admin: the first call schedules the coordinator for after the admin delay (at least
    /// {MIN_LIVE_ADMIN_DELAY} outside development chains; a new schedule replaces an old one), the
    /// same call once that time has come applies it, and a call naming the current coordinator
    /// cancels the schedule. Any other account is refused. Requests already sent stay fulfillable by
    /// the coordinator they were sent to. Emits {CoordinatorChangeScheduled} (effective time 0:
    /// cancelled), {CoordinatorMigrationIgnored}, or Chainlink's {CoordinatorSet} when applied.
    function setCoordinator(address vrfCoordinator) external {
        SeedStorage.SeedLayout storage $ = layout();
        address current = address($.coordinator);
        if (msg.sender == current) {
            if (!_ownSubscriptionMigrated($, current, vrfCoordinator)) {
                emit ISeedModule.CoordinatorMigrationIgnored(msg.sender, vrfCoordinator);
                return;
            }
            // The collection's own subscription migrated: it supersedes whatever the admin had scheduled.
            _dropSchedule($);
        } else {
            if (!IAccessControl(address(this)).hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
                if (msg.sender.code.length == 0) {
                    revert IAccessControl.AccessControlUnauthorizedAccount(msg.sender, DEFAULT_ADMIN_ROLE);
                }
                emit ISeedModule.CoordinatorMigrationIgnored(msg.sender, vrfCoordinator);
                return;
            }
            if (vrfCoordinator.code.length == 0) revert ISeedModule.SeedCoordinatorNotContract(vrfCoordinator);
            if (vrfCoordinator != $.pendingCoordinator) {
                if (vrfCoordinator == current) {
                    _dropSchedule($);
                    return;
                }
                _schedule($, vrfCoordinator);
                return;
            }
            // The scheduled change, applied once its time has come.
            uint256 effectiveAt = $.coordinatorEffectiveAt;
            if (block.timestamp < effectiveAt) {
                revert ISeedModule.SeedCoordinatorChangeNotReady(vrfCoordinator, effectiveAt);
            }
            delete $.pendingCoordinator;
            delete $.coordinatorEffectiveAt;
        }
        $.coordinator = IVRFCoordinatorV2Plus(vrfCoordinator);
        emit IVRFMigratableConsumerV2Plus.CoordinatorSet(vrfCoordinator);
    }

    /// @dev Schedules `vrfCoordinator` for after the collection's admin delay (a self-call to its
    /// public getter: a rare path), never less than {MIN_LIVE_ADMIN_DELAY} outside development chains,
    /// so that lowering the admin delay later does not shorten the notice holders get.
    /// Emits {CoordinatorChangeScheduled}.
    function _schedule(SeedStorage.SeedLayout storage $, address vrfCoordinator) private {
        uint256 delay = IAccessControlDefaultAdminRules(address(this)).defaultAdminDelay();
        if (delay < MIN_LIVE_ADMIN_DELAY && !isDevelopmentChain()) delay = MIN_LIVE_ADMIN_DELAY;
        uint48 effectiveAt = SafeCast.toUint48(block.timestamp + delay);
        $.pendingCoordinator = vrfCoordinator;
        $.coordinatorEffectiveAt = effectiveAt;
        emit ISeedModule.CoordinatorChangeScheduled(vrfCoordinator, effectiveAt);
    }

    /// @dev Whether the subscription migrating from `current` to `target` is the collection's own.
    /// Chainlink's `migrate(subId, target)` deletes the subscription from the old coordinator, then
    /// creates it on the target (same id, same consumers), then calls `setCoordinator(target)` on
    /// each consumer. So the collection's subscription must be gone from `current` (its
    /// `getSubscription` reverts with `InvalidSubscription()`) and present on `target` with this
    /// collection among its consumers (at most 100: Chainlink's cap). Anything else, a stranger's
    /// subscription that lists this collection included, is not a migration of ours.
    function _ownSubscriptionMigrated(
        SeedStorage.SeedLayout storage $,
        address current,
        address target
    ) private view returns (bool) {
        uint256 subscriptionId = $.subscriptionId;
        try IVRFCoordinatorV2Plus(current).getSubscription(subscriptionId) {
            return false; // still on the current coordinator: another subscription is migrating
        } catch (bytes memory reason) {
            if (reason.length != 4 || bytes4(reason) != INVALID_SUBSCRIPTION) return false;
        }
        if (target.code.length == 0) return false;
        try IVRFCoordinatorV2Plus(target).getSubscription(subscriptionId) returns (
            uint96,
            uint96,
            uint64,
            address,
            address[] memory consumers
        ) {
            for (uint256 i = 0; i < consumers.length; ++i) {
                if (consumers[i] == address(this)) return true;
            }
        } catch {}
        return false;
    }

    /// @notice Whether this chain is a development chain (Hardhat's 31337, Ganache's 1337), where a
    /// zero admin delay is allowed.
    function isDevelopmentChain() internal view returns (bool) {
        return block.chainid == 31337 || block.chainid == 1337;
    }

    /// @dev Forgets a scheduled coordinator change. Emits {CoordinatorChangeScheduled} with the
    /// current coordinator and effective time 0 when one was pending.
    function _dropSchedule(SeedStorage.SeedLayout storage $) private {
        if ($.pendingCoordinator == address(0)) return;
        delete $.pendingCoordinator;
        delete $.coordinatorEffectiveAt;
        emit ISeedModule.CoordinatorChangeScheduled(address($.coordinator), 0);
    }

    /// @notice See {ISeedModule-vrfConfig}.
    function vrfConfig() external view returns (ISeedModule.VrfConfig memory) {
        SeedStorage.SeedLayout storage $ = layout();
        return
            ISeedModule.VrfConfig({
                coordinator: address($.coordinator),
                keyHash: $.keyHash,
                subscriptionId: $.subscriptionId,
                requestConfirmations: $.requestConfirmations,
                callbackGasLimit: $.callbackGasLimit,
                nativePayment: $.nativePayment,
                rerequestTimeout: $.rerequestTimeout
            });
    }

    /// @notice See {ISeedModule-cohortState}.
    function cohortState() external view returns (ISeedModule.CohortState memory) {
        SeedStorage.SeedLayout storage $ = layout();
        return
            ISeedModule.CohortState({
                minRevealDelay: $.minRevealDelay,
                instantReveal: SaleLogic.layout().instantReveal,
                openFirstTokenId: $.openFirstTokenId,
                nextTokenId: uint64(ERC721AFields.nextTokenId()),
                openedAt: $.openedAt,
                cohortCount: $.cohortCount,
                pendingCoordinator: $.pendingCoordinator,
                coordinatorEffectiveAt: $.coordinatorEffectiveAt
            });
    }

    /// @notice See {ISeedModule-seedOf}. `tokenId` must be minted.
    function seedOf(uint256 tokenId) external view returns (uint256) {
        (bool revealed, uint256 seed, ) = seedAndBirth(tokenId);
        if (!revealed) revert ISeedModule.SeedNotRevealed(tokenId);
        return seed;
    }

    /// @notice See {ISeedModule-isRevealed}. `tokenId` must be minted.
    function isRevealed(uint256 tokenId) external view returns (bool revealed) {
        (revealed, , ) = seedAndBirth(tokenId);
    }

    /// @notice See {ISeedModule-cohortIdOf}. `tokenId` must be minted.
    function cohortIdOf(uint256 tokenId) external view returns (uint256) {
        SeedStorage.SeedLayout storage $ = layout();
        if (tokenId >= $.openFirstTokenId) revert ISeedModule.SeedTokenNotInCohort(tokenId);
        return _cohortContaining($, tokenId);
    }

    /// @notice Birth epoch of a minted token: its cohort's hatching epoch, or the current epoch while
    /// it is an egg (not born yet: age 0).
    function birthEpochOf(uint256 tokenId) external view returns (uint256 birthEpoch) {
        (, , birthEpoch) = seedAndBirth(tokenId);
    }

    /// @notice See {ISeedModule-cohort}.
    function cohort(uint256 cohortId) external view returns (ISeedModule.Cohort memory) {
        SeedStorage.SeedLayout storage $ = layout();
        if (cohortId >= $.cohortCount) revert ISeedModule.SeedUnknownCohort(cohortId);
        return $.cohorts[cohortId];
    }

    /// @dev Last cohort whose first token is <= tokenId (cohorts are closed in token order):
    /// O(log cohorts). `tokenId` must be below the open cohort's first token.
    function _cohortContaining(SeedStorage.SeedLayout storage $, uint256 tokenId) private view returns (uint256) {
        uint256 lo = 0;
        uint256 hi = $.cohortCount - 1;
        while (lo < hi) {
            uint256 mid = (lo + hi + 1) >> 1;
            if ($.cohorts[mid].firstTokenId <= tokenId) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /// @notice Seed (if revealed) and birth epoch of a minted token: one binary search plus one
    /// read. An egg (open cohort, or cohort not yet fulfilled) is not born yet: its birth epoch is
    /// the current one.
    function seedAndBirth(uint256 tokenId) internal view returns (bool revealed, uint256 seed, uint256 birthEpoch) {
        SeedStorage.SeedLayout storage $ = layout();
        if (tokenId < $.openFirstTokenId) {
            ISeedModule.Cohort storage c = $.cohorts[_cohortContaining($, tokenId)];
            revealed = c.revealed;
            if (revealed) return (true, uint256(keccak256(abi.encode(c.randomness, tokenId))), c.birthEpoch);
        }
        birthEpoch = EvolutionSlot.layout().epoch;
    }

    function _setVrfConfig(SeedStorage.SeedLayout storage $, ISeedModule.VrfConfig calldata config) private {
        if (config.keyHash == bytes32(0)) revert ISeedModule.SeedZeroKeyHash();
        if (config.requestConfirmations > MAX_CONFIRMATIONS) {
            revert ISeedModule.SeedInvalidConfirmations(config.requestConfirmations, MAX_CONFIRMATIONS);
        }
        if (config.callbackGasLimit < MIN_CALLBACK_GAS_LIMIT || config.callbackGasLimit > MAX_CALLBACK_GAS_LIMIT) {
            revert ISeedModule.SeedInvalidCallbackGasLimit(
                config.callbackGasLimit,
                MIN_CALLBACK_GAS_LIMIT,
                MAX_CALLBACK_GAS_LIMIT
            );
        }
        if (config.rerequestTimeout < MIN_TIMEOUT || config.rerequestTimeout > MAX_TIMEOUT) {
            revert ISeedModule.SeedInvalidTimeout(config.rerequestTimeout);
        }
        $.keyHash = config.keyHash;
        $.subscriptionId = config.subscriptionId;
        $.requestConfirmations = config.requestConfirmations;
        $.callbackGasLimit = config.callbackGasLimit;
        $.nativePayment = config.nativePayment;
        $.rerequestTimeout = config.rerequestTimeout;
        emit ISeedModule.VrfConfigUpdated(
            config.coordinator,
            config.keyHash,
            config.subscriptionId,
            config.requestConfirmations,
            config.callbackGasLimit,
            config.nativePayment,
            config.rerequestTimeout
        );
    }

    function _setRevealConfig(SeedStorage.SeedLayout storage $, uint32 minRevealDelay, bool instantReveal) private {
        if (minRevealDelay < MIN_REVEAL_DELAY || minRevealDelay > MAX_REVEAL_DELAY) {
            revert ISeedModule.SeedInvalidRevealDelay(minRevealDelay, MIN_REVEAL_DELAY, MAX_REVEAL_DELAY);
        }
        $.minRevealDelay = minRevealDelay;
        // The mint reads the flag from the sale slot it reads anyway: the sale module's to write.
        SaleLogic.setInstantReveal(instantReveal);
        emit ISeedModule.RevealConfigUpdated(minRevealDelay, instantReveal);
    }

    function _buildRequest(
        SeedStorage.SeedLayout storage $
    ) private view returns (VRFV2PlusClient.RandomWordsRequest memory) {
        return
            VRFV2PlusClient.RandomWordsRequest({
                keyHash: $.keyHash,
                subId: $.subscriptionId,
                requestConfirmations: $.requestConfirmations,
                callbackGasLimit: $.callbackGasLimit,
                numWords: 1,
                extraArgs: VRFV2PlusClient._argsToBytes(VRFV2PlusClient.ExtraArgsV1({nativePayment: $.nativePayment}))
            });
    }

    /// @dev What a request is for: kind (8 bits) | the request's time (40) | target (208: a cohort
    /// id or a token id). The time tells a replaced request from its replacement.
    function _purpose(ISeedModule.RequestKind kind, uint256 target) private view returns (uint256) {
        return (uint256(kind) << 248) | (block.timestamp << 208) | target;
    }
}
