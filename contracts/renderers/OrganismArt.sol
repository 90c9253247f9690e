// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {CreatureArt, Look} from "../libraries/CreatureArt.sol";
import {Face} from "../libraries/CreatureFace.sol";
import {Genes, Genome} from "../libraries/Genome.sol";
import {FaceArt} from "./FaceArt.sol";

/// @title OrganismArt
/// @notice Stateless art engine of `LivingAssetRenderer` that draws the creature of a revealed
/// token; its face comes from `faceArt`. A contract of its own only to keep each piece under the
/// EIP-170 code-size limit.
/// @dev No storage, no owner; anyone may call.
contract OrganismArt {
    /// @notice Draws the creature's face; deployed before this contract.
    FaceArt public immutable faceArt;

    /// @param face the `FaceArt` to draw faces with.
    constructor(FaceArt face) {
        faceArt = face;
    }

    /// @notice SVG defs and creature group for `genome` at `stage` (1..4), `vitality` (bps),
    /// `temperament` (0..3) and `age` (epochs); plus the flora and glow colours of its palette
    /// for the scene.
    function draw(
        uint256 genome,
        uint256 vitality,
        uint8 stage,
        uint8 temperament,
        uint32 age
    ) external view returns (string memory defs, string memory body, string memory flora, string memory glow) {
        Genes memory genes = Genome.decode(genome);
        vitality = vitality > 10_000 ? 10_000 : vitality;
        Look memory k = Look({
            genes: genes,
            vitality: vitality,
            stage: stage,
            temperament: temperament,
            band: CreatureArt.band(vitality),
            age: age,
            eyeDef: "",
            face: "",
            glow: "",
            accent: ""
        });
        (k.eyeDef, k.face) = faceArt.draw(
            Face({
                body: genes.body,
                eyes: genes.eyes,
                stage: stage,
                band: k.band,
                temperament: temperament,
                age: age,
                lid: k.band == 2 || k.band == 3
                    ? CreatureArt.colour(k, 1, 0)
                    : "" // only lids use it
            })
        );
        (defs, body) = CreatureArt.draw(k);
        flora = CreatureArt.colour(k, 4, 0);
        glow = k.glow;
    }
}
