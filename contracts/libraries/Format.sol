// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title Format
/// @notice Number-to-text helpers for metadata and SVG: integers, basis points, fixed-point
/// decimals and 32-byte hex words.
library Format {
    /// @notice `value` in decimal.
    /// @dev Digits are written backwards into a fresh 128-byte area, then the length word is
    /// stored just before the first digit: one `mstore8` per digit, no length pre-pass.
    /// About ten times cheaper than `Strings.toString`, which matters for the hundreds of
    /// coordinates in an SVG.
    function u(uint256 value) internal pure returns (string memory str) {
        assembly ("memory-safe") {
            let end := add(mload(0x40), 0x80)
            mstore(0x40, add(end, 0x20))
            mstore(end, 0)
            let p := end
            for {} 1 {} {
                p := sub(p, 1)
                mstore8(p, add(48, mod(value, 10)))
                value := div(value, 10)
                if iszero(value) {
                    break
                }
            }
            str := sub(p, 0x20)
            mstore(str, sub(end, p))
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

    /// @notice `0x`-prefixed, 64 hex digits.
    function hex32(uint256 value) internal pure returns (string memory) {
        return Strings.toHexString(value, 32);
    }

    /// @notice `"true"` or `"false"`.
    function boolean(bool value) internal pure returns (string memory) {
        return value ? "true" : "false";
    }
}
