// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SSTORE2} from "solady/src/utils/SSTORE2.sol";

import {IPageStore} from "../interfaces/IPageStore.sol";

/// @title PageStore
/// @notice Content-addressed pages for art packs (and anything else): each page is written as
/// the code of its own contract with Solady's SSTORE2, by CREATE2 with a zero salt, so its
/// address is a function of its bytes and this store's address alone. Writing bytes already
/// stored is skipped: re-uploading a pack, or a layer another pack already holds, costs nothing
/// but the check.
/// @dev No owner and no storage: pages are immutable and anyone may write one. A page's code
/// is a STOP byte followed by the bytes, so it cannot be called.
contract PageStore is IPageStore {
    /// @dev The most bytes one page holds: EIP-170's 24,576 minus SSTORE2's STOP byte.
    uint256 private constant _MAX_PAGE = 24_575;

    /// @inheritdoc IPageStore
    function write(bytes[] calldata pages) external returns (address[] memory pointers) {
        uint256 n = pages.length;
        pointers = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            bytes memory page = pages[i];
            if (page.length == 0) revert PageStoreEmptyPage(i);
            if (page.length > _MAX_PAGE) revert PageStoreTooLarge(i, page.length, _MAX_PAGE);
            address pointer = SSTORE2.predictCounterfactualAddress(page, 0);
            if (pointer.code.length == 0) {
                SSTORE2.writeCounterfactual(page, 0);
                emit PageWritten(pointer, keccak256(page), page.length);
            }
            pointers[i] = pointer;
        }
    }

    /// @inheritdoc IPageStore
    function pointerOf(bytes calldata page) external view returns (address pointer, bool stored) {
        pointer = SSTORE2.predictCounterfactualAddress(page, 0);
        stored = pointer.code.length != 0;
    }

    /// @inheritdoc IPageStore
    function read(address pointer) external view returns (bytes memory page) {
        if (pointer.code.length == 0) return page;
        return SSTORE2.read(pointer);
    }
}
