// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPackRenderer, PackIndexProblem} from "../interfaces/IPackRenderer.sol";
import {Format} from "./Format.sol";

/// @notice What one token needs in the state its picture depends on.
struct PackState {
    uint256 genome; // 0 while unrevealed
    uint256 stage; // Stage enum
    uint256 mood; // Mood enum
    uint256 vitality; // basis points
    uint256 generation;
}

/// @notice One slot's layer chosen for a token. Texts are references into the index:
/// `offset << 8 | length`.
struct PackLayer {
    address page;
    uint8 origin; // 0 human, 1 ai, 2 ai-curated
    uint256 slotName;
    uint256 variantName;
    uint256 tool;
}

/// @title PackIndex
/// @notice Reads and checks the binary index of an art pack (written by `pack upload` from
/// `pack.json`, see tasks/lib/pack/encode.ts) and composes a token's layers from it.
/// @dev Layout, big-endian, texts as a length byte then the bytes:
///   [0] u8 version (1) | [1] u16 canvas | [3] u8 slot count | text name | text creator | text license
///   then per slot: text name | u8 genome field | u8 rule count | u8 variant count | u16 total weight
///     | rules, 5 bytes each: u8 stage mask (bit = Stage), u8 mood mask (bit = Mood),
///       u8 vitality below (percent, 0 = any), u8 generation at least (0 = any), u8 variant
///     | variants: u16 weight | 20-byte page address | u8 origin | text name | text tool
/// A slot shows the variant of its first rule whose conditions all hold, else the one its
/// genome field picks: `field % total`, walked through the weights in order.
library PackIndex {
    uint256 internal constant VERSION = 1;
    uint256 private constant _MAX_SLOTS = 12;
    uint256 private constant _MAX_VARIANTS = 32;
    uint256 private constant _MAX_RULES = 16;

    // -------------------------------------------------------------------------------------
    // Composition (the index is trusted here: it was checked by `check` when set)
    // -------------------------------------------------------------------------------------

    /// @notice The layer each slot shows in state `s`, in drawing order.
    function compose(bytes memory idx, PackState memory s) internal pure returns (PackLayer[] memory layers) {
        layers = new PackLayer[](_u8(idx, 3));
        uint256 o = _skipText(idx, _skipText(idx, _skipText(idx, 4)));
        for (uint256 i = 0; i < layers.length; ++i) o = _slot(idx, o, s, layers[i]);
    }

    /// @dev Fills `layer` from the slot at `o` and returns the offset after the slot.
    function _slot(
        bytes memory idx,
        uint256 o,
        PackState memory s,
        PackLayer memory layer
    ) private pure returns (uint256) {
        layer.slotName = _ref(idx, o);
        o += 1 + _u8(idx, o);
        uint256 rules = _u8(idx, o + 1);
        uint256 variants = _u8(idx, o + 2);
        uint256 pick = ((s.genome >> (16 * _u8(idx, o))) & 0xffff) % _u16(idx, o + 3);
        o += 5;
        uint256 target = type(uint256).max;
        for (uint256 r = 0; r < rules; ++r) {
            if (target == type(uint256).max && _holds(idx, o, s)) target = _u8(idx, o + 4);
            o += 5;
        }
        bool byWeight = target == type(uint256).max;
        for (uint256 v = 0; v < variants; ++v) {
            if (byWeight) {
                uint256 weight = _u16(idx, o);
                if (pick < weight) {
                    target = v;
                    byWeight = false; // chosen: no later variant is
                } else {
                    pick -= weight;
                }
            }
            if (v == target) {
                layer.page = _address(idx, o + 2);
                layer.origin = uint8(_u8(idx, o + 22));
                layer.variantName = _ref(idx, o + 23);
                layer.tool = _ref(idx, _skipText(idx, o + 23));
            }
            o = _skipText(idx, _skipText(idx, o + 23));
        }
        return o;
    }

    /// @notice The SVG of `layers` on the pack's canvas, built in one buffer: the header, each
    /// layer's page copied straight from its code, the footer. Reads only these pages.
    function svg(bytes memory idx, PackLayer[] memory layers) internal view returns (bytes memory out) {
        bytes memory head = abi.encodePacked(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ',
            Format.u(_u16(idx, 1)),
            " ",
            Format.u(_u16(idx, 1)),
            '">'
        );
        uint256 total = head.length + 6;
        for (uint256 i = 0; i < layers.length; ++i) total += layers[i].page.code.length - 1;
        out = new bytes(total);
        assembly ("memory-safe") {
            let o := add(out, 0x20)
            mcopy(o, add(head, 0x20), mload(head))
            o := add(o, mload(head))
            let n := mload(layers)
            for {
                let i := 0
            } lt(i, n) {
                i := add(i, 1)
            } {
                let page := mload(mload(add(layers, mul(0x20, add(i, 1)))))
                let size := sub(extcodesize(page), 1)
                extcodecopy(page, o, 1, size)
                o := add(o, size)
            }
            mstore(o, shl(208, 0x3c2f7376673e)) // "</svg>" (the word's zeros land past the end, in free memory)
        }
    }

    /// @notice The text `ref` (from `compose`) points to.
    function text(bytes memory idx, uint256 ref) internal pure returns (string memory out) {
        uint256 len = ref & 0xff;
        out = new string(len);
        assembly ("memory-safe") {
            mcopy(add(out, 0x20), add(add(idx, 0x20), shr(8, ref)), len)
        }
    }

    /// @notice The pack's name, creator and license.
    function labels(
        bytes memory idx
    ) internal pure returns (string memory name, string memory creator, string memory license) {
        uint256 o = 4;
        name = text(idx, _ref(idx, o));
        o = _skipText(idx, o);
        creator = text(idx, _ref(idx, o));
        license = text(idx, _ref(idx, _skipText(idx, o)));
    }

    /// @notice The pack's layer count and how many of them are AI-made (`ai` or `ai-curated`).
    function origins(bytes memory idx) internal pure returns (uint256 layers, uint256 ai) {
        uint256 slots = _u8(idx, 3);
        uint256 o = _skipText(idx, _skipText(idx, _skipText(idx, 4)));
        for (uint256 i = 0; i < slots; ++i) {
            o = _skipText(idx, o);
            uint256 variants = _u8(idx, o + 2);
            o += 5 + 5 * _u8(idx, o + 1);
            for (uint256 v = 0; v < variants; ++v) {
                ++layers;
                if (_u8(idx, o + 22) != 0) ++ai;
                o = _skipText(idx, _skipText(idx, o + 23));
            }
        }
    }

    // -------------------------------------------------------------------------------------
    // Checking an index before it is set
    // -------------------------------------------------------------------------------------

    /// @notice Checks every field of `idx`; reverts `PackIndexInvalid(offset, problem)` at the
    /// first one wrong. Returns the slot and layer counts.
    function check(bytes memory idx) internal view returns (uint256 slots, uint256 layers) {
        _need(idx, 0, 4);
        if (_u8(idx, 0) != VERSION) _fail(0, PackIndexProblem.Version);
        uint256 canvas = _u16(idx, 1);
        if (canvas < 16 || canvas > 4096) _fail(1, PackIndexProblem.Canvas);
        slots = _u8(idx, 3);
        if (slots == 0 || slots > _MAX_SLOTS) _fail(3, PackIndexProblem.SlotCount);
        uint256 o = _checkText(idx, 4, 32);
        o = _checkText(idx, o, 64);
        o = _checkText(idx, o, 96);
        for (uint256 i = 0; i < slots; ++i) {
            uint256 variants;
            (o, variants) = _checkSlot(idx, o);
            layers += variants;
        }
        if (o != idx.length) _fail(o, PackIndexProblem.TrailingBytes);
    }

    function _checkSlot(bytes memory idx, uint256 o) private view returns (uint256, uint256 variants) {
        o = _checkText(idx, o, 24);
        _need(idx, o, 5);
        if (_u8(idx, o) > 15) _fail(o, PackIndexProblem.Gene);
        uint256 rules = _u8(idx, o + 1);
        if (rules > _MAX_RULES) _fail(o + 1, PackIndexProblem.RuleCount);
        variants = _u8(idx, o + 2);
        if (variants == 0 || variants > _MAX_VARIANTS) _fail(o + 2, PackIndexProblem.VariantCount);
        uint256 total = _u16(idx, o + 3);
        uint256 totalAt = o + 3;
        o += 5;
        _need(idx, o, 5 * rules);
        for (uint256 r = 0; r < rules; ++r) {
            uint256 stages = _u8(idx, o);
            uint256 moods = _u8(idx, o + 1);
            if (stages == 0 || stages > 31 || moods == 0 || moods > 7 || _u8(idx, o + 2) > 100)
                _fail(o, PackIndexProblem.RuleCondition);
            if (_u8(idx, o + 4) >= variants) _fail(o + 4, PackIndexProblem.RuleVariant);
            o += 5;
        }
        uint256 sum;
        for (uint256 v = 0; v < variants; ++v) {
            _need(idx, o, 23);
            sum += _u16(idx, o);
            address page = _address(idx, o + 2);
            if (page.code.length < 2 || _firstCodeByte(page) != 0) _fail(o + 2, PackIndexProblem.Page);
            if (_u8(idx, o + 22) > 2) _fail(o + 22, PackIndexProblem.Origin);
            o = _checkText(idx, _checkText(idx, o + 23, 32), 49);
        }
        if (sum == 0 || sum != total) _fail(totalAt, PackIndexProblem.Weights);
        return (o, variants);
    }

    /// @dev A text at `o` of 1..`max` bytes, each printable ASCII but `"`, `#`, `%` and `\` (so
    /// it goes into JSON and SVG as it is). Returns the offset after it.
    function _checkText(bytes memory idx, uint256 o, uint256 max) private pure returns (uint256) {
        _need(idx, o, 1);
        uint256 len = _u8(idx, o);
        if (len == 0 || len > max) _fail(o, PackIndexProblem.Text);
        _need(idx, o + 1, len);
        for (uint256 k = o + 1; k <= o + len; ++k) {
            uint256 c = _u8(idx, k);
            if (c < 0x20 || c > 0x7e || c == 0x22 || c == 0x23 || c == 0x25 || c == 0x5c)
                _fail(k, PackIndexProblem.Text);
        }
        return o + 1 + len;
    }

    function _need(bytes memory idx, uint256 o, uint256 n) private pure {
        if (o + n > idx.length) _fail(idx.length, PackIndexProblem.Truncated);
    }

    function _fail(uint256 offset, PackIndexProblem problem) private pure {
        revert IPackRenderer.PackIndexInvalid(offset, problem);
    }

    // -------------------------------------------------------------------------------------
    // Reading
    // -------------------------------------------------------------------------------------

    function _holds(bytes memory idx, uint256 o, PackState memory s) private pure returns (bool) {
        uint256 vitalityBelow = _u8(idx, o + 2);
        return
            (_u8(idx, o) >> s.stage) & 1 == 1 &&
            (_u8(idx, o + 1) >> s.mood) & 1 == 1 &&
            (vitalityBelow == 0 || s.vitality < vitalityBelow * 100) &&
            s.generation >= _u8(idx, o + 3);
    }

    function _firstCodeByte(address page) private view returns (uint256 b) {
        assembly ("memory-safe") {
            extcodecopy(page, 0, 0, 1)
            b := byte(0, mload(0))
        }
    }

    function _u8(bytes memory b, uint256 o) private pure returns (uint256 v) {
        assembly ("memory-safe") {
            v := byte(0, mload(add(add(b, 0x20), o)))
        }
    }

    function _u16(bytes memory b, uint256 o) private pure returns (uint256 v) {
        assembly ("memory-safe") {
            v := shr(240, mload(add(add(b, 0x20), o)))
        }
    }

    function _address(bytes memory b, uint256 o) private pure returns (address a) {
        assembly ("memory-safe") {
            a := shr(96, mload(add(add(b, 0x20), o)))
        }
    }

    function _ref(bytes memory idx, uint256 o) private pure returns (uint256) {
        return ((o + 1) << 8) | _u8(idx, o);
    }

    function _skipText(bytes memory idx, uint256 o) private pure returns (uint256) {
        return o + 1 + _u8(idx, o);
    }
}
