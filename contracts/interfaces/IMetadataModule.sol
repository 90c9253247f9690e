// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IMetadataModule
/// @notice Renderer, ERC-7572 contract metadata, ERC-7496 dynamic traits and creator provenance.
interface IMetadataModule {
    /// @notice The renderer is locked for good.
    error MetadataRendererLocked();
    /// @notice The provenance record is locked for good.
    error MetadataProvenanceLocked();
    /// @notice The renderer is not a contract.
    error MetadataRendererNotContract(address renderer);
    /// @notice A creator-controlled text (`field`) is longer than its bound, in bytes.
    error MetadataTextTooLong(string field, uint256 length, uint256 max);
    /// @notice A provenance text (`field`) holds a byte it may not (at `index`): they are printable
    /// ASCII without `"`, `\`, `%` or `#`, the characters whose escapes would cost tokenURI gas.
    error MetadataTextInvalidByte(string field, uint256 index, uint8 value);
    /// @notice Traits are derived from the token's life; none can be set directly.
    error MetadataTraitNotSettable(bytes32 traitKey);

    /// @notice ERC-7572: the contract-level metadata changed.
    event ContractURIUpdated();
    /// @notice The renderer changed.
    event RendererUpdated(address indexed renderer);
    /// @notice The renderer was locked for good.
    event RendererLocked(address indexed renderer);
    /// @notice The collection description changed.
    event DescriptionUpdated(string description);
    /// @notice The provenance record changed.
    event ProvenanceUpdated(
        bytes32 modelHash,
        bytes32 datasetHash,
        string licenseURI,
        string generatorName,
        string generatorVersion
    );
    /// @notice The provenance record was locked for good.
    event ProvenanceLocked();
    /// @notice The ERC-7572 `external_link` changed ("" removes it).
    event ExternalLinkUpdated(string link);

    /// @notice ERC-7572 contract metadata (on-chain JSON).
    function contractURI() external view returns (string memory);

    /// @notice The current renderer.
    function renderer() external view returns (address);

    /// @notice Whether the renderer is locked.
    function rendererLocked() external view returns (bool);

    /// @notice Swap the renderer (config role) until locked.
    function setRenderer(address newRenderer) external;

    /// @notice Freeze the renderer for good (default admin).
    function lockRenderer() external;

    /// @notice Collection description shown in metadata (config role).
    function setDescription(string calldata description) external;

    /// @notice The ERC-7572 `external_link` of `contractURI` (config role): at most 96 bytes of
    /// printable ASCII without `"`, `\`, `%` or `#`; "" removes it.
    function setExternalLink(string calldata link) external;

    /// @notice The ERC-7572 `external_link` ("" when none).
    function externalLink() external view returns (string memory);

    /// @notice Set the provenance record (default admin) until locked. Texts are bounded
    /// (licenseURI 96, generatorName 32, generatorVersion 16 bytes) so tokenURI stays in budget.
    function setProvenance(
        bytes32 modelHash,
        bytes32 datasetHash,
        string calldata licenseURI,
        string calldata generatorName,
        string calldata generatorVersion
    ) external;

    /// @notice Freeze the provenance record for good (default admin).
    function lockProvenance() external;
}
