// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SeedStorage, SeedSlot} from "../storage/SeedStorage.sol";

import {IVRFCoordinatorV2Plus} from "@chainlink/contracts/src/v0.8/vrf/dev/interfaces/IVRFCoordinatorV2Plus.sol";
import {VRFV2PlusClient} from "@chainlink/contracts/src/v0.8/vrf/dev/libraries/VRFV2PlusClient.sol";

import {ISeedModule} from "../interfaces/ISeedModule.sol";
import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {IInteractionModule} from "../interfaces/IInteractionModule.sol";
import {InteractionStorage, InteractionSlot} from "../storage/InteractionStorage.sol";
import {PhenotypeLib} from "./PhenotypeLib.sol";
import {Traits} from "./Traits.sol";

/// @title SeedLogic
/// @notice The seed module's storage and logic, as an external library run by DELEGATECALL in the
/// collection's context (its events come from the collection). Keeps the collection under EIP-170.
library SeedLogic {
    /// @dev VRF v2.5 limits.
    uint16 internal constant MAX_CONFIRMATIONS = 200;
    uint32 internal constant MAX_CALLBACK_GAS_LIMIT = 2_500_000;
    /// @dev At least twice the heaviest callback measured in the tests (inside Chainlink's real
    /// coordinator's exact-gas call, ERC-7496 events included: 36,278 for a batch reveal, 37,921 for
    /// a metamorphosis), rounded up, so a fulfilment cannot run out of gas and publish a word we
    /// would then have to discard.
    uint32 internal constant MIN_CALLBACK_GAS_LIMIT = 100_000;
    uint32 internal constant MIN_TIMEOUT = 1 hours;
    uint32 internal constant MAX_TIMEOUT = 30 days;

    function layout() internal pure returns (SeedStorage.SeedLayout storage $) {
        return SeedSlot.layout();
    }

    /// @notice Records a batch and requests its word. A refused request does not fail the mint:
    /// the batch keeps request id 0 and the config role can re-request it at once.
    /// Emits {RandomnessRequested} or {RandomnessRequestFailed}.
    function recordBatch(
        uint256 firstTokenId,
        uint256 quantity,
        uint256 birthEpoch
    ) external returns (uint256 batchId) {
        SeedStorage.SeedLayout storage $ = layout();
        batchId = $.batchCount++;
        ISeedModule.Batch storage b = $.batches[batchId];
        b.firstTokenId = uint64(firstTokenId);
        b.quantity = uint32(quantity);
        b.birthEpoch = uint32(birthEpoch);
        b.requestedAt = uint40(block.timestamp);
        try $.coordinator.requestRandomWords(_buildRequest($)) returns (uint256 requestId) {
            b.randomness = requestId;
            $.requests[requestId] = _purpose(ISeedModule.RequestKind.Batch, batchId);
            emit ISeedModule.RandomnessRequested(requestId, ISeedModule.RequestKind.Batch, batchId);
        } catch (bytes memory reason) {
            emit ISeedModule.RandomnessRequestFailed(ISeedModule.RequestKind.Batch, batchId, reason);
        }
    }

    /// @notice Requests one word for `kind`/`target`; reverts if the coordinator refuses.
    /// Emits {RandomnessRequested}.
    function requestRandomWord(ISeedModule.RequestKind kind, uint256 target) public returns (uint256 requestId) {
        SeedStorage.SeedLayout storage $ = layout();
        requestId = $.coordinator.requestRandomWords(_buildRequest($));
        $.requests[requestId] = _purpose(kind, target);
        emit ISeedModule.RandomnessRequested(requestId, kind, target);
    }

    /// @notice See {ISeedModule-rerequestBatch}. Emits {BatchRerequested}.
    function rerequestBatch(uint256 batchId) external {
        SeedStorage.SeedLayout storage $ = layout();
        if (batchId >= $.batchCount) revert ISeedModule.SeedUnknownBatch(batchId);
        ISeedModule.Batch storage b = $.batches[batchId];
        if (b.revealed) revert ISeedModule.SeedBatchRevealed(batchId);
        uint256 oldRequestId = b.randomness;
        // A batch whose request was refused (id 0) had no word anyone could see: no wait needed.
        // The old request stays known, so its late word is reported as {IgnoreReason-StaleRequest}.
        if (oldRequestId != 0) {
            uint256 availableAt = uint256(b.requestedAt) + $.rerequestTimeout;
            if (block.timestamp < availableAt) revert ISeedModule.SeedRerequestTooEarly(batchId, availableAt);
        }
        uint256 newRequestId = requestRandomWord(ISeedModule.RequestKind.Batch, batchId);
        b.randomness = newRequestId;
        b.requestedAt = uint40(block.timestamp);
        emit ISeedModule.BatchRerequested(batchId, oldRequestId, newRequestId);
    }

    /// @notice See {ISeedModule-rawFulfillRandomWords}: only the coordinator; for it, never reverts
    /// and does constant work. Unknown (or already fulfilled) ids and empty word arrays are ignored
    /// with {RandomnessIgnored}; extra words beyond the one asked for are ignored.
    function fulfill(uint256 requestId, uint256[] calldata randomWords) external {
        SeedStorage.SeedLayout storage $ = layout();
        address coordinator = address($.coordinator);
        if (msg.sender != coordinator) revert ISeedModule.SeedOnlyCoordinator(msg.sender, coordinator);

        uint256 purpose = $.requests[requestId];
        if (purpose == 0) {
            emit ISeedModule.RandomnessIgnored(requestId, ISeedModule.IgnoreReason.UnknownRequest);
            return;
        }
        if (randomWords.length == 0) {
            // Keep the request: its purpose stays pending and re-requestable after the timeout.
            emit ISeedModule.RandomnessIgnored(requestId, ISeedModule.IgnoreReason.NoWords);
            return;
        }
        delete $.requests[requestId];
        uint256 target = purpose & type(uint248).max;
        if (ISeedModule.RequestKind(uint8(purpose >> 248)) == ISeedModule.RequestKind.Batch) {
            _revealBatch(target, requestId, randomWords[0]);
        } else {
            _applyMetamorphosis(target, requestId, randomWords[0]);
        }
    }

    /// @dev Reveals a batch, or ignores a replaced request. Constant work; never reverts.
    /// Emits {BatchRevealed}, ERC-4906 {BatchMetadataUpdate} and ERC-7496 events for the traits
    /// that change (revealed, stage, genome), or {RandomnessIgnored}.
    function _revealBatch(uint256 batchId, uint256 requestId, uint256 word) private {
        ISeedModule.Batch storage b = layout().batches[batchId];
        // A fulfilled request is forgotten; a replaced (re-requested) one lands here.
        if (b.randomness != requestId) {
            emit ISeedModule.RandomnessIgnored(requestId, ISeedModule.IgnoreReason.StaleRequest);
            return;
        }
        b.revealed = true;
        b.randomness = word;
        uint256 first = b.firstTokenId;
        uint256 quantity = b.quantity;
        emit ISeedModule.BatchRevealed(batchId, first, quantity);
        emit ILivingAsset.BatchMetadataUpdate(first, first + quantity - 1);
        // ERC-7496: the batch's "revealed" trait became true; its stage left Egg and its genome
        // appeared (values per token: read them with getTraitValue).
        emit IERC7496.TraitUpdatedRangeUniformValue(Traits.REVEALED, first, first + quantity - 1, bytes32(uint256(1)));
        emit IERC7496.TraitUpdatedRange(Traits.STAGE, first, first + quantity - 1);
        emit IERC7496.TraitUpdatedRange(Traits.GENOME, first, first + quantity - 1);
    }

    /// @dev The metamorphosis word arrived: mutate the genome and advance the stage. Constant
    /// work; never reverts. A request replaced by a re-request is ignored. The token may have
    /// changed hands meanwhile: the outcome was fixed by the request and applies all the same.
    /// Emits {Metamorphosed}, ERC-7496 {TraitUpdated} (generation, stage, metamorphosis pending) and
    /// {TraitUpdatedRange} (genome: its value needs the seed, read it with getTraitValue), and
    /// {MetadataUpdate}, or {RandomnessIgnored} for a stale request.
    function _applyMetamorphosis(uint256 tokenId, uint256 requestId, uint256 word) private {
        InteractionStorage.InteractionLayout storage $ = InteractionSlot.layout();
        IInteractionModule.Checkpoint storage cp = $.checkpoints[tokenId];
        if (!cp.pending || $.metamorphosisRequests[tokenId] != requestId) {
            emit ISeedModule.RandomnessIgnored(requestId, ISeedModule.IgnoreReason.StaleRequest);
            return;
        }
        uint8 generation = cp.metamorphoses + 1;
        uint64 mutation = uint64(uint256(keccak256(abi.encode(cp.mutation, word))));
        cp.metamorphoses = generation;
        cp.pending = false;
        cp.mutation = mutation;
        delete $.metamorphosisRequests[tokenId];

        emit IInteractionModule.Metamorphosed(tokenId, generation, requestId, mutation);
        emit IERC7496.TraitUpdated(Traits.GENERATION, tokenId, bytes32(uint256(generation)));
        emit IERC7496.TraitUpdated(Traits.STAGE, tokenId, bytes32(uint256(PhenotypeLib.stage(0, generation))));
        emit IERC7496.TraitUpdated(Traits.METAMORPHOSIS_PENDING, tokenId, bytes32(0));
        emit IERC7496.TraitUpdatedRange(Traits.GENOME, tokenId, tokenId);
        emit ILivingAsset.MetadataUpdate(tokenId);
    }

    /// @notice See {ISeedModule-setVrfConfig}. Emits {VrfConfigUpdated}.
    function setVrfConfig(ISeedModule.VrfConfig calldata config) external {
        if (config.coordinator.code.length == 0) revert ISeedModule.SeedCoordinatorNotContract(config.coordinator);
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
        SeedStorage.SeedLayout storage $ = layout();
        $.coordinator = IVRFCoordinatorV2Plus(config.coordinator);
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

    /// @notice See {ISeedModule-batchIdOf}. `tokenId` must be minted.
    function batchIdOfToken(uint256 tokenId) external view returns (uint256) {
        return batchIdOf(layout(), tokenId);
    }

    /// @notice Birth epoch of a minted token.
    function birthEpochOf(uint256 tokenId) external view returns (uint256 birthEpoch) {
        (, , birthEpoch) = seedAndBirth(tokenId);
    }

    /// @notice See {ISeedModule-batch}.
    function batch(uint256 batchId) external view returns (ISeedModule.Batch memory) {
        SeedStorage.SeedLayout storage $ = layout();
        if (batchId >= $.batchCount) revert ISeedModule.SeedUnknownBatch(batchId);
        return $.batches[batchId];
    }

    /// @notice Largest batch whose first token is <= tokenId (batches are appended in token
    /// order): O(log batches). `tokenId` must be minted.
    function batchIdOf(SeedStorage.SeedLayout storage $, uint256 tokenId) internal view returns (uint256) {
        uint256 lo = 0;
        uint256 hi = $.batchCount - 1;
        while (lo < hi) {
            uint256 mid = (lo + hi + 1) >> 1;
            if ($.batches[mid].firstTokenId <= tokenId) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /// @notice Seed (if revealed) and birth epoch of a minted token: one binary search plus one
    /// read. `tokenId` must be minted.
    function seedAndBirth(uint256 tokenId) internal view returns (bool revealed, uint256 seed, uint256 birthEpoch) {
        SeedStorage.SeedLayout storage $ = layout();
        ISeedModule.Batch storage b = $.batches[batchIdOf($, tokenId)];
        birthEpoch = b.birthEpoch;
        revealed = b.revealed;
        if (revealed) seed = uint256(keccak256(abi.encode(b.randomness, tokenId)));
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

    function _purpose(ISeedModule.RequestKind kind, uint256 target) private pure returns (uint256) {
        return (uint256(kind) << 248) | target;
    }
}
