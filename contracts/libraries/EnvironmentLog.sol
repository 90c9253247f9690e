// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IWorld} from "../interfaces/IWorld.sol";

/// @title EnvironmentLog
/// @notice Pure maths of the environment log: each epoch appends one entry holding the price and
/// running prefix sums, so anything over a token's life is the difference of two entries.
library EnvironmentLog {
    /// @notice A single epoch's move is capped at 10x (100,000 bps) so 40-bit sums last > 10^7 epochs.
    uint256 internal constant MAX_MOVE_BPS = 100_000;

    /// @notice Parameters of one append.
    struct AppendParams {
        IWorld.EpochEntry previous;
        uint256 answer; // validated, > 0, fits in 88 bits
        uint256 timestamp;
        uint256 moodThresholdBps;
    }

    /// @notice The next entry, and the signed move against the previous price in basis points
    /// (0 for the first priced epoch).
    function next(AppendParams memory p) internal pure returns (IWorld.EpochEntry memory entry, int256 moveBps) {
        entry = IWorld.EpochEntry({
            price: uint88(p.answer),
            timestamp: uint40(p.timestamp),
            cumUpBps: p.previous.cumUpBps,
            cumDownBps: p.previous.cumDownBps,
            cumStorms: p.previous.cumStorms,
            moveBps: 0
        });
        uint256 prev = p.previous.price;
        if (prev == 0) return (entry, 0);
        if (p.answer >= prev) {
            uint256 up = _min(((p.answer - prev) * 10_000) / prev, MAX_MOVE_BPS);
            entry.cumUpBps += uint40(up);
            moveBps = int256(up);
            entry.moveBps = int16(int256(_min(up, uint256(uint16(type(int16).max)))));
        } else {
            uint256 down = ((prev - p.answer) * 10_000) / prev; // < 10,000
            entry.cumDownBps += uint40(down);
            if (down >= p.moodThresholdBps) entry.cumStorms += 1;
            moveBps = -int256(down);
            entry.moveBps = -int16(int256(down)); // down < 10,000 fits
        }
    }

    /// @notice An entry from its raw storage word (as {IWorld-lifeOf} returns it). Bit layout, low
    /// to high: price (88) | timestamp (40) | cumUpBps (40) | cumDownBps (40) | cumStorms (32) |
    /// moveBps (16, two's complement).
    function unpack(bytes32 word) internal pure returns (IWorld.EpochEntry memory e) {
        uint256 w = uint256(word);
        e.price = uint88(w);
        e.timestamp = uint40(w >> 88);
        e.cumUpBps = uint40(w >> 128);
        e.cumDownBps = uint40(w >> 168);
        e.cumStorms = uint32(w >> 208);
        e.moveBps = int16(uint16(w >> 240));
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
