// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {CreatureFace, Face} from "../libraries/CreatureFace.sol";

/// @title FaceArt
/// @notice Stateless art engine of `OrganismArt` that draws the creature's face: eyes by
/// vitality band, brows and mouth by temperament, whiskers by age. A contract of its own only to
/// keep each piece under the repository's size bar (20,480 bytes).
/// @dev No storage, no owner; anyone may call.
contract FaceArt {
    /// @notice The eye template `e` (for `<defs>`) and the face, in body coordinates.
    function draw(Face calldata f) external pure returns (string memory eyeDef, string memory face) {
        return CreatureFace.draw(f);
    }
}
