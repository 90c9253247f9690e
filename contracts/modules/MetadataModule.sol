// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRenderer, Provenance} from "../interfaces/IRenderer.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {IMetadataModule} from "../interfaces/IMetadataModule.sol";
import {MetadataLogic} from "../libraries/MetadataLogic.sol";
import {InteractionModule} from "./InteractionModule.sol";
import {RoyaltyModule} from "./RoyaltyModule.sol";
import {LivingAssetBase} from "./LivingAssetBase.sol";

/// @title MetadataModule
/// @notice Hands every token's phenotype to a swappable, lockable renderer; ERC-7572
/// `contractURI`; ERC-7496 dynamic traits read from the live phenotype; and the creator's
/// provenance record, settable until locked. Storage (ERC-7201 `livingasset.storage.Metadata`)
/// and logic live in {MetadataLogic}.
///
/// Who may call what: `CONFIG_ROLE` sets the renderer and description; the default admin locks
/// the renderer and sets and locks the provenance record.
abstract contract MetadataModule is InteractionModule, RoyaltyModule, IMetadataModule {
    /// @custom:storage-location erc7201:livingasset.storage.Metadata
    struct MetadataStorage {
        IRenderer renderer;
        bool rendererLocked;
        string description;
        Provenance provenance;
    }

    function __MetadataModule_init(
        address renderer_,
        string calldata description_,
        string calldata name_
    ) internal onlyInitializing {
        __MetadataModule_init_unchained(renderer_, description_, name_);
    }

    function __MetadataModule_init_unchained(
        address renderer_,
        string calldata description_,
        string calldata name_
    ) internal onlyInitializing {
        MetadataLogic.initialize(renderer_, description_, name_);
    }

    /// @notice On-chain JSON + SVG metadata of a token, built by the renderer from its phenotype.
    function tokenURI(uint256 tokenId) public view virtual override returns (string memory) {
        _requireMinted(tokenId);
        return MetadataLogic.tokenURI(tokenId);
    }

    /// @inheritdoc IMetadataModule
    function contractURI() external view virtual returns (string memory) {
        (address receiver, uint256 bps) = royaltyInfo(0, 10_000);
        return MetadataLogic.contractURI(receiver, bps, totalSupply(), _maxSupply());
    }

    /// @inheritdoc IMetadataModule
    function renderer() external view virtual returns (address) {
        return address(MetadataLogic.layout().renderer);
    }

    /// @inheritdoc IMetadataModule
    function rendererLocked() external view virtual returns (bool) {
        return MetadataLogic.layout().rendererLocked;
    }

    /// @inheritdoc IMetadataModule
    function setRenderer(address newRenderer) external virtual onlyRole(CONFIG_ROLE) {
        MetadataLogic.setRenderer(newRenderer);
    }

    /// @inheritdoc IMetadataModule
    function lockRenderer() external virtual onlyRole(DEFAULT_ADMIN_ROLE) {
        MetadataLogic.lockRenderer();
    }

    /// @inheritdoc IMetadataModule
    function setDescription(string calldata description_) external virtual onlyRole(CONFIG_ROLE) {
        MetadataLogic.setDescription(description_);
    }

    /// @inheritdoc IMetadataModule
    function setProvenance(
        bytes32 modelHash,
        bytes32 datasetHash,
        string calldata licenseURI,
        string calldata generatorName,
        string calldata generatorVersion
    ) external virtual onlyRole(DEFAULT_ADMIN_ROLE) {
        MetadataLogic.setProvenance(modelHash, datasetHash, licenseURI, generatorName, generatorVersion);
    }

    /// @inheritdoc IMetadataModule
    function lockProvenance() external virtual onlyRole(DEFAULT_ADMIN_ROLE) {
        MetadataLogic.lockProvenance();
    }

    /// @inheritdoc IERC7496
    function getTraitValue(uint256 tokenId, bytes32 traitKey) external view virtual returns (bytes32) {
        _requireMinted(tokenId);
        return MetadataLogic.traitValue(tokenId, traitKey);
    }

    /// @inheritdoc IERC7496
    function getTraitValues(
        uint256 tokenId,
        bytes32[] calldata traitKeys
    ) external view virtual returns (bytes32[] memory) {
        _requireMinted(tokenId);
        return MetadataLogic.traitValues(tokenId, traitKeys);
    }

    /// @inheritdoc IERC7496
    function getTraitMetadataURI() external view virtual returns (string memory) {
        return MetadataLogic.layout().renderer.traitMetadataURI();
    }

    /// @inheritdoc IERC7496
    function setTrait(uint256, bytes32 traitKey, bytes32) external pure virtual {
        revert MetadataTraitNotSettable(traitKey);
    }

    /// @dev The sale's supply cap, shown in the contract metadata.
    function _maxSupply() internal view virtual returns (uint256);

    /// @dev The contract metadata shows the default royalty.
    function _afterDefaultRoyaltyUpdate() internal virtual override {
        emit ContractURIUpdated();
    }

    /// @notice ERC-165: ERC-721, ERC-721 Metadata, ERC-2981, ERC-4906, ERC-7496, AccessControl.
    function supportsInterface(
        bytes4 interfaceId
    ) public view virtual override(LivingAssetBase, RoyaltyModule) returns (bool) {
        return
            interfaceId == type(IERC7496).interfaceId ||
            interfaceId == bytes4(0x49064906) || // ERC-4906
            super.supportsInterface(interfaceId);
    }
}
