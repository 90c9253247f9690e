// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Phenotype} from "../interfaces/IRenderer.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {IInteractionModule} from "../interfaces/IInteractionModule.sol";
import {ISeedModule} from "../interfaces/ISeedModule.sol";
import {InteractionLogic} from "../libraries/InteractionLogic.sol";
import {EvolutionSlot} from "../storage/EvolutionStorage.sol";
import {InteractionStorage, InteractionSlot} from "../storage/InteractionStorage.sol";
import {Traits} from "../libraries/Traits.sol";
import {SeedLogic} from "../libraries/SeedLogic.sol";
import {PhenotypeLib} from "../libraries/PhenotypeLib.sol";
import {SeedModule} from "./SeedModule.sol";
import {EvolutionModule} from "./EvolutionModule.sol";

/// @title InteractionModule
/// @notice What holders do. Each action writes only the token's own checkpoint (one slot); vitality
/// decays lazily on read, so no keeper ever writes to tokens.
///
/// Who may call what: the holder, the token's approved address or the holder's operator may
/// `nurture` (once per epoch) and `metamorphose`; `CONFIG_ROLE` may re-request a stuck
/// metamorphosis after the VRF timeout. Both actions stop while the collection is paused.
abstract contract InteractionModule is SeedModule, EvolutionModule, InteractionStorage, IInteractionModule, IERC7496 {
    // ------------------------------------------------------------------
    // External
    // ------------------------------------------------------------------

    /// @inheritdoc IInteractionModule
    /// @dev Inline rather than in {InteractionLogic}: the library call would cost the holder ~3,000
    /// gas on the hottest path.
    function nurture(uint256 tokenId) external virtual whenNotPaused {
        _requireActor(tokenId);
        uint32 epoch = EvolutionSlot.layout().epoch;
        Checkpoint storage cp = InteractionSlot.layout().checkpoints[tokenId];
        Checkpoint memory c = cp;
        if (c.lastNurturedEpoch == epoch + 1) revert InteractionAlreadyNurtured(tokenId, epoch);
        uint256 birthEpoch;
        if (!c.initialized) {
            // First interaction: pin the ERC721A ownership slot so later holder checks are O(1).
            _initializeOwnershipAt(tokenId);
            birthEpoch = SeedLogic.birthEpochOf(tokenId);
        }
        uint256 v = uint256(PhenotypeLib.vitality(c, uint32(birthEpoch), epoch)) + PhenotypeLib.NURTURE_BOOST;
        if (v > PhenotypeLib.MAX_VITALITY) v = PhenotypeLib.MAX_VITALITY;

        // One write of the checkpoint's low 120 bits (layout in IInteractionModule.Checkpoint):
        // initialized (8) | vitalityEpoch (32) | vitality (16) | lastNurturedEpoch (32) | nurtureCount (32);
        // metamorphoses, pending, requestedAt and mutation above bit 120 are kept.
        uint256 low =
            1 | (uint256(epoch) << 8) | (v << 40) | (uint256(epoch + 1) << 56) | (uint256(c.nurtureCount + 1) << 88);
        assembly {
            let slot := cp.slot
            sstore(slot, or(and(sload(slot), not(0xffffffffffffffffffffffffffffff)), low))
        }

        emit Nurtured(tokenId, v);
        emit TraitUpdated(Traits.VITALITY, tokenId, bytes32(v));
        emit MetadataUpdate(tokenId);
    }

    /// @inheritdoc IInteractionModule
    function metamorphose(uint256 tokenId) external virtual whenNotPaused {
        _requireActor(tokenId);
        _forward(address(InteractionLogic), InteractionLogic.metamorphose.selector);
    }

    /// @inheritdoc IInteractionModule
    function rerequestMetamorphosis(uint256 tokenId) external virtual onlyConfig {
        _requireMinted(tokenId);
        _forward(address(InteractionLogic), InteractionLogic.rerequestMetamorphosis.selector);
    }

    /// @inheritdoc ISeedModule
    /// @dev Here rather than in {SeedModule}: a word is for a cohort (the seed module's state) or a
    /// metamorphosis (this module's). {InteractionLogic-rawFulfillRandomWords} has {SeedLogic} take
    /// the request and reveal cohorts, and applies metamorphoses itself.
    function rawFulfillRandomWords(uint256 requestId, uint256[] calldata randomWords) external virtual {
        (requestId, randomWords); // decoded by the library
        _forward(address(InteractionLogic), InteractionLogic.rawFulfillRandomWords.selector);
    }

    /// @inheritdoc IInteractionModule
    /// @dev The library's answer is returned as it is (see {_forwardView}).
    function phenotypeOf(uint256 tokenId) external view virtual returns (Phenotype memory ph) {
        _requireMinted(tokenId);
        assembly ("memory-safe") {
            ph := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(InteractionLogic), InteractionLogic.phenotypeOf.selector);
    }

    // ------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------

    /// @dev Reverts unless the token exists and the caller may act for its holder.
    function _requireActor(uint256 tokenId) internal view {
        // An initialised ownership slot proves the token exists without reading the mint counter.
        if (!_ownershipIsInitialized(tokenId)) _requireMinted(tokenId);
        if (!_isHolderOrApproved(tokenId, msg.sender)) revert InteractionNotHolder(tokenId, msg.sender);
    }
}
