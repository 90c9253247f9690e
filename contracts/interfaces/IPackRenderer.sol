// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRenderer} from "./IRenderer.sol";

/// @notice Why a pack index was refused (see `IPackRenderer.PackIndexInvalid`).
enum PackIndexProblem {
    Truncated, // the index ends inside a field
    Version, // the first byte is not the format version (1)
    Canvas, // the canvas side is outside 16..4096
    SlotCount, // not 1..12 slots
    Text, // a name or label is empty, too long, or holds a byte other than printable ASCII without " # % \
    Gene, // a slot's genome field is over 15
    VariantCount, // a slot has not 1..32 variants
    RuleCount, // a slot has more than 16 live rules
    RuleCondition, // a rule's stage or mood mask names no stage or mood, or its vitality is over 100%
    RuleVariant, // a rule uses a variant the slot does not have
    Weights, // a slot's weights do not sum to its stated total, or sum to 0
    Page, // a layer's page is not SSTORE2 code (no code, or not starting with STOP)
    Origin, // a layer's origin is not human (0), ai (1) or ai-curated (2)
    TrailingBytes, // bytes left after the last slot
    Pixels // a pixel layer's page is malformed: its scale, box, palette or runs (see PackIndex)
}

/// @title IPackRenderer
/// @notice A renderer that draws a creator's art pack: layers stored as pages, composed per
/// token from its genome and live state by the pack's index, with each layer's provenance.
interface IPackRenderer is IRenderer {
    /// @notice The index is refused at byte `offset` for `problem`; nothing was written.
    error PackIndexInvalid(uint256 offset, PackIndexProblem problem);
    /// @notice The pack is locked for good: it can no longer change.
    error PackIsLocked();
    /// @notice No pack is set yet (nothing to lock or draw).
    error PackNotSet();
    /// @notice A pack hash of zero says nothing about the files.
    error PackHashZero();

    /// @notice The pack changed: its index (a page) and the hash of its files.
    event PackSet(address indexed index, bytes32 indexed packHash, uint256 slots, uint256 layers);
    /// @notice The pack was locked for good.
    event PackLocked(address indexed index, bytes32 indexed packHash);

    /// @notice Sets the pack: `index` in the format of `PackIndex` (the `pack upload` task
    /// encodes it from `pack.json`), and `packHash`, keccak256 of the canonical manifest with
    /// each layer replaced by its page's hash. Every layer page must be stored first.
    function setPack(bytes calldata index, bytes32 packHash) external;

    /// @notice Freezes the pack for good.
    function lockPack() external;

    /// @notice The index page, the pack hash and whether the pack is locked.
    function pack() external view returns (address index, bytes32 packHash, bool locked);
}
