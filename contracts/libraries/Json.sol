// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Json
/// @notice JSON and XML text builders. Every untrusted string goes through `escape` (JSON) or
/// `escapeXml` (SVG text) before it is interpolated.
/// @dev The JSON is served as `data:application/json;utf8,<json>`, not base64: so that a reader
/// that percent-decodes the data URI and one that takes it as it is read the same JSON, no `%`
/// or `#` ever appears in it (`escape` writes them as `\u0025` and `\u0023`, `uriData` as
/// `\u0025XX` escapes of the image URI).
/// @dev Both escapes also repair malformed UTF-8: each byte that does not start a well-formed
/// sequence is replaced by `?`, so the output is always valid UTF-8 whatever the input.
/// Well-formed non-ASCII sequences are copied as they are.
library Json {
    // -------------------------------------------------------------------------------------
    // Escaping
    // -------------------------------------------------------------------------------------

    /// @notice Escapes `s` for a JSON string body: `"` and `\` get a backslash, bytes below
    /// 0x20 and the URI delimiters `#` and `%` become `\u00XX`.
    function escape(string memory s) internal pure returns (string memory) {
        return _escape(bytes(s), false);
    }

    /// @notice Escapes `s` for SVG/XML text or attribute values: `& < > " '` become entities;
    /// control bytes that XML 1.0 forbids (below 0x20 except tab, LF, CR) become spaces.
    function escapeXml(string memory s) internal pure returns (string memory) {
        return _escape(bytes(s), true);
    }

    /// @notice `s` as the body of a JSON string holding a percent-encoded data URI: each `"`,
    /// `#`, `%`, `\` and byte below 0x20 becomes `%XX`, written `\u0025XX` so that the JSON
    /// around it has no `%` either (see the library notes). Everything else is copied as it is.
    /// @dev For the image of `data:image/svg+xml;utf8,`: the SVG is ours, quoted with `'`, so
    /// most 32-byte words have nothing to escape and are copied whole after one SWAR test; in a
    /// word that has, each marked lane is found in turn from the test's mask, the bytes before
    /// it are copied and the byte is escaped. Each lane test is exact (no borrow between
    /// lanes), so the marked lanes are exactly the bytes to escape.
    function uriData(string memory s) internal pure returns (string memory out) {
        assembly ("memory-safe") {
            let n := mload(s)
            out := mload(0x40)
            let o := add(out, 0x20)
            let src := add(s, 0x20)
            let end := add(src, n)
            let low7 := 0x7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f
            for {} lt(src, end) {} {
                let w := mload(src)
                // A lane is 0 after each step iff the byte is below 0x20; 0x22 or 0x23; 0x25;
                // 0x5c. `not(or(add(and(q, low7), low7), q))` has bit 7 set exactly there.
                let q := and(w, 0xe0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0)
                let bad := not(or(add(and(q, low7), low7), q))
                q := and(
                    xor(w, 0x2222222222222222222222222222222222222222222222222222222222222222),
                    0xfefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefe
                )
                bad := or(bad, not(or(add(and(q, low7), low7), q)))
                q := xor(w, 0x2525252525252525252525252525252525252525252525252525252525252525)
                bad := or(bad, not(or(add(and(q, low7), low7), q)))
                q := xor(w, 0x5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c)
                bad := or(bad, not(or(add(and(q, low7), low7), q)))
                bad := and(bad, 0x8080808080808080808080808080808080808080808080808080808080808080)
                let limit := sub(end, src)
                switch lt(limit, 32)
                case 1 {
                    // Lanes past the end of `s` are not ours.
                    bad := and(bad, not(shr(mul(limit, 8), not(0))))
                }
                default {
                    limit := 32
                }
                // Each marked lane in order: the bytes before it as they are, then its escape.
                let prev := 0
                for {} bad {} {
                    // Index of the first marked lane: binary search for the highest set bit.
                    let i := 0
                    let m := bad
                    if iszero(shr(128, m)) {
                        i := 16
                        m := shl(128, m)
                    }
                    if iszero(shr(192, m)) {
                        i := add(i, 8)
                        m := shl(64, m)
                    }
                    if iszero(shr(224, m)) {
                        i := add(i, 4)
                        m := shl(32, m)
                    }
                    if iszero(shr(240, m)) {
                        i := add(i, 2)
                        m := shl(16, m)
                    }
                    if iszero(shr(248, m)) {
                        i := add(i, 1)
                    }
                    mstore(o, shl(mul(prev, 8), w))
                    o := add(o, sub(i, prev))
                    let c := byte(i, w)
                    // `\u0025` then two upper-case hex digits.
                    mstore(
                        o,
                        or(
                            0x5c75303032350000000000000000000000000000000000000000000000000000,
                            or(
                                shl(200, byte(shr(4, c), "0123456789ABCDEF")),
                                shl(192, byte(and(c, 15), "0123456789ABCDEF"))
                            )
                        )
                    )
                    o := add(o, 8)
                    prev := add(i, 1)
                    bad := xor(bad, shl(mul(sub(31, i), 8), 0x80))
                }
                mstore(o, shl(mul(prev, 8), w))
                o := add(o, sub(limit, prev))
                src := add(src, limit)
            }
            mstore(out, sub(o, add(out, 0x20)))
            // The last 32-byte store may spill past the end: keep it inside the allocation.
            mstore(0x40, and(add(o, 63), not(31)))
        }
    }

    /// @notice `s` cut to at most `maxBytes` bytes without splitting a UTF-8 sequence, with
    /// `...` appended when cut. Bounds the cost and width of text drawn in an image.
    function truncate(string memory s, uint256 maxBytes) internal pure returns (string memory) {
        bytes memory b = bytes(s);
        if (b.length <= maxBytes) return s;
        uint256 cut = maxBytes;
        while (cut > 0 && (uint8(b[cut]) & 0xc0) == 0x80) --cut;
        bytes memory out = new bytes(cut);
        assembly ("memory-safe") {
            mcopy(add(out, 0x20), add(b, 0x20), cut)
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
    /// then the buffer's length is cut to what was written. In assembly: a 32-byte word with
    /// nothing to escape (SWAR test) is copied whole; otherwise the word's bytes are written one
    /// by one, ASCII escapes included. Only a non-ASCII byte leaves the assembly, to have its
    /// UTF-8 sequence checked. No allocation inside the loop (`k < n` and `o < 6n` hold).
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
                    for {} lt(k, n) {} {
                        // SWAR "has a byte below 0x20, at or above 0x80, or equal to a special".
                        let w := mload(add(s, k))
                        let bad := or(and(and(sub(w, mul(ones, 0x20)), not(w)), highs), and(w, highs))
                        let q := xor(w, mul(ones, 0x22))
                        bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                        switch xml
                        case 0 {
                            q := xor(w, mul(ones, 0x5c))
                            bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                            q := xor(w, mul(ones, 0x23))
                            bad := or(bad, and(and(sub(q, ones), not(q)), highs))
                            q := xor(w, mul(ones, 0x25))
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
                        if iszero(or(bad, gt(add(k, 32), n))) {
                            mstore(add(d, o), w)
                            o := add(o, 32)
                            k := add(k, 32)
                            continue
                        }
                        // Byte by byte to the end of this word (or of `src`).
                        let wordEnd := add(k, 32)
                        if gt(wordEnd, n) {
                            wordEnd := n
                        }
                        let c := 0
                        for {} lt(k, wordEnd) {} {
                            c := byte(0, mload(add(s, k)))
                            if gt(c, 0x7f) {
                                break
                            }
                            k := add(k, 1)
                            let p := add(d, o)
                            switch xml
                            case 0 {
                                // Bit c set: below 0x20, `#`, `%`.
                                switch and(shr(c, 0x28ffffffff), 1)
                                case 1 {
                                    // \u00XX
                                    mstore(
                                        p,
                                        or(
                                            0x5c75303000000000000000000000000000000000000000000000000000000000,
                                            or(
                                                shl(216, byte(shr(4, c), "0123456789abcdef")),
                                                shl(208, byte(and(c, 15), "0123456789abcdef"))
                                            )
                                        )
                                    )
                                    o := add(o, 6)
                                }
                                default {
                                    // Bit c set: `"`, `\\`.
                                    switch and(shr(c, 0x100000000000000400000000), 1)
                                    case 1 {
                                        mstore(p, or(shl(248, 0x5c), shl(240, c)))
                                        o := add(o, 2)
                                    }
                                    default {
                                        mstore8(p, c)
                                        o := add(o, 1)
                                    }
                                }
                            }
                            default {
                                switch c
                                case 0x26 {
                                    mstore(p, "&amp;")
                                    o := add(o, 5)
                                }
                                case 0x3c {
                                    mstore(p, "&lt;")
                                    o := add(o, 4)
                                }
                                case 0x3e {
                                    mstore(p, "&gt;")
                                    o := add(o, 4)
                                }
                                case 0x22 {
                                    mstore(p, "&quot;")
                                    o := add(o, 6)
                                }
                                case 0x27 {
                                    mstore(p, "&#39;")
                                    o := add(o, 5)
                                }
                                default {
                                    // Control bytes XML 1.0 forbids (all below 0x20 but tab, LF, CR).
                                    if and(lt(c, 0x20), iszero(and(shr(c, 0x2600), 1))) {
                                        c := 0x20
                                    }
                                    mstore8(p, c)
                                    o := add(o, 1)
                                }
                            }
                        }
                        if gt(c, 0x7f) {
                            break
                        }
                    }
                }
                if (k >= n) break;
                // A non-ASCII byte: copy its sequence if well-formed, else write `?`.
                uint256 len = _utf8Length(src, k);
                if (len == 0) {
                    o = _put(out, o, "?", 1);
                    ++k;
                } else {
                    for (uint256 end = k + len; k < end; ++k) {
                        o = _put(out, o, bytes32(_byteAt(src, k) << 248), 1);
                    }
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
