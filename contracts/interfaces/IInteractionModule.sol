// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Phenotype} from "./IRenderer.sol";

/// @title IInteractionModule
/// @notice What holders do to their tokens: nurture (once per epoch) and metamorphose (VRF).
interface IInteractionModule {
    /// @notice A token's own small checkpoint, written only when its holder acts (one slot).
    struct Checkpoint {
        bool initialized; // false until the first interaction: vitality then comes from birth
        uint32 vitalityEpoch; // epoch at which `vitality` was recorded
        uint16 vitality; // basis points at `vitalityEpoch`; decays lazily afterwards
        uint32 lastNurturedEpoch; // epoch of the last nurture, plus one (0: never)
        uint32 nurtureCount;
        uint8 metamorphoses; // completed metamorphoses (generation)
        bool pending; // a metamorphosis request is in flight
        uint40 requestedAt; // when the pending request was made
        uint64 mutation; // mixed into the genome by each metamorphosis
    }

    /// @notice The caller is neither the holder nor approved for the token.
    error InteractionNotHolder(uint256 tokenId, address caller);
    /// @notice The token was already nurtured in this epoch.
    error InteractionAlreadyNurtured(uint256 tokenId, uint256 epoch);
    /// @notice The token's seed is not revealed yet.
    error InteractionNotRevealed(uint256 tokenId);
    /// @notice A metamorphosis is already pending.
    error InteractionMetamorphosisPending(uint256 tokenId);
    /// @notice No metamorphosis is pending.
    error InteractionNoMetamorphosisPending(uint256 tokenId);
    /// @notice The token has not lived long enough.
    error InteractionTooYoung(uint256 tokenId, uint256 age, uint256 requiredAge);
    /// @notice The token's vitality is too low.
    error InteractionTooWeak(uint256 tokenId, uint256 vitality, uint256 requiredVitality);
    /// @notice The token has completed every metamorphosis.
    error InteractionFullyGrown(uint256 tokenId);
    /// @notice A re-request before the timeout.
    error InteractionRerequestTooEarly(uint256 tokenId, uint256 availableAt);

    /// @notice A holder nurtured a token (caller and epoch are the transaction's); `vitality` after.
    event Nurtured(uint256 indexed tokenId, uint256 vitality);
    /// @notice A holder asked a token to metamorphose; the outcome is fixed by `requestId`.
    event MetamorphosisRequested(uint256 indexed tokenId, address indexed by, uint256 requestId);
    /// @notice A metamorphosis completed; `mutation` is the checkpoint's new mutation (what the
    /// genome is remixed with), so history can be replayed from events.
    event Metamorphosed(uint256 indexed tokenId, uint256 generation, uint256 requestId, uint64 mutation);
    /// @notice A stuck metamorphosis request was replaced.
    event MetamorphosisRerequested(uint256 indexed tokenId, uint256 oldRequestId, uint256 newRequestId);

    /// @notice Raise a token's vitality (holder or approved, once per epoch).
    function nurture(uint256 tokenId) external;

    /// @notice Ask a token to metamorphose: one VRF request whose word mutates the genome.
    function metamorphose(uint256 tokenId) external;

    /// @notice Replace a stuck metamorphosis request (config role, after the VRF timeout).
    function rerequestMetamorphosis(uint256 tokenId) external;

    /// @notice A token's live state, computed on read at constant cost.
    function phenotypeOf(uint256 tokenId) external view returns (Phenotype memory);
}
