// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Format} from "./Format.sol";

/// @title Svg
/// @notice Small SVG element builders, colour and number helpers, and integer trigonometry.
/// @dev Builders take trusted attribute text: callers escape untrusted strings with
/// `Json.escapeXml` first.
library Svg {
    // Sine of 0..95 degrees times 10_000, 16 bits each, 16 per word (entries above 90 repeat 1).
    uint256 private constant _SIN0 = 0x000000af015d020b02ba0368041504c30570061c06c80774081f08ca09730a1c;
    uint256 private constant _SIN1 = 0x0ac40b6c0c120cb80d5c0e000ea20f430fe31082112011bc125712f01388141e;
    uint256 private constant _SIN2 = 0x14b3154615d8166816f61782180d1895191c19a11a231aa41b231b9f1c191c92;
    uint256 private constant _SIN3 = 0x1d071d7b1dec1e5b1ec81f321f9a2000206220c32120217c21d4222a227d22ce;
    uint256 private constant _SIN4 = 0x231c236723af23f52438247824b524ef2527255b258d25bb25e7261026352658;
    uint256 private constant _SIN5 = 0x2678269526af26c526d926ea26f82702270a270e271027102710271027102710;

    // -------------------------------------------------------------------------------------
    // Elements
    // -------------------------------------------------------------------------------------

    /// @notice A circle at (`x`,`y`) with radius `r` and extra attributes.
    function circle(int256 x, int256 y, int256 r, string memory attrs) internal pure returns (string memory) {
        return string.concat("<circle cx='", n(x), "' cy='", n(y), "' r='", n(r), "' ", attrs, "/>");
    }

    /// @notice `circle(x, y, r, attrs)` for each triple (x, y, r) of `xyr`, as one string.
    /// @dev Written straight into one allocation (numbers included) instead of one
    /// `string.concat` per circle and per number: a pattern of 20 marks costs a fifth as much.
    function circles(int256[] memory xyr, string memory attrs) internal pure returns (string memory out) {
        assembly ("memory-safe") {
            // Decimal of signed `v` at `o`; returns the end. Same text as `n`.
            function writeInt(o, v) -> e {
                if slt(v, 0) {
                    mstore8(o, 0x2d)
                    o := add(o, 1)
                    v := sub(0, v)
                }
                let len := 1
                for {
                    let t := div(v, 10)
                } t {
                    t := div(t, 10)
                } {
                    len := add(len, 1)
                }
                e := add(o, len)
                for {} 1 {} {
                    len := sub(len, 1)
                    mstore8(add(o, len), add(48, mod(v, 10)))
                    v := div(v, 10)
                    if iszero(v) {
                        break
                    }
                }
            }
            out := mload(0x40)
            let o := add(out, 0x20)
            let end := add(add(xyr, 0x20), mul(mload(xyr), 0x20))
            let aLen := mload(attrs)
            for {
                let q := add(xyr, 0x20)
            } lt(q, end) {
                q := add(q, 0x60)
            } {
                mstore(o, "<circle cx='")
                o := writeInt(add(o, 12), mload(q))
                mstore(o, "' cy='")
                o := writeInt(add(o, 6), mload(add(q, 0x20)))
                mstore(o, "' r='")
                o := writeInt(add(o, 5), mload(add(q, 0x40)))
                mstore(o, "' ")
                mcopy(add(o, 2), add(attrs, 0x20), aLen)
                o := add(add(o, 2), aLen)
                mstore(o, "/>")
                o := add(o, 2)
            }
            mstore(out, sub(o, add(out, 0x20)))
            // The last 32-byte store may spill past the end: keep it inside the allocation.
            mstore(0x40, and(add(o, 63), not(31)))
        }
    }

    /// @notice Closed path `M x0,y0 Q x1,y1 x2,y2 Q ... Z` from `xy` = (x0, y0) then groups of
    /// four (control point, end point): the same text as `"M" + pt(..) + ("Q" + pt + pt)* + "Z"`.
    /// @dev One allocation, as `circles`.
    function quadPath(int256[] memory xy) internal pure returns (string memory out) {
        assembly ("memory-safe") {
            // Decimal of signed `v` at `o`; returns the end. Same text as `n`.
            function writeInt(o, v) -> e {
                if slt(v, 0) {
                    mstore8(o, 0x2d)
                    o := add(o, 1)
                    v := sub(0, v)
                }
                let len := 1
                for {
                    let t := div(v, 10)
                } t {
                    t := div(t, 10)
                } {
                    len := add(len, 1)
                }
                e := add(o, len)
                for {} 1 {} {
                    len := sub(len, 1)
                    mstore8(add(o, len), add(48, mod(v, 10)))
                    v := div(v, 10)
                    if iszero(v) {
                        break
                    }
                }
            }
            out := mload(0x40)
            let o := add(out, 0x20)
            let q := add(xy, 0x20)
            let end := add(q, mul(mload(xy), 0x20))
            mstore8(o, 0x4d) // M
            o := writeInt(add(o, 1), mload(q))
            mstore8(o, 0x2c)
            o := writeInt(add(o, 1), mload(add(q, 0x20)))
            mstore8(o, 0x20)
            o := add(o, 1)
            for {
                q := add(q, 0x40)
            } lt(q, end) {
                q := add(q, 0x40)
            } {
                // "Q" before each control point (even pairs), none before end points.
                if iszero(and(shr(6, sub(q, add(xy, 0x60))), 1)) {
                    mstore8(o, 0x51)
                    o := add(o, 1)
                }
                o := writeInt(o, mload(q))
                mstore8(o, 0x2c)
                o := writeInt(add(o, 1), mload(add(q, 0x20)))
                mstore8(o, 0x20)
                o := add(o, 1)
            }
            mstore8(o, 0x5a) // Z
            o := add(o, 1)
            mstore(out, sub(o, add(out, 0x20)))
            mstore(0x40, and(add(o, 63), not(31)))
        }
    }

    /// @notice `use(id, prefix + rotate(deci))` for each `deci` of `decis`, as one string.
    /// @dev One allocation, as `circles`.
    function rotatedUses(
        string memory id,
        string memory prefix,
        uint256[] memory decis
    ) internal pure returns (string memory out) {
        assembly ("memory-safe") {
            // Decimal of `v` (unsigned) at `o`; returns the end.
            function writeUint(o, v) -> e {
                let len := 1
                for {
                    let t := div(v, 10)
                } t {
                    t := div(t, 10)
                } {
                    len := add(len, 1)
                }
                e := add(o, len)
                for {} 1 {} {
                    len := sub(len, 1)
                    mstore8(add(o, len), add(48, mod(v, 10)))
                    v := div(v, 10)
                    if iszero(v) {
                        break
                    }
                }
            }
            out := mload(0x40)
            let o := add(out, 0x20)
            let q := add(decis, 0x20)
            let end := add(q, mul(mload(decis), 0x20))
            let idLen := mload(id)
            let prefixLen := mload(prefix)
            for {} lt(q, end) {
                q := add(q, 0x20)
            } {
                mstore(o, "<use href='#")
                o := add(o, 12)
                mcopy(o, add(id, 0x20), idLen)
                o := add(o, idLen)
                mstore(o, "' transform='")
                o := add(o, 13)
                mcopy(o, add(prefix, 0x20), prefixLen)
                mstore(add(o, prefixLen), "rotate(")
                let d := mload(q)
                o := writeUint(add(add(o, prefixLen), 7), div(d, 10))
                mstore8(o, 0x2e)
                o := writeUint(add(o, 1), mod(d, 10))
                mstore(o, ")'/>")
                o := add(o, 4)
            }
            mstore(out, sub(o, add(out, 0x20)))
            mstore(0x40, and(add(o, 63), not(31)))
        }
    }

    /// @notice An ellipse centred at (`x`,`y`).
    function ellipse(
        int256 x,
        int256 y,
        int256 rx,
        int256 ry,
        string memory attrs
    ) internal pure returns (string memory) {
        return
            string.concat("<ellipse cx='", n(x), "' cy='", n(y), "' rx='", n(rx), "' ry='", n(ry), "' ", attrs, "/>");
    }

    /// @notice `<path d="d" attrs/>`.
    function path(string memory d, string memory attrs) internal pure returns (string memory) {
        return string.concat("<path d='", d, "' ", attrs, "/>");
    }

    /// @notice `<use href="#id" transform="transform"/>`.
    function use(string memory id, string memory transform) internal pure returns (string memory) {
        return string.concat("<use href='#", id, "' transform='", transform, "'/>");
    }

    /// @notice A gradient stop.
    function stop(
        string memory offset,
        string memory colour,
        string memory opacity
    ) internal pure returns (string memory) {
        return string.concat("<stop offset='", offset, "' stop-color='", colour, "' stop-opacity='", opacity, "'/>");
    }

    // -------------------------------------------------------------------------------------
    // Numbers and colours
    // -------------------------------------------------------------------------------------

    /// @notice Signed integer in decimal.
    function n(int256 v) internal pure returns (string memory) {
        return Format.i(v);
    }

    /// @notice A point `x,y` followed by a space.
    /// @dev One allocation (as `circles`) instead of two numbers and a concatenation.
    function pt(int256 x, int256 y) internal pure returns (string memory out) {
        assembly ("memory-safe") {
            // Decimal of signed `v` at `o`; returns the end. Same text as `n`.
            function writeInt(o, v) -> e {
                if slt(v, 0) {
                    mstore8(o, 0x2d)
                    o := add(o, 1)
                    v := sub(0, v)
                }
                let len := 1
                for {
                    let t := div(v, 10)
                } t {
                    t := div(t, 10)
                } {
                    len := add(len, 1)
                }
                e := add(o, len)
                for {} 1 {} {
                    len := sub(len, 1)
                    mstore8(add(o, len), add(48, mod(v, 10)))
                    v := div(v, 10)
                    if iszero(v) {
                        break
                    }
                }
            }
            out := mload(0x40)
            let o := writeInt(add(out, 0x20), x)
            mstore8(o, 0x2c)
            o := writeInt(add(o, 1), y)
            mstore8(o, 0x20)
            o := add(o, 1)
            mstore(out, sub(o, add(out, 0x20)))
            mstore(0x40, and(add(o, 31), not(31)))
        }
    }

    /// @notice `hsl(h,s%,l%)`; `h` wraps at 360, `s` and `l` are clamped to 100.
    /// @dev One allocation, as `pt`.
    function hsl(uint256 h, uint256 s, uint256 l) internal pure returns (string memory out) {
        h %= 360;
        s = s > 100 ? 100 : s;
        l = l > 100 ? 100 : l;
        assembly ("memory-safe") {
            // Decimal of `v` (at most 3 digits here) at `o`; returns the end.
            function writeUint(o, v) -> e {
                let len := add(add(1, gt(v, 9)), gt(v, 99))
                e := add(o, len)
                for {} 1 {} {
                    len := sub(len, 1)
                    mstore8(add(o, len), add(48, mod(v, 10)))
                    v := div(v, 10)
                    if iszero(v) {
                        break
                    }
                }
            }
            out := mload(0x40)
            mstore(add(out, 0x20), "hsl(")
            let o := writeUint(add(out, 0x24), h)
            mstore8(o, 0x2c)
            o := writeUint(add(o, 1), s)
            mstore(o, "%,")
            o := writeUint(add(o, 2), l)
            mstore(o, "%)")
            o := add(o, 2)
            mstore(out, sub(o, add(out, 0x20)))
            mstore(0x40, and(add(o, 63), not(31)))
        }
    }

    /// @notice `rotate(deci / 10)` with one decimal: `rotate(22.5)`.
    function rotate(uint256 deci) internal pure returns (string memory) {
        return string.concat("rotate(", Format.u(deci / 10), ".", Format.u(deci % 10), ")");
    }

    // -------------------------------------------------------------------------------------
    // Trigonometry (angles in tenths of a degree, results times 10_000)
    // -------------------------------------------------------------------------------------

    /// @notice sin(deci / 10 degrees) * 10_000, linearly interpolated between whole degrees.
    /// @dev In assembly: the whole-degree table is six words of sixteen 16-bit entries, the
    /// interpolation `lo + (hi - lo) * (deci % 10) / 10` (hi >= lo: the table rises to 90).
    function sin(uint256 deci) internal pure returns (int256 v) {
        assembly ("memory-safe") {
            function degree(d) -> r {
                let word := _SIN5
                switch shr(4, d)
                case 0 {
                    word := _SIN0
                }
                case 1 {
                    word := _SIN1
                }
                case 2 {
                    word := _SIN2
                }
                case 3 {
                    word := _SIN3
                }
                case 4 {
                    word := _SIN4
                }
                r := and(shr(mul(sub(15, and(d, 15)), 16), word), 0xffff)
            }
            deci := mod(deci, 3600)
            let negative := iszero(lt(deci, 1800))
            if negative {
                deci := sub(deci, 1800)
            }
            if gt(deci, 900) {
                deci := sub(1800, deci)
            }
            let d := div(deci, 10)
            let lo := degree(d)
            v := add(lo, div(mul(sub(degree(add(d, 1)), lo), mod(deci, 10)), 10))
            if negative {
                v := sub(0, v)
            }
        }
    }

    /// @notice cos(deci / 10 degrees) * 10_000.
    function cos(uint256 deci) internal pure returns (int256) {
        return sin(deci + 900);
    }
}
