// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Json
/// @notice JSON and XML text builders. Every untrusted string goes through `escape` (JSON) or
/// `escapeXml` (SVG text) before it is interpolated.
/// @dev Both escapes also repair malformed UTF-8: each byte that does not start a well-formed
/// sequence is replaced by `?`, so the output is always valid UTF-8 whatever the input.
/// Well-formed non-ASCII sequences are copied as they are.
library Json {
    bytes16 private constant _HEX = "0123456789abcdef";

    // -------------------------------------------------------------------------------------
    // Escaping
    // -------------------------------------------------------------------------------------

    /// @notice Escapes `s` for a JSON string body: `"` and `\` get a backslash, bytes below
    /// 0x20 become `\u00XX`.
    function escape(string memory s) internal pure returns (string memory) {
        return _escape(bytes(s), false);
    }

    /// @notice Escapes `s` for SVG/XML text or attribute values: `& < > " '` become entities;
    /// control bytes that XML 1.0 forbids (below 0x20 except tab, LF, CR) become spaces.
    function escapeXml(string memory s) internal pure returns (string memory) {
        return _escape(bytes(s), true);
    }

    /// @notice `s` cut to at most `maxBytes` bytes without splitting a UTF-8 sequence, with
    /// `...` appended when cut. Bounds the cost and width of text drawn in an image.
    function truncate(string memory s, uint256 maxBytes) internal pure returns (string memory) {
        bytes memory b = bytes(s);
        if (b.length <= maxBytes) return s;
        uint256 cut = maxBytes;
        while (cut > 0 && (uint8(b[cut]) & 0xc0) == 0x80) --cut;
        bytes memory out = new bytes(cut);
        for (uint256 k; k < cut; ++k) {
            out[k] = b[k];
        }
        return string.concat(string(out), "...");
    }

    // -------------------------------------------------------------------------------------
    // Builders
    // -------------------------------------------------------------------------------------

    /// @notice `"key":"<escaped value>"`. `key` must be a trusted literal.
    function str(string memory key, string memory value) internal pure returns (string memory) {
        return string.concat('"', key, '":"', escape(value), '"');
    }

    /// @notice `"key":value` with `value` already valid JSON (a number, object, array, bool).
    function raw(string memory key, string memory value) internal pure returns (string memory) {
        return string.concat('"', key, '":', value);
    }

    /// @notice `"key":"value"` for a trusted value that needs no escaping (hex, base64 URIs).
    function trusted(string memory key, string memory value) internal pure returns (string memory) {
        return string.concat('"', key, '":"', value, '"');
    }

    /// @notice OpenSea string attribute: `{"trait_type":"T","value":"V"}`. Both are trusted
    /// literals (trait names and gene names of this codebase): pass untrusted text through
    /// `escape` first.
    function attr(string memory traitType, string memory value) internal pure returns (string memory) {
        return string.concat('{"trait_type":"', traitType, '","value":"', value, '"}');
    }

    /// @notice OpenSea numeric attribute: `{"display_type":"D","trait_type":"T","value":N}`.
    /// All three are trusted: `number` must be a JSON number literal.
    function attrNumber(
        string memory displayType,
        string memory traitType,
        string memory number
    ) internal pure returns (string memory) {
        return
            string.concat('{"display_type":"', displayType, '","trait_type":"', traitType, '","value":', number, "}");
    }

    // -------------------------------------------------------------------------------------
    // Private
    // -------------------------------------------------------------------------------------

    /// @dev One pass over `src` into a buffer of the worst-case size (6 bytes per input byte),
    /// then the buffer's length is cut to what was written. Runs of plain ASCII are copied by
    /// a tight assembly loop; each special byte or non-ASCII sequence takes the slow path.
    /// No allocation inside the loop (`k < n` and `o < 6n` hold throughout).
    function _escape(bytes memory src, bool xml) private pure returns (string memory) {
        uint256 n = src.length;
        bytes memory out = new bytes(n * 6);
        uint256 o;
        uint256 k;
        unchecked {
            while (k < n) {
                assembly ("memory-safe") {
                    let s := add(src, 0x20)
                    let d := add(out, 0x20)
                    let ones := 0x0101010101010101010101010101010101010101010101010101010101010101
                    let highs := mul(ones, 0x80)
                    // Whole words of plain ASCII: SWAR "has a byte below 0x20, at or above 0x80,
                    // or equal to a special" test, then one 32-byte copy.
                    for {} lt(add(k, 31), n) {} {
                        let w := mload(add(s, k))
                        let bad := or(and(and(sub(w, mul(ones, 0x20)), not(w)), highs), and(w, highs))
                        let q := xor(w, mul(ones, 0x22))
                        bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                        switch xml
                        case 0 {
                            q := xor(w, mul(ones, 0x5c))
                            bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                        }
                        default {
                            q := xor(w, mul(ones, 0x26))
                            bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                            q := xor(w, mul(ones, 0x27))
                            bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                            q := xor(w, mul(ones, 0x3c))
                            bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                            q := xor(w, mul(ones, 0x3e))
                            bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                        }
                        if bad {
                            break
                        }
                        mstore(add(d, o), w)
                        o := add(o, 32)
                        k := add(k, 32)
                    }
                    for {} lt(k, n) {} {
                        let c := byte(0, mload(add(s, k)))
                        if or(lt(c, 0x20), gt(c, 0x7e)) {
                            break
                        }
                        if eq(c, 0x22) {
                            break
                        }
                        switch xml
                        case 0 {
                            if eq(c, 0x5c) {
                                break
                            }
                        }
                        default {
                            if or(or(eq(c, 0x26), eq(c, 0x27)), or(eq(c, 0x3c), eq(c, 0x3e))) {
                                break
                            }
                        }
                        mstore8(add(d, o), c)
                        o := add(o, 1)
                        k := add(k, 1)
                    }
                }
                if (k >= n) break;
                uint256 c = _byteAt(src, k);
                if (c >= 0x80) {
                    uint256 len = _utf8Length(src, k);
                    if (len == 0) {
                        o = _put(out, o, "?", 1);
                        ++k;
                    } else {
                        for (uint256 end = k + len; k < end; ++k) {
                            o = _put(out, o, bytes32(_byteAt(src, k) << 248), 1);
                        }
                    }
                    continue;
                }
                ++k;
                if (xml) {
                    if (c == 0x26) o = _put(out, o, "&amp;", 5);
                    else if (c == 0x3c) o = _put(out, o, "&lt;", 4);
                    else if (c == 0x3e) o = _put(out, o, "&gt;", 4);
                    else if (c == 0x22) o = _put(out, o, "&quot;", 6);
                    else if (c == 0x27) o = _put(out, o, "&#39;", 5);
                    else if (c < 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) o = _put(out, o, " ", 1);
                    else o = _put(out, o, bytes32(c << 248), 1);
                } else {
                    if (c == 0x22) o = _put(out, o, '\\"', 2);
                    else if (c == 0x5c) o = _put(out, o, "\\\\", 2);
                    else if (c < 0x20)
                        o = _put(out, o, bytes32(abi.encodePacked("\\u00", _HEX[c >> 4], _HEX[c & 0x0f])), 6);
                    else o = _put(out, o, bytes32(c << 248), 1);
                }
            }
        }
        assembly ("memory-safe") {
            mstore(out, o)
        }
        return string(out);
    }

    /// @dev `src[k]` without a bounds check; callers keep `k < src.length`.
    function _byteAt(bytes memory src, uint256 k) private pure returns (uint256 c) {
        assembly ("memory-safe") {
            c := byte(0, mload(add(add(src, 0x20), k)))
        }
    }

    /// @dev Writes the first `len` bytes of `word` at `out[o]`; returns `o + len`. The 32-byte
    /// store may spill past `o + len` but never past the buffer's 6-bytes-per-input capacity
    /// plus one word, which nothing else uses while escaping.
    function _put(bytes memory out, uint256 o, bytes32 word, uint256 len) private pure returns (uint256) {
        assembly ("memory-safe") {
            mstore(add(add(out, 0x20), o), word)
        }
        return o + len;
    }

    /// @dev Length (2..4) of the well-formed UTF-8 sequence starting at `src[k]`, or 0.
    function _utf8Length(bytes memory src, uint256 k) private pure returns (uint256) {
        uint256 c = _byteAt(src, k);
        uint256 n;
        uint256 lo = 0x80;
        uint256 hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            if (c == 0xe0) lo = 0xa0;
            if (c == 0xed) hi = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            if (c == 0xf0) lo = 0x90;
            if (c == 0xf4) hi = 0x8f;
        } else {
            return 0;
        }
        if (k + n > src.length) return 0;
        uint256 c1 = _byteAt(src, k + 1);
        if (c1 < lo || c1 > hi) return 0;
        for (uint256 j = 2; j < n; ++j) {
            uint256 cj = _byteAt(src, k + j);
            if (cj < 0x80 || cj > 0xbf) return 0;
        }
        return n;
    }
}
