// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IVRFCoordinatorV2Plus} from "@chainlink/contracts/src/v0.8/vrf/dev/interfaces/IVRFCoordinatorV2Plus.sol";
import {ISeedModule} from "../interfaces/ISeedModule.sol";
import {SeedLogic} from "../libraries/SeedLogic.sol";
import {LivingAssetBase} from "./LivingAssetBase.sol";

/// @title SeedModule
/// @notice An upgradeable Chainlink VRF v2.5 consumer. `VRFConsumerBaseV2Plus` needs a constructor
/// and an owner of its own, so it cannot sit behind a proxy: this module keeps the coordinator and
/// request parameters in its ERC-7201 namespace (`livingasset.storage.Seed`, laid out in
/// {SeedLogic}) and implements `rawFulfillRandomWords` itself.
///
/// One mint call is one batch and one request. A token's seed is derived when read:
/// `keccak256(abi.encode(word, tokenId))`. Fulfilment never reverts for the coordinator and does
/// constant work, whatever the batch size.
///
/// Who may call what: the coordinator fulfils; `CONFIG_ROLE` sets the VRF configuration and
/// re-requests a stuck batch after the timeout; everything else is a view.
abstract contract SeedModule is LivingAssetBase, ISeedModule {
    /// @custom:storage-location erc7201:livingasset.storage.Seed
    struct SeedStorage {
        // slot 0: coordinator (160) | requestConfirmations (16) | callbackGasLimit (32) | nativePayment (8) | rerequestTimeout (32)
        IVRFCoordinatorV2Plus coordinator;
        uint16 requestConfirmations;
        uint32 callbackGasLimit;
        bool nativePayment;
        uint32 rerequestTimeout;
        bytes32 keyHash;
        uint256 subscriptionId;
        uint256 batchCount;
        mapping(uint256 batchId => ISeedModule.Batch) batches;
        // kind (8, high bits) | target (248): what a request id was made for.
        mapping(uint256 requestId => uint256 purpose) requests;
    }

    /// @notice The lowest callback gas limit the configuration accepts: twice the heaviest
    /// fulfilment measured by the tests.
    uint32 public constant MIN_CALLBACK_GAS_LIMIT = SeedLogic.MIN_CALLBACK_GAS_LIMIT;

    function __SeedModule_init(VrfConfig calldata config) internal onlyInitializing {
        __SeedModule_init_unchained(config);
    }

    function __SeedModule_init_unchained(VrfConfig calldata config) internal onlyInitializing {
        SeedLogic.setVrfConfig(config);
    }

    /// @inheritdoc ISeedModule
    function rawFulfillRandomWords(uint256 requestId, uint256[] calldata randomWords) external virtual {
        SeedLogic.fulfill(requestId, randomWords);
    }

    /// @inheritdoc ISeedModule
    /// @dev A batch whose request the coordinator refused (request id 0) never had a word anyone
    /// could see, so anyone may retry it; replacing a live request needs the config role.
    function rerequestBatch(uint256 batchId) external virtual {
        SeedStorage storage $ = SeedLogic.layout();
        if (batchId >= $.batchCount || $.batches[batchId].revealed || $.batches[batchId].randomness != 0) {
            _checkRole(CONFIG_ROLE);
        }
        SeedLogic.rerequestBatch(batchId);
    }

    /// @inheritdoc ISeedModule
    function setVrfConfig(VrfConfig calldata config) external virtual onlyRole(CONFIG_ROLE) {
        SeedLogic.setVrfConfig(config);
    }

    /// @inheritdoc ISeedModule
    function vrfConfig() external view virtual returns (VrfConfig memory) {
        SeedModule.SeedStorage storage $ = SeedLogic.layout();
        return
            VrfConfig({
                coordinator: address($.coordinator),
                keyHash: $.keyHash,
                subscriptionId: $.subscriptionId,
                requestConfirmations: $.requestConfirmations,
                callbackGasLimit: $.callbackGasLimit,
                nativePayment: $.nativePayment,
                rerequestTimeout: $.rerequestTimeout
            });
    }

    /// @inheritdoc ISeedModule
    function seedOf(uint256 tokenId) public view virtual returns (uint256) {
        (bool revealed, uint256 seed, ) = _seedAndBirth(tokenId);
        if (!revealed) revert SeedNotRevealed(tokenId);
        return seed;
    }

    /// @inheritdoc ISeedModule
    function isRevealed(uint256 tokenId) public view virtual returns (bool revealed) {
        (revealed, , ) = _seedAndBirth(tokenId);
    }

    /// @inheritdoc ISeedModule
    function batchIdOf(uint256 tokenId) public view virtual returns (uint256) {
        _requireMinted(tokenId);
        return SeedLogic.batchIdOf(SeedLogic.layout(), tokenId);
    }

    /// @inheritdoc ISeedModule
    function batch(uint256 batchId) external view virtual returns (Batch memory) {
        SeedModule.SeedStorage storage $ = SeedLogic.layout();
        if (batchId >= $.batchCount) revert SeedUnknownBatch(batchId);
        return $.batches[batchId];
    }

    /// @inheritdoc ISeedModule
    function batchCount() external view virtual returns (uint256) {
        return SeedLogic.layout().batchCount;
    }

    /// @dev Seed (if revealed) and birth epoch of a minted token: one binary search plus one read.
    function _seedAndBirth(uint256 tokenId) internal view returns (bool revealed, uint256 seed, uint256 birthEpoch) {
        _requireMinted(tokenId);
        return SeedLogic.seedAndBirth(tokenId);
    }
}
