// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IVRFCoordinatorV2Plus} from "@chainlink/contracts/src/v0.8/vrf/dev/interfaces/IVRFCoordinatorV2Plus.sol";

import {ISeedModule} from "../interfaces/ISeedModule.sol";

/// @title SeedStorage
/// @notice The seed module's layout (ERC-7201 `livingasset.storage.Seed`), declared once:
/// {SeedModule} inherits it (so the upgrades plugin validates it) and the logic
/// libraries reach it through {SeedSlot}.
abstract contract SeedStorage {
    /// @custom:storage-location erc7201:livingasset.storage.Seed
    struct SeedLayout {
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
}

/// @title SeedSlot
/// @notice Where {SeedStorage-SeedLayout} lives.
library SeedSlot {
    // keccak256(abi.encode(uint256(keccak256("livingasset.storage.Seed")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant SLOT = 0xd24e1c20e859155c3eb1000e9aedbb4fc32810885c89f1f3312efdcbe5ea2000;

    function layout() internal pure returns (SeedStorage.SeedLayout storage $) {
        assembly {
            $.slot := SLOT
        }
    }
}
