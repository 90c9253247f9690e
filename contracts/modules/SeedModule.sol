// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ISeedModule} from "../interfaces/ISeedModule.sol";
import {SeedStorage} from "../storage/SeedStorage.sol";
import {SeedLogic} from "../libraries/SeedLogic.sol";
import {LivingAssetBase} from "./LivingAssetBase.sol";

/// @title SeedModule
/// @notice An upgradeable Chainlink VRF v2.5 consumer. `VRFConsumerBaseV2Plus` needs a constructor
/// and an owner of its own, so it cannot sit behind a proxy: this module keeps the coordinator and
/// request parameters in its ERC-7201 namespace (`livingasset.storage.Seed`, laid out in
/// {SeedStorage}) and implements Chainlink's `setCoordinator` itself; `rawFulfillRandomWords` is
/// implemented by {InteractionModule}, since a word may be for a cohort or a metamorphosis.
///
/// Reveal cohorts: a mint writes nothing of its own; the tokens minted since the last request form
/// the open cohort, and one request closes it ({reveal}, Chainlink Automation's {performUpkeep}, or
/// the mint itself in instant-reveal mode). A token's seed is derived when read:
/// `keccak256(abi.encode(word, tokenId))`. Fulfilment never reverts for the coordinator and does
/// constant work, whatever the cohort's size.
///
/// Who may call what: anyone `reveal`s (after the minimum delay) and re-requests a cohort whose
/// request was refused; the coordinator a request was sent to fulfils it; `CONFIG_ROLE` sets the
/// request parameters and the reveal trigger and re-requests a stuck cohort after the timeout, as
/// `UPKEEP_ROLE` (the Automation upkeep's forwarder) may through {performUpkeep}; the coordinator is
/// changed by the current coordinator (a migration of the collection's own subscription) or by the
/// default admin after the admin delay; everything else is a view.
abstract contract SeedModule is LivingAssetBase, SeedStorage, ISeedModule {
    /// @notice The lowest callback gas limit the configuration accepts: twice the heaviest
    /// fulfilment measured by the tests.
    uint32 public constant MIN_CALLBACK_GAS_LIMIT = SeedLogic.MIN_CALLBACK_GAS_LIMIT;

    /// @inheritdoc ISeedModule
    function reveal() external virtual returns (uint256 cohortId) {
        assembly ("memory-safe") {
            cohortId := 0 // names the return value for the ABI; _forward returns the library's answer
        }
        _forward(address(SeedLogic), SeedLogic.reveal.selector);
    }

    /// @notice Chainlink Automation: whether {performUpkeep} would close the open cohort now (empty
    /// `performData`), or else retry the oldest refused or stuck cohort of the latest 256 (its id).
    function checkUpkeep(
        bytes calldata checkData
    ) external view virtual returns (bool upkeepNeeded, bytes memory performData) {
        checkData; // decoded by the library
        assembly ("memory-safe") {
            // names the return values for the ABI; _forwardView returns the library's answer
            upkeepNeeded := 0
            performData := 0
        }
        _forwardView(address(SeedLogic), SeedLogic.checkUpkeep.selector);
    }

    /// @notice Chainlink Automation: {reveal} (empty `performData`) or {rerequestCohort} of the cohort
    /// `performData` names, with every check made again (anyone may call it; replacing a stuck
    /// request takes `UPKEEP_ROLE`, granted to the upkeep's forwarder, or `CONFIG_ROLE`).
    function performUpkeep(bytes calldata performData) external virtual {
        performData; // decoded by the library
        _forward(address(SeedLogic), SeedLogic.performUpkeep.selector);
    }

    /// @inheritdoc ISeedModule
    /// @dev A cohort whose request the coordinator refused (request id 0) never had a word anyone
    /// could see, so anyone may retry it; replacing a live request needs the config role (checked
    /// by {SeedLogic-rerequestCohort}).
    function rerequestCohort(uint256 cohortId) external virtual {
        cohortId; // decoded by the library
        _forward(address(SeedLogic), SeedLogic.rerequestCohort.selector);
    }

    /// @inheritdoc ISeedModule
    function setVrfConfig(VrfConfig calldata config) external virtual onlyConfig {
        config; // decoded by the library
        _forward(address(SeedLogic), SeedLogic.setVrfConfig.selector);
    }

    /// @inheritdoc ISeedModule
    function setRevealConfig(uint32 minRevealDelay, bool instantReveal) external virtual onlyConfig {
        (minRevealDelay, instantReveal); // decoded by the library
        _forward(address(SeedLogic), SeedLogic.setRevealConfig.selector);
    }

    /// @inheritdoc ISeedModule
    /// @dev Who may call, and what each caller's call does, is checked by {SeedLogic-setCoordinator}.
    function setCoordinator(address vrfCoordinator) external virtual {
        vrfCoordinator; // decoded by the library
        _forward(address(SeedLogic), SeedLogic.setCoordinator.selector);
    }

    /// @inheritdoc ISeedModule
    function vrfConfig() external view virtual returns (VrfConfig memory config) {
        assembly ("memory-safe") {
            config := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.vrfConfig.selector);
    }

    /// @inheritdoc ISeedModule
    function cohortState() external view virtual returns (CohortState memory state) {
        assembly ("memory-safe") {
            state := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.cohortState.selector);
    }

    /// @inheritdoc ISeedModule
    function seedOf(uint256 tokenId) external view virtual returns (uint256 seed) {
        _requireMinted(tokenId);
        assembly ("memory-safe") {
            seed := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.seedOf.selector);
    }

    /// @inheritdoc ISeedModule
    function isRevealed(uint256 tokenId) external view virtual returns (bool revealed) {
        _requireMinted(tokenId);
        assembly ("memory-safe") {
            revealed := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.isRevealed.selector);
    }

    /// @inheritdoc ISeedModule
    function cohortIdOf(uint256 tokenId) external view virtual returns (uint256 cohortId) {
        _requireMinted(tokenId);
        assembly ("memory-safe") {
            cohortId := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.cohortIdOf.selector);
    }

    /// @inheritdoc ISeedModule
    function cohort(uint256 cohortId) external view virtual returns (Cohort memory c) {
        cohortId; // decoded by the library
        assembly ("memory-safe") {
            c := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.cohort.selector);
    }
}
