// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ISeedModule} from "./ISeedModule.sol";

/// @title ILivingAsset
/// @notice Errors, events and configuration of the collection core: sale, supply, treasury, pause.
interface ILivingAsset {
    /// @notice Everything `initialize` needs. Modules read their own part.
    struct InitParams {
        string name;
        string symbol;
        string description;
        address admin; // default admin (two-step transfer with `adminDelay`)
        uint48 adminDelay;
        address treasury;
        uint64 maxSupply;
        uint96 price; // wei per token
        uint32 maxPerWallet;
        uint32 maxPerMint; // bounds ERC721A's ownership scan
        address royaltyReceiver;
        uint96 royaltyBps;
        uint96 maxRoyaltyBps; // fixed forever
        address renderer;
        ISeedModule.VrfConfig vrf;
        uint32 minRevealDelay; // seconds a cohort stays open before anyone may `reveal` it
        bool instantReveal; // each mint requests its own word (no cohorts)
        address world; // the World this collection lives in (fixed for good)
    }

    /// @notice `initialize` outside a development chain with an admin delay under the minimum (the
    /// notice holders get of a coordinator change).
    error LivingAssetAdminDelayTooShort(uint48 adminDelay, uint48 minimum);
    /// @notice Minting or a holder interaction while paused (OpenZeppelin Pausable's error).
    error EnforcedPause();
    /// @notice `unpause` while not paused (OpenZeppelin Pausable's error).
    error ExpectedPause();
    /// @notice The sale is closed.
    error LivingAssetSaleClosed();
    /// @notice The allowlist phase is closed.
    error LivingAssetAllowlistClosed();
    /// @notice The proof does not show (`account`, `allowance`) in the allowlist's Merkle tree.
    error LivingAssetInvalidProof(address account, uint256 allowance);
    /// @notice The account's allowlist allowance cannot cover `quantity` more tokens.
    error LivingAssetAllowanceExceeded(address account, uint256 minted, uint256 quantity, uint256 allowance);
    /// @notice A mint of zero tokens.
    error LivingAssetZeroQuantity();
    /// @notice More tokens in one call than `maxPerMint`.
    error LivingAssetQuantityTooLarge(uint256 quantity, uint256 maxPerMint);
    /// @notice The mint would pass `maxSupply`.
    error LivingAssetSupplyExceeded(uint256 quantity, uint256 remaining);
    /// @notice `msg.value` is not `price * quantity`.
    error LivingAssetWrongPayment(uint256 sent, uint256 required);
    /// @notice The wallet would pass `maxPerWallet` public mints.
    error LivingAssetWalletLimitExceeded(address wallet, uint256 minted, uint256 quantity, uint256 limit);
    /// @notice The token does not exist.
    error LivingAssetNonexistentToken(uint256 tokenId);
    /// @notice A required address is zero.
    error LivingAssetZeroAddress();
    /// @notice A sale parameter is out of range.
    error LivingAssetInvalidSaleConfig(uint256 maxSupply, uint256 maxPerWallet, uint256 maxPerMint);
    /// @notice `maxSupply` cannot go below what is already minted.
    error LivingAssetMaxSupplyBelowMinted(uint256 maxSupply, uint256 minted);
    /// @notice Nothing to withdraw.
    error LivingAssetNothingToWithdraw();
    /// @notice The treasury refused the proceeds.
    error LivingAssetWithdrawFailed(address treasury, uint256 amount);

    /// @notice Minting and holder interactions were paused by `account` (OpenZeppelin Pausable's event).
    event Paused(address account);
    /// @notice Minting and holder interactions were resumed by `account` (OpenZeppelin Pausable's event).
    event Unpaused(address account);
    /// @notice The sale was opened or closed.
    event SaleStateUpdated(bool open);
    /// @notice Price, supply cap or limits changed.
    event SaleConfigUpdated(uint256 price, uint256 maxSupply, uint256 maxPerWallet, uint256 maxPerMint);
    /// @notice The treasury changed.
    event TreasuryUpdated(address indexed treasury);
    /// @notice Proceeds were sent to the treasury.
    event Withdrawn(address indexed treasury, uint256 amount);
    /// @notice The allowlist phase changed: its Merkle root of (address, allowance) leaves, its price,
    /// and whether it is open.
    event AllowlistUpdated(bytes32 root, uint256 price, bool open);
    /// @notice ERC-4906: metadata of one token changed.
    event MetadataUpdate(uint256 _tokenId);
    /// @notice ERC-4906: metadata of a range of tokens changed (inclusive).
    event BatchMetadataUpdate(uint256 _fromTokenId, uint256 _toTokenId);

    /// @notice Mint `quantity` tokens to the caller at `price` each, into the open reveal cohort.
    function mint(uint256 quantity) external payable;

    /// @notice Allowlist phase: mint `quantity` tokens to the caller at the allowlist price, proving
    /// with `proof` that (caller, `allowance`) is a leaf of the allowlist's Merkle tree
    /// (OpenZeppelin StandardMerkleTree leaves of `(address, uint256)`). Allowlist mints are counted
    /// per address across calls and never exceed `allowance`.
    function mintAllowlist(uint256 quantity, uint256 allowance, bytes32[] calldata proof) external payable;

    /// @notice Mint `quantity` tokens to `to` for free (minter role; airdrops).
    function mintTo(address to, uint256 quantity) external;

    /// @notice Send the contract's balance to the treasury.
    function withdraw() external;
}
