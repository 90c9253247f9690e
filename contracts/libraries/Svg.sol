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
    function pt(int256 x, int256 y) internal pure returns (string memory) {
        return string.concat(n(x), ",", n(y), " ");
    }

    /// @notice `hsl(h,s%,l%)`; `h` wraps at 360, `s` and `l` are clamped to 100.
    function hsl(uint256 h, uint256 s, uint256 l) internal pure returns (string memory) {
        return
            string.concat(
                "hsl(",
                Format.u(h % 360),
                ",",
                Format.u(s > 100 ? 100 : s),
                "%,",
                Format.u(l > 100 ? 100 : l),
                "%)"
            );
    }

    /// @notice `rotate(deci / 10)` with one decimal: `rotate(22.5)`.
    function rotate(uint256 deci) internal pure returns (string memory) {
        return string.concat("rotate(", Format.u(deci / 10), ".", Format.u(deci % 10), ")");
    }

    // -------------------------------------------------------------------------------------
    // Trigonometry (angles in tenths of a degree, results times 10_000)
    // -------------------------------------------------------------------------------------

    /// @notice sin(deci / 10 degrees) * 10_000, linearly interpolated between whole degrees.
    function sin(uint256 deci) internal pure returns (int256) {
        deci %= 3600;
        bool negative = deci >= 1800;
        if (negative) deci -= 1800;
        if (deci > 900) deci = 1800 - deci;
        uint256 d = deci / 10;
        uint256 lo = _sinDegree(d);
        uint256 hi = _sinDegree(d + 1);
        int256 v = int256(lo + ((hi - lo) * (deci % 10)) / 10);
        return negative ? -v : v;
    }

    /// @notice cos(deci / 10 degrees) * 10_000.
    function cos(uint256 deci) internal pure returns (int256) {
        return sin(deci + 900);
    }

    function _sinDegree(uint256 d) private pure returns (uint256) {
        uint256 w = d >> 4;
        uint256 word =
            w == 0
                ? _SIN0
                : w == 1
                    ? _SIN1
                    : w == 2
                        ? _SIN2
                        : w == 3
                            ? _SIN3
                            : w == 4
                                ? _SIN4
                                : _SIN5;
        return (word >> ((15 - (d & 15)) * 16)) & 0xffff;
    }
}
