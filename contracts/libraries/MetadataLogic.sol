// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MetadataStorage, MetadataSlot} from "../storage/MetadataStorage.sol";
import {ERC721AFields} from "../storage/ERC721AFields.sol";

import {IRenderer, Phenotype, Provenance, TokenRenderParams, CollectionRenderParams} from "../interfaces/IRenderer.sol";
import {IMetadataModule} from "../interfaces/IMetadataModule.sol";
import {IERC7496} from "../interfaces/IERC7496.sol";
import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {InteractionLogic} from "./InteractionLogic.sol";
import {Traits} from "./Traits.sol";
import {RoyaltyLogic} from "./RoyaltyLogic.sol";
import {SaleSlot} from "../storage/SaleStorage.sol";
import {EvolutionSlot} from "../storage/EvolutionStorage.sol";

/// @title MetadataLogic
/// @notice The metadata module's storage and logic (render parameters, ERC-7496 values,
/// provenance), as an external library run by DELEGATECALL in the collection's context.
library MetadataLogic {
    /// @dev Bounds on untrusted text, so `tokenURI` stays under its gas budget whatever the text.
    uint256 internal constant MAX_DESCRIPTION_BYTES = 160;
    uint256 internal constant MAX_NAME_BYTES = 64;
    uint256 internal constant MAX_LICENSE_URI_BYTES = 96;
    uint256 internal constant MAX_GENERATOR_NAME_BYTES = 32;
    uint256 internal constant MAX_GENERATOR_VERSION_BYTES = 16;
    uint256 internal constant MAX_EXTERNAL_LINK_BYTES = 96;

    function layout() internal pure returns (MetadataStorage.MetadataLayout storage $) {
        return MetadataSlot.layout();
    }

    /// @notice The renderer's token metadata. `tokenId` must be minted.
    function tokenURI(uint256 tokenId) external view returns (string memory) {
        MetadataStorage.MetadataLayout storage $ = layout();
        TokenRenderParams memory p = TokenRenderParams({
            collection: address(this),
            tokenId: tokenId,
            collectionName: ERC721AFields.name(),
            description: $.description,
            phenotype: InteractionLogic.phenotype(tokenId),
            provenance: $.provenance
        });
        return $.renderer.tokenURI(p);
    }

    /// @notice The renderer's ERC-7572 collection metadata: name, description, default royalty,
    /// supply and cap, provenance.
    function contractURI() external view returns (string memory) {
        MetadataStorage.MetadataLayout storage $ = layout();
        (address royaltyReceiver, uint256 royaltyBps) = RoyaltyLogic.royaltyInfo(0, 10_000);
        return
            $.renderer.contractURI(
                CollectionRenderParams({
                    collection: address(this),
                    name: ERC721AFields.name(),
                    description: $.description,
                    royaltyReceiver: royaltyReceiver,
                    royaltyBps: uint96(royaltyBps),
                    totalSupply: ERC721AFields.totalSupply(),
                    maxSupply: SaleSlot.layout().maxSupply,
                    currentEpoch: EvolutionSlot.layout().epoch,
                    provenance: $.provenance,
                    externalLink: $.externalLink
                })
            );
    }

    /// @notice See {IERC7496-getTraitMetadataURI}: the renderer's trait metadata.
    function getTraitMetadataURI() external view returns (string memory) {
        return layout().renderer.traitMetadataURI();
    }

    /// @notice ERC-7496 values of `traitKeys` for a minted token, from its live phenotype.
    function getTraitValues(
        uint256 tokenId,
        bytes32[] calldata traitKeys
    ) external view returns (bytes32[] memory values) {
        Phenotype memory ph = InteractionLogic.phenotype(tokenId);
        values = new bytes32[](traitKeys.length);
        for (uint256 i = 0; i < traitKeys.length; ++i) {
            values[i] = _traitValue(ph, traitKeys[i]);
        }
    }

    /// @notice ERC-7496 value of one trait of a minted token.
    function getTraitValue(uint256 tokenId, bytes32 traitKey) external view returns (bytes32) {
        return _traitValue(InteractionLogic.phenotype(tokenId), traitKey);
    }

    /// @notice See {IMetadataModule-setProvenance}. Emits {ProvenanceUpdated}.
    function setProvenance(
        bytes32 modelHash,
        bytes32 datasetHash,
        string calldata licenseURI,
        string calldata generatorName,
        string calldata generatorVersion
    ) external {
        Provenance storage p = layout().provenance;
        if (p.locked) revert IMetadataModule.MetadataProvenanceLocked();
        _plain("licenseURI", licenseURI, MAX_LICENSE_URI_BYTES);
        _plain("generatorName", generatorName, MAX_GENERATOR_NAME_BYTES);
        _plain("generatorVersion", generatorVersion, MAX_GENERATOR_VERSION_BYTES);
        p.modelHash = modelHash;
        p.datasetHash = datasetHash;
        p.licenseURI = licenseURI;
        p.generatorName = generatorName;
        p.generatorVersion = generatorVersion;
        emit IMetadataModule.ProvenanceUpdated(modelHash, datasetHash, licenseURI, generatorName, generatorVersion);
        emit IMetadataModule.ContractURIUpdated();
        emit ILivingAsset.BatchMetadataUpdate(0, type(uint256).max);
    }

    /// @notice Sets the description. Emits {DescriptionUpdated}, {ContractURIUpdated} and
    /// {BatchMetadataUpdate} for every token.
    function setDescription(string calldata description) public {
        _bounded("description", description, MAX_DESCRIPTION_BYTES);
        layout().description = description;
        emit IMetadataModule.DescriptionUpdated(description);
        emit IMetadataModule.ContractURIUpdated();
        emit ILivingAsset.BatchMetadataUpdate(0, type(uint256).max);
    }

    /// @notice Sets the ERC-7572 `external_link` ("" removes it): bounded, printable ASCII without
    /// `"`, `\`, `%` or `#`. Emits {ExternalLinkUpdated} and {ContractURIUpdated}.
    function setExternalLink(string calldata link) external {
        _plain("externalLink", link, MAX_EXTERNAL_LINK_BYTES);
        layout().externalLink = link;
        emit IMetadataModule.ExternalLinkUpdated(link);
        emit IMetadataModule.ContractURIUpdated();
    }

    /// @notice Swaps the renderer unless locked. Emits {RendererUpdated}, {ContractURIUpdated},
    /// {TraitMetadataURIUpdated} and {BatchMetadataUpdate} for every token.
    function setRenderer(address newRenderer) public {
        MetadataStorage.MetadataLayout storage $ = layout();
        if ($.rendererLocked) revert IMetadataModule.MetadataRendererLocked();
        if (newRenderer.code.length == 0) revert IMetadataModule.MetadataRendererNotContract(newRenderer);
        $.renderer = IRenderer(newRenderer);
        emit IMetadataModule.RendererUpdated(newRenderer);
        emit IMetadataModule.ContractURIUpdated();
        emit IERC7496.TraitMetadataURIUpdated();
        emit ILivingAsset.BatchMetadataUpdate(0, type(uint256).max);
    }

    /// @notice Initial renderer and description; the collection name is bounded too.
    function initialize(address renderer, string calldata description, string calldata name) external {
        if (bytes(name).length > MAX_NAME_BYTES)
            revert IMetadataModule.MetadataTextTooLong("name", bytes(name).length, MAX_NAME_BYTES);
        setRenderer(renderer);
        setDescription(description);
    }

    /// @notice Freezes the renderer for good. Emits {RendererLocked}.
    function lockRenderer() external {
        MetadataStorage.MetadataLayout storage $ = layout();
        if ($.rendererLocked) revert IMetadataModule.MetadataRendererLocked();
        $.rendererLocked = true;
        emit IMetadataModule.RendererLocked(address($.renderer));
    }

    /// @notice Freezes the provenance record for good. Emits {ProvenanceLocked}, {ContractURIUpdated}.
    function lockProvenance() external {
        Provenance storage p = layout().provenance;
        if (p.locked) revert IMetadataModule.MetadataProvenanceLocked();
        p.locked = true;
        emit IMetadataModule.ProvenanceLocked();
        emit IMetadataModule.ContractURIUpdated();
    }

    /// @dev A provenance text: bounded, and printable ASCII without `"`, `\`, `%` or `#` (each of
    /// those costs six bytes of escape in every tokenURI). Reverts with {MetadataTextTooLong} or
    /// {MetadataTextInvalidByte} naming `field`. Loops over the text's bytes only (at most 96).
    function _plain(string memory field, string calldata text, uint256 max) private pure {
        _bounded(field, text, max);
        bytes calldata b = bytes(text);
        for (uint256 i; i < b.length; ++i) {
            uint8 c = uint8(b[i]);
            if (c < 0x20 || c > 0x7e || c == 0x22 || c == 0x5c || c == 0x25 || c == 0x23) {
                revert IMetadataModule.MetadataTextInvalidByte(field, i, c);
            }
        }
    }

    /// @dev Reverts with {MetadataTextTooLong} naming `field` when `text` is over `max` bytes.
    function _bounded(string memory field, string calldata text, uint256 max) private pure {
        if (bytes(text).length > max) revert IMetadataModule.MetadataTextTooLong(field, bytes(text).length, max);
    }

    function _traitValue(Phenotype memory ph, bytes32 traitKey) private pure returns (bytes32) {
        uint256 v;
        if (traitKey == Traits.STAGE) v = uint256(ph.stage);
        else if (traitKey == Traits.GENERATION) v = ph.generation;
        else if (traitKey == Traits.AGE) v = ph.age;
        else if (traitKey == Traits.VITALITY) v = ph.vitality;
        else if (traitKey == Traits.MOOD) v = uint256(ph.mood);
        else if (traitKey == Traits.TEMPERAMENT) v = uint256(ph.temperament);
        else if (traitKey == Traits.REVEALED) v = ph.revealed ? 1 : 0;
        else if (traitKey == Traits.METAMORPHOSIS_PENDING) v = ph.metamorphosisPending ? 1 : 0;
        else if (traitKey == Traits.GENOME) v = ph.genome;
        else revert IERC7496.TraitKeyUnknown(traitKey);
        return bytes32(v);
    }
}
