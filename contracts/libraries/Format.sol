// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Format
/// @notice Number-to-text helpers for metadata and SVG: integers, basis points, fixed-point
/// decimals and 32-byte hex words.
library Format {
    /// @notice `value` in decimal.
    /// @dev Counts the digits, allocates exactly the words they need, then writes them
    /// backwards: one `mstore8` per digit. About ten times cheaper than `Strings.toString`,
    /// which matters for the hundreds of coordinates in an SVG.
    function u(uint256 value) internal pure returns (string memory str) {
        assembly ("memory-safe") {
            let len := 1
            for {
                let t := div(value, 10)
            } t {
                t := div(t, 10)
            } {
                len := add(len, 1)
            }
            str := mload(0x40)
            let words := and(add(len, 31), not(31))
            mstore(0x40, add(add(str, 0x20), words))
            mstore(str, len)
            // Zero the last word so the bytes after the digits are clean.
            mstore(add(str, words), 0)
            let p := add(add(str, 0x20), len)
            for {} 1 {} {
                p := sub(p, 1)
                mstore8(p, add(48, mod(value, 10)))
                value := div(value, 10)
                if iszero(value) {
                    break
                }
            }
        }
    }

    /// @notice Signed `value` in decimal (`-12`).
    function i(int256 value) internal pure returns (string memory) {
        if (value >= 0) return u(uint256(value));
        return string.concat("-", u(uint256(-(value + 1)) + 1));
    }

    /// @notice Basis points as a percentage with at most two decimals and no trailing zeros:
    /// `7350` -> `"73.5"`, `7305` -> `"73.05"`, `10000` -> `"100"`.
    function bps(uint256 value) internal pure returns (string memory) {
        return fixedPoint(value, 2);
    }

    /// @notice `value / 10**decimals` written out exactly, trailing fractional zeros dropped:
    /// `fixedPoint(123450000, 8)` -> `"1.2345"`.
    function fixedPoint(uint256 value, uint8 decimals) internal pure returns (string memory) {
        uint256 unit = 10 ** decimals;
        uint256 whole = value / unit;
        uint256 frac = value % unit;
        if (frac == 0) return u(whole);
        uint8 digits = decimals;
        while (frac % 10 == 0) {
            frac /= 10;
            --digits;
        }
        bytes memory f = bytes(u(frac));
        bytes memory padded = new bytes(digits);
        uint256 pad = digits - f.length;
        for (uint256 k; k < digits; ++k) {
            padded[k] = k < pad ? bytes1("0") : f[k - pad];
        }
        return string.concat(u(whole), ".", string(padded));
    }

    /// @notice Signed fixed-point, e.g. a feed answer with 8 decimals: `-150000000` -> `"-1.5"`.
    function fixedPointSigned(int256 value, uint8 decimals) internal pure returns (string memory) {
        if (value >= 0) return fixedPoint(uint256(value), decimals);
        return string.concat("-", fixedPoint(uint256(-(value + 1)) + 1, decimals));
    }

    /// @notice `0x`-prefixed, 64 lower-case hex digits.
    /// @dev Two digits per step from a 16-byte table in scratch space (Solady's `LibString`
    /// technique): about eight times cheaper than `Strings.toHexString`, and a token URI
    /// prints five of these.
    function hex32(uint256 value) internal pure returns (string memory str) {
        assembly ("memory-safe") {
            str := mload(0x40)
            mstore(0x40, add(str, 0x80))
            // "0123456789abcdef" at 0x1f..0x2e: the low byte of `mload(d)` is digit d.
            mstore(0x0f, 0x30313233343536373839616263646566)
            let o := add(str, 0x62)
            for {
                let k := 0
            } lt(k, 32) {
                k := add(k, 1)
            } {
                o := sub(o, 2)
                mstore8(add(o, 1), mload(and(value, 15)))
                mstore8(o, mload(and(shr(4, value), 15)))
                value := shr(8, value)
            }
            mstore(str, 66)
            mstore8(add(str, 0x20), 0x30)
            mstore8(add(str, 0x21), 0x78)
        }
    }

    /// @notice `"true"` or `"false"`.
    function boolean(bool value) internal pure returns (string memory) {
        return value ? "true" : "false";
    }
}
