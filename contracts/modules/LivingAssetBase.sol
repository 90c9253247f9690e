// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721AUpgradeable} from "erc721a-upgradeable/contracts/ERC721AUpgradeable.sol";
import {AccessControlDefaultAdminRulesUpgradeable} from "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

import {ILivingAsset} from "../interfaces/ILivingAsset.sol";

/// @title LivingAssetBase
/// @notice What every module shares: the ERC721A core, roles, pause, and token checks.
/// Roles: `DEFAULT_ADMIN_ROLE` (two-step transfer with delay; `owner()`), `MINTER_ROLE`,
/// `CONFIG_ROLE`, `PAUSER_ROLE`, `UPGRADER_ROLE`.
abstract contract LivingAssetBase is
    ERC721AUpgradeable,
    AccessControlDefaultAdminRulesUpgradeable,
    PausableUpgradeable,
    ILivingAsset
{
    /// @notice May `mintTo` for free (airdrops).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice May change sale, VRF, feed, royalty and metadata configuration.
    bytes32 public constant CONFIG_ROLE = keccak256("CONFIG_ROLE");
    /// @notice May pause and unpause minting and interactions (never transfers).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice May upgrade the implementation behind the proxy.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");

    /// @dev Token ids start at 1.
    function _startTokenId() internal view virtual override returns (uint256) {
        return 1;
    }

    /// @dev Reverts with `LivingAssetNonexistentToken` unless the token was minted (no burns here).
    function _requireMinted(uint256 tokenId) internal view {
        if (tokenId < _startTokenId() || tokenId >= _nextTokenId()) revert LivingAssetNonexistentToken(tokenId);
    }

    /// @dev Whether `account` may act for `tokenId`'s holder: the holder, the token's approved
    /// address or an operator of the holder.
    function _isHolderOrApproved(uint256 tokenId, address account) internal view returns (bool) {
        address holder = ownerOf(tokenId);
        return account == holder || getApproved(tokenId) == account || isApprovedForAll(holder, account);
    }

    /// @inheritdoc ERC721AUpgradeable
    function supportsInterface(
        bytes4 interfaceId
    ) public view virtual override(ERC721AUpgradeable, AccessControlDefaultAdminRulesUpgradeable) returns (bool) {
        return
            ERC721AUpgradeable.supportsInterface(interfaceId) ||
            AccessControlDefaultAdminRulesUpgradeable.supportsInterface(interfaceId);
    }
}
