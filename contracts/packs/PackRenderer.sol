// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SSTORE2} from "solady/src/utils/SSTORE2.sol";

import {IRenderer, Phenotype, TokenRenderParams, CollectionRenderParams} from "../interfaces/IRenderer.sol";
import {IPackRenderer} from "../interfaces/IPackRenderer.sol";
import {Base64Fast as Base64} from "../libraries/Base64Fast.sol";
import {Format} from "../libraries/Format.sol";
import {Json} from "../libraries/Json.sol";
import {PackIndex, PackLayer, PackState} from "../libraries/PackIndex.sol";
import {PackCheck} from "./PackCheck.sol";
import {RenderJson} from "../libraries/RenderJson.sol";

/// @title PackRenderer
/// @notice Draws a creator's art pack: each token's picture is the pack's layers its genome and
/// live state choose (stage, mood, vitality, generation), read from pages in a `PageStore`, and
/// its metadata says where every layer came from (origin, tool or model, page). A collection
/// uses it with `renderer set`; the creator (owner) sets the pack and may lock it for good.
/// @dev One pack per renderer. The index (see `PackIndex`) is checked in full when set and
/// written as a page of its own; a token URI reads the index and only its own layers' pages.
/// Not upgradeable: what a locked pack draws never changes. Linked to the `PackCheck` library,
/// which checks an index when it is set.
contract PackRenderer is IPackRenderer, Ownable2Step {
    string private constant _VERSION = "1.0.0";
    string private constant _SVG_BASE64_PREFIX = "data:image/svg+xml;base64,";

    address private _index;
    bytes32 private _packHash;
    bool private _locked;

    /// @param creator the pack's owner: the only account that sets and locks it.
    constructor(address creator) Ownable(creator) {}

    // -------------------------------------------------------------------------------------
    // The pack
    // -------------------------------------------------------------------------------------

    /// @inheritdoc IPackRenderer
    function setPack(bytes calldata index, bytes32 packHash) external onlyOwner {
        if (_locked) revert PackIsLocked();
        if (packHash == bytes32(0)) revert PackHashZero();
        (uint256 slots, uint256 layers) = PackCheck.check(index);
        address pointer = SSTORE2.write(index);
        _index = pointer;
        _packHash = packHash;
        emit PackSet(pointer, packHash, slots, layers);
    }

    /// @inheritdoc IPackRenderer
    function lockPack() external onlyOwner {
        if (_locked) revert PackIsLocked();
        if (_index == address(0)) revert PackNotSet();
        _locked = true;
        emit PackLocked(_index, _packHash);
    }

    /// @inheritdoc IPackRenderer
    function pack() external view returns (address index, bytes32 packHash, bool locked) {
        return (_index, _packHash, _locked);
    }

    // -------------------------------------------------------------------------------------
    // IRenderer
    // -------------------------------------------------------------------------------------

    /// @inheritdoc IRenderer
    /// @dev The image is base64 (`data:image/svg+xml;base64,`): the layers are the creator's
    /// SVG, with `#` in `url(#id)` references.
    function tokenURI(TokenRenderParams calldata params) external view returns (string memory) {
        Phenotype calldata ph = params.phenotype;
        bytes memory idx = _indexBytes();
        PackLayer[] memory layers = PackIndex.compose(idx, _state(ph));
        bool revealed = _isRevealed(ph);
        string memory head = RenderJson.tokenHead(params, _SVG_BASE64_PREFIX);
        string memory tail = string.concat(
            '","attributes":[',
            revealed ? RenderJson.lifeAttributes(ph) : RenderJson.eggAttributes(ph),
            ",",
            _layerAttributes(idx, layers, revealed),
            "],",
            RenderJson.tokenFields(ph, revealed, _VERSION),
            ',"layers":[',
            _layerList(idx, layers),
            "],",
            _packJson(idx),
            ",",
            RenderJson.provenance(params.provenance),
            "}"
        );
        return string.concat(head, Base64.encode(PackIndex.svg(idx, layers)), tail);
    }

    /// @inheritdoc IRenderer
    function contractURI(CollectionRenderParams calldata params) external view returns (string memory) {
        bytes memory idx = _indexBytes();
        PackLayer[] memory egg = PackIndex.compose(idx, PackState(0, 0, 0, 10_000, 0));
        string memory json = string.concat(
            "{",
            Json.str("name", params.name),
            ",",
            Json.str("description", params.description),
            ',"image":"',
            _SVG_BASE64_PREFIX,
            Base64.encode(PackIndex.svg(idx, egg)),
            '",',
            RenderJson.collectionFields(params, _VERSION),
            ",",
            _packJson(idx),
            ",",
            RenderJson.provenance(params.provenance),
            "}"
        );
        return string.concat(RenderJson.JSON_PREFIX, json);
    }

    /// @inheritdoc IRenderer
    function traitMetadataURI() external pure returns (string memory) {
        return RenderJson.traitMetadataURI();
    }

    /// @inheritdoc IRenderer
    function svg(TokenRenderParams calldata params) external view returns (string memory) {
        bytes memory idx = _indexBytes();
        return string(PackIndex.svg(idx, PackIndex.compose(idx, _state(params.phenotype))));
    }

    /// @inheritdoc IRenderer
    function version() external pure returns (string memory) {
        return _VERSION;
    }

    // -------------------------------------------------------------------------------------
    // Internal
    // -------------------------------------------------------------------------------------

    function _indexBytes() internal view returns (bytes memory) {
        if (_index == address(0)) revert PackNotSet();
        return SSTORE2.read(_index);
    }

    /// @dev What the picture depends on. An egg has genome 0 (its seed is not known yet).
    function _state(Phenotype calldata ph) internal pure returns (PackState memory) {
        return PackState(ph.genome, uint8(ph.stage), uint8(ph.mood), ph.vitality, ph.generation);
    }

    /// @dev One attribute per slot (revealed tokens; the trait is the slot's name, capitalised), then "AI Layers" ("2 of 6"), the model of
    /// the first AI-made layer if any, and the pack's name.
    function _layerAttributes(
        bytes memory idx,
        PackLayer[] memory layers,
        bool revealed
    ) internal pure returns (string memory out) {
        uint256 ai;
        uint256 model = type(uint256).max;
        for (uint256 i = 0; i < layers.length; ++i) {
            if (revealed) {
                out = string.concat(
                    out,
                    Json.attr(_title(PackIndex.text(idx, layers[i].slotName)), PackIndex.text(idx, layers[i].variantName)),
                    ","
                );
            }
            if (layers[i].origin != 0) {
                ++ai;
                if (model == type(uint256).max) model = i;
            }
        }
        out = string.concat(out, Json.attr("AI Layers", string.concat(Format.u(ai), " of ", Format.u(layers.length))));
        if (model != type(uint256).max) out = string.concat(out, ",", Json.attr("Model", PackIndex.text(idx, layers[model].tool)));
        (string memory name, , ) = PackIndex.labels(idx);
        out = string.concat(out, ",", Json.attr("Pack", name));
    }

    /// @dev `{"slot":..,"variant":..,"origin":..,"tool":..,"page":..}` for each layer drawn.
    function _layerList(bytes memory idx, PackLayer[] memory layers) internal pure returns (string memory out) {
        for (uint256 i = 0; i < layers.length; ++i) {
            out = string.concat(
                out,
                i == 0 ? '{"slot":"' : ',{"slot":"',
                PackIndex.text(idx, layers[i].slotName),
                '","variant":"',
                PackIndex.text(idx, layers[i].variantName),
                '","origin":"',
                ["human", "ai", "ai-curated"][layers[i].origin],
                '","tool":"',
                PackIndex.text(idx, layers[i].tool),
                '","page":"',
                Strings.toHexString(layers[i].page),
                '"}'
            );
        }
    }

    /// @dev The `"pack":{...}` member: name, creator, license, hash, index page, layer counts, lock.
    function _packJson(bytes memory idx) internal view returns (string memory) {
        (string memory name, string memory creator, string memory license) = PackIndex.labels(idx);
        (uint256 layers, uint256 ai) = PackIndex.origins(idx);
        return
            string.concat(
                '"pack":{"name":"',
                name,
                '","creator":"',
                creator,
                '","license":"',
                license,
                '",',
                Json.trusted("hash", Format.hex32(uint256(_packHash))),
                ",",
                Json.trusted("index", Strings.toHexString(_index)),
                ",",
                Json.raw("layers", Format.u(layers)),
                ",",
                Json.raw("ai_layers", Format.u(ai)),
                ",",
                Json.raw("locked", Format.boolean(_locked)),
                "}"
            );
    }

    /// @dev A slot's name as a trait name: its first letter capitalised ("background" -> "Background").
    function _title(string memory slot) internal pure returns (string memory) {
        bytes memory b = bytes(slot);
        if (b[0] >= "a" && b[0] <= "z") b[0] = bytes1(uint8(b[0]) - 32);
        return slot;
    }

    function _isRevealed(Phenotype calldata ph) internal pure returns (bool) {
        return ph.revealed && uint8(ph.stage) != 0;
    }
}
