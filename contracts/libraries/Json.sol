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

    /// @notice OpenSea string attribute: `{"trait_type":"T","value":"V"}`.
    function attr(string memory traitType, string memory value) internal pure returns (string memory) {
        return string.concat('{"trait_type":"', escape(traitType), '","value":"', escape(value), '"}');
    }

    /// @notice OpenSea numeric attribute: `{"display_type":"D","trait_type":"T","value":N}`.
    /// `number` must be a JSON number literal.
    function attrNumber(string memory displayType, string memory traitType, string memory number)
        internal
        pure
        returns (string memory)
    {
        return string.concat(
            '{"display_type":"', displayType, '","trait_type":"', escape(traitType), '","value":', number, "}"
        );
    }

    // -------------------------------------------------------------------------------------
    // Private
    // -------------------------------------------------------------------------------------

    /// @dev Two passes over `src`: measure, then write. `xml` picks the escaping table.
    function _escape(bytes memory src, bool xml) private pure returns (string memory) {
        uint256 len = _walk(src, xml, new bytes(0), false);
        bytes memory out = new bytes(len);
        _walk(src, xml, out, true);
        return string(out);
    }

    /// @dev Walks `src`, returning the escaped length; writes into `out` when `write`.
    function _walk(bytes memory src, bool xml, bytes memory out, bool write) private pure returns (uint256 o) {
        for (uint256 k; k < src.length;) {
            uint8 c = uint8(src[k]);
            if (c >= 0x80) {
                uint256 n = _utf8Length(src, k);
                if (n == 0) {
                    if (write) out[o] = "?";
                    ++o;
                    ++k;
                } else {
                    for (uint256 j; j < n; ++j) {
                        if (write) out[o + j] = src[k + j];
                    }
                    o += n;
                    k += n;
                }
                continue;
            }
            bytes memory rep = xml ? _xmlEntity(c) : _jsonEntity(c);
            if (rep.length == 0) {
                if (write) out[o] = bytes1(c);
                ++o;
            } else {
                if (write) {
                    for (uint256 j; j < rep.length; ++j) {
                        out[o + j] = rep[j];
                    }
                }
                o += rep.length;
            }
            ++k;
        }
    }

    function _jsonEntity(uint8 c) private pure returns (bytes memory) {
        if (c == 0x22) return '\\"';
        if (c == 0x5c) return "\\\\";
        if (c < 0x20) return abi.encodePacked("\\u00", _HEX[c >> 4], _HEX[c & 0x0f]);
        return "";
    }

    function _xmlEntity(uint8 c) private pure returns (bytes memory) {
        if (c == 0x26) return "&amp;";
        if (c == 0x3c) return "&lt;";
        if (c == 0x3e) return "&gt;";
        if (c == 0x22) return "&quot;";
        if (c == 0x27) return "&#39;";
        if (c < 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) return " ";
        return "";
    }

    /// @dev Length (2..4) of the well-formed UTF-8 sequence starting at `src[k]`, or 0.
    function _utf8Length(bytes memory src, uint256 k) private pure returns (uint256) {
        uint8 c = uint8(src[k]);
        uint256 n;
        uint8 lo = 0x80;
        uint8 hi = 0xbf;
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
        uint8 c1 = uint8(src[k + 1]);
        if (c1 < lo || c1 > hi) return 0;
        for (uint256 j = 2; j < n; ++j) {
            uint8 cj = uint8(src[k + j]);
            if (cj < 0x80 || cj > 0xbf) return 0;
        }
        return n;
    }
}
