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
            _eyeDef(k)
        );
        body = string.concat(
            "<g transform='translate(256 ",
            Svg.n(int256(uint256([0, 314, 290, 262, 262][k.stage]))),
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
                "<radialGradient id='bd' cx='.4' cy='.34' r='.72'>",
                Svg.stop("0", colour(k, 0, 18), "1"),
                Svg.stop(".6", colour(k, 0, 0), "1"),
                Svg.stop("1", colour(k, 1, 0), "1"),
                "</radialGradient><radialGradient id='gl'>",
                Svg.stop("0", glow, ".9"),
                Svg.stop(".45", glow, ".25"),
                Svg.stop("1", glow, "0"),
                "</radialGradient><pattern id='sc' width='18' height='14' patternUnits='userSpaceOnUse'><path d='M0,14Q9,0 18,14' fill='none' stroke='",
                k.accent,
                "' stroke-width='2.5'/></pattern>"
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
        out = string.concat(
            "<g clip-path='url(#c)' fill='",
            k.accent,
            "' stroke='",
            k.accent,
            "' opacity='.6'>",
            _pattern(k),
            "</g><use href='#s' fill='none' stroke='",
            k.glow,
            "' stroke-width='3' stroke-opacity='.6'/><ellipse cx='-34' cy='-48' rx='30' ry='15' transform='rotate(-35 -34 -48)' fill='white' opacity='.3'/>"
        );
        if (k.genes.body == 3) out = string.concat(out, _spiral(k));
        out = string.concat(out, _face(k));
        if (k.stage == 4) out = string.concat(out, _crown(k));
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
                Svg.circle(c / 2, len, 7, string.concat("fill='", colour(k, 3, 10), "' filter='url(#f)'")),
                Svg.circle(c / 2, len, 3, "fill='white'"),
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
            out = Svg.circles(xyr, "stroke='none'");
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

    /// @dev Eye template `e`: open eyes, or closed arcs when vitality is under 25%.
    function _eyeDef(Look memory k) private pure returns (string memory) {
        int256 er = _eyeRadius(k);
        if (k.vitality < 2_500) {
            return
                string.concat(
                    "<path id='e' d='M",
                    Svg.n(-er),
                    ",0Q0,",
                    Svg.n((er * 7) / 10),
                    " ",
                    Svg.n(er),
                    ",0' fill='none' stroke='rgb(27,16,40)' stroke-width='",
                    Svg.n(er / 4 + 1),
                    "' stroke-linecap='round'/>"
                );
        }
        return
            string.concat(
                "<g id='e'>",
                Svg.circle(0, 0, er, "fill='white'"),
                Svg.circle(0, er / 8, (er * 58) / 100, "fill='rgb(27,16,40)'"),
                Svg.circle(-(er * 3) / 10, -(er * 3) / 10, (er * 24) / 100, "fill='white'"),
                "</g>"
            );
    }

    function _eyeRadius(Look memory k) private pure returns (int256 er) {
        er = int256(uint256([0, 30, 24, 19, 19][k.stage]));
        if (k.genes.eyes == 3) er = (er * 80) / 100;
        if (k.genes.body == 3) er = (er * 72) / 100;
    }

    function _face(Look memory k) private pure returns (string memory out) {
        int256 er = _eyeRadius(k);
        uint8 body = k.genes.body;
        int256 bx = body == 3 ? int256(-80) : int256(0);
        int256 by =
            body == 3
                ? int256(40)
                : body == 2
                    ? int256(-40)
                    : int256(-12);
        uint8 eyes = k.genes.eyes;
        if (eyes == 1) {
            out = _eyeAt(bx, by);
        } else {
            int256 dx = (er * (eyes == 2 ? int256(135) : int256(150))) / 100;
            out = string.concat(_eyeAt(bx - dx, by), _eyeAt(bx + dx, by));
            if (eyes == 3) out = string.concat(out, _eyeAt(bx, by - (er * 15) / 10));
        }
        int256 my = by + (er * 16) / 10;
        string memory d;
        if (k.vitality < 2_500)
            d = string.concat("M", Svg.pt(bx - 9, my + 4), "Q", Svg.pt(bx, my - 4), Svg.pt(bx + 9, my + 4));
        else if (k.temperament == 0)
            d = string.concat("M", Svg.pt(bx - 9, my), "Q", Svg.pt(bx, my + 8), Svg.pt(bx + 9, my));
        else if (k.temperament == 1)
            d = string.concat("M", Svg.pt(bx - 14, my - 2), "Q", Svg.pt(bx, my + 16), Svg.pt(bx + 14, my - 2), "Z");
        else if (k.temperament == 2) d = string.concat("M", Svg.pt(bx - 5, my + 2), "a5,4 0 1 0 10,0a5,4 0 1 0 -10,0");
        else d = string.concat("M", Svg.pt(bx - 12, my), "l6,4 6,-4 6,4 6,-4");
        out = string.concat(
            out,
            Svg.path(
                d,
                string.concat(
                    "fill='",
                    k.temperament == 1 ? "rgb(27,16,40)" : "none",
                    "' stroke='rgb(27,16,40)' stroke-width='3.5' stroke-linecap='round' stroke-linejoin='round'"
                )
            )
        );
    }

    function _eyeAt(int256 x, int256 y) private pure returns (string memory) {
        return Svg.use("e", string.concat("translate(", Svg.n(x), " ", Svg.n(y), ")"));
    }

    /// @dev Ascended: a luminous halo and sparkles.
    function _crown(Look memory k) private pure returns (string memory out) {
        out = string.concat(
            "<g fill='none' stroke='hsl(48,100%,78%)'><ellipse cy='-158' rx='64' ry='15' stroke-width='10' filter='url(#f)'/><ellipse cy='-158' rx='64' ry='15' stroke-width='4'/></g><g fill='",
            colour(k, 3, 15),
            "'>"
        );
        uint256 r = uint256(keccak256(abi.encode(k.genes.entropy, "sparkle")));
        for (uint256 p; p < 6; ++p) {
            r >>= 8;
            // Sparkle p at rotate(30 + 60p degrees), 150..209 from the centre.
            out = string.concat(
                out,
                "<path d='M0,-12L3,-3 12,0 3,3 0,12 -3,3 -12,0 -3,-3Z' transform='rotate(",
                ["30", "90", "150", "210", "270", "330"][p],
                ".0) translate(0 -",
                Format.u(150 + (r % 60)),
                ")'/>"
            );
        }
        out = string.concat(out, "</g>");
    }

    /// @dev Hatchling: the front half of its eggshell.
    function _shell() private pure returns (string memory) {
        return
            "<path d='M194,372l12,-14 12,12 12,-16 12,14 12,-13 12,15 12,-14 12,13 12,-12 12,14C318,440 194,440 194,372Z' fill='hsl(40,45%,88%)' stroke='hsl(35,30%,62%)' stroke-width='3' stroke-linejoin='round'/>";
    }

    // -------------------------------------------------------------------------------------
    // Numbers
    // -------------------------------------------------------------------------------------

    /// @dev Scale of the creature group: stage size times the size gene, as `0.xxx`.
    function _scale(Look memory k) private pure returns (string memory) {
        return _frac((uint256([0, 48, 70, 88, 92][k.stage]) * k.genes.sizePct));
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
