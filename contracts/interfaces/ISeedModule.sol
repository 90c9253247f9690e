// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IVRFMigratableConsumerV2Plus} from "@chainlink/contracts/src/v0.8/vrf/dev/interfaces/IVRFMigratableConsumerV2Plus.sol";

/// @title ISeedModule
/// @notice Generative seeds from Chainlink VRF v2.5, revealed by cohort. Mints make no request:
/// the tokens minted since the last request form the open *reveal cohort* (a contiguous id range);
/// one request closes it, and its word reveals all of it. A token's seed is
/// `keccak256(abi.encode(word, tokenId))`, derived when read.
///
/// Trust model: only the coordinator a request was sent to may fulfil it; the coordinator changes
/// only through Chainlink's migration of the collection's own subscription (`setCoordinator` from
/// the current coordinator, once the subscription has left it for the new one) or
/// through the default admin, after the admin delay, announced by {CoordinatorChangeScheduled}.
interface ISeedModule is IVRFMigratableConsumerV2Plus {
    /// @notice What a VRF request was made for.
    enum RequestKind {
        None,
        Cohort,
        Metamorphosis
    }

    /// @notice Why a fulfilment was ignored (fulfilment never reverts for the coordinator).
    enum IgnoreReason {
        UnknownRequest, // never made, or already fulfilled
        StaleRequest, // replaced by a re-request
        NoWords
    }

    /// @notice Chainlink VRF v2.5 parameters, all in the module's ERC-7201 namespace.
    struct VrfConfig {
        address coordinator; // set at initialisation; changed only by {setCoordinator}
        bytes32 keyHash;
        uint256 subscriptionId;
        uint16 requestConfirmations;
        uint32 callbackGasLimit;
        bool nativePayment; // pay in native currency instead of LINK
        uint32 rerequestTimeout; // seconds before a stuck request may be replaced
    }

    /// @notice The reveal trigger, the open cohort, the closed cohorts' count and any scheduled
    /// coordinator change.
    struct CohortState {
        uint32 minRevealDelay; // seconds a cohort stays open before anyone may `reveal` it
        bool instantReveal; // each mint requests its own word
        uint64 openFirstTokenId; // the open cohort's first token id (it holds the tokens from here on)
        uint64 nextTokenId; // the next token to be minted: the open cohort holds nextTokenId - openFirstTokenId
        uint40 openedAt; // when the open cohort opened (the previous cohort closed)
        uint64 cohortCount; // closed cohorts
        address pendingCoordinator; // a coordinator change the default admin scheduled (zero if none)
        uint48 coordinatorEffectiveAt; // when it may be applied
    }

    /// @notice A closed reveal cohort: tokens `firstTokenId` .. `firstTokenId + quantity - 1`.
    /// Packed in one slot, plus the randomness slot.
    struct Cohort {
        uint64 firstTokenId;
        uint64 quantity;
        uint32 birthEpoch; // the collection's epoch when the word arrived (the cohort hatched); 0 before
        uint40 requestedAt; // timestamp of the live request (or of the refused attempt)
        bool revealed;
        // Request id while pending (0 if the coordinator refused the request); the word once revealed.
        uint256 randomness;
    }

    /// @notice The caller is not the coordinator the request was sent to (nor the current one).
    error SeedOnlyCoordinator(address caller, address coordinator);
    /// @notice The token's cohort has not been fulfilled yet.
    error SeedNotRevealed(uint256 tokenId);
    /// @notice No such cohort.
    error SeedUnknownCohort(uint256 cohortId);
    /// @notice The token is in the open cohort: no request has been made for it yet.
    error SeedTokenNotInCohort(uint256 tokenId);
    /// @notice The cohort is already revealed.
    error SeedCohortRevealed(uint256 cohortId);
    /// @notice A re-request before the timeout.
    error SeedRerequestTooEarly(uint256 cohortId, uint256 availableAt);
    /// @notice `reveal` with no token minted since the last request.
    error SeedNothingToReveal(uint256 nextTokenId);
    /// @notice `reveal` before the minimum delay since the open cohort opened.
    error SeedRevealTooEarly(uint256 availableAt);
    /// @notice The coordinator is not a contract.
    error SeedCoordinatorNotContract(address coordinator);
    /// @notice `setVrfConfig` cannot change the coordinator: that takes {setCoordinator}.
    error SeedCoordinatorChangeNotAllowed(address coordinator, address requested);
    /// @notice The scheduled coordinator change's time has not come.
    error SeedCoordinatorChangeNotReady(address pending, uint256 effectiveAt);
    /// @notice The key hash is zero.
    error SeedZeroKeyHash();
    /// @notice Confirmations above VRF v2.5's maximum of 200.
    error SeedInvalidConfirmations(uint16 confirmations, uint16 max);
    /// @notice Callback gas limit outside [minimum, 2,500,000].
    error SeedInvalidCallbackGasLimit(uint32 callbackGasLimit, uint32 min, uint32 max);
    /// @notice Re-request timeout outside [1 hour, 30 days].
    error SeedInvalidTimeout(uint32 timeout);
    /// @notice Minimum reveal delay outside [1 minute, 30 days].
    error SeedInvalidRevealDelay(uint32 delay, uint32 min, uint32 max);

