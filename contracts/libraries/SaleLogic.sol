// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SaleStorage, SaleSlot} from "../storage/SaleStorage.sol";
import {ERC721AFields} from "../storage/ERC721AFields.sol";

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

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

    /// @notice The leaf of (`account`, `allowance`) in the allowlist's tree, bound to this collection
    /// on this chain: OpenZeppelin StandardMerkleTree's double hash of
    /// `abi.encode(address collection, uint256 chainId, address account, uint256 allowance)`, so a
    /// proof mints on no other collection (sharing the root) and on no other chain.
    function allowlistLeaf(address account, uint256 allowance) internal view returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(address(this), block.chainid, account, allowance))));
    }

    /// @notice Reverts with the reason the collection's public `mint(quantity)` was refused. The
    /// collection checks inline and, only when a check failed, runs this by DELEGATECALL on the
    /// mint's own calldata (so `msg.sender` and `msg.value` are the buyer's).
    function explainMint(uint256 quantity) external view {
        SaleStorage.SaleLayout storage $ = layout();
        if (!$.saleOpen) revert ILivingAsset.LivingAssetSaleClosed();
        _explainSale($, quantity, $.price);
        address buyer = msg.sender;
        uint256 minted = ERC721AFields.numberMinted(buyer);
        revert ILivingAsset.LivingAssetWalletLimitExceeded(buyer, minted, quantity, $.maxPerWallet);
    }

    /// @notice Reverts with the reason `mintAllowlist` was refused (see {explainMint}).
    function explainMintAllowlist(uint256 quantity, uint256 allowance, bytes32[] calldata proof) external view {
        SaleStorage.SaleLayout storage $ = layout();
        if (!$.allowlistOpen) revert ILivingAsset.LivingAssetAllowlistClosed();
        _explainSale($, quantity, $.allowlistPrice);
        address buyer = msg.sender;
        if (!MerkleProof.verifyCalldata(proof, $.allowlistRoot, allowlistLeaf(buyer, allowance))) {
            revert ILivingAsset.LivingAssetInvalidProof(buyer, allowance);
        }
        // The allowlist mints are counted in ERC721A's `aux`.
        uint256 minted = ERC721AFields.aux(buyer);
        revert ILivingAsset.LivingAssetAllowanceExceeded(buyer, minted, quantity, allowance);
    }

    /// @notice Reverts with the reason `mintTo(to, quantity)` was refused (see {explainMint}).
    function explainMintTo(address to, uint256 quantity) external view {
        if (to == address(0)) revert ILivingAsset.LivingAssetZeroAddress();
        SaleStorage.SaleLayout storage $ = layout();
        if (quantity == 0) revert ILivingAsset.LivingAssetZeroQuantity();
        if (quantity > $.maxPerMint) revert ILivingAsset.LivingAssetQuantityTooLarge(quantity, $.maxPerMint);
        // The only check left (a `mintTo` pays nothing): like every explainer, this never returns.
        revert ILivingAsset.LivingAssetSupplyExceeded(quantity, uint256($.maxSupply) - _totalMinted());
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

    /// @notice Pauses minting and holder interactions. Emits {Paused}.
    function pause() external {
        SaleStorage.SaleLayout storage $ = layout();
        if ($.paused) revert ILivingAsset.EnforcedPause();
        $.paused = true;
        emit ILivingAsset.Paused(msg.sender);
    }

    /// @notice Resumes minting and holder interactions. Emits {Unpaused}.
    function unpause() external {
        SaleStorage.SaleLayout storage $ = layout();
        if (!$.paused) revert ILivingAsset.ExpectedPause();
        $.paused = false;
        emit ILivingAsset.Unpaused(msg.sender);
    }

    /// @notice Opens or closes the public sale. Emits {SaleStateUpdated}.
    function setSaleOpen(bool open) external {
        layout().saleOpen = open;
        emit ILivingAsset.SaleStateUpdated(open);
    }

    /// @notice The seed module's reveal trigger, kept in the sale slot every mint reads anyway:
    /// whether a mint closes its cohort and requests its word. Set by {SeedLogic-setRevealConfig}
    /// (which checks and emits), never on its own.
    function setInstantReveal(bool instantReveal) internal {
        layout().instantReveal = instantReveal;
    }

    /// @notice See {LivingAsset-setAllowlist}. Emits {AllowlistUpdated}.
    function setAllowlist(bytes32 root, uint96 price, bool open) external {
        SaleStorage.SaleLayout storage $ = layout();
        $.allowlistRoot = root;
        $.allowlistPrice = price;
        $.allowlistOpen = open;
        emit ILivingAsset.AllowlistUpdated(root, price, open);
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
            address treasury,
            bytes32 allowlistRoot,
            uint256 allowlistPrice,
            bool allowlistOpen
        )
    {
        SaleStorage.SaleLayout storage $ = layout();
        return (
            $.price,
            $.maxSupply,
            $.maxPerWallet,
            $.maxPerMint,
            $.saleOpen,
            $.treasury,
            $.allowlistRoot,
            $.allowlistPrice,
            $.allowlistOpen
        );
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

    /// @dev Reverts with the first failed check every mint shares; returns if they all pass.
    function _explainSale(SaleStorage.SaleLayout storage $, uint256 quantity, uint256 unitPrice) private view {
        uint256 paid = msg.value;
        if (quantity == 0) revert ILivingAsset.LivingAssetZeroQuantity();
        if (quantity > $.maxPerMint) revert ILivingAsset.LivingAssetQuantityTooLarge(quantity, $.maxPerMint);
        uint256 remaining = uint256($.maxSupply) - _totalMinted();
        if (quantity > remaining) revert ILivingAsset.LivingAssetSupplyExceeded(quantity, remaining);
        uint256 required = unitPrice * quantity;
        if (paid != required) revert ILivingAsset.LivingAssetWrongPayment(paid, required);
    }

    /// @dev Tokens minted so far (burned ones included).
    function _totalMinted() private view returns (uint256) {
        return ERC721AFields.totalMinted();
    }
}
