// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice A genome decoded into named genes. Discrete genes index the name tables of
/// `Genome`; continuous genes are ready-to-use numbers.
struct Genes {
    uint8 palette; // 0..9, see `Genome.paletteName`
    uint8 body; // 0..4: Blob, Starling, Medusa, Nautilus, Morula
    uint8 pattern; // 0..5: Spots, Stripes, Rings, Scales, Freckles, Plain
    uint8 symmetry; // 0..4: Bilateral, Radial 3/5/6/8
    uint8 folds; // 2 (bilateral), 3, 5, 6 or 8
    int16 hueShift; // -24..24 degrees applied to every palette colour
    uint16 sizePct; // 88..112, body size
    uint16 stretchPct; // 88..114, vertical stretch of the body
    uint8 extraLimbs; // 0..2, added to the stage's limb count
    uint8 eyes; // 1..3
    uint8 curl; // 6..33, tentacle wave amplitude
    uint8 lobeDepth; // 0..15, how deep the body outline dips between lobes
    uint256 entropy; // keccak256(genome): positions of spots, pebbles, plants
}

/// @title Genome
/// @notice Decodes a `uint256` genome into `Genes` and names each discrete gene.
/// @dev Where each gene starts in the genome; a gene is `(genome >> start) % range`, so the
/// bits above its field count too:
///   [0..7] palette | [8..15] body | [16..23] pattern | [24..31] symmetry |
///   [32..39] hue shift | [40..47] size | [48..55] extra limbs | [56..63] eyes |
///   [64..71] curl | [72..79] stretch | [80..87] lobe depth | rest: via `entropy`.
library Genome {
    uint256 internal constant PALETTES = 10;
    uint256 internal constant BODIES = 5;
    uint256 internal constant PATTERNS = 6;
    uint256 internal constant SYMMETRIES = 5;

    /// @notice Decodes `genome`.
    function decode(uint256 genome) internal pure returns (Genes memory genes) {
        genes.palette = uint8(genome % PALETTES);
        genes.body = uint8((genome >> 8) % BODIES);
        genes.pattern = uint8((genome >> 16) % PATTERNS);
        genes.symmetry = uint8((genome >> 24) % SYMMETRIES);
        genes.folds = [2, 3, 5, 6, 8][genes.symmetry];
        genes.hueShift = int16(int256((genome >> 32) % 49) - 24);
        genes.sizePct = uint16(88 + ((genome >> 40) % 25));
        genes.extraLimbs = uint8((genome >> 48) % 3);
        genes.eyes = uint8(1 + ((genome >> 56) % 3));
        genes.curl = uint8(6 + ((genome >> 64) % 28));
        genes.stretchPct = uint16(88 + ((genome >> 72) % 27));
        genes.lobeDepth = uint8((genome >> 80) % 16);
        genes.entropy = uint256(keccak256(abi.encode(genome)));
    }

    /// @notice Colour `index` (0 body, 1 deep, 2 accent, 3 glow, 4 flora) of `palette` as
    /// (hue degrees, saturation %, lightness %).
    function colour(uint8 palette, uint256 index) internal pure returns (uint256 h, uint256 s, uint256 l) {
        uint256 c = (_palette(palette) >> ((4 - index) * 32)) & 0xffffffff;
        return (c >> 16, (c >> 8) & 0xff, c & 0xff);
    }

    /// @notice Palette name.
    function paletteName(uint8 p) internal pure returns (string memory) {
        if (p == 0) return "Abyssal Teal";
        if (p == 1) return "Coral Reef";
        if (p == 2) return "Aurora";
        if (p == 3) return "Nebula Orchid";
        if (p == 4) return "Ember Moth";
        if (p == 5) return "Glacier";
        if (p == 6) return "Moss Lantern";
        if (p == 7) return "Rose Quartz";
        if (p == 8) return "Citrine Jelly";
        return "Obsidian Neon";
    }

    /// @notice Body shape name.
    function bodyName(uint8 b) internal pure returns (string memory) {
        return ["Blob", "Starling", "Medusa", "Nautilus", "Morula"][b];
    }

    /// @notice Pattern name.
    function patternName(uint8 p) internal pure returns (string memory) {
        return ["Spots", "Stripes", "Rings", "Scales", "Freckles", "Plain"][p];
    }

    /// @notice Symmetry name.
    function symmetryName(uint8 s) internal pure returns (string memory) {
        return ["Bilateral", "Radial 3-fold", "Radial 5-fold", "Radial 6-fold", "Radial 8-fold"][s];
    }

    /// @dev Five colours of 32 bits each (hue 16 | saturation 8 | lightness 8), first colour
    /// in the highest bits.
    function _palette(uint8 p) private pure returns (uint256) {
        if (p == 0) return 0x0000ae463200c34b1c00305f4200a5644800b9371e;
        if (p == 1) return 0x00000a4e3e01593e2a002a60460016644c00aa2d26;
        if (p == 2) return 0x0000963e340109322a005f5046009b644800f02323;
        if (p == 3) return 0x0001203a3e00fc3226014a584c012c645200e6231e;
        if (p == 4) return 0x00001c583800084624003464460026644400122319;
        if (p == 5) return 0x0000c8444600da372a00b2555400c0645000cd2820;
        if (p == 6) return 0x00005c3034007d281e003a5a42004e6446006e231a;
        if (p == 7) return 0x0001543e4c013e2a3400165a50015e645601221c20;
        if (p == 8) return 0x00002e5a3c001a4e2c00bc4e440037644a001e1e1a;
        return 0x0000ff161c00e81c1000ac643800a5643e00fa1916;
    }
}
