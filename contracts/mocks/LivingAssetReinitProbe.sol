// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LivingAsset} from "../LivingAsset.sol";

/// @title LivingAssetReinitProbe (test mock)
/// @notice A mistake an upgrade could ship: a function guarded by ERC721A's own
/// `initializerERC721A`, as `__ERC721A_init` is (it would reset the token counter and mint over
/// existing tokens). V1's initialisation sets ERC721A's initializer flag, so the modifier refuses
/// it; the test upgrades a proxy to this probe and calls it.
/// @custom:oz-upgrades-unsafe-allow external-library-linking missing-initializer
contract LivingAssetReinitProbe is LivingAsset {
    /// @notice How many times {reinitializeERC721A} ran (it must never run on an initialised proxy).
    uint256 public reinitialized;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() LivingAsset() {}

    /// @notice Guarded by ERC721A's `initializerERC721A`, as ERC721A's own initialisers are.
    function reinitializeERC721A() external initializerERC721A {
        reinitialized += 1;
    }
}
