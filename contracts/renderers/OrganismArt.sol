// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {CreatureArt, Look} from "../libraries/CreatureArt.sol";
import {Genome} from "../libraries/Genome.sol";

/// @title OrganismArt
/// @notice Stateless art engine of `LivingAssetRenderer` that draws the creature of a revealed
/// token. A contract of its own only to keep each piece under the EIP-170 code-size limit.
/// @dev No storage, no owner; anyone may call.
contract OrganismArt {
    /// @notice SVG defs and creature group for `genome` at `stage` (1..4), `vitality` (bps)
    /// and `temperament` (0..3); plus the flora and glow colours of its palette for the scene.
    function draw(
        uint256 genome,
        uint256 vitality,
        uint8 stage,
        uint8 temperament
    ) external pure returns (string memory defs, string memory body, string memory flora, string memory glow) {
        Look memory k = Look({
            genes: Genome.decode(genome),
            vitality: vitality > 10_000 ? 10_000 : vitality,
            stage: stage,
            temperament: temperament,
            glow: "",
            accent: ""
        });
        (defs, body) = CreatureArt.draw(k);
        flora = CreatureArt.colour(k, 4, 0);
        glow = k.glow;
    }
}
