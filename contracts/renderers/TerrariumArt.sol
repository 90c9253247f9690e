// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SceneArt} from "../libraries/SceneArt.sol";

/// @notice A creature drawn by `OrganismArt`, ready to be placed in the terrarium.
struct Creature {
    string defs; // gradients, clip path and templates
    string body; // the creature group
    string flora; // plant colour
    string glow; // plant-tip glow colour
}

/// @title TerrariumArt
/// @notice Stateless art engine of `LivingAssetRenderer` that draws the terrarium (weather of
/// the market mood, temperament tint, the tank of the token's identity, the caption's plaque)
/// around a creature, or the unrevealed egg. A contract of its own only to keep each piece under
/// the EIP-170 limit.
/// @dev No storage, no owner; anyone may call. `title` and `subtitle` must already be XML-escaped.
contract TerrariumArt {
    string private constant _SVG_OPEN =
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 512 512' width='512' height='512'>";

    /// @notice The full SVG of a revealed token.
    /// @param mood 0 Calm, 1 Sunny, 2 Stormy. @param temperament 0..3, tints the water.
    /// @param tank a hash of the identity genes: frame, ground, light shafts and plants (see `SceneArt`).
    /// @param chars length of the caption's longer line, for the plaque's width.
    function compose(
        uint8 mood,
        uint8 temperament,
        uint256 tank,
        Creature calldata c,
        string calldata title,
        string calldata subtitle,
        uint256 chars
    ) external pure returns (string memory) {
        string memory back = string.concat(
            _SVG_OPEN,
            "<defs>",
            SceneArt.defs(mood, tank),
            c.defs,
            "</defs>",
            SceneArt.backdrop(mood, temperament, tank),
            SceneArt.ground(tank, c.flora, c.glow)
        );
        return
            string.concat(
                back,
                c.body,
                SceneArt.foreground(mood),
                SceneArt.glass(tank),
                SceneArt.plaque(title, subtitle, chars),
                "</svg>"
            );
    }

    /// @notice The unrevealed egg: identical for every token but for its caption.
    function egg(string calldata title, string calldata subtitle, uint256 chars) external pure returns (string memory) {
        return
            string.concat(
                _SVG_OPEN,
                "<defs>",
                SceneArt.defs(0, 0),
                "</defs>",
                SceneArt.backdrop(0, 0, 0),
                SceneArt.ground((uint256(0x5a17c0ffee) << 64) | (2 << 24), "hsl(165,22%,34%)", "hsl(46,90%,72%)"),
                SceneArt.egg(),
                SceneArt.foreground(0),
                SceneArt.glass(0),
                SceneArt.plaque(title, subtitle, chars),
                "</svg>"
            );
    }
}
