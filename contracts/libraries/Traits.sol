// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Traits
/// @notice ERC-7496 trait keys of a collection: keccak256 of the trait names in the renderer's trait
/// metadata. One list, used by every module that emits trait events and by the trait getters.
library Traits {
    bytes32 internal constant STAGE = keccak256("stage");
    bytes32 internal constant GENERATION = keccak256("generation");
    bytes32 internal constant AGE = keccak256("age");
    bytes32 internal constant VITALITY = keccak256("vitality");
    bytes32 internal constant MOOD = keccak256("mood");
    bytes32 internal constant TEMPERAMENT = keccak256("temperament");
    bytes32 internal constant REVEALED = keccak256("revealed");
    bytes32 internal constant METAMORPHOSIS_PENDING = keccak256("metamorphosisPending");
    bytes32 internal constant GENOME = keccak256("genome");
}
