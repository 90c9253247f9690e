// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC2981, IERC165} from "@openzeppelin/contracts/interfaces/IERC2981.sol";

import {IRoyaltyModule} from "../interfaces/IRoyaltyModule.sol";
import {RoyaltyStorage} from "../storage/RoyaltyStorage.sol";
import {RoyaltyLogic} from "../libraries/RoyaltyLogic.sol";
import {LivingAssetBase} from "./LivingAssetBase.sol";

/// @title RoyaltyModule
/// @notice ERC-2981 default and per-token royalties, capped by a maximum fixed at initialisation,
/// with an event for every change. Receivers may be any non-zero address, splitter contracts
/// included. Storage (ERC-7201 `livingasset.storage.Royalty`) is laid out in {RoyaltyStorage}; setters live in {RoyaltyLogic}.
///
/// Who may call what: `CONFIG_ROLE` sets and resets royalties; the cap never changes.
abstract contract RoyaltyModule is LivingAssetBase, RoyaltyStorage, IERC2981, IRoyaltyModule {
    /// @inheritdoc IERC2981
    function royaltyInfo(uint256 tokenId, uint256 salePrice) public view virtual returns (address, uint256) {
        return RoyaltyLogic.royaltyInfo(tokenId, salePrice);
    }

    /// @inheritdoc IRoyaltyModule
    function maxRoyaltyBps() external view virtual returns (uint96) {
        return RoyaltyLogic.layout().maxRoyaltyBps;
    }

    /// @inheritdoc IRoyaltyModule
    function setDefaultRoyalty(address receiver, uint96 feeBps) external virtual onlyConfig {
        (receiver, feeBps); // decoded by the library
        _forward(address(RoyaltyLogic), RoyaltyLogic.setDefaultRoyalty.selector);
    }

    /// @inheritdoc IRoyaltyModule
    function setTokenRoyalty(uint256 tokenId, address receiver, uint96 feeBps) external virtual onlyConfig {
        _requireMinted(tokenId);
        (receiver, feeBps); // decoded by the library
        _forward(address(RoyaltyLogic), RoyaltyLogic.setTokenRoyalty.selector);
    }

    /// @inheritdoc IRoyaltyModule
    function resetTokenRoyalty(uint256 tokenId) external virtual onlyConfig {
        _requireMinted(tokenId);
        _forward(address(RoyaltyLogic), RoyaltyLogic.resetTokenRoyalty.selector);
    }

    /// @notice ERC-165: adds ERC-2981.
    function supportsInterface(
        bytes4 interfaceId
    ) public view virtual override(LivingAssetBase, IERC165) returns (bool) {
        return interfaceId == type(IERC2981).interfaceId || LivingAssetBase.supportsInterface(interfaceId);
    }
}
