// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {Base64Fast} from "../libraries/Base64Fast.sol";
import {Format} from "../libraries/Format.sol";
import {Genes, Genome} from "../libraries/Genome.sol";
import {Json} from "../libraries/Json.sol";
import {PhenotypeLib} from "../libraries/PhenotypeLib.sol";
import {SceneArt} from "../libraries/SceneArt.sol";
import {Svg} from "../libraries/Svg.sol";

/// @title RendererLibrariesHarness
/// @notice Test-only wrapper exposing the renderer's pure libraries.
contract RendererLibrariesHarness {
    function escape(string calldata s) external pure returns (string memory) {
        return Json.escape(s);
    }

    function escapeXml(string calldata s) external pure returns (string memory) {
        return Json.escapeXml(s);
    }

    function truncate(string calldata s, uint256 maxBytes) external pure returns (string memory) {
        return Json.truncate(s, maxBytes);
    }

    function hsl(uint256 h, uint256 s, uint256 l) external pure returns (string memory) {
        return Svg.hsl(h, s, l);
    }

    function bps(uint256 v) external pure returns (string memory) {
        return Format.bps(v);
    }

    function fixedPointSigned(int256 v, uint8 decimals) external pure returns (string memory) {
        return Format.fixedPointSigned(v, decimals);
    }

    function base64(bytes calldata data) external pure returns (string memory) {
        return Base64Fast.encode(data);
    }

    function checksum(address a) external pure returns (string memory) {
        return Strings.toChecksumHexString(a);
    }

    function hex32(uint256 v) external pure returns (string memory) {
        return Format.hex32(v);
    }

    function decode(uint256 genome) external pure returns (Genes memory) {
        return Genome.decode(genome);
    }

    /// @notice The genome a token of `seed` shows after metamorphoses that left `mutation`.
    function phenotypeGenome(uint256 seed, uint64 mutation) external pure returns (uint256) {
        return PhenotypeLib.genome(seed, mutation);
    }

    /// @notice Gas used by `Base64Fast.encode` of `n` bytes, measured inside the call.
    function base64Gas(uint256 n) external view returns (uint256 used) {
        bytes memory data = new bytes(n);
        uint256 before = gasleft();
        Base64Fast.encode(data);
        used = before - gasleft();
    }

    /// @notice Gas of each terrarium layer, measured inside the call (profiling aid).
    function sceneGas() external view returns (uint256[6] memory used) {
        uint256 g = gasleft();
        SceneArt.defs(2, 1);
        used[0] = g - gasleft();
        g = gasleft();
        SceneArt.backdrop(2, 1, 1 << 16);
        used[1] = g - gasleft();
        g = gasleft();
        SceneArt.ground(123456789, "hsl(1,2%,3%)", "hsl(1,2%,3%)");
        used[2] = g - gasleft();
        g = gasleft();
        SceneArt.foreground(2);
        used[3] = g - gasleft();
        g = gasleft();
        SceneArt.egg();
        used[4] = g - gasleft();
        g = gasleft();
        for (uint256 k; k < 100; ++k) Svg.n(int256(k * 37));
        used[5] = g - gasleft();
    }

    /// @notice Gas of `Json.escape` on `s`, measured inside the call (profiling aid).
    function escapeGas(string calldata s) external view returns (uint256 used) {
        string memory m = s;
        uint256 g = gasleft();
        Json.escape(m);
        used = g - gasleft();
    }

    /// @notice Gas of an empty assembly loop of `n` steps (profiling aid).
    function loopGas(uint256 n) external view returns (uint256 used) {
        uint256 g = gasleft();
        assembly {
            for {
                let k := 0
            } lt(k, n) {
                k := add(k, 1)
            } {}
        }
        used = g - gasleft();
    }
}
