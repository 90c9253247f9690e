// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Phenotype, Stage, Temperament, Mood} from "../interfaces/IRenderer.sol";
import {IWorld} from "../interfaces/IWorld.sol";
import {IInteractionModule} from "../interfaces/IInteractionModule.sol";
import {Genome} from "./Genome.sol";

/// @title PhenotypeLib
/// @notice A token's live state as a pure function of its seed, birth epoch, own checkpoint and
/// two entries of the environment log (at birth and now). No loops: the cost is the same at any age or supply.
library PhenotypeLib {
    /// @notice Vitality every token is born with, basis points.
    uint16 internal constant INITIAL_VITALITY = 8_000;
    /// @notice Vitality lost per epoch without nurture, basis points.
    uint16 internal constant DECAY_PER_EPOCH = 400;
    /// @notice Vitality gained by one nurture, basis points (capped at 10,000).
    uint16 internal constant NURTURE_BOOST = 2_500;
    uint16 internal constant MAX_VITALITY = 10_000;
    /// @notice Age (epochs) at which a hatchling becomes a juvenile.
    uint32 internal constant JUVENILE_AGE = 3;
    /// @notice Age needed per metamorphosis: the n-th (1-based) needs n * this many epochs.
    uint32 internal constant METAMORPHOSIS_AGE = 5;
    /// @notice Vitality needed to metamorphose, basis points.
    uint16 internal constant METAMORPHOSIS_VITALITY = 5_000;
    /// @notice Adult after one metamorphosis, Ascended after two.
    uint8 internal constant MAX_METAMORPHOSES = 2;
    /// @notice Average |move| per epoch below which a life counts as serene, basis points.
    uint256 internal constant SERENE_BPS_PER_EPOCH = 100;

    /// @notice Inputs of `compute`.
    struct Params {
        bool revealed;
        uint256 seed;
        uint32 birthEpoch;
        uint32 currentEpoch;
        IInteractionModule.Checkpoint checkpoint;
        IWorld.EpochEntry atBirth;
        IWorld.EpochEntry atNow;
        uint256 moodThresholdBps;
    }

    /// @notice The phenotype.
    function compute(Params memory p) internal pure returns (Phenotype memory ph) {
        ph.revealed = p.revealed;
        ph.birthEpoch = p.birthEpoch;
        ph.currentEpoch = p.currentEpoch;
        ph.age = p.currentEpoch - p.birthEpoch;
        ph.generation = p.checkpoint.metamorphoses;
        ph.metamorphosisPending = p.checkpoint.pending;
        ph.nurtureCount = p.checkpoint.nurtureCount;
        ph.vitality = vitality(p.checkpoint, p.birthEpoch, p.currentEpoch);
        ph.lifeUpBps = p.atNow.cumUpBps - p.atBirth.cumUpBps;
        ph.lifeDownBps = p.atNow.cumDownBps - p.atBirth.cumDownBps;
        ph.lastPrice = int256(uint256(p.atNow.price));
        ph.temperament = temperament(ph.lifeUpBps, ph.lifeDownBps, ph.age, p.seed);
        ph.mood = mood(p.atNow.moveBps, p.moodThresholdBps);
        if (!p.revealed) {
            ph.stage = Stage.Egg;
            return ph;
        }
        ph.seed = p.seed;
        ph.genome = genome(p.seed, p.checkpoint.mutation);
        ph.stage = stage(ph.age, p.checkpoint.metamorphoses);
    }

    /// @notice Vitality now: the last recorded value (or the birth value) minus lazy decay.
    function vitality(
        IInteractionModule.Checkpoint memory cp,
        uint32 birthEpoch,
        uint32 currentEpoch
    ) internal pure returns (uint16) {
        (uint256 base, uint256 since) = cp.initialized
            ? (uint256(cp.vitality), uint256(cp.vitalityEpoch))
            : (uint256(INITIAL_VITALITY), uint256(birthEpoch));
        uint256 decay = (uint256(currentEpoch) - since) * DECAY_PER_EPOCH;
        return decay >= base ? 0 : uint16(base - decay);
    }

    /// @notice Hatchling, then Juvenile with age; Adult and Ascended through metamorphosis.
    function stage(uint32 age, uint8 metamorphoses) internal pure returns (Stage) {
        if (metamorphoses >= 2) return Stage.Ascended;
        if (metamorphoses == 1) return Stage.Adult;
        return age >= JUVENILE_AGE ? Stage.Juvenile : Stage.Hatchling;
    }

    /// @notice Bits of the genome a metamorphosis keeps: the fields of palette, body and hue shift
    /// ({Genome-IDENTITY_MASK}), so a token keeps its colours and body plan (its identity) while
    /// its pattern, symmetry, proportions, limbs, eyes and curl are remixed.
    uint256 internal constant IDENTITY_MASK = Genome.IDENTITY_MASK;

    /// @notice The seed with everything but its identity fields remixed by the metamorphoses' mutation.
    function genome(uint256 seed, uint64 mutation) internal pure returns (uint256) {
        if (mutation == 0) return seed;
        uint256 remix = uint256(keccak256(abi.encode(seed, mutation)));
        return (seed & IDENTITY_MASK) | (remix & ~IDENTITY_MASK);
    }

    /// @notice The market the token lived through, read through the token's own disposition.
    /// The market: activity, the average |move| per epoch of its life, and tilt, up-moves less
    /// down-moves as a share of all moves (percent). The disposition, from the seed's top bits
    /// (no gene reads them; fixed for life, different for every token of a cohort): nerve, 0 to
    /// 150 bps added to the activity, and bias, -30 to +30 points added to the tilt. Serene when
    /// the felt activity is under 100 bps per epoch; otherwise Bold when the felt tilt is over
    /// 11 points (up-moves beat down-moves by about a quarter), Wary under -11, Restless between.
    /// With no market yet (age 0, or an unrevealed seed of 0) the disposition alone decides.
    function temperament(uint256 up, uint256 down, uint256 age, uint256 seed) internal pure returns (Temperament) {
        uint256 nerve = ((seed >> 240) & 0xff) % 151;
        int256 bias = int256(((seed >> 248) & 0xff) % 61) - 30;
        uint256 moved = up + down;
        if (moved / (age == 0 ? 1 : age) + nerve < SERENE_BPS_PER_EPOCH) return Temperament.Serene;
        int256 tilt = moved == 0 ? int256(0) : ((int256(up) - int256(down)) * 100) / int256(moved);
        if (tilt + bias > 11) return Temperament.Bold;
        if (tilt + bias < -11) return Temperament.Wary;
        return Temperament.Restless;
    }

    /// @notice The latest epoch's weather: its move against the epoch before (0 before any epoch).
    function mood(int16 moveBps, uint256 thresholdBps) internal pure returns (Mood) {
        if (moveBps <= -int256(thresholdBps)) return Mood.Stormy;
        if (moveBps >= int256(thresholdBps)) return Mood.Sunny;
        return Mood.Calm;
    }

    /// @notice Age a token needs for its next metamorphosis.
    function metamorphosisAge(uint8 metamorphoses) internal pure returns (uint32) {
        return METAMORPHOSIS_AGE * (uint32(metamorphoses) + 1);
    }
}
