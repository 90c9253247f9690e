// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IERC7496 — NFT Dynamic Traits
/// @notice Interface id 0xaf332f3e.
interface IERC7496 {
    /// @notice A token's trait changed.
    event TraitUpdated(bytes32 indexed traitKey, uint256 tokenId, bytes32 traitValue);
    /// @notice A trait changed for an inclusive range of tokens.
    event TraitUpdatedRange(bytes32 indexed traitKey, uint256 fromTokenId, uint256 toTokenId);
    /// @notice A trait changed to one value for an inclusive range of tokens.
    event TraitUpdatedRangeUniformValue(
        bytes32 indexed traitKey,
        uint256 fromTokenId,
        uint256 toTokenId,
        bytes32 traitValue
    );
    /// @notice A trait changed for a list of tokens.
    event TraitUpdatedList(bytes32 indexed traitKey, uint256[] tokenIds);
    /// @notice A trait changed to one value for a list of tokens.
    event TraitUpdatedListUniformValue(bytes32 indexed traitKey, uint256[] tokenIds, bytes32 traitValue);
    /// @notice The trait metadata URI changed.
    event TraitMetadataURIUpdated();

    /// @notice `traitKey` is not a trait of this collection.
    error TraitKeyUnknown(bytes32 traitKey);

    /// @notice One trait of one token.
    function getTraitValue(uint256 tokenId, bytes32 traitKey) external view returns (bytes32 traitValue);

    /// @notice Several traits of one token.
    function getTraitValues(
        uint256 tokenId,
        bytes32[] calldata traitKeys
    ) external view returns (bytes32[] memory traitValues);

    /// @notice JSON describing the trait keys.
    function getTraitMetadataURI() external view returns (string memory uri);

    /// @notice Set a trait (no trait of this collection is settable: it always reverts).
    function setTrait(uint256 tokenId, bytes32 traitKey, bytes32 newValue) external;
}
