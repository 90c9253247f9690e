// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPackRenderer, PackIndexProblem} from "../interfaces/IPackRenderer.sol";
import {SSTORE2} from "solady/src/utils/SSTORE2.sol";

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
    /// @dev The first byte of a pixel layer's page (an SVG page starts with `<`).
    uint256 internal constant PIXEL_PAGE = 1;
    /// @dev The largest pixel grid, per side.
    uint256 private constant _MAX_GRID = 64;
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
    /// layer (an SVG page copied straight from its code, or a pixel page drawn as rects), the
    /// footer. Reads only these pages.
    function svg(bytes memory idx, PackLayer[] memory layers) internal view returns (bytes memory out) {
        bytes memory head = abi.encodePacked(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ',
            Format.u(_u16(idx, 1)),
            " ",
            Format.u(_u16(idx, 1)),
            '">'
        );
        bytes[] memory drawn = new bytes[](layers.length); // pixel layers' fragments; empty for SVG pages
        uint256 total = head.length + 6;
        for (uint256 i = 0; i < layers.length; ++i) {
            address page = layers[i].page;
            if (_codeByte(page, 1) == PIXEL_PAGE) {
                drawn[i] = _pixels(page);
                total += drawn[i].length;
            } else {
                total += page.code.length - 1;
            }
        }
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
                let fragment := mload(add(drawn, mul(0x20, add(i, 1))))
                switch mload(fragment)
                case 0 {
                    let page := mload(mload(add(layers, mul(0x20, add(i, 1)))))
                    let size := sub(extcodesize(page), 1)
                    extcodecopy(page, o, 1, size)
                    o := add(o, size)
                }
                default {
                    mcopy(o, add(fragment, 0x20), mload(fragment))
                    o := add(o, mload(fragment))
                }
            }
            mstore(o, shl(208, 0x3c2f7376673e)) // "</svg>" (the word's zeros land past the end, in free memory)
        }
    }

    /// @dev The fragment a pixel page draws: `<g transform="scale(S)" shape-rendering="crispEdges">`,
    /// a `<rect x y width height="1" fill="rgb(r,g,b)"/>` per coloured run, `</g>` (the same bytes
    /// as tasks/lib/pack/pixels.ts). Layout: [0] 0x01 | [1] scale | [2] top | [3] left | [4] bottom
    /// | [5] right | [6] palette size n | n x rgb | runs of (length, colour; 0 = clear), row by row
    /// over the box. The page was checked by `check` when the pack was set.
    function _pixels(address page) private view returns (bytes memory out) {
        bytes memory p = SSTORE2.read(page);
        uint256 n = _u8(p, 6);
        uint256[] memory fills = new uint256[](n + 1); // "rgb(r,g,b)" left-aligned, its length in the low byte
        assembly ("memory-safe") {
            function dec(d, v) -> e {
                switch lt(v, 10)
                case 1 {
                    mstore8(d, add(48, v))
                    e := add(d, 1)
                }
                default {
                    switch lt(v, 100)
                    case 1 {
                        mstore8(d, add(48, div(v, 10)))
                        mstore8(add(d, 1), add(48, mod(v, 10)))
                        e := add(d, 2)
                    }
                    default {
                        mstore8(d, add(48, div(v, 100)))
                        mstore8(add(d, 1), add(48, mod(div(v, 10), 10)))
                        mstore8(add(d, 2), add(48, mod(v, 10)))
                        e := add(d, 3)
                    }
                }
            }
            let src := add(p, 0x20)
            let scratch := mload(0x40) // free memory: each fill is written here, then kept in `fills`
            for {
                let c := 1
            } iszero(gt(c, n)) {
                c := add(c, 1)
            } {
                let q := add(src, add(7, mul(3, sub(c, 1))))
                mstore(scratch, 0x7267622800000000000000000000000000000000000000000000000000000000) // "rgb("
                let d := dec(add(scratch, 4), byte(0, mload(q)))
                mstore8(d, 0x2c)
                d := dec(add(d, 1), byte(0, mload(add(q, 1))))
                mstore8(d, 0x2c)
                d := dec(add(d, 1), byte(0, mload(add(q, 2))))
                mstore8(d, 0x29)
                mstore(add(fills, mul(0x20, c)), or(mload(scratch), sub(add(d, 1), scratch)))
            }
            out := mload(0x40)
            let d := add(out, 0x20)
            mstore(d, 0x3c67207472616e73666f726d3d227363616c6528000000000000000000000000) // <g transform="scale(
            d := dec(add(d, 20), byte(0, mload(add(src, 1))))
            mstore(d, 0x29222073686170652d72656e646572696e673d2263726973704564676573223e) // )" shape-rendering="crispEdges">
            d := add(d, 32)
            let y := byte(0, mload(add(src, 2)))
            let left := byte(0, mload(add(src, 3)))
            let right := byte(0, mload(add(src, 5)))
            let x := left
            let end := add(src, mload(p))
            for {
                let k := add(src, add(7, mul(3, n)))
            } lt(k, end) {
                k := add(k, 2)
            } {
                let len := byte(0, mload(k))
                let c := byte(0, mload(add(k, 1)))
                if c {
                    mstore(d, 0x3c7265637420783d220000000000000000000000000000000000000000000000) // <rect x="
                    d := dec(add(d, 9), x)
                    mstore(d, 0x2220793d22000000000000000000000000000000000000000000000000000000) // " y="
                    d := dec(add(d, 5), y)
                    mstore(d, 0x222077696474683d220000000000000000000000000000000000000000000000) // " width="
                    d := dec(add(d, 9), len)
                    mstore(d, 0x22206865696768743d2231222066696c6c3d2200000000000000000000000000) // " height="1" fill="
                    d := add(d, 19)
                    let f := mload(add(fills, mul(0x20, c)))
                    mstore(d, and(f, not(0xff)))
                    d := add(d, and(f, 0xff))
                    mstore(d, 0x222f3e0000000000000000000000000000000000000000000000000000000000) // "/>
                    d := add(d, 3)
                }
                x := add(x, len)
                if eq(x, right) {
                    x := left
                    y := add(y, 1)
                }
            }
            mstore(d, 0x3c2f673e00000000000000000000000000000000000000000000000000000000) // </g>
            d := add(d, 4)
            mstore(out, sub(d, add(out, 0x20)))
            mstore(0x40, and(add(d, 63), not(31)))
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
            (o, variants) = _checkSlot(idx, o, canvas);
            layers += variants;
        }
        if (o != idx.length) _fail(o, PackIndexProblem.TrailingBytes);
    }

    function _checkSlot(bytes memory idx, uint256 o, uint256 canvas) private view returns (uint256, uint256 variants) {
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
            if (page.code.length < 2 || _codeByte(page, 0) != 0) _fail(o + 2, PackIndexProblem.Page);
            if (_codeByte(page, 1) == PIXEL_PAGE && !_pixelsWellFormed(SSTORE2.read(page), canvas))
                _fail(o + 2, PackIndexProblem.Pixels);
            if (_u8(idx, o + 22) > 2) _fail(o + 22, PackIndexProblem.Origin);
            o = _checkText(idx, _checkText(idx, o + 23, 32), 49);
        }
        if (sum == 0 || sum != total) _fail(totalAt, PackIndexProblem.Weights);
        return (o, variants);
    }

    /// @dev A pixel page (layout at `_pixels`) draws inside the canvas: a scale dividing it into a
    /// grid of at most 64 a side, a box inside the grid, 1..255 colours, and runs of 1..255 pixels
    /// of a known colour that fill the box row by row, none crossing a row's end.
    function _pixelsWellFormed(bytes memory p, uint256 canvas) private pure returns (bool) {
        if (p.length < 12) return false;
        uint256 scale = _u8(p, 1);
        if (scale == 0 || canvas % scale != 0 || canvas / scale > _MAX_GRID) return false;
        (uint256 y, uint256 left, uint256 bottom, uint256 right) = (_u8(p, 2), _u8(p, 3), _u8(p, 4), _u8(p, 5));
        if (y >= bottom || left >= right || bottom > canvas / scale || right > canvas / scale) return false;
        uint256 n = _u8(p, 6);
        uint256 k = 7 + 3 * n;
        if (n == 0 || k >= p.length || (p.length - k) % 2 != 0) return false;
        uint256 x = left;
        for (; k < p.length; k += 2) {
            uint256 len = _u8(p, k);
            if (len == 0 || _u8(p, k + 1) > n || y >= bottom || x + len > right) return false;
            x += len;
            if (x == right) (x, y) = (left, y + 1);
        }
        return y == bottom;
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

    /// @dev Byte `i` of `page`'s code (0 past its end).
    function _codeByte(address page, uint256 i) private view returns (uint256 b) {
        assembly ("memory-safe") {
            mstore(0, 0)
            extcodecopy(page, 0, i, 1)
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
