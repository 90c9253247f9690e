// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RoyaltyStorage, RoyaltySlot} from "../storage/RoyaltyStorage.sol";

import {IRoyaltyModule} from "../interfaces/IRoyaltyModule.sol";
import {IMetadataModule} from "../interfaces/IMetadataModule.sol";

/// @title RoyaltyLogic
/// @notice ERC-2981 storage and setters, as an external library run by DELEGATECALL in the
/// collection's context. Same semantics as OpenZeppelin's ERC2981 (default plus per-token
/// override, fee denominator 10,000), plus a cap fixed at initialisation and an event for every
/// change. (OpenZeppelin's ERC2981Upgradeable is not used because its internal setters would have
/// to live in the collection's bytecode, which EIP-170 caps at 24,576 bytes.)
library RoyaltyLogic {
    uint96 internal constant FEE_DENOMINATOR = 10_000;

    function layout() internal pure returns (RoyaltyStorage.RoyaltyLayout storage $) {
        return RoyaltySlot.layout();
    }

    /// @notice Fix the cap (initialisation only, enforced by the module).
    function initialize(address receiver, uint96 feeBps, uint96 capBps) external {
        if (capBps > FEE_DENOMINATOR) revert IRoyaltyModule.RoyaltyInvalidCap(capBps);
        layout().maxRoyaltyBps = capBps;
        setDefaultRoyalty(receiver, feeBps);
    }

    /// @notice Emits {DefaultRoyaltyUpdated} and ERC-7572 {ContractURIUpdated}.
    function setDefaultRoyalty(address receiver, uint96 feeBps) public {
        _check(receiver, feeBps);
        layout().defaultRoyalty = IRoyaltyModule.RoyaltyInfo({receiver: receiver, feeBps: feeBps});
        emit IRoyaltyModule.DefaultRoyaltyUpdated(receiver, feeBps);
        // contractURI shows the default royalty (seller_fee_basis_points, fee_recipient).
        emit IMetadataModule.ContractURIUpdated();
    }

    /// @notice Emits {TokenRoyaltyUpdated}.
    function setTokenRoyalty(uint256 tokenId, address receiver, uint96 feeBps) external {
        _check(receiver, feeBps);
        layout().tokenRoyalty[tokenId] = IRoyaltyModule.RoyaltyInfo({receiver: receiver, feeBps: feeBps});
        emit IRoyaltyModule.TokenRoyaltyUpdated(tokenId, receiver, feeBps);
    }

    /// @notice Emits {TokenRoyaltyReset}.
    function resetTokenRoyalty(uint256 tokenId) external {
        delete layout().tokenRoyalty[tokenId];
        emit IRoyaltyModule.TokenRoyaltyReset(tokenId);
    }

    /// @notice ERC-2981: the token's override, else the default; `salePrice * fee / 10,000`.
    function royaltyInfo(uint256 tokenId, uint256 salePrice) internal view returns (address, uint256) {
        RoyaltyStorage.RoyaltyLayout storage $ = layout();
        IRoyaltyModule.RoyaltyInfo memory r = $.tokenRoyalty[tokenId];
        if (r.receiver == address(0)) r = $.defaultRoyalty;
        return (r.receiver, (salePrice * r.feeBps) / FEE_DENOMINATOR);
    }

    function _check(address receiver, uint96 feeBps) private view {
        if (receiver == address(0)) revert IRoyaltyModule.RoyaltyZeroReceiver();
        uint96 cap = layout().maxRoyaltyBps;
        if (feeBps > cap) revert IRoyaltyModule.RoyaltyAboveCap(feeBps, cap);
    }
}
