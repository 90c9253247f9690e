// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title AppSite
/// @notice One web page kept on chain: the holder's app, a self-contained HTML file, in pages of
/// contract code written by the `PageStore` (Solady's SSTORE2: a STOP byte, then the bytes). It is served two ways:
/// - `html()`, for any JSON-RPC reader (`eth_call`);
/// - ERC-6860 (web3://) in manual mode: `web3://<this>:<chainId>/` calls this contract with the
///   path as calldata and gets the page, ABI-encoded, as `text/html`. Every path gets the same
///   page: the app routes by its own `#` fragment.
/// @dev Immutable: the page list and the content hash are fixed at deployment, which checks that
/// the pages hold exactly the bytes the hash names. A new version of the app is a new site; a
/// collection points at it with `setExternalLink`.
contract AppSite {
    /// @notice keccak256 of the page's bytes.
    bytes32 public immutable contentHash;
    /// @notice The page's length in bytes.
    uint256 public immutable size;

    address[] private _pages;

    /// @notice The page is published: its hash, its length and the number of code pages.
    event AppSitePublished(bytes32 indexed contentHash, uint256 size, uint256 pages);

    /// @notice No pages were given.
    error AppSiteNoPages();
    /// @notice Page `index` has no code at `pointer`: write it to the PageStore first.
    error AppSitePageMissing(uint256 index, address pointer);
    /// @notice The pages do not hold the bytes `expected` names.
    error AppSiteHashMismatch(bytes32 expected, bytes32 actual);

    /// @param pointers the code pages (PageStore pointers), in order
    /// @param expectedHash keccak256 of their bytes, concatenated
    constructor(address[] memory pointers, bytes32 expectedHash) {
        if (pointers.length == 0) revert AppSiteNoPages();
        for (uint256 i = 0; i < pointers.length; ++i) {
            if (pointers[i].code.length < 2) revert AppSitePageMissing(i, pointers[i]);
        }
        _pages = pointers;
        bytes memory page = _read(pointers);
        bytes32 actual = keccak256(page);
        if (actual != expectedHash) revert AppSiteHashMismatch(expectedHash, actual);
        contentHash = actual;
        size = page.length;
        emit AppSitePublished(actual, page.length, pointers.length);
    }

    /// @notice The page (HTML).
    function html() external view returns (bytes memory) {
        return _read(_pages);
    }

    /// @notice The code pages the page is read from, in order.
    function pages() external view returns (address[] memory) {
        return _pages;
    }

    /// @notice ERC-6860: this contract answers web3:// URLs in manual mode.
    function resolveMode() external pure returns (bytes32) {
        return "manual";
    }

    /// @notice ERC-6860 manual mode: any path (the calldata) gets the page, ABI-encoded.
    /// @dev Not payable on purpose: it serves reads, and ether sent here could never leave.
    // solhint-disable-next-line payable-fallback
    fallback(bytes calldata) external returns (bytes memory) {
        return abi.encode(_read(_pages));
    }

    /// @dev The pages' bytes (each page's code after its STOP byte, as SSTORE2 writes it), copied
    /// once into one buffer sized first: linear in the page's length.
    function _read(address[] memory pointers) private view returns (bytes memory out) {
        uint256 total;
        for (uint256 i = 0; i < pointers.length; ++i) total += pointers[i].code.length - 1;
        out = new bytes(total);
        uint256 at;
        for (uint256 i = 0; i < pointers.length; ++i) {
            address pointer = pointers[i];
            uint256 n = pointer.code.length - 1;
            assembly ("memory-safe") {
                extcodecopy(pointer, add(add(out, 0x20), at), 1, n)
            }
            at += n;
        }
    }
}
