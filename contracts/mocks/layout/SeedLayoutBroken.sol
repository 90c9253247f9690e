// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title SeedLayoutBroken (test mock)
/// @notice The same ERC-7201 namespace as {SeedStorage} with a field inserted before `keyHash`, which
/// shifts every later field (the VRF key, the subscription, the batches) by one slot: an
/// incompatible layout change that the upgrades plugin must refuse.
contract SeedLayoutBroken is Initializable, UUPSUpgradeable {
    /// @custom:storage-location erc7201:livingasset.storage.Seed
    struct SeedLayout {
        address coordinator;
        uint16 requestConfirmations;
        uint32 callbackGasLimit;
        bool nativePayment;
        uint32 rerequestTimeout;
        uint256 insertedField;
        bytes32 keyHash;
        uint256 subscriptionId;
        uint256 batchCount;
        mapping(uint256 batchId => uint256) batches;
        mapping(uint256 requestId => uint256 purpose) requests;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function _authorizeUpgrade(address) internal override {}
}
