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
/// {SeedStorage}) and implements `rawFulfillRandomWords` itself.
///
/// One mint call is one batch and one request. A token's seed is derived when read:
/// `keccak256(abi.encode(word, tokenId))`. Fulfilment never reverts for the coordinator and does
/// constant work, whatever the batch size.
///
/// Who may call what: the coordinator fulfils; `CONFIG_ROLE` sets the VRF configuration and
/// re-requests a stuck batch after the timeout; everything else is a view.
abstract contract SeedModule is LivingAssetBase, SeedStorage, ISeedModule {
    /// @notice The lowest callback gas limit the configuration accepts: twice the heaviest
    /// fulfilment measured by the tests.
    uint32 public constant MIN_CALLBACK_GAS_LIMIT = SeedLogic.MIN_CALLBACK_GAS_LIMIT;

    /// @inheritdoc ISeedModule
    function rawFulfillRandomWords(uint256, uint256[] calldata) external virtual {
        _forward(address(SeedLogic), SeedLogic.fulfill.selector);
    }

    /// @inheritdoc ISeedModule
    /// @dev A batch whose request the coordinator refused (request id 0) never had a word anyone
    /// could see, so anyone may retry it; replacing a live request needs the config role.
    function rerequestBatch(uint256 batchId) external virtual {
        SeedLayout storage $ = SeedLogic.layout();
        if (batchId >= $.batchCount || $.batches[batchId].revealed || $.batches[batchId].randomness != 0) {
            _checkRole(CONFIG_ROLE);
        }
        _forward(address(SeedLogic), SeedLogic.rerequestBatch.selector);
    }

    /// @inheritdoc ISeedModule
    function setVrfConfig(VrfConfig calldata) external virtual onlyRole(CONFIG_ROLE) {
        _forward(address(SeedLogic), SeedLogic.setVrfConfig.selector);
    }

    /// @inheritdoc ISeedModule
    function vrfConfig() external view virtual returns (VrfConfig memory config) {
        assembly ("memory-safe") {
            config := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.vrfConfig.selector);
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
    function batchIdOf(uint256 tokenId) external view virtual returns (uint256 batchId) {
        _requireMinted(tokenId);
        assembly ("memory-safe") {
            batchId := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.batchIdOfToken.selector);
    }

    /// @inheritdoc ISeedModule
    function batch(uint256) external view virtual returns (Batch memory b) {
        assembly ("memory-safe") {
            b := 0 // names the return value for the ABI; _forwardView returns the library's answer
        }
        _forwardView(address(SeedLogic), SeedLogic.batch.selector);
    }

    /// @inheritdoc ISeedModule
    function batchCount() external view virtual returns (uint256) {
        return SeedLogic.layout().batchCount;
    }
}
