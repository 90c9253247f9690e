// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {InteractionStorage, InteractionSlot} from "../storage/InteractionStorage.sol";

import {Phenotype} from "../interfaces/IRenderer.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {IInteractionModule} from "../interfaces/IInteractionModule.sol";
import {ISeedModule} from "../interfaces/ISeedModule.sol";
import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {PhenotypeLib} from "./PhenotypeLib.sol";
import {SeedLogic} from "./SeedLogic.sol";
import {Traits} from "./Traits.sol";
import {EvolutionStorage, EvolutionSlot} from "../storage/EvolutionStorage.sol";
import {EnvironmentLog} from "./EnvironmentLog.sol";

/// @title InteractionLogic
/// @notice The interaction module's storage and logic (metamorphosis, phenotype), as an external
/// library run by DELEGATECALL in the collection's context. Constant work everywhere. Writes only
/// the interaction layout; requests, seeds and cohorts are the seed module's, reached through
/// {SeedLogic}'s functions.
library InteractionLogic {
    function layout() internal pure returns (InteractionStorage.InteractionLayout storage $) {
        return InteractionSlot.layout();
    }

    /// @notice See {IInteractionModule-phenotypeOf}. `tokenId` must be minted.
    function phenotypeOf(uint256 tokenId) external view returns (Phenotype memory) {
        return phenotype(tokenId);
    }

    /// @notice The live phenotype at the collection's epoch: seed and birth (binary search), the
    /// checkpoint, the world's two log entries (one call), then pure maths. `tokenId` must be minted.
    function phenotype(uint256 tokenId) internal view returns (Phenotype memory) {
        (bool revealed, uint256 seed, uint256 birthEpoch) = SeedLogic.seedAndBirth(tokenId);
        EvolutionStorage.WorldLinkLayout storage evo = EvolutionSlot.layout();
        uint256 nowEpoch = evo.epoch;
        (bytes32 atBirth, bytes32 atNow) = evo.world.lifeOf(birthEpoch, nowEpoch);
        return
            PhenotypeLib.compute(
                PhenotypeLib.Params({
                    revealed: revealed,
                    seed: seed,
                    birthEpoch: uint32(birthEpoch),
                    currentEpoch: uint32(nowEpoch),
                    checkpoint: layout().checkpoints[tokenId],
                    atBirth: EnvironmentLog.unpack(atBirth),
                    atNow: EnvironmentLog.unpack(atNow),
                    moodThresholdBps: evo.moodThresholdBps
                })
            );
    }

    /// @notice See {IInteractionModule-metamorphose}; the caller's right to act is checked by the
    /// module. Emits {MetamorphosisRequested}, {RandomnessRequested}, ERC-7496 {TraitUpdated}
    /// (metamorphosis pending) and {MetadataUpdate}.
    function metamorphose(uint256 tokenId) external {
        Phenotype memory ph = phenotype(tokenId);
        if (!ph.revealed) revert IInteractionModule.InteractionNotRevealed(tokenId);
        if (ph.metamorphosisPending) revert IInteractionModule.InteractionMetamorphosisPending(tokenId);
        if (ph.generation >= PhenotypeLib.MAX_METAMORPHOSES) revert IInteractionModule.InteractionFullyGrown(tokenId);
        uint32 requiredAge = PhenotypeLib.metamorphosisAge(ph.generation);
        if (ph.age < requiredAge) revert IInteractionModule.InteractionTooYoung(tokenId, ph.age, requiredAge);
        if (ph.vitality < PhenotypeLib.METAMORPHOSIS_VITALITY) {
            revert IInteractionModule.InteractionTooWeak(tokenId, ph.vitality, PhenotypeLib.METAMORPHOSIS_VITALITY);
        }

        InteractionStorage.InteractionLayout storage $ = layout();
        IInteractionModule.Checkpoint storage cp = $.checkpoints[tokenId];
        // Pin vitality at its current value so the checkpoint is self-contained from here on.
        cp.initialized = true;
        cp.vitalityEpoch = ph.currentEpoch;
        cp.vitality = ph.vitality;
        cp.pending = true;
        cp.requestedAt = uint40(block.timestamp);

        uint256 requestId = SeedLogic.requestRandomWord(ISeedModule.RequestKind.Metamorphosis, tokenId);
        $.metamorphosisRequests[tokenId] = requestId;
        emit IInteractionModule.MetamorphosisRequested(tokenId, msg.sender, requestId);
        emit IERC7496.TraitUpdated(Traits.METAMORPHOSIS_PENDING, tokenId, bytes32(uint256(1)));
        emit ILivingAsset.MetadataUpdate(tokenId);
    }

    /// @notice See {ISeedModule-rawFulfillRandomWords}. Here rather than in {SeedLogic} because a
    /// word is for one of two modules: {SeedLogic-takeRequest} checks the caller and forgets the
    /// request (the seed module's state), then a cohort is revealed by {SeedLogic-revealCohort} and
    /// a metamorphosis applied here. Never reverts for a coordinator; constant work.
    function rawFulfillRandomWords(uint256 requestId, uint256[] calldata randomWords) external {
        (bool taken, ISeedModule.RequestKind kind, uint256 target, uint40 requestedAt) = SeedLogic.takeRequest(
            requestId,
            randomWords.length
        );
        if (!taken) return;
        if (kind == ISeedModule.RequestKind.Cohort) {
            SeedLogic.revealCohort(target, requestId, requestedAt, randomWords[0]);
        } else {
            _applyMetamorphosis(target, requestId, requestedAt, randomWords[0]);
        }
    }

    /// @notice See {IInteractionModule-rerequestMetamorphosis}. Emits {MetamorphosisRerequested}.
    function rerequestMetamorphosis(uint256 tokenId) external {
        InteractionStorage.InteractionLayout storage $ = layout();
        IInteractionModule.Checkpoint storage cp = $.checkpoints[tokenId];
        if (!cp.pending) revert IInteractionModule.InteractionNoMetamorphosisPending(tokenId);
        uint256 availableAt = uint256(cp.requestedAt) + SeedLogic.layout().rerequestTimeout;
        if (block.timestamp < availableAt) revert IInteractionModule.InteractionRerequestTooEarly(tokenId, availableAt);
        // The old request stays known, so its late word is reported as {IgnoreReason-StaleRequest}.
        uint256 oldRequestId = $.metamorphosisRequests[tokenId];
        uint256 newRequestId = SeedLogic.requestRandomWord(ISeedModule.RequestKind.Metamorphosis, tokenId);
        $.metamorphosisRequests[tokenId] = newRequestId;
        cp.requestedAt = uint40(block.timestamp);
        emit IInteractionModule.MetamorphosisRerequested(tokenId, oldRequestId, newRequestId);
    }

    /// @dev The metamorphosis word arrived: mutate the genome and advance the stage. Constant
    /// work; never reverts. A request replaced by a re-request is ignored. The token may have
    /// changed hands meanwhile: the outcome was fixed by the request and applies all the same.
    /// Emits {Metamorphosed}, ERC-7496 {TraitUpdated} (generation, stage, metamorphosis pending) and
    /// {TraitUpdatedRange} (genome: its value needs the seed, read it with getTraitValue), and
    /// {MetadataUpdate}, or {RandomnessIgnored} for a stale request.
    function _applyMetamorphosis(uint256 tokenId, uint256 requestId, uint40 requestedAt, uint256 word) private {
        InteractionStorage.InteractionLayout storage $ = layout();
        IInteractionModule.Checkpoint storage cp = $.checkpoints[tokenId];
        if (!cp.pending || $.metamorphosisRequests[tokenId] != requestId || cp.requestedAt != requestedAt) {
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
}
