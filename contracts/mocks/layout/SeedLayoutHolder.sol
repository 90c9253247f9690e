// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {SeedStorage} from "../../storage/SeedStorage.sol";

/// @title SeedLayoutHolder (test mock)
/// @notice An implementation whose only storage is the seed module's real layout, inherited from
/// contracts/storage/SeedStorage.sol exactly as {SeedModule} inherits it: the upgrades plugin must
/// read the namespace from there.
contract SeedLayoutHolder is SeedStorage, Initializable, UUPSUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function _authorizeUpgrade(address) internal override {}
}