    /// @notice A VRF request was made to `coordinator`, which alone may fulfil it.
    event RandomnessRequested(uint256 indexed requestId, RequestKind kind, uint256 indexed target, address coordinator);
    /// @notice The coordinator refused a cohort's request; anyone can re-request it at once.
    event RandomnessRequestFailed(RequestKind kind, uint256 indexed target, bytes reason);
    /// @notice A fulfilment was ignored, and why.
    event RandomnessIgnored(uint256 indexed requestId, IgnoreReason reason);
    /// @notice The open cohort was closed: its tokens wait for one word. Tokens minted from now on
    /// belong to the next cohort.
    event CohortClosed(uint256 indexed cohortId, uint256 firstTokenId, uint256 quantity);
    /// @notice A cohort got its word: its tokens now have seeds, and were born at `birthEpoch`.
    event CohortRevealed(uint256 indexed cohortId, uint256 firstTokenId, uint256 quantity, uint256 birthEpoch);
    /// @notice A stuck cohort request was replaced; the old request will be ignored.
    event CohortRerequested(uint256 indexed cohortId, uint256 oldRequestId, uint256 newRequestId);
    /// @notice The VRF request parameters changed (the coordinator changes only with {CoordinatorSet}).
    event VrfConfigUpdated(
        address coordinator,
        bytes32 keyHash,
        uint256 subscriptionId,
        uint16 requestConfirmations,
        uint32 callbackGasLimit,
        bool nativePayment,
        uint32 rerequestTimeout
    );
    /// @notice The reveal trigger changed: the minimum delay between cohorts, and whether each mint
    /// reveals itself (instant reveal: one request per mint call).
    event RevealConfigUpdated(uint32 minRevealDelay, bool instantReveal);
    /// @notice The default admin scheduled a coordinator change, effective from `effectiveAt`; with
    /// effective time 0 (and the current coordinator), a scheduled change was cancelled or dropped.
    event CoordinatorChangeScheduled(address indexed coordinator, uint256 effectiveAt);
    /// @notice A `setCoordinator(coordinator)` call from `caller`, a contract, was ignored: not a
    /// migration of the collection's own subscription (e.g. a stranger's subscription that lists the
    /// collection as a consumer), or not from the current coordinator.
    event CoordinatorMigrationIgnored(address indexed caller, address indexed coordinator);

    /// @notice Close the open cohort and request its word (anyone), once it holds a token and
    /// `minRevealDelay` has passed since it opened (when the previous cohort closed).
    /// Emits {CohortClosed} and {RandomnessRequested} (or {RandomnessRequestFailed}).
    function reveal() external returns (uint256 cohortId);

    /// @notice Replace the VRF request parameters (config role), validated against VRF v2.5 limits.
    /// The coordinator must stay the same.
    function setVrfConfig(VrfConfig calldata config) external;

    /// @notice Set the reveal trigger (config role).
    function setRevealConfig(uint32 minRevealDelay, bool instantReveal) external;

    /// @notice Chainlink's `IVRFMigratableConsumerV2Plus`: called by the current coordinator when
    /// the collection's own subscription migrates (it is gone from the current coordinator and on
    /// the new one, with this collection among its consumers), it takes effect at once (and drops
    /// any scheduled change); any other contract's call, another subscription's migration included,
    /// is ignored with {CoordinatorMigrationIgnored} and does not revert. Called by the default
    /// admin, it schedules the change for after the admin delay (at least one day outside development
    /// chains), the same call once that time has come applies it, and naming the current
    /// coordinator cancels the schedule.
    function setCoordinator(address vrfCoordinator) external;

    /// @notice The VRF configuration.
    function vrfConfig() external view returns (VrfConfig memory);

    /// @notice The reveal trigger, the open cohort, the number of closed cohorts and any scheduled
    /// coordinator change.
    function cohortState() external view returns (CohortState memory);

    /// @notice Called by a VRF coordinator. Never reverts for the coordinator a request was sent to.
    function rawFulfillRandomWords(uint256 requestId, uint256[] calldata randomWords) external;

    /// @notice Replace a stuck cohort request (config role, after the timeout), or retry a cohort
    /// whose request the coordinator refused (anyone, at once). Chainlink Automation does the same
    /// through `performUpkeep`, where the upkeep's forwarder needs `UPKEEP_ROLE` to replace a
    /// stuck request.
    function rerequestCohort(uint256 cohortId) external;

    /// @notice A token's seed; reverts with `SeedNotRevealed` before fulfilment.
    function seedOf(uint256 tokenId) external view returns (uint256);

    /// @notice Whether a token's cohort has been fulfilled.
    function isRevealed(uint256 tokenId) external view returns (bool);

    /// @notice The cohort a token belongs to, found by binary search (O(log cohorts)); reverts with
    /// `SeedTokenNotInCohort` for a token of the open cohort.
    function cohortIdOf(uint256 tokenId) external view returns (uint256);

    /// @notice A cohort record.
    function cohort(uint256 cohortId) external view returns (Cohort memory);
}
