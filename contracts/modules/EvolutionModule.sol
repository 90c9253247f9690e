// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IWorldSubscriber} from "../interfaces/IWorld.sol";
import {IEvolutionModule} from "../interfaces/IEvolutionModule.sol";
import {EvolutionStorage, EvolutionSlot} from "../storage/EvolutionStorage.sol";
import {WorldLinkEvents} from "../libraries/WorldLinkEvents.sol";
import {SetupLogic} from "../libraries/SetupLogic.sol";
import {LivingAssetBase} from "./LivingAssetBase.sol";

/// @title EvolutionModule
/// @notice The collection's side of the {World}: it names its world at initialisation (for good)
/// and keeps the epoch it has entered, in one slot of ERC-7201 `livingasset.storage.WorldLink`
/// ({EvolutionStorage}). The world calls {onWorldEpoch} when it advances; the collection then
/// emits the ERC-4906 and ERC-7496 events marketplaces listen for on the token contract. A
/// collection that missed a hook (not subscribed, or its hook failed) catches up with
/// {syncWorld}. Holder paths read only this slot, never another contract.
///
/// Who may call what: the world calls `onWorldEpoch`; anyone may `syncWorld`.
abstract contract EvolutionModule is LivingAssetBase, EvolutionStorage, IEvolutionModule {
    /// @inheritdoc IWorldSubscriber
    /// @dev Inline (no library call): it runs once per epoch for every subscribed collection, inside
    /// the world's gas allowance for each.
    function onWorldEpoch(uint256 epoch, uint256 mood, uint256 moodThresholdBps) external virtual {
        WorldLinkLayout storage $ = EvolutionSlot.layout();
        if (msg.sender != address($.world)) revert EvolutionOnlyWorld(msg.sender, address($.world));
        WorldLinkEvents.enterEpoch($, epoch, mood, moodThresholdBps);
    }

    /// @inheritdoc IEvolutionModule
    /// @dev A cold path: run by {SetupLogic-syncWorld} on this call's calldata.
    function syncWorld() external virtual {
        _forward(address(SetupLogic), SetupLogic.syncWorld.selector);
    }

    /// @inheritdoc IEvolutionModule
    function world() external view virtual returns (address) {
        return address(EvolutionSlot.layout().world);
    }

    /// @inheritdoc IEvolutionModule
    function currentEpoch() public view virtual returns (uint256) {
        return EvolutionSlot.layout().epoch;
    }
}
