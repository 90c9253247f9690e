// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {Base64Fast} from "../libraries/Base64Fast.sol";
import {Format} from "../libraries/Format.sol";
import {Json} from "../libraries/Json.sol";

/// @title RendererLibrariesHarness
/// @notice Test-only wrapper exposing the renderer's pure libraries.
contract RendererLibrariesHarness {
    function escape(string calldata s) external pure returns (string memory) {
        return Json.escape(s);
    }

    function escapeXml(string calldata s) external pure returns (string memory) {
        return Json.escapeXml(s);
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

    /// @notice Gas used by `Base64Fast.encode` of `n` bytes, measured inside the call.
    function base64Gas(uint256 n) external view returns (uint256 used) {
        bytes memory data = new bytes(n);
        uint256 before = gasleft();
        Base64Fast.encode(data);
        used = before - gasleft();
    }
}
