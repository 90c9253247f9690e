// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISeedModule
/// @notice Generative seeds from Chainlink VRF v2.5: one request per mint batch, revealed on
/// fulfilment. A token's seed is `keccak256(abi.encode(word, tokenId))`, derived when read.
interface ISeedModule {
    /// @notice What a VRF request was made for.
    enum RequestKind {
        None,
        Batch,
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
        address coordinator;
        bytes32 keyHash;
        uint256 subscriptionId;
        uint16 requestConfirmations;
        uint32 callbackGasLimit;
        bool nativePayment; // pay in native currency instead of LINK
        uint32 rerequestTimeout; // seconds before a stuck request may be replaced
    }

    /// @notice One mint call. Packed in one slot, plus the randomness slot.
    struct Batch {
        uint64 firstTokenId;
        uint32 quantity;
        uint32 birthEpoch; // epoch count at mint
        uint40 requestedAt; // timestamp of the live request (or of the failed attempt)
        bool revealed;
        // Request id while pending (0 if the request could not be made); random word once revealed.
        uint256 randomness;
    }

    /// @notice Only the configured coordinator may fulfil.
    error SeedOnlyCoordinator(address caller, address coordinator);
    /// @notice The token's batch has not been fulfilled yet.
    error SeedNotRevealed(uint256 tokenId);
    /// @notice No such batch.
    error SeedUnknownBatch(uint256 batchId);
    /// @notice The batch is already revealed.
    error SeedBatchRevealed(uint256 batchId);
    /// @notice A re-request before the timeout.
    error SeedRerequestTooEarly(uint256 batchId, uint256 availableAt);
    /// @notice The coordinator is not a contract.
    error SeedCoordinatorNotContract(address coordinator);
    /// @notice The key hash is zero.
    error SeedZeroKeyHash();
    /// @notice Confirmations above VRF v2.5's maximum of 200.
    error SeedInvalidConfirmations(uint16 confirmations, uint16 max);
    /// @notice Callback gas limit outside [minimum, 2,500,000].
    error SeedInvalidCallbackGasLimit(uint32 callbackGasLimit, uint32 min, uint32 max);
    /// @notice Re-request timeout outside [1 hour, 30 days].
    error SeedInvalidTimeout(uint32 timeout);

    /// @notice A VRF request was made.
    event RandomnessRequested(uint256 indexed requestId, RequestKind kind, uint256 indexed target);
    /// @notice The coordinator refused a mint's request; the batch can be re-requested.
    event RandomnessRequestFailed(RequestKind kind, uint256 indexed target, bytes reason);
    /// @notice A fulfilment was ignored, and why.
    event RandomnessIgnored(uint256 indexed requestId, IgnoreReason reason);
    /// @notice A batch got its random word: its tokens now have seeds.
    event BatchRevealed(uint256 indexed batchId, uint256 firstTokenId, uint256 quantity);
    /// @notice A stuck batch request was replaced; the old request will be ignored.
    event BatchRerequested(uint256 indexed batchId, uint256 oldRequestId, uint256 newRequestId);
    /// @notice The VRF configuration changed.
    event VrfConfigUpdated(
        address coordinator,
        bytes32 keyHash,
        uint256 subscriptionId,
        uint16 requestConfirmations,
        uint32 callbackGasLimit,
        bool nativePayment,
        uint32 rerequestTimeout
    );

    /// @notice Replace the whole VRF configuration (config role), validated against VRF v2.5 limits.
    function setVrfConfig(VrfConfig calldata config) external;

    /// @notice The VRF configuration.
    function vrfConfig() external view returns (VrfConfig memory);

    /// @notice Called by the VRF coordinator. Never reverts for the coordinator.
    function rawFulfillRandomWords(uint256 requestId, uint256[] calldata randomWords) external;

    /// @notice Replace a stuck batch request (config role, after the timeout), or retry a batch whose
    /// request the coordinator refused (anyone, at once).
    function rerequestBatch(uint256 batchId) external;

    /// @notice A token's seed; reverts with `SeedNotRevealed` before fulfilment.
    function seedOf(uint256 tokenId) external view returns (uint256);

    /// @notice Whether a token's batch has been fulfilled.
    function isRevealed(uint256 tokenId) external view returns (bool);

    /// @notice The batch a token was minted in, found by binary search (O(log batches)).
    function batchIdOf(uint256 tokenId) external view returns (uint256);

    /// @notice A batch record.
    function batch(uint256 batchId) external view returns (Batch memory);

    /// @notice Number of batches minted.
    function batchCount() external view returns (uint256);
}
