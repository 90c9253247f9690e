// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IVRFCoordinatorV2Plus} from "@chainlink/contracts/src/v0.8/vrf/dev/interfaces/IVRFCoordinatorV2Plus.sol";

import {ISeedModule} from "../../interfaces/ISeedModule.sol";

/// @title SeedLayoutBroken (test mock)
/// @notice The same ERC-7201 namespace as {SeedStorage} with a field inserted before `keyHash`, which
/// shifts every later field (the VRF key, the subscription, the cohorts) by one slot: an
/// incompatible layout change that the upgrades plugin must refuse.
contract SeedLayoutBroken is Initializable, UUPSUpgradeable {
    /// @custom:storage-location erc7201:livingasset.storage.Seed
    struct SeedLayout {
        IVRFCoordinatorV2Plus coordinator;
        uint16 requestConfirmations;
        uint32 callbackGasLimit;
        bool nativePayment;
        uint32 rerequestTimeout;
        uint256 insertedField;
        bytes32 keyHash;
        uint256 subscriptionId;
        uint64 openFirstTokenId;
        uint40 openedAt;
        uint64 cohortCount;
        uint32 minRevealDelay;
        mapping(uint256 cohortId => ISeedModule.Cohort) cohorts;
        mapping(address coordinator => mapping(uint256 requestId => uint256 purpose)) requests;
        address pendingCoordinator;
        uint48 coordinatorEffectiveAt;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Reads the inserted field (and makes this bytecode differ from {SeedLayoutHolder}'s:
    /// the upgrades plugin tells implementations apart by their bytecode).
    function insertedField() external view returns (uint256 value) {
        SeedLayout storage $;
        assembly {
            $.slot := 0xd24e1c20e859155c3eb1000e9aedbb4fc32810885c89f1f3312efdcbe5ea2000
        }
        value = $.insertedField;
    }

    function _authorizeUpgrade(address) internal override {}
}
