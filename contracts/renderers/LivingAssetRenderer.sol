// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IRenderer, Stage, Phenotype, TokenRenderParams, CollectionRenderParams} from "../interfaces/IRenderer.sol";
import {Format} from "../libraries/Format.sol";
import {Genes, Genome} from "../libraries/Genome.sol";
import {Json} from "../libraries/Json.sol";
import {RenderJson} from "../libraries/RenderJson.sol";
import {OrganismArt} from "./OrganismArt.sol";
import {Creature, TerrariumArt} from "./TerrariumArt.sol";

/// @title LivingAssetRenderer
/// @notice Stateless on-chain renderer of Vivarium living assets: SVG art of a bioluminescent
/// creature in a terrarium, token JSON (OpenSea attributes plus reproducibility fields),
/// ERC-7572 collection JSON and ERC-7496 trait metadata.
/// @dev No storage and no owner: anyone may call every function. Its only external calls are two
/// view calls to the art contracts given to its constructor (`organismArt.draw` and
/// `terrariumArt.compose` for a revealed token, `terrariumArt.egg` for an egg; deployed first,
/// so that this contract's initcode stays small), whose addresses are immutable, so the output is
/// a pure function of the params and this contract's address. Untrusted strings
/// (names, descriptions, provenance text) are escaped by `Json.escape` / `Json.escapeXml`.
contract LivingAssetRenderer is IRenderer {
    string private constant _VERSION = "1.2.0";
    /// @dev The image: the SVG percent-encoded by `Json.uriData`, inside the JSON string.
    string private constant _SVG_PREFIX = "data:image/svg+xml;utf8,";
    /// @dev Longest collection name drawn on an image's plaque, in bytes (the JSON keeps it
    /// whole); the plaque's widest caption stays clear of the creature (test/renderer/life.test.ts).
    uint256 private constant _LABEL_BYTES = 48;

    /// @notice Draws the creature; deployed before this renderer.
    OrganismArt public immutable organismArt;
    /// @notice Draws the terrarium and the egg; deployed before this renderer.
    TerrariumArt public immutable terrariumArt;

    /// @param organism the `OrganismArt` to draw with. @param terrarium the `TerrariumArt`.
    constructor(OrganismArt organism, TerrariumArt terrarium) {
        organismArt = organism;
        terrariumArt = terrarium;
    }

    // -------------------------------------------------------------------------------------
    // External
    // -------------------------------------------------------------------------------------

    /// @inheritdoc IRenderer
    function tokenURI(TokenRenderParams calldata params) external view virtual returns (string memory) {
        return _tokenJson(params);
    }

    /// @inheritdoc IRenderer
    function contractURI(CollectionRenderParams calldata params) external view virtual returns (string memory) {
        string memory json = string.concat(
            "{",
            Json.str("name", params.name),
            ",",
            Json.str("description", params.description),
            ",",
            Json.trusted("image", string.concat(_SVG_PREFIX, Json.uriData(_eggOf(params.name, "")))),
            ",",
            RenderJson.collectionFields(params, _VERSION),
            ",",
            RenderJson.provenance(params.provenance),
            "}"
        );
        return string.concat(RenderJson.JSON_PREFIX, json);
    }

    /// @inheritdoc IRenderer
    function traitMetadataURI() external pure virtual returns (string memory) {
        return RenderJson.traitMetadataURI();
    }

    /// @inheritdoc IRenderer
    function svg(TokenRenderParams calldata params) external view virtual returns (string memory) {
        return _svg(params);
    }

    /// @inheritdoc IRenderer
    function version() external pure virtual returns (string memory) {
        return _VERSION;
    }

    // -------------------------------------------------------------------------------------
    // Internal: JSON
    // -------------------------------------------------------------------------------------

    /// @dev The whole token URI. The image, the bulk of it, is copied once: the text before
    /// and after it is built first, then everything is joined in one `string.concat`.
    function _tokenJson(TokenRenderParams calldata params) internal view returns (string memory) {
        Phenotype calldata ph = params.phenotype;
        string memory head = RenderJson.tokenHead(params, _SVG_PREFIX);
        string memory tail = string.concat(
            '","attributes":[',
            _attributes(ph),
            "],",
            RenderJson.tokenFields(ph, _isRevealed(ph), _VERSION),
            ",",
            RenderJson.provenance(params.provenance),
            "}"
        );
        return string.concat(head, Json.uriData(_svg(params)), tail);
    }

    function _attributes(Phenotype calldata ph) internal pure returns (string memory out) {
        if (!_isRevealed(ph)) return RenderJson.eggAttributes(ph);
        Genes memory g = Genome.decode(ph.genome);
        out = string.concat(
            RenderJson.lifeAttributes(ph),
            ",",
            Json.attr("Palette", Genome.paletteName(g.palette)),
            ",",
            Json.attr("Body", Genome.bodyName(g.body)),
            ",",
            Json.attr("Pattern", Genome.patternName(g.pattern)),
            ",",
            Json.attr("Symmetry", Genome.symmetryName(g.symmetry)),
            ",",
            Json.attrNumber("number", "Eyes", Format.u(g.eyes)),
            ",",
            Json.attrNumber("number", "Birth Epoch", Format.u(ph.birthEpoch)),
            ",",
            Json.attrNumber("number", "Nurtured", Format.u(ph.nurtureCount)),
            ",",
            Json.attr("Revealed", "true"),
            ",",
            Json.attr("Metamorphosis Pending", Format.boolean(ph.metamorphosisPending)),
            ",",
            Json.attr("Genome", Format.hex32(ph.genome))
        );
    }

    // -------------------------------------------------------------------------------------
    // Internal: SVG
    // -------------------------------------------------------------------------------------

    function _svg(TokenRenderParams calldata params) internal view returns (string memory) {
        Phenotype calldata ph = params.phenotype;
        if (!_isRevealed(ph)) {
            return _eggOf(params.collectionName, string.concat("#", Format.u(params.tokenId), " Egg"));
        }
        Creature memory c;
        (c.defs, c.body, c.flora, c.glow) = organismArt.draw(
            ph.genome,
            ph.vitality,
            uint8(ph.stage),
            uint8(ph.temperament),
            ph.age
        );
        string memory name = Json.truncate(params.collectionName, _LABEL_BYTES);
        string memory subtitle = string.concat("#", Format.u(params.tokenId), " ", RenderJson.stageName(ph.stage));
        return
            terrariumArt.compose(
                uint8(ph.mood),
                uint8(ph.temperament),
                uint256(keccak256(abi.encode(ph.genome & Genome.IDENTITY_MASK, "tank"))),
                c,
                Json.escapeXml(name),
                subtitle,
                _max(bytes(name).length, bytes(subtitle).length)
            );
    }

    /// @dev The egg with the caption `name` (cut and escaped here) over `subtitle`.
    function _eggOf(string calldata name, string memory subtitle) internal view returns (string memory) {
        string memory cut = Json.truncate(name, _LABEL_BYTES);
        return terrariumArt.egg(Json.escapeXml(cut), subtitle, _max(bytes(cut).length, bytes(subtitle).length));
    }

    function _max(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a : b;
    }

    function _isRevealed(Phenotype calldata ph) internal pure returns (bool) {
        return ph.revealed && ph.stage != Stage.Egg;
    }
}
