// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EvolutionModule} from "../modules/EvolutionModule.sol";

import {InteractionModule} from "../modules/InteractionModule.sol";

import {Phenotype} from "../interfaces/IRenderer.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {IInteractionModule} from "../interfaces/IInteractionModule.sol";
import {ISeedModule} from "../interfaces/ISeedModule.sol";
import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {PhenotypeLib} from "./PhenotypeLib.sol";
import {SeedLogic} from "./SeedLogic.sol";
import {EvolutionLogic} from "./EvolutionLogic.sol";

/// @title InteractionLogic
/// @notice The interaction module's storage and logic (metamorphosis, phenotype), as an external
/// library run by DELEGATECALL in the collection's context. Constant work everywhere.
library InteractionLogic {
    /// @dev ERC-7496 trait keys: keccak256 of the trait names in the trait metadata.
    bytes32 internal constant TRAIT_STAGE = keccak256("stage");
    bytes32 internal constant TRAIT_GENERATION = keccak256("generation");
    bytes32 internal constant TRAIT_AGE = keccak256("age");
    bytes32 internal constant TRAIT_VITALITY = keccak256("vitality");
    bytes32 internal constant TRAIT_MOOD = keccak256("mood");
    bytes32 internal constant TRAIT_TEMPERAMENT = keccak256("temperament");
    bytes32 internal constant TRAIT_REVEALED = keccak256("revealed");
    bytes32 internal constant TRAIT_METAMORPHOSIS_PENDING = keccak256("metamorphosisPending");
    bytes32 internal constant TRAIT_GENOME = keccak256("genome");

    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.Interaction")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _INTERACTION_STORAGE_SLOT =
        0x83db3da3fe57ed31b0b72ebe94ff5cb35991c88f18a182ccb0be61bc6bdde200;

    function layout() internal pure returns (InteractionModule.InteractionStorage storage $) {
        assembly {
            $.slot := _INTERACTION_STORAGE_SLOT
        }
    }

    /// @notice See {IInteractionModule-phenotypeOf}. `tokenId` must be minted.
    function phenotypeOf(uint256 tokenId) external view returns (Phenotype memory) {
        return phenotype(tokenId);
    }

    /// @notice The live phenotype: seed and birth (binary search), the checkpoint, two log
    /// entries, then pure maths. `tokenId` must be minted.
    function phenotype(uint256 tokenId) internal view returns (Phenotype memory) {
        (bool revealed, uint256 seed, uint256 birthEpoch) = SeedLogic.seedAndBirth(tokenId);
        EvolutionModule.EvolutionStorage storage evo = EvolutionLogic.layout();
        uint256 nowEpoch = evo.epochCount;
        return
            PhenotypeLib.compute(
                PhenotypeLib.Params({
                    revealed: revealed,
                    seed: seed,
                    birthEpoch: uint32(birthEpoch),
                    currentEpoch: uint32(nowEpoch),
                    checkpoint: layout().checkpoints[tokenId],
                    atBirth: evo.log[birthEpoch],
                    atNow: evo.log[nowEpoch],
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

        InteractionModule.InteractionStorage storage $ = layout();
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
        emit IERC7496.TraitUpdated(TRAIT_METAMORPHOSIS_PENDING, tokenId, bytes32(uint256(1)));
        emit ILivingAsset.MetadataUpdate(tokenId);
    }

    /// @notice See {IInteractionModule-rerequestMetamorphosis}. Emits {MetamorphosisRerequested}.
    function rerequestMetamorphosis(uint256 tokenId) external {
        InteractionModule.InteractionStorage storage $ = layout();
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

    /// @notice The metamorphosis word arrived: mutate the genome and advance the stage. Constant
    /// work; never reverts. A request replaced by a re-request is ignored. The token may have
    /// changed hands meanwhile: the outcome was fixed by the request and applies all the same.
    /// Emits {Metamorphosed}, ERC-7496 {TraitUpdated} (generation, stage, metamorphosis pending) and
    /// {TraitUpdatedRange} (genome: its value needs the seed, read it with getTraitValue), and
    /// {MetadataUpdate}, or
    /// {RandomnessIgnored} for a stale request.
    function applyMetamorphosis(uint256 tokenId, uint256 requestId, uint256 word) internal {
        InteractionModule.InteractionStorage storage $ = layout();
        IInteractionModule.Checkpoint storage cp = $.checkpoints[tokenId];
        if (!cp.pending || $.metamorphosisRequests[tokenId] != requestId) {
            emit ISeedModule.RandomnessIgnored(requestId, ISeedModule.IgnoreReason.StaleRequest);
            return;
        }
        uint8 generation = cp.metamorphoses + 1;
        cp.metamorphoses = generation;
        cp.pending = false;
        cp.mutation = uint64(uint256(keccak256(abi.encode(cp.mutation, word))));
        delete $.metamorphosisRequests[tokenId];

        emit IInteractionModule.Metamorphosed(tokenId, generation, requestId);
        emit IERC7496.TraitUpdated(TRAIT_GENERATION, tokenId, bytes32(uint256(generation)));
        emit IERC7496.TraitUpdated(TRAIT_STAGE, tokenId, bytes32(uint256(PhenotypeLib.stage(0, generation))));
        emit IERC7496.TraitUpdated(TRAIT_METAMORPHOSIS_PENDING, tokenId, bytes32(0));
        emit IERC7496.TraitUpdatedRange(TRAIT_GENOME, tokenId, tokenId);
        emit ILivingAsset.MetadataUpdate(tokenId);
    }
}
