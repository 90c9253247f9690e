// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Svg} from "./Svg.sol";

/// @notice What the creature's face shows: its genes and the live state that shows on it.
struct Face {
    uint8 body; // 0..4, places the face
    uint8 eyes; // 1..3
    uint8 stage; // 1 Hatchling .. 4 Ascended: eye size
    uint8 band; // vitality band, 0 Thriving .. 5 Withered (`CreatureArt.band`)
    uint8 temperament; // 0 Serene, 1 Bold, 2 Wary, 3 Restless: brows and mouth
    uint32 age; // epochs since birth: whiskers
    string lid; // eyelid colour
}

/// @title CreatureFace
/// @notice Draws the creature's face in body coordinates: the eye template `e` (open, lidded or
/// closed by vitality band), the eyes, brows and mouth (temperament; a frown when Fading or
/// Withered) and whiskers (age).
library CreatureFace {
    /// @notice The eye template (for `<defs>`) and the face.
    function draw(Face memory f) internal pure returns (string memory eyeDef, string memory face) {
        return (_eyeDef(f), _face(f));
    }

    /// @dev Eye template `e`, drawn at radius 100 and scaled to the eye's radius: open eyes
    /// (Thriving, Healthy), half-closed lids (Tired), three-quarters closed (Weak), or closed
    /// arcs (Fading, Withered).
    function _eyeDef(Face memory f) private pure returns (string memory) {
        int256 er = _eyeRadius(f); // 10..30
        string memory open = string.concat("<g id='e' transform='scale(.", Svg.n(er), ")'>");
        if (f.band >= 4) {
            return
                string.concat(
                    open,
                    "<path d='M-100,0Q0,70 100,0' fill='none' stroke='rgb(27,16,40)' stroke-width='30' stroke-linecap='round'/></g>"
                );
        }
        open = string.concat(
            open,
            "<circle r='100' fill='white'/><circle cy='12' r='58' fill='rgb(27,16,40)'/><circle cx='-30' cy='-30' r='24' fill='white'/>"
        );
        if (f.band < 2) return string.concat(open, "</g>");
        // The lid's edge: a chord at y = 0 (half closed) or y = 50 (three quarters).
        return
            string.concat(
                open,
                f.band == 2
                    ? "<path id='lid' d='M-103,0A103,103 0 0 1 103,0Z' fill='"
                    : "<path id='lid' d='M-90,50A103,103 0 1 1 90,50Z' fill='",
                f.lid,
                "' stroke='rgb(27,16,40)' stroke-width='14' stroke-linejoin='round'/></g>"
            );
    }

    function _eyeRadius(Face memory f) private pure returns (int256 er) {
        er = int256(uint256([0, 30, 24, 19, 19][f.stage]));
        if (f.eyes == 3) er = (er * 80) / 100;
        if (f.body == 3) er = (er * 72) / 100;
    }

    /// @dev Eyes, brows (temperament), mouth (temperament, or a frown when Fading or
    /// Withered) and whiskers (age).
    function _face(Face memory f) private pure returns (string memory out) {
        int256 er = _eyeRadius(f);
        uint8 body = f.body;
        int256 bx = body == 3 ? int256(-80) : int256(0);
        int256 by =
            body == 3
                ? int256(40)
                : body == 2
                    ? int256(-40)
                    : int256(-12);
        uint8 eyes = f.eyes;
        int256 dx = eyes == 1 ? int256(0) : (er * (eyes == 2 ? int256(135) : int256(150))) / 100;
        if (eyes == 1) {
            out = _eyeAt(bx, by);
        } else {
            out = string.concat(_eyeAt(bx - dx, by), _eyeAt(bx + dx, by));
            if (eyes == 3) out = string.concat(out, _eyeAt(bx, by - (er * 15) / 10));
        }
        out = string.concat(out, _brows(f.temperament, bx, by - (er * 14) / 10, dx, er));
        int256 my = by + (er * 16) / 10;
        string memory d;
        if (f.band >= 4)
            d = string.concat("M", Svg.pt(bx - 10, my + 5), "Q", Svg.pt(bx, my - 5), Svg.pt(bx + 10, my + 5));
        else if (f.temperament == 0)
            d = string.concat("M", Svg.pt(bx - 9, my), "Q", Svg.pt(bx, my + 8), Svg.pt(bx + 9, my));
        else if (f.temperament == 1)
            d = string.concat("M", Svg.pt(bx - 14, my - 2), "Q", Svg.pt(bx, my + 16), Svg.pt(bx + 14, my - 2), "Z");
        else if (f.temperament == 2) d = string.concat("M", Svg.pt(bx - 5, my + 2), "a5,4 0 1 0 10,0a5,4 0 1 0 -10,0");
        else d = string.concat("M", Svg.pt(bx - 12, my), "l6,4 6,-4 6,4 6,-4");
        out = string.concat(
            out,
            Svg.path(
                d,
                string.concat(
                    "fill='",
                    f.temperament == 1 && f.band < 4 ? "rgb(27,16,40)" : "none",
                    "' stroke='rgb(27,16,40)' stroke-width='3.5' stroke-linecap='round' stroke-linejoin='round'"
                )
            ),
            _whiskers(f.age, bx, my)
        );
    }

    /// @dev One brow over each side eye (a unibrow over a single eye), at height `y`:
    /// Serene arched, Bold lowered toward the middle, Wary raised toward the middle, Restless
    /// one up and one down. (inner, outer) offsets of each end, in units of er / 5.
    function _brows(uint8 t, int256 bx, int256 y, int256 dx, int256 er) private pure returns (string memory) {
        int256 u = er / 5 + 1;
        // (outer end, middle, inner end) heights; Serene's middle arches up.
        int256[3] memory o;
        o[0] = [int256(0), -1, 1, -2][t] * u;
        o[2] = [int256(0), 2, -2, -2][t] * u;
        o[1] = (t == 0 ? -2 * u : int256(0)) + (o[0] + o[2]) / 2;
        // Left brow from its outer end to its inner end; the right one mirrored (Restless: lower).
        string memory d = _stroke(bx - dx - er, bx - dx, bx - dx + (dx == 0 ? er : er / 2), y, o);
        if (dx != 0) {
            d = string.concat(d, _stroke(bx + dx + er, bx + dx, bx + dx - er / 2, y + (t == 3 ? 3 * u : int256(0)), o));
        }
        return
            string.concat(
                "<path id='br' d='",
                d,
                "' fill='none' stroke='rgb(27,16,40)' stroke-width='",
                Svg.n(u + 2),
                "' stroke-linecap='round'/>"
            );
    }

    /// @dev `M` (x0, y + o[0]) `Q` (x1, y + o[1]) (x2, y + o[2]).
    function _stroke(
        int256 x0,
        int256 x1,
        int256 x2,
        int256 y,
        int256[3] memory o
    ) private pure returns (string memory) {
        return string.concat("M", Svg.pt(x0, y + o[0]), "Q", Svg.pt(x1, y + o[1]), Svg.pt(x2, y + o[2]));
    }

    /// @dev Whiskers from the corners of the mouth at (`x`, `y`): one pair from age 6, two
    /// from 16, three from 40 epochs.
    function _whiskers(uint32 age, int256 x, int256 y) private pure returns (string memory) {
        if (age < 6) return "";
        return
            string.concat(
                "<path id='wh' transform='translate(",
                Svg.n(x),
                " ",
                Svg.n(y),
                ")' d='M-18,-2q-26,-12 -54,-12M18,-2q26,-12 54,-12",
                age < 16 ? "" : "M-18,1q-26,-3 -54,6M18,1q26,-3 54,6",
                age < 40 ? "" : "M-18,4q-26,6 -54,24M18,4q26,6 54,24",
                "' fill='none' stroke='rgb(236,230,214)' stroke-width='2.5' stroke-linecap='round'/>"
            );
    }

    function _eyeAt(int256 x, int256 y) private pure returns (string memory) {
        return Svg.use("e", string.concat("translate(", Svg.n(x), " ", Svg.n(y), ")"));
    }
}
