// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPageStore
/// @notice Content-addressed pages of bytes held as contract code (SSTORE2): a page's address
/// is a function of its bytes alone, so the same bytes are stored once, whoever sends them.
interface IPageStore {
    /// @notice Page `index` of a batch is empty.
    error PageStoreEmptyPage(uint256 index);
    /// @notice Page `index` of a batch is `size` bytes, over the `max` one contract can hold.
    error PageStoreTooLarge(uint256 index, uint256 size, uint256 max);

    /// @notice A page was written at `pointer`: `size` bytes whose keccak256 is `hash`.
    event PageWritten(address indexed pointer, bytes32 indexed hash, uint256 size);

    /// @notice Writes every page not yet stored and returns each page's address, stored before
    /// or now. A page already stored costs no more than the hash of its bytes.
    function write(bytes[] calldata pages) external returns (address[] memory pointers);

    /// @notice Where `page` is (or would be) stored, and whether it is stored already.
    function pointerOf(bytes calldata page) external view returns (address pointer, bool stored);

    /// @notice The bytes stored at `pointer` (empty when nothing is).
    function read(address pointer) external view returns (bytes memory page);
}
