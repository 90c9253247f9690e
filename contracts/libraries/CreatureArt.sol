// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Genes, Genome} from "./Genome.sol";
import {Format} from "./Format.sol";
import {Svg} from "./Svg.sol";

/// @notice What the creature drawing needs: decoded genes and the live state that shows.
struct Look {
    Genes genes;
    uint256 vitality; // 0..10_000 basis points
    uint8 stage; // 1 Hatchling .. 4 Ascended
    uint8 temperament; // 0 Serene, 1 Bold, 2 Wary, 3 Restless
    uint8 band; // vitality band, set by `draw`: 0 Thriving .. 5 Withered, see `band`
    uint32 age; // epochs since birth: growth
    string eyeDef; // the eye template `e`, drawn by `CreatureFace`
    string face; // eyes, brows, mouth and whiskers, drawn by `CreatureFace`
    string glow; // colour(3, 0), set by `draw`: used five times
    string accent; // colour(2, 0), set by `draw`: used three times
}

/// @title CreatureArt
/// @notice Draws the organism of a revealed token: body, pattern, tentacles, eyes, glow and
/// stage features. Returns SVG defs and the creature group, in 512x512 scene coordinates.
/// @dev Shapes are drawn around the origin at a nominal body radius of 100 and placed with a
/// single transform. Every loop is bounded by a small constant (at most 16 outline points,
/// 12 limbs, 22 pattern marks).
library CreatureArt {
    /// @notice SVG `<defs>` content and the creature group.
    /// Requirements: `k.band` is `band(k.vitality)`; `k.eyeDef` and `k.face` are drawn.
    function draw(Look memory k) internal pure returns (string memory defs, string memory body) {
        k.glow = colour(k, 3, 0);
        k.accent = colour(k, 2, 0);
        string memory shapes = _shapes(k);
        defs = string.concat(
            _gradients(k),
            "<clipPath id='c'>",
            shapes,
            "</clipPath><g id='s'>",
            shapes,
            "</g>",
            _limbDef(k),
            k.eyeDef
        );
        body = string.concat(
            "<g id='cr'",
            k.band == 5 ? " filter='url(#gy)'" : "",
            " transform='translate(256 ",
            Svg.n(int256(uint256([0, 314, 292, 272, 272][k.stage])) + (k.band >= 3 ? int256(10) : int256(0))),
            ") rotate(",
            Svg.n([int256(0), -3, 5, -6][k.temperament] + (k.band == 5 ? int256(14) : int256(0))),
            ") scale(",
            _scale(k),
            ")'>",
            _back(k),
            "<use href='#s' fill='url(#bd)'/>",
            _front(k),
            "</g>"
        );
        if (k.stage == 1) body = string.concat(body, _shell());
    }

    /// @notice The vitality band of `vitality` (basis points): 0 Thriving (85% and over),
    /// 1 Healthy (65%), 2 Tired (40%), 3 Weak (20%), 4 Fading (5%), 5 Withered (under 5%).
    function band(uint256 vitality) internal pure returns (uint8) {
        if (vitality >= 8_500) return 0;
        if (vitality >= 6_500) return 1;
        if (vitality >= 4_000) return 2;
        if (vitality >= 2_000) return 3;
        return vitality >= 500 ? 4 : 5;
    }

    /// @notice Colour `index` of the token's palette, hue-shifted, faded by low vitality and
    /// lightened by `dl` percentage points.
    function colour(Look memory k, uint256 index, int256 dl) internal pure returns (string memory) {
        (uint256 h, uint256 s, uint256 l) = Genome.colour(k.genes.palette, index);
        h = uint256(int256(h) + k.genes.hueShift + 360);
        s = (s * (18 + (82 * k.vitality) / 10_000)) / 100;
        if (l < 80) l += ((80 - l) * (10_000 - k.vitality) * 45) / 1_000_000;
        int256 lightness = int256(l) + dl;
        return Svg.hsl(h, s, uint256(lightness < 0 ? int256(0) : lightness));
    }

    // -------------------------------------------------------------------------------------
    // Layers
    // -------------------------------------------------------------------------------------

    function _gradients(Look memory k) private pure returns (string memory) {
        string memory glow = k.glow;
        return
            string.concat(
                "<radialGradient id='bd' cx='.4' cy='.34' r='.72'><stop offset='0' stop-color='",
                colour(k, 0, 18),
                "'/><stop offset='.6' stop-color='",
                colour(k, 0, 0),
                "'/><stop offset='1' stop-color='",
                colour(k, 1, 0),
                "'/></radialGradient><radialGradient id='gl'>",
                Svg.stop("0", glow, ".9"),
                Svg.stop(".45", glow, ".25"),
                Svg.stop("1", glow, "0"),
                "</radialGradient><pattern id='sc' width='18' height='14' patternUnits='userSpaceOnUse'><path d='M0,14Q9,0 18,14' fill='none' stroke='",
                k.accent,
                "' stroke-width='2.5'/></pattern>",
                k.band == 5 ? "<filter id='gy'><feColorMatrix type='saturate' values='.1'/></filter>" : ""
            );
    }

    /// @dev Everything behind the body: halo, wings, limbs.
    function _back(Look memory k) private pure returns (string memory out) {
        out = string.concat("<circle r='200' fill='url(#gl)' opacity='", _frac(1_500 + (k.vitality * 70) / 100), "'/>");
        if (k.stage == 4) {
            out = string.concat(
                out,
                "<g fill='",
                k.glow,
                "' fill-opacity='.32' stroke='",
                colour(k, 3, 10),
                "' stroke-width='2'><path id='w' d='M0,-10C40,-150 200,-185 228,-80C240,-30 170,20 0,18Z'/><use href='#w' transform='scale(-1 1)'/><path d='M0,0C60,-60 170,-70 190,-20C200,10 140,40 0,26Z' transform='rotate(35)'/><path d='M0,0C60,-60 170,-70 190,-20C200,10 140,40 0,26Z' transform='scale(-1 1) rotate(35)'/></g>"
            );
        }
        out = string.concat(out, _limbs(k));
    }

    /// @dev Everything on the body: pattern, rim light, sheen, eyes, mouth, crown.
    function _front(Look memory k) private pure returns (string memory out) {
        uint8 pattern = k.genes.pattern;
        out = string.concat(
            "<g clip-path='url(#c)' fill='",
            k.accent,
            "' stroke='",
            // Spots and freckles are filled dots: no stroke, said once for all of them.
            pattern == 0 || pattern == 4 ? "none" : k.accent,
            "' opacity='.6'>",
            _pattern(k),
            "</g><use href='#s' fill='none' stroke='",
            k.glow,
            "' stroke-width='3' stroke-opacity='.6'/><ellipse cx='-34' cy='-48' rx='30' ry='15' transform='rotate(-35 -34 -48)' fill='white' opacity='.3'/>"
        );
        if (k.genes.body == 3) out = string.concat(out, _spiral(k));
        if (k.band == 5) {
            out = string.concat(
                out,
                "<path id='crk' clip-path='url(#c)' d='M-70,-80l20,26 -12,16 18,24M46,-92l-14,32 16,14 -10,30M-28,34l22,18 20,-8 12,26M84,10l-22,14 6,20' fill='none' stroke='rgb(38,30,32)' stroke-width='5' stroke-linejoin='round'/>"
            );
        }
        out = string.concat(out, k.face);
        if (k.stage == 4) out = string.concat(out, _crown(k));
        if (k.band == 0) {
            out = string.concat(
                out,
                "<g id='bub' fill='none' stroke='white' stroke-width='3' opacity='.75'><circle cx='160' cy='-40' r='13'/><circle cx='178' cy='-98' r='9'/><circle cx='152' cy='-146' r='6'/><circle cx='-166' cy='-70' r='10'/><circle cx='-150' cy='-126' r='6'/></g>"
            );
        }
    }

    // -------------------------------------------------------------------------------------
    // Body
    // -------------------------------------------------------------------------------------

    /// @dev The body outline as fill-less shapes, reused for fill, clip and rim.
    function _shapes(Look memory k) private pure returns (string memory) {
        Genes memory g = k.genes;
        uint256 lobes = g.folds == 2 ? 4 : g.folds;
        if (g.body == 0) {
            return
                Svg.path(_lobed(lobes * 2, 112, int256(104) - 8 - int256(uint256(g.lobeDepth)) * 2, g.stretchPct), "");
        }
        if (g.body == 1) {
            return Svg.path(_lobed(lobes * 2, 138, int256(36) + int256(uint256(g.lobeDepth)) * 2, g.stretchPct), "");
        }
        if (g.body == 2) return Svg.path(_bell(lobes + 1, g.stretchPct), "");
        if (g.body == 3) {
            return
                string.concat(
                    Svg.circle(12, -8, 98, ""),
                    Svg.ellipse(-66, 50, 54, 40, "transform='rotate(-20 -66 50)'")
                );
        }
        return _cluster(lobes, g);
    }

    /// @dev Smooth closed outline through `points` control points alternating between radii
    /// `rOut` and `rIn`, first point straight up; y scaled by `stretchPct`.
    function _lobed(
        uint256 points,
        int256 rOut,
        int256 rIn,
        uint256 stretchPct
    ) private pure returns (string memory d) {
        int256[] memory xs = new int256[](points);
        int256[] memory ys = new int256[](points);
        for (uint256 p; p < points; ++p) {
            uint256 angle = (p * 3600) / points;
            int256 r = p % 2 == 0 ? rOut : rIn;
            xs[p] = (r * Svg.sin(angle)) / 10_000;
            ys[p] = -(r * Svg.cos(angle) * int256(stretchPct)) / 1_000_000;
        }
        // Start between the last and first points, then (point, midpoint to the next) each.
        int256[] memory xy = new int256[](2 + 4 * points);
        xy[0] = (xs[points - 1] + xs[0]) / 2;
        xy[1] = (ys[points - 1] + ys[0]) / 2;
        for (uint256 p; p < points; ++p) {
            uint256 q = (p + 1) % points;
            xy[2 + 4 * p] = xs[p];
            xy[3 + 4 * p] = ys[p];
            xy[4 + 4 * p] = (xs[p] + xs[q]) / 2;
            xy[5 + 4 * p] = (ys[p] + ys[q]) / 2;
        }
        d = Svg.quadPath(xy);
    }

    /// @dev A jellyfish bell with `scallops` rounded lobes along its rim.
    function _bell(uint256 scallops, uint256 stretchPct) private pure returns (string memory d) {
        int256 top = -(120 * int256(stretchPct)) / 100;
        d = string.concat(
            "M-104,22C-110,",
            Svg.n(top / 2),
            " -60,",
            Svg.n(top),
            " 0,",
            Svg.n(top),
            "C60,",
            Svg.n(top),
            " 110,",
            Svg.n(top / 2),
            " 104,22"
        );
        int256 step = 208 / int256(scallops);
        for (uint256 s; s < scallops; ++s) {
            int256 x = 104 - int256(s) * step;
            d = string.concat(d, "Q", Svg.pt(x - step / 2, 50), Svg.pt(x - step, 22));
        }
        d = string.concat(d, "Z");
    }

    /// @dev A cluster of cells: `lobes` outer cells around a nucleus.
    function _cluster(uint256 lobes, Genes memory g) private pure returns (string memory out) {
        uint256 lobesDrawn = lobes == 4 ? 6 : lobes;
        int256 cell = 58 - int256(lobesDrawn) * 2 + int256(uint256(g.lobeDepth));
        // (x, y, r) of each cell, then the nucleus.
        int256[] memory xyr = new int256[](lobesDrawn * 3 + 3);
        for (uint256 p; p < lobesDrawn; ++p) {
            uint256 angle = (p * 3600) / lobesDrawn;
            xyr[3 * p] = (66 * Svg.sin(angle)) / 10_000;
            xyr[3 * p + 1] = -(66 * Svg.cos(angle) * int256(uint256(g.stretchPct))) / 1_000_000;
            xyr[3 * p + 2] = cell;
        }
        xyr[3 * lobesDrawn + 2] = 62;
        out = Svg.circles(xyr, "");
    }

    /// @dev The shell's spiral suture, for the Nautilus body.
    function _spiral(Look memory k) private pure returns (string memory) {
        return
            string.concat(
                "<path d='M18,-4A6,6 0 0 1 30,-4A12,12 0 0 1 6,-4A20,20 0 0 1 46,-4A32,32 0 0 1 -18,-4A52,52 0 0 1 86,-4' fill='none' stroke='",
                colour(k, 1, 0),
                "' stroke-width='5' stroke-linecap='round' opacity='.7'/>"
            );
    }

    // -------------------------------------------------------------------------------------
    // Limbs
    // -------------------------------------------------------------------------------------

    /// @dev One tentacle pointing down from the origin, with a glowing tip, reused by `<use>`.
    function _limbDef(Look memory k) private pure returns (string memory) {
        uint256 reach = [0, 25, 60, 100, 125][k.stage];
        uint8 body = k.genes.body;
        int256 len =
            body == 2
                ? int256(40 + (130 * reach) / 100)
                : body == 3
                    ? int256(45 + (100 * reach) / 100)
                    : int256(95 + (85 * reach) / 100);
        int256 c = (int256(uint256(k.genes.curl)) * (k.stage > 1 ? int256(2) : int256(1))) / 2;
        string memory d = string.concat(
            "M0,0C",
            Svg.pt(c, (len * 35) / 100),
            Svg.pt(-c, (len * 70) / 100),
            Svg.pt(c / 2, len)
        );
        string memory width = Svg.n(int256(uint256(10 + 2 * k.stage)));
        return
            string.concat(
                "<g id='l'>",
                Svg.path(
                    d,
                    string.concat(
                        "fill='none' stroke='",
                        colour(k, 1, 4),
                        "' stroke-width='",
                        width,
                        "' stroke-linecap='round'"
                    )
                ),
                Svg.path(d, string.concat("fill='none' stroke='", k.glow, "' stroke-width='3' stroke-opacity='.7'")),
                // Fading and Withered: the tips' lights are out.
                k.band >= 4
                    ? ""
                    : string.concat(
                        Svg.circle(c / 2, len, 7, string.concat("fill='", colour(k, 3, 10), "' filter='url(#f)'")),
                        Svg.circle(c / 2, len, 3, "fill='white'")
                    ),
                "</g>"
            );
    }

    function _limbs(Look memory k) private pure returns (string memory out) {
        Genes memory g = k.genes;
        if (g.body == 2) {
            uint256 count = 3 + k.stage + g.extraLimbs;
            for (uint256 p; p < count; ++p) {
                int256 x = -84 + int256((168 * p) / (count - 1));
                out = string.concat(
                    out,
                    Svg.use("l", string.concat("translate(", Svg.n(x), " 24) ", Svg.rotate(p % 2 == 0 ? 40 : 3560)))
                );
            }
            return out;
        }
        if (g.body == 3) {
            uint256 count = 2 + k.stage + g.extraLimbs;
            uint256[] memory fan = new uint256[](count);
            for (uint256 p; p < count; ++p) {
                fan[p] = 150 + (p * 850) / (count - 1);
            }
            return Svg.rotatedUses("l", "translate(-70 58) ", fan);
        }
        if (g.folds == 2) {
            uint256 pairs = k.stage + g.extraLimbs; // 1..6: stage 1..4, extraLimbs 0..2
            uint256[] memory mirrored = new uint256[](2 * pairs);
            for (uint256 p; p < pairs; ++p) {
                uint256 angle = pairs == 1 ? 450 : 150 + (p * 1150) / (pairs - 1);
                mirrored[2 * p] = angle;
                mirrored[2 * p + 1] = 3600 - angle;
            }
            return Svg.rotatedUses("l", "", mirrored);
        }
        uint256 n = g.folds * (k.stage >= 3 && g.folds <= 6 ? 2 : 1);
        uint256[] memory radial = new uint256[](n);
        for (uint256 p; p < n; ++p) {
            radial[p] = 1800 + ((2 * p + 1) * 1800) / n;
        }
        out = Svg.rotatedUses("l", "", radial);
    }

    // -------------------------------------------------------------------------------------
    // Pattern, face, crown
    // -------------------------------------------------------------------------------------

    function _pattern(Look memory k) private pure returns (string memory out) {
        uint8 pattern = k.genes.pattern;
        uint256 e = k.genes.entropy;
        if (pattern == 0 || pattern == 4) {
            uint256 count = pattern == 0 ? 10 : 20;
            uint256 r;
            int256[] memory xyr = new int256[](count * 3);
            for (uint256 p; p < count; ++p) {
                // 32 bits per mark, 8 marks per hash.
                r = p % 8 == 0 ? uint256(keccak256(abi.encode(e, p))) : r >> 32;
                uint256 angle = (r & 0xfff) % 3600;
                int256 dist = int256(12 + (((r >> 12) & 0xff) % 90));
                int256 size =
                    pattern == 0 ? int256(7 + (((r >> 20) & 0xff) % 13)) : int256(2 + (((r >> 20) & 0xff) % 3));
                xyr[3 * p] = (dist * Svg.sin(angle)) / 10_000;
                xyr[3 * p + 1] = (dist * Svg.cos(angle)) / 10_000;
                xyr[3 * p + 2] = size;
            }
            out = Svg.circles(xyr, "");
        } else if (pattern == 1) {
            int256 bend = int256(uint256(k.genes.curl));
            for (int256 y = -110; y <= 110; y += 34) {
                out = string.concat(
                    out,
                    Svg.path(
                        string.concat("M-150,", Svg.n(y), "Q0,", Svg.n(y + bend), " 150,", Svg.n(y)),
                        "fill='none' stroke-width='10'"
                    )
                );
            }
        } else if (pattern == 2) {
            // Six rings, r = 20, 44 .. 140, the same for every token.
            out =
                "<circle cx='0' cy='-10' r='20' fill='none' stroke-width='7'/><circle cx='0' cy='-10' r='44' fill='none' stroke-width='7'/><circle cx='0' cy='-10' r='68' fill='none' stroke-width='7'/><circle cx='0' cy='-10' r='92' fill='none' stroke-width='7'/><circle cx='0' cy='-10' r='116' fill='none' stroke-width='7'/><circle cx='0' cy='-10' r='140' fill='none' stroke-width='7'/>";
        } else if (pattern == 3) {
            out = "<rect x='-160' y='-160' width='320' height='320' fill='url(#sc)' stroke='none'/>";
        } else {
            out = "<ellipse cy='40' rx='60' ry='36' fill='white' stroke='none' opacity='.35'/>";
        }
    }

    /// @dev Ascended: a luminous halo and sparkles.
    function _crown(Look memory k) private pure returns (string memory out) {
        out = string.concat(
            "<g fill='none' stroke='hsl(48,100%,78%)'><ellipse cy='-158' rx='64' ry='15' stroke-width='10' filter='url(#f)'/><ellipse cy='-158' rx='64' ry='15' stroke-width='4'/></g><g fill='",
            colour(k, 3, 15),
            "'><defs><path id='sp' d='M0,-12L3,-3 12,0 3,3 0,12 -3,3 -12,0 -3,-3Z'/></defs>"
        );
        // Sparkle p at rotate(30 + 60p degrees), 150..209 from the centre (byte p + 1 of r).
        uint256 r = uint256(keccak256(abi.encode(k.genes.entropy, "sparkle")));
        string memory half = string.concat(_sparkle("30", r >> 8), _sparkle("90", r >> 16), _sparkle("150", r >> 24));
        out = string.concat(
            out,
            half,
            _sparkle("210", r >> 32),
            _sparkle("270", r >> 40),
            _sparkle("330", r >> 48),
            "</g>"
        );
    }

    function _sparkle(string memory angle, uint256 r) private pure returns (string memory) {
        return
            string.concat(
                "<use href='#sp' transform='rotate(",
                angle,
                ") translate(0 -",
                Format.u(150 + (r % 60)),
                ")'/>"
            );
    }

    /// @dev Hatchling: the front half of its eggshell.
    function _shell() private pure returns (string memory) {
        return
            "<path d='M194,372l12,-14 12,12 12,-16 12,14 12,-13 12,15 12,-14 12,13 12,-12 12,14C318,440 194,440 194,372Z' fill='hsl(40,45%,88%)' stroke='hsl(35,30%,62%)' stroke-width='3' stroke-linejoin='round'/>";
    }

    // -------------------------------------------------------------------------------------
    // Numbers
    // -------------------------------------------------------------------------------------

    /// @dev Scale of the creature group: stage size times the size gene, grown by 1% per 5
    /// epochs of age (at most 10%), as `0.xxx`; squashed to 93% in height when Weak or worse.
    function _scale(Look memory k) private pure returns (string memory) {
        uint256 growth = k.age >= 50 ? 10 : k.age / 5;
        uint256 sx = (uint256([0, 48, 70, 80, 84][k.stage]) * k.genes.sizePct * (100 + growth)) / 100;
        return k.band >= 3 ? string.concat(_frac(sx), " ", _frac((sx * 93) / 100)) : _frac(sx);
    }

    /// @dev `value / 10_000` as a decimal (`7350` -> `0.735`).
    function _frac(uint256 value) internal pure returns (string memory) {
        return string.concat(Svg.n(int256(value / 10_000)), ".", _pad4(value % 10_000));
    }

    function _pad4(uint256 v) private pure returns (string memory) {
        bytes memory b = new bytes(4);
        for (uint256 p = 4; p > 0; --p) {
            b[p - 1] = bytes1(uint8(48 + (v % 10)));
            v /= 10;
        }
        return string(b);
    }
}
