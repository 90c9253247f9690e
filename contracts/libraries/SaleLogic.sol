// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SaleStorage, SaleSlot} from "../storage/SaleStorage.sol";

import {ERC721AStorage} from "erc721a-upgradeable/contracts/ERC721AStorage.sol";

import {ILivingAsset} from "../interfaces/ILivingAsset.sol";
import {IMetadataModule} from "../interfaces/IMetadataModule.sol";

/// @title SaleLogic
/// @notice The collection core's sale storage and checks, as an external library run by
/// DELEGATECALL in the collection's context (keeps the collection under EIP-170).
library SaleLogic {
    /// @dev Upper bound on `maxPerMint`: bounds ERC721A's ownership scan on first transfers.
    uint256 internal constant MAX_PER_MINT_CAP = 1_000;

    function layout() internal pure returns (SaleStorage.SaleLayout storage $) {
        return SaleSlot.layout();
    }

    /// @notice Every check of a public mint of `quantity` by `buyer` paying `paid`.
    function checkPublicMint(address buyer, uint256 quantity, uint256 paid) external view {
        SaleStorage.SaleLayout storage $ = layout();
        if (!$.saleOpen) revert ILivingAsset.LivingAssetSaleClosed();
        checkQuantity(quantity);
        uint256 required = uint256($.price) * quantity;
        if (paid != required) revert ILivingAsset.LivingAssetWrongPayment(paid, required);
        // ERC721A packs the number minted per owner in bits [64, 128) of its address data.
        uint256 minted = (ERC721AStorage.layout()._packedAddressData[buyer] >> 64) & type(uint64).max;
        if (minted + quantity > $.maxPerWallet) {
            revert ILivingAsset.LivingAssetWalletLimitExceeded(buyer, minted, quantity, $.maxPerWallet);
        }
    }

    /// @notice Quantity checks shared by `mint` and `mintTo`.
    function checkQuantity(uint256 quantity) public view {
        SaleStorage.SaleLayout storage $ = layout();
        if (quantity == 0) revert ILivingAsset.LivingAssetZeroQuantity();
        if (quantity > $.maxPerMint) revert ILivingAsset.LivingAssetQuantityTooLarge(quantity, $.maxPerMint);
        uint256 remaining = uint256($.maxSupply) - _totalMinted();
        if (quantity > remaining) revert ILivingAsset.LivingAssetSupplyExceeded(quantity, remaining);
    }

    /// @notice Sets price, supply cap and limits. Emits {SaleConfigUpdated} and ERC-7572
    /// {ContractURIUpdated}.
    function setSaleConfig(uint96 price, uint64 maxSupply, uint32 maxPerWallet, uint32 maxPerMint) external {
        if (maxSupply == 0 || maxPerWallet == 0 || maxPerMint == 0 || maxPerMint > MAX_PER_MINT_CAP) {
            revert ILivingAsset.LivingAssetInvalidSaleConfig(maxSupply, maxPerWallet, maxPerMint);
        }
        uint256 minted = _totalMinted();
        if (maxSupply < minted) revert ILivingAsset.LivingAssetMaxSupplyBelowMinted(maxSupply, minted);
        SaleStorage.SaleLayout storage $ = layout();
        $.price = price;
        $.maxSupply = maxSupply;
        $.maxPerWallet = maxPerWallet;
        $.maxPerMint = maxPerMint;
        emit ILivingAsset.SaleConfigUpdated(price, maxSupply, maxPerWallet, maxPerMint);
        // contractURI shows the supply cap (max_supply).
        emit IMetadataModule.ContractURIUpdated();
    }

    /// @notice Sets the treasury. Emits {TreasuryUpdated}.
    function setTreasury(address treasury) external {
        if (treasury == address(0)) revert ILivingAsset.LivingAssetZeroAddress();
        layout().treasury = treasury;
        emit ILivingAsset.TreasuryUpdated(treasury);
    }

    /// @notice See {LivingAsset-saleConfig}.
    function saleConfig()
        external
        view
        returns (
            uint256 price,
            uint256 maxSupply,
            uint256 maxPerWallet,
            uint256 maxPerMint,
            bool open,
            address treasury
        )
    {
        SaleStorage.SaleLayout storage $ = layout();
        return ($.price, $.maxSupply, $.maxPerWallet, $.maxPerMint, $.saleOpen, $.treasury);
    }

    /// @notice Sends the whole balance to the treasury. Emits {Withdrawn}.
    function withdraw() external {
        address treasury = layout().treasury;
        uint256 amount = address(this).balance;
        if (amount == 0) revert ILivingAsset.LivingAssetNothingToWithdraw();
        emit ILivingAsset.Withdrawn(treasury, amount);
        (bool ok, ) = treasury.call{value: amount}("");
        if (!ok) revert ILivingAsset.LivingAssetWithdrawFailed(treasury, amount);
    }

    /// @dev Tokens minted so far (ids start at 1; no burns).
    function _totalMinted() private view returns (uint256) {
        return ERC721AStorage.layout()._currentIndex - 1;
    }
}
