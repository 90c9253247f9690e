// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRoyaltyModule
/// @notice ERC-2981 royalties with a cap fixed at initialisation, and an event for every change.
interface IRoyaltyModule {
    /// @notice A receiver and fee. Bit layout: receiver (160) | feeBps (96).
    struct RoyaltyInfo {
        address receiver;
        uint96 feeBps;
    }

    /// @notice The fee is above the cap fixed at initialisation.
    error RoyaltyAboveCap(uint256 feeBps, uint256 capBps);
    /// @notice The cap itself is above 100%.
    error RoyaltyInvalidCap(uint256 capBps);
    /// @notice The receiver is the zero address.
    error RoyaltyZeroReceiver();

    /// @notice The default royalty changed.
    event DefaultRoyaltyUpdated(address indexed receiver, uint96 feeBps);
    /// @notice A token's royalty override changed.
    event TokenRoyaltyUpdated(uint256 indexed tokenId, address indexed receiver, uint96 feeBps);
    /// @notice A token's royalty override was removed; the default applies again.
    event TokenRoyaltyReset(uint256 indexed tokenId);

    /// @notice The maximum fee in basis points, fixed at initialisation.
    function maxRoyaltyBps() external view returns (uint96);

    /// @notice Set the default royalty (config role).
    function setDefaultRoyalty(address receiver, uint96 feeBps) external;

    /// @notice Override one token's royalty (config role).
    function setTokenRoyalty(uint256 tokenId, address receiver, uint96 feeBps) external;

    /// @notice Remove one token's override (config role).
    function resetTokenRoyalty(uint256 tokenId) external;
}
