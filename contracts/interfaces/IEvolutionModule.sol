// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IWorldSubscriber} from "./IWorld.sol";

/// @title IEvolutionModule
/// @notice The collection's side of the world: the world it lives in (named at initialisation,
/// fixed for good) and the epoch it has entered. Holder paths read only this epoch, never another
/// contract; phenotypes read the world's log in one call.
interface IEvolutionModule is IWorldSubscriber {
    /// @notice `onWorldEpoch` called by someone other than the collection's world.
    error EvolutionOnlyWorld(address caller, address world);
    /// @notice The world address is not a world (no code, or no `state()`).
    error EvolutionInvalidWorld(address world);
    /// @notice `syncWorld` with nothing to catch up: the collection is at the world's epoch.
    error EvolutionInSync(uint256 epoch);

    /// @notice `syncWorld` caught the collection up to `epoch` of its world (a hook's epoch is in
    /// the world's `EpochAdvanced` of the same transaction).
    event WorldSynced(uint256 indexed epoch);
    /// @notice The collection lives in `world`, starting at `epoch` (at initialisation).
    event WorldLinked(address indexed world, uint256 epoch);

    /// @notice The world this collection lives in.
    function world() external view returns (address);

    /// @notice The epoch the collection has entered; tokens minted now are born in it.
    function currentEpoch() external view returns (uint256);

    /// @notice Catch up with the world after a missed hook (anyone). Emits what the hook emits.
    function syncWorld() external;
}
