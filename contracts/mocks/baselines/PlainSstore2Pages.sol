// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SSTORE2} from "solady/src/utils/SSTORE2.sol";

/**
 * @title PlainSstore2Pages
 * @notice BENCHMARK BASELINE, NOT PRODUCT CODE. The plain way to keep bytes on chain: Solady's
 * `SSTORE2.write` (CREATE, an address from the nonce), no content addressing, no check that the
 * bytes are already stored, no event. The gas benchmark writes an art pack's pages through it and
 * through `PageStore`, and reads layers back through it, next to `PackRenderer`.
 * @dev Who may call what: anyone may `write`; `read` is a view.
 */
contract PlainSstore2Pages {
    /// @notice Writes each of `pages` as the code of a new contract (same calldata as `PageStore.write`).
    function write(bytes[] calldata pages) external returns (address[] memory pointers) {
        uint256 n = pages.length;
        pointers = new address[](n);
        for (uint256 i = 0; i < n; ++i) pointers[i] = SSTORE2.write(pages[i]);
    }

    /// @notice The bytes of each page at `pointers`, read with `SSTORE2.read`: what reading layers costs
    /// before anything is composed, encoded or escaped.
    function read(address[] calldata pointers) external view returns (bytes[] memory pages) {
        uint256 n = pointers.length;
        pages = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) pages[i] = SSTORE2.read(pointers[i]);
    }
}
