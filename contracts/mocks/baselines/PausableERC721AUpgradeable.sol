// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

import {PlainERC721AUpgradeable} from "./PlainERC721AUpgradeable.sol";

/**
 * @title PausableERC721AUpgradeable
 * @notice BENCHMARK BASELINE, NOT PRODUCT CODE. {PlainERC721AUpgradeable} whose `mint` carries
 * OpenZeppelin's `whenNotPaused` (PausableUpgradeable, its flag in a namespace of its own). The
 * benchmark sets its mint beside the plain one: the difference is what a pause check costs when the
 * flag has a slot of its own, which Vivarium avoids by keeping the flag in the sale slot a mint
 * reads anyway (LivingAssetBase.whenNotPaused).
 * @dev Who may call what: as the plain baseline; the owner may pause and unpause.
 */
contract PausableERC721AUpgradeable is PlainERC721AUpgradeable, PausableUpgradeable {
    /// @notice Mints `quantity` tokens to `to` unless paused.
    function mint(address to, uint256 quantity) public virtual override whenNotPaused {
        super.mint(to, quantity);
    }

    /// @notice Pauses minting (owner).
    function pause() external onlyOwner {
        _pause();
    }
}
