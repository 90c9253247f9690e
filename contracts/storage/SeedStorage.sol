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
        // slot 3: the open cohort and the reveal trigger, read and written together by `reveal`:
        // openFirstTokenId (64) | openedAt (40) | cohortCount (64) | minRevealDelay (32)
        uint64 openFirstTokenId;
        uint40 openedAt;
        uint64 cohortCount;
        uint32 minRevealDelay;
        mapping(uint256 cohortId => ISeedModule.Cohort) cohorts;
        // coordinator => request id => kind (8, high bits) | request time (40) | target (208): what a
        // request was made for, kept under the coordinator it was sent to, which alone may fulfil it.
        mapping(address coordinator => mapping(uint256 requestId => uint256 purpose)) requests;
        // A coordinator change scheduled by the default admin: pendingCoordinator (160) | effectiveAt (48)
        address pendingCoordinator;
        uint48 coordinatorEffectiveAt;
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
