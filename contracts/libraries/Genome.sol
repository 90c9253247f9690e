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
/// @dev Each gene reads its own 16-bit field and nothing else:
/// `gene = ((genome >> start) & 0xffff) % range` (plus the gene's offset), so keeping a field's
/// bits keeps that gene and changing them changes no other gene. Of the ranges only 16 divides
/// 65,536; for the others the modulo favours the first `65,536 % range` values by one count in
/// `65,536 / range`: at most 1 in 1,337 (hue shift, 49 values), negligible.
///   bits      gene         range, values
///   0..15     palette      10          \
///   16..31    body         5            > identity (`IDENTITY_MASK`): kept by a metamorphosis
///   32..47    hue shift    49, -24..24 /
///   48..63    pattern      6
///   64..79    symmetry     5
///   80..95    size         25, 88..112
///   96..111   stretch      27, 88..114
///   112..127  lobe depth   16, 0..15 (exact)
///   128..143  extra limbs  3
///   144..159  eyes         3, 1..3
///   160..175  curl         28, 6..33
///   176..255  no gene; `entropy` hashes the whole genome.
library Genome {
    uint256 internal constant PALETTES = 10;
    uint256 internal constant BODIES = 5;
    uint256 internal constant PATTERNS = 6;
    uint256 internal constant SYMMETRIES = 5;

    /// @notice The fields of the genes that make a creature's identity, its colours and body
    /// plan: palette (bits 0-15), body (16-31) and hue shift (32-47, it shifts every palette
    /// colour). Size, stretch and lobe depth are proportions, not identity: the outline's lobe
    /// count follows symmetry anyway, and a metamorphosis is meant to change the creature's shape.
    uint256 internal constant IDENTITY_MASK = 0xffff_ffff_ffff;

    /// @notice Decodes `genome`.
    function decode(uint256 genome) internal pure returns (Genes memory genes) {
        genes.palette = uint8(_field(genome, 0, PALETTES));
        genes.body = uint8(_field(genome, 16, BODIES));
        genes.hueShift = int16(int256(_field(genome, 32, 49)) - 24);
        genes.pattern = uint8(_field(genome, 48, PATTERNS));
        genes.symmetry = uint8(_field(genome, 64, SYMMETRIES));
        genes.folds = [2, 3, 5, 6, 8][genes.symmetry];
        genes.sizePct = uint16(88 + _field(genome, 80, 25));
        genes.stretchPct = uint16(88 + _field(genome, 96, 27));
        genes.lobeDepth = uint8(_field(genome, 112, 16));
        genes.extraLimbs = uint8(_field(genome, 128, 3));
        genes.eyes = uint8(1 + _field(genome, 144, 3));
        genes.curl = uint8(6 + _field(genome, 160, 28));
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

    /// @dev The 16-bit field of `genome` at bit `start`, modulo `range`.
    function _field(uint256 genome, uint256 start, uint256 range) private pure returns (uint256) {
        return ((genome >> start) & 0xffff) % range;
    }
}
