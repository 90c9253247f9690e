// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Base64Fast as Base64} from "./Base64Fast.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Stage, Phenotype, Provenance, TokenRenderParams, CollectionRenderParams} from "../interfaces/IRenderer.sol";
import {Format} from "./Format.sol";
import {Json} from "./Json.sol";

/// @title RenderJson
/// @notice The JSON every Vivarium renderer writes alike, whatever it draws: the ERC-7496 trait
/// metadata (the collection computes the trait values, so their keys are the same for every
/// renderer), the provenance object and a token's life attributes.
library RenderJson {
    /// @dev Token and collection JSON: not base64, see `Json` (no `%` or `#` in the JSON).
    string internal constant JSON_PREFIX = "data:application/json;utf8,";
    /// @dev Trait metadata, small and fixed, is base64.
    string private constant _JSON_BASE64_PREFIX = "data:application/json;base64,";

    /// @notice A token JSON's start, up to the image's data (the caller's renderer draws it):
    /// `data:application/json;utf8,{"name":"<collection> #<id>","description":..,"image":"<imagePrefix>`.
    function tokenHead(
        TokenRenderParams calldata params,
        string memory imagePrefix
    ) internal pure returns (string memory) {
        return
            string.concat(
                JSON_PREFIX,
                '{"name":"',
                Json.escape(params.collectionName),
                " \\u0023",
                Format.u(params.tokenId),
                '",',
                Json.str("description", params.description),
                ',"image":"',
                imagePrefix
            );
    }

    /// @notice A token's reproducibility fields (seed and genome once revealed; generation, birth
    /// and current epoch) and the renderer's address and `version`, comma-separated.
    function tokenFields(
        Phenotype calldata ph,
        bool revealed,
        string memory version
    ) internal view returns (string memory out) {
        if (revealed) {
            out = string.concat(
                Json.trusted("seed", Format.hex32(ph.seed)),
                ",",
                Json.trusted("genome", Format.hex32(ph.genome)),
                ","
            );
        }
        return
            string.concat(
                out,
                Json.raw("generation", Format.u(ph.generation)),
                ",",
                Json.raw("birth_epoch", Format.u(ph.birthEpoch)),
                ",",
                Json.raw("current_epoch", Format.u(ph.currentEpoch)),
                ",",
                rendererFields(version)
            );
    }

    /// @notice A collection's royalty and supply fields, the renderer's, and its `external_link` when set, comma-separated.
    function collectionFields(
        CollectionRenderParams calldata params,
        string memory version
    ) internal view returns (string memory) {
        return
            string.concat(
                Json.raw("seller_fee_basis_points", Format.u(params.royaltyBps)),
                ",",
                Json.trusted("fee_recipient", Strings.toChecksumHexString(params.royaltyReceiver)),
                ",",
                Json.raw("max_supply", Format.u(params.maxSupply)),
                ",",
                rendererFields(version),
                bytes(params.externalLink).length == 0
                    ? ""
                    : string.concat(",", Json.trusted("external_link", params.externalLink))
            );
    }

    /// @notice `"renderer":"<this contract>","renderer_version":"<version>"`.
    function rendererFields(string memory version) internal view returns (string memory) {
        return
            string.concat(
                Json.trusted("renderer", Strings.toChecksumHexString(address(this))),
                ",",
                Json.trusted("renderer_version", version)
            );
    }

    /// @notice `data:application/json;base64,...` ERC-7496 trait metadata (keys, types, labels).
    function traitMetadataURI() internal pure returns (string memory) {
        string memory json = string.concat(
            '{"traits":{"stage":{"displayName":"Stage","validateOnSale":"requireEq","dataType":{"type":"string","valueMappings":{',
            valueMapping(0, "Egg"),
            ",",
            valueMapping(1, "Hatchling"),
            ",",
            valueMapping(2, "Juvenile"),
            ",",
            valueMapping(3, "Adult"),
            ",",
            valueMapping(4, "Ascended"),
            '}}},"generation":{"displayName":"Generation","validateOnSale":"requireEq","dataType":{"type":"decimal","signed":false,"bits":8,"decimals":0}},',
            '"age":{"displayName":"Age","dataType":{"type":"decimal","signed":false,"bits":32,"decimals":0}},',
            '"vitality":{"displayName":"Vitality","dataType":{"type":"decimal","signed":false,"bits":16,"decimals":2}},'
        );
        json = string.concat(
            json,
            '"mood":{"displayName":"Mood","dataType":{"type":"string","valueMappings":{',
            valueMapping(0, "Calm"),
            ",",
            valueMapping(1, "Sunny"),
            ",",
            valueMapping(2, "Stormy"),
            '}}},"temperament":{"displayName":"Temperament","dataType":{"type":"string","valueMappings":{',
            valueMapping(0, "Serene"),
            ",",
            valueMapping(1, "Bold"),
            ",",
            valueMapping(2, "Wary"),
            ",",
            valueMapping(3, "Restless"),
            '}}},"revealed":{"displayName":"Revealed","dataType":{"type":"boolean"}},',
            '"metamorphosisPending":{"displayName":"Metamorphosis Pending","validateOnSale":"requireEq","dataType":{"type":"boolean"}},',
            '"genome":{"displayName":"Genome","dataType":{"type":"string"}}}}'
        );
        return string.concat(_JSON_BASE64_PREFIX, Base64.encode(bytes(json)));
    }

    /// @notice The `"provenance":{...}` member of token and collection JSON.
    function provenance(Provenance calldata p) internal pure returns (string memory) {
        return
            string.concat(
                '"provenance":{',
                Json.trusted("model_hash", Format.hex32(uint256(p.modelHash))),
                ",",
                Json.trusted("dataset_hash", Format.hex32(uint256(p.datasetHash))),
                ",",
                Json.str("license", p.licenseURI),
                ",",
                Json.str("generator", p.generatorName),
                ",",
                Json.str("generator_version", p.generatorVersion),
                ",",
                Json.raw("locked", Format.boolean(p.locked)),
                "}"
            );
    }

    /// @notice Stage, generation, age, vitality, mood and temperament of a revealed token, as
    /// OpenSea attributes (comma-separated, no trailing comma).
    function lifeAttributes(Phenotype calldata ph) internal pure returns (string memory) {
        return
            string.concat(
                Json.attr("Stage", stageName(ph.stage)),
                ",",
                Json.attrNumber("number", "Generation", Format.u(ph.generation)),
                ",",
                Json.attrNumber("number", "Age", Format.u(ph.age)),
                ",",
                Json.attrNumber("boost_percentage", "Vitality", Format.bps(ph.vitality)),
                ",",
                Json.attr("Mood", ["Calm", "Sunny", "Stormy"][uint8(ph.mood)]),
                ",",
                Json.attr("Temperament", ["Serene", "Bold", "Wary", "Restless"][uint8(ph.temperament)])
            );
    }

    /// @notice The attributes of an egg (not yet revealed): stage, stage level, birth epoch.
    function eggAttributes(Phenotype calldata ph) internal pure returns (string memory) {
        return
            string.concat(
                Json.attr("Stage", "Egg"),
                ",",
                Json.attrNumber("number", "Stage Level", "0"),
                ",",
                Json.attrNumber("number", "Birth Epoch", Format.u(ph.birthEpoch)),
                ",",
                Json.attr("Revealed", "false")
            );
    }

    /// @dev `"0x<64 hex digits of i>":"label"` for an ERC-7496 value mapping.
    function valueMapping(uint256 i, string memory label) internal pure returns (string memory) {
        return string.concat('"', Format.hex32(i), '":"', label, '"');
    }

    /// @notice The stage's name.
    function stageName(Stage stage) internal pure returns (string memory) {
        return ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"][uint8(stage)];
    }
}
