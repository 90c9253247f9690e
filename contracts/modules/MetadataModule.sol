// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC7496} from "../interfaces/IERC7496.sol";
import {IMetadataModule} from "../interfaces/IMetadataModule.sol";
import {MetadataStorage} from "../storage/MetadataStorage.sol";
import {MetadataLogic} from "../libraries/MetadataLogic.sol";
import {InteractionModule} from "./InteractionModule.sol";
import {RoyaltyModule} from "./RoyaltyModule.sol";
import {LivingAssetBase} from "./LivingAssetBase.sol";

/// @title MetadataModule
/// @notice Hands every token's phenotype to a swappable, lockable renderer; ERC-7572
/// `contractURI`; ERC-7496 dynamic traits read from the live phenotype; and the creator's
/// provenance record, settable until locked. Storage (ERC-7201 `livingasset.storage.Metadata`) is
/// laid out in {MetadataStorage}; logic lives in {MetadataLogic}.
///
/// Who may call what: `CONFIG_ROLE` sets the renderer and description; the default admin locks
/// the renderer and sets and locks the provenance record.
abstract contract MetadataModule is InteractionModule, RoyaltyModule, MetadataStorage, IMetadataModule {
    /// @notice On-chain JSON + SVG metadata of a token, built by the renderer from its phenotype.
    function tokenURI(uint256 tokenId) public view virtual override returns (string memory uri) {
        _requireMinted(tokenId);
        assembly ("memory-safe") {
            uri := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(MetadataLogic), MetadataLogic.tokenURI.selector);
    }

    /// @inheritdoc IMetadataModule
    function contractURI() external view virtual returns (string memory uri) {
        assembly ("memory-safe") {
            uri := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(MetadataLogic), MetadataLogic.contractURI.selector);
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
    function setRenderer(address newRenderer) external virtual onlyConfig {
        newRenderer; // decoded by the library
        _forward(address(MetadataLogic), MetadataLogic.setRenderer.selector);
    }

    /// @inheritdoc IMetadataModule
    function lockRenderer() external virtual onlyRole(DEFAULT_ADMIN_ROLE) {
        _forward(address(MetadataLogic), MetadataLogic.lockRenderer.selector);
    }

    /// @inheritdoc IMetadataModule
    function setDescription(string calldata description) external virtual onlyConfig {
        description; // decoded by the library
        _forward(address(MetadataLogic), MetadataLogic.setDescription.selector);
    }

    /// @inheritdoc IMetadataModule
    function setExternalLink(string calldata link) external virtual onlyConfig {
        link; // decoded by the library
        _forward(address(MetadataLogic), MetadataLogic.setExternalLink.selector);
    }

    /// @inheritdoc IMetadataModule
    function externalLink() external view virtual returns (string memory) {
        return MetadataLogic.layout().externalLink;
    }

    /// @inheritdoc IMetadataModule
    function setProvenance(
        bytes32 modelHash,
        bytes32 datasetHash,
        string calldata licenseURI,
        string calldata generatorName,
        string calldata generatorVersion
    ) external virtual onlyRole(DEFAULT_ADMIN_ROLE) {
        (modelHash, datasetHash, licenseURI, generatorName, generatorVersion); // decoded by the library
        _forward(address(MetadataLogic), MetadataLogic.setProvenance.selector);
    }

    /// @inheritdoc IMetadataModule
    function lockProvenance() external virtual onlyRole(DEFAULT_ADMIN_ROLE) {
        _forward(address(MetadataLogic), MetadataLogic.lockProvenance.selector);
    }

    /// @inheritdoc IERC7496
    function getTraitValue(uint256 tokenId, bytes32 traitKey) external view virtual returns (bytes32 value) {
        _requireMinted(tokenId);
        traitKey; // decoded by the library
        assembly ("memory-safe") {
            value := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(MetadataLogic), MetadataLogic.getTraitValue.selector);
    }

    /// @inheritdoc IERC7496
    function getTraitValues(
        uint256 tokenId,
        bytes32[] calldata traitKeys
    ) external view virtual returns (bytes32[] memory values) {
        _requireMinted(tokenId);
        traitKeys; // decoded by the library
        assembly ("memory-safe") {
            values := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(MetadataLogic), MetadataLogic.getTraitValues.selector);
    }

    /// @inheritdoc IERC7496
    function getTraitMetadataURI() external view virtual returns (string memory uri) {
        assembly ("memory-safe") {
            uri := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(MetadataLogic), MetadataLogic.getTraitMetadataURI.selector);
    }

    /// @inheritdoc IERC7496
    function setTrait(uint256, bytes32 traitKey, bytes32) external pure virtual {
        revert MetadataTraitNotSettable(traitKey);
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
