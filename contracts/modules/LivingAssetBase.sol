// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721AUpgradeable} from "erc721a-upgradeable/contracts/ERC721AUpgradeable.sol";
import {AccessControlDefaultAdminRulesUpgradeable} from "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";

import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {SaleSlot} from "../storage/SaleStorage.sol";

/// @title LivingAssetBase
/// @notice What every module shares: the ERC721A core, roles, pause, and token checks.
/// Roles: `DEFAULT_ADMIN_ROLE` (two-step transfer with delay; `owner()`), `MINTER_ROLE`,
/// `CONFIG_ROLE`, `PAUSER_ROLE`, `UPGRADER_ROLE`.
abstract contract LivingAssetBase is ERC721AUpgradeable, AccessControlDefaultAdminRulesUpgradeable, ILivingAsset {
    /// @notice May `mintTo` for free (airdrops).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice May change sale, VRF, feed, royalty and metadata configuration.
    bytes32 public constant CONFIG_ROLE = keccak256("CONFIG_ROLE");
    /// @notice May pause and unpause minting and interactions (never transfers).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice May upgrade the implementation behind the proxy.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");

    /// @dev `onlyRole(CONFIG_ROLE)`, written once: each use is a jump instead of the role's 32-byte
    /// constant (the collection has many config setters, and EIP-170 counts every byte).
    modifier onlyConfig() {
        _checkConfigRole();
        _;
    }

    /// @dev Minting and holder interactions only while not paused (transfers are never paused).
    /// The flag lives in the sale slot every mint reads anyway (see {SaleStorage}); OpenZeppelin's
    /// `Pausable` keeps it in a slot of its own, a cold read (2,100 gas) on every mint: the benchmark's
    /// `PausableERC721AUpgradeable` baseline measures that difference.
    modifier whenNotPaused() {
        if (SaleSlot.layout().paused) revert EnforcedPause();
        _;
    }

    /// @notice Whether minting and holder interactions are paused.
    function paused() public view virtual returns (bool) {
        return SaleSlot.layout().paused;
    }

    /// @dev Token ids start at 1.
    function _startTokenId() internal view virtual override returns (uint256) {
        return 1;
    }

    /// @dev Reverts with OpenZeppelin's `AccessControlUnauthorizedAccount` unless the caller holds
    /// `CONFIG_ROLE`.
    function _checkConfigRole() internal view {
        _checkRole(CONFIG_ROLE);
    }

    /// @dev Reverts with `LivingAssetNonexistentToken` unless the token was minted (no burns here;
    /// an upgrade that adds burns overrides this).
    function _requireMinted(uint256 tokenId) internal view virtual {
        if (tokenId < _startTokenId() || tokenId >= _nextTokenId()) revert LivingAssetNonexistentToken(tokenId);
    }

    /// @dev Whether `account` may act for `tokenId`'s holder: the holder, the token's approved
    /// address or an operator of the holder.
    function _isHolderOrApproved(uint256 tokenId, address account) internal view returns (bool) {
        address holder = ownerOf(tokenId);
        return account == holder || getApproved(tokenId) == account || isApprovedForAll(holder, account);
    }

    /// @dev Runs the linked logic library's external function `selector` on this call's arguments
    /// by DELEGATECALL (in this contract's storage, as every library call here does) and returns
    /// or reverts with its raw result. Used where the collection would otherwise decode a library's
    /// return value only to encode it again (large structs, strings): the library's ABI encoding is
    /// the answer. Never returns to the caller's Solidity code: call it last, and only in functions
    /// whose modifiers run nothing after the body (`onlyRole`, `whenNotPaused`; never `initializer`).
    ///
    /// The library function has the forwarding function's name (or `explain<Name>` for one that
    /// only says why a call was refused) and its parameters; the forwarding function names them
    /// for the ABI and mentions them in one statement, `(a, b); // decoded by the library`, which
    /// compiles to nothing. test/forwarding.test.ts checks the two signatures against each other
    /// and docs/forwarding.md lists where every external function's body lives.
    function _forward(address library_, bytes4 selector) internal {
        assembly {
            calldatacopy(0, 0, calldatasize())
            mstore(0, or(and(mload(0), shr(32, not(0))), selector))
            let ok := delegatecall(gas(), library_, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) {
                revert(0, returndatasize())
            }
            return(0, returndatasize())
        }
    }

    /// @dev Like {_forward} but returns to the caller on success (its result is dropped), so code
    /// after it, a modifier's tail included, still runs. Memory is used from the free pointer on.
    function _delegate(address library_, bytes4 selector) internal {
        assembly ("memory-safe") {
            let p := mload(0x40)
            calldatacopy(p, 0, calldatasize())
            mstore(p, or(and(mload(p), shr(32, not(0))), selector))
            if iszero(delegatecall(gas(), library_, p, calldatasize(), 0, 0)) {
                returndatacopy(p, 0, returndatasize())
                revert(p, returndatasize())
            }
        }
    }

    /// @dev {_forward} for a view: the library function called is a view, so no state changes.
    function _forwardView(address library_, bytes4 selector) internal view {
        function(address, bytes4) internal forward = _forward;
        function(address, bytes4) internal view asView;
        assembly {
            asView := forward
        }
        asView(library_, selector);
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
