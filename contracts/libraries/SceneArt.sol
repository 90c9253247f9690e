// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Svg} from "./Svg.sol";

/// @title SceneArt
/// @notice The terrarium around the creature: sky and water by market mood, a temperament
/// tint, the tank of the token's identity (frame, ground, light shafts, plants), the caption's
/// plaque; and the unrevealed egg.
/// @dev All colours are literal or derived from small integers; the caption's text must be
/// XML-escaped by the caller. `tank` is a hash of the identity genes only, so a token keeps its
/// tank for life: bits 0-7 frame, 8-15 ground, 16-23 light shafts, 24-31 plant count (2 or 3), 64- the
/// plants' and pebbles' places.
library SceneArt {
    string private constant _RAIN =
        "M31,100l-9,26M228,213l-9,26M425,326l-9,26M82,439l-9,26M279,212l-9,26M476,325l-9,26M133,438l-9,26M330,211l-9,26"
        "M527,324l-9,26M184,437l-9,26M381,210l-9,26M38,323l-9,26M235,436l-9,26M432,209l-9,26M89,322l-9,26M286,435l-9,26"
        "M483,208l-9,26M140,321l-9,26M337,434l-9,26M534,207l-9,26M191,320l-9,26M388,433l-9,26M45,206l-9,26"
        "M242,319l-9,26M439,432l-9,26M96,205l-9,26";
    string private constant _MOTES =
        "<circle cx='80' cy='130' r='1' /><circle cx='237' cy='219' r='2' /><circle cx='394' cy='308' r='3' /><circle cx='81' cy='397' r='1' /><circle cx='238' cy='206' r='2' />"
        "<circle cx='395' cy='295' r='3' /><circle cx='82' cy='384' r='1' /><circle cx='239' cy='193' r='2' /><circle cx='396' cy='282' r='3' />";

    /// @notice Shared defs: sky gradient for `mood`, vignette, the ground of `tank` and the glow
    /// filter `f`.
    function defs(uint8 mood, uint256 tank) internal pure returns (string memory) {
        return
            string.concat(
                "<linearGradient id='sky' x2='0' y2='1'>",
                mood == 1
                    ? "<stop offset='0' stop-color='hsl(38,80%,70%)'/><stop offset='1' stop-color='hsl(192,48%,26%)'/>"
                    : mood == 2
                        ? "<stop offset='0' stop-color='hsl(226,18%,24%)'/><stop offset='1' stop-color='hsl(232,26%,7%)'/>"
                        : "<stop offset='0' stop-color='hsl(196,42%,34%)'/><stop offset='1' stop-color='hsl(218,48%,11%)'/>",
                "</linearGradient><radialGradient id='vig' r='.75'>",
                "<stop offset='.55' stop-opacity='0'/><stop offset='1' stop-opacity='.6'/></radialGradient>",
                "<linearGradient id='sand' x2='0' y2='1'>",
                _groundStops((tank >> 8) % 4),
                "</linearGradient>",
                "<radialGradient id='sun'><stop offset='0' stop-color='rgb(255,247,214)' stop-opacity='.95'/><stop offset='1' stop-color='rgb(255,210,122)' stop-opacity='0'/></radialGradient>",
                "<filter id='f' x='-100%' y='-100%' width='300%' height='300%'><feGaussianBlur stdDeviation='4'/></filter>",
                "<filter id='fb' x='-50%' y='-50%' width='200%' height='200%'><feGaussianBlur stdDeviation='12'/></filter>"
            );
    }

    /// @notice Sky, temperament tint, the tank's light shafts and the weather of `mood` (0 Calm,
    /// 1 Sunny, 2 Stormy), drawn behind the creature.
    function backdrop(uint8 mood, uint8 temperament, uint256 tank) internal pure returns (string memory out) {
        out = string.concat(
            "<rect width='512' height='512' fill='url(#sky)'/><rect width='512' height='512' fill='",
            ["hsl(200,60%,60%)", "hsl(14,85%,55%)", "hsl(272,50%,55%)", "hsl(78,70%,50%)"][temperament],
            "' opacity='.13'/>",
            _shafts((tank >> 16) % 3)
        );
        if (mood == 1) {
            out = string.concat(
                out,
                "<g fill='rgb(255,246,208)' opacity='.13'><path d='M440,60L40,512H150Z'/><path d='M440,60L230,512H300Z'/><path d='M440,60L360,512H420Z'/><path d='M440,60L0,300V420Z'/></g>",
                "<circle cx='440' cy='60' r='130' fill='url(#sun)'/><circle cx='440' cy='60' r='34' fill='rgb(255,251,232)'/>"
            );
        } else if (mood == 2) {
            out = string.concat(
                out,
                "<g fill='hsl(226,14%,38%)' filter='url(#f)'><ellipse cx='90' cy='52' rx='120' ry='46'/><ellipse cx='250' cy='36' rx='140' ry='50'/><ellipse cx='420' cy='56' rx='130' ry='48'/></g>",
                "<g fill='hsl(228,16%,24%)'><ellipse cx='170' cy='82' rx='110' ry='30'/><ellipse cx='360' cy='90' rx='120' ry='32'/></g>",
                "<path d='M372,100L340,180 362,180 322,268' fill='none' stroke='rgb(255,243,166)' stroke-width='10' stroke-linejoin='round' opacity='.5' filter='url(#f)'/>",
                "<path d='M372,100L340,180 362,180 322,268' fill='none' stroke='rgb(255,251,224)' stroke-width='3' stroke-linejoin='round'/>"
            );
        } else {
            out = string.concat(
                out,
                "<g fill='none' stroke='rgb(216,243,255)' stroke-opacity='.12' stroke-width='2'><path d='M40,120Q256,108 472,120'/><path d='M70,160Q256,150 442,160'/><path d='M30,200Q256,192 482,200'/></g>"
            );
        }
    }

    /// @notice The ground of `tank` with pebbles and two or three luminous plants; `flora` and
    /// `glow` colour the plants, the tank's high bits place them.
    function ground(uint256 tank, string memory flora, string memory glow) internal pure returns (string memory out) {
        uint256 plants = 2 + ((tank >> 24) % 2);
        uint256 e = tank >> 64;
        string memory stems; // every plant's stem, one path
        int256[] memory tips = new int256[](3 * plants); // (x, y, r) of each plant's glowing tip
        for (uint256 p; p < plants; ++p) {
            uint256 r = e >> (p * 24);
            // Plants 0 and 2 on the left, 1 on the right.
            int256 x = p % 2 == 0 ? int256(40 + (r % 90) + (p / 2) * 50) : int256(340 + (r % 90));
            int256 h = int256(90 + ((r >> 8) % 120));
            int256 sway = int256((r >> 16) % 40) - 20;
            stems = string.concat(
                stems,
                "M",
                Svg.pt(x, 440),
                "C",
                Svg.pt(x - 18, 440 - h / 3),
                Svg.pt(x + 18 + sway, 440 - (2 * h) / 3),
                Svg.pt(x + sway, 440 - h)
            );
            tips[3 * p] = x + sway;
            tips[3 * p + 1] = 440 - h;
            tips[3 * p + 2] = 9;
        }
        string memory tipCircles = Svg.circles(tips, "");
        out = string.concat(
            "<path d='M0,438C110,416 200,432 256,426S420,416 512,432V512H0Z' fill='url(#sand)'/><path d='",
            stems,
            "' fill='none' stroke='",
            flora,
            "' stroke-width='7' stroke-linecap='round'/><g fill='",
            glow,
            "'><g filter='url(#f)'>",
            tipCircles,
            "</g>",
            tipCircles
        );
        out = string.concat(out, "</g><g fill='", _pebbleColour((tank >> 8) % 4), "'>", _pebbles(e >> 128), "</g>");
    }

    /// @dev Pebbles to match the ground (`_groundStops`).
    function _pebbleColour(uint256 i) private pure returns (string memory) {
        if (i == 0) return "hsl(30,10%,46%)";
        if (i == 1) return "hsl(210,5%,64%)";
        if (i == 2) return "hsl(90,22%,42%)";
        return "hsl(262,30%,40%)";
    }

    /// @notice Rain over the creature when stormy; drifting motes otherwise.
    /// @dev Both are the same in every token: literals (26 drops, one path, at x = (197p + 31) mod 540,
    /// y = 100 + (113p mod 340); 9 motes at x = 20 + (157p + 60) mod 470, y = 130 + (89p mod
    /// 280), r = 1 + p mod 3), written out once instead of formatted on every call.
    function foreground(uint8 mood) internal pure returns (string memory) {
        if (mood == 2) {
            return
                string.concat(
                    "<path d='",
                    _RAIN,
                    "' stroke='rgb(207,227,255)' stroke-opacity='.35' stroke-width='2' stroke-linecap='round'/>"
                );
        }
        return string.concat("<g fill='white' opacity='.35'>", _MOTES, "</g>");
    }

    /// @notice Vignette, glass sheen and the frame of `tank`: 0 Glass, 1 Brass, 2 Driftwood,
    /// 3 Obsidian.
    function glass(uint256 tank) internal pure returns (string memory) {
        return
            string.concat(
                "<rect width='512' height='512' fill='url(#vig)'/>",
                "<path d='M40,90C28,190 28,320 44,420' fill='none' stroke='white' stroke-opacity='.07' stroke-width='12' stroke-linecap='round'/><path d='M62,60C54,84 52,104 53,120' fill='none' stroke='white' stroke-opacity='.16' stroke-width='5' stroke-linecap='round'/><g id='frame' fill='none'>",
                _frame(tank % 4),
                "</g>"
            );
    }

    /// @notice The caption's plaque in the top-left corner, kept clear of the creature: `title`
    /// (already XML-escaped) over `subtitle`, `chars` the longer line's length (its width).
    function plaque(string memory title, string memory subtitle, uint256 chars) internal pure returns (string memory) {
        return
            string.concat(
                "<g id='plq' font-family='DejaVu Sans Mono,monospace' font-size='11' fill='white'><rect x='14' y='12' width='",
                Svg.n(int256(16 + (chars * 67) / 10)),
                "' height='32' rx='6' fill='rgb(10,14,22)' fill-opacity='.74' stroke='white' stroke-opacity='.3'/><text x='22' y='25'>",
                title,
                "</text><text x='22' y='38' fill-opacity='.72'>",
                subtitle,
                "</text></g>"
            );
    }

    /// @notice The unrevealed egg, glowing, resting in a nest.
    function egg() internal pure returns (string memory) {
        return
            string.concat(
                "<radialGradient id='egg' cx='.38' cy='.3' r='.8'><stop offset='0' stop-color='hsl(48,90%,94%)'/><stop offset='.55' stop-color='hsl(38,62%,74%)'/><stop offset='1' stop-color='hsl(26,42%,42%)'/></radialGradient>",
                "<circle cx='256' cy='318' r='170' fill='url(#sun)' opacity='.55'/>",
                "<path d='M256,196C306,196 336,280 336,326C336,378 300,410 256,410C212,410 176,378 176,326C176,280 206,196 256,196Z' fill='hsl(45,100%,80%)' opacity='.5' filter='url(#fb)'/>",
                "<path d='M256,196C306,196 336,280 336,326C336,378 300,410 256,410C212,410 176,378 176,326C176,280 206,196 256,196Z' fill='url(#egg)'/>",
                "<g fill='hsl(28,40%,52%)' opacity='.45'><circle cx='230' cy='300' r='7'/><circle cx='290' cy='340' r='9'/><circle cx='262' cy='262' r='5'/><circle cx='220' cy='360' r='6'/><circle cx='300' cy='290' r='4'/><circle cx='260' cy='382' r='5'/></g>",
                "<ellipse cx='232' cy='250' rx='16' ry='28' transform='rotate(25 232 250)' fill='white' opacity='.55'/>",
                "<g fill='none' stroke='hsl(30,35%,30%)' stroke-width='6' stroke-linecap='round'><path d='M160,412Q256,440 352,412'/><path d='M170,424Q260,446 344,420'/><path d='M150,404Q200,430 262,432'/></g>"
            );
    }

    /// @dev The ground gradient's stops: Sand, Gravel, Moss, Black sand. One literal read, not an array of all of them.
    function _groundStops(uint256 i) private pure returns (string memory) {
        if (i == 0)
            return "<stop offset='0' stop-color='hsl(32,28%,34%)'/><stop offset='1' stop-color='hsl(24,30%,11%)'/>";
        if (i == 1)
            return "<stop offset='0' stop-color='hsl(210,7%,44%)'/><stop offset='1' stop-color='hsl(220,9%,14%)'/>";
        if (i == 2)
            return "<stop offset='0' stop-color='hsl(104,34%,30%)'/><stop offset='1' stop-color='hsl(130,30%,9%)'/>";
        return "<stop offset='0' stop-color='hsl(252,14%,18%)'/><stop offset='1' stop-color='hsl(250,24%,5%)'/>";
    }

    /// @dev Light shafts: none, two or three. One literal read, not an array of all of them.
    function _shafts(uint256 i) private pure returns (string memory) {
        if (i == 0) return "";
        if (i == 1)
            return
                "<path id='shafts' fill='rgb(226,248,255)' opacity='.1' d='M96,0h46l92,440h-84ZM300,0h30l70,440h-60Z'/>";
        return
            "<path id='shafts' fill='rgb(226,248,255)' opacity='.12' d='M40,0h40l70,440h-70ZM200,0h56l84,440h-96ZM380,0h34l60,440h-58Z'/>";
    }

    /// @dev The frame: Glass, Brass, Driftwood, Obsidian. One literal read, not an array of all of them.
    function _frame(uint256 i) private pure returns (string memory) {
        if (i == 0)
            return
                "<rect x='10' y='10' width='492' height='492' rx='34' stroke='white' stroke-opacity='.22' stroke-width='4'/>";
        if (i == 1)
            return
                "<rect x='7' y='7' width='498' height='498' rx='18' stroke='hsl(42,64%,46%)' stroke-width='14'/><rect x='15' y='15' width='482' height='482' rx='12' stroke='hsl(46,84%,74%)' stroke-width='2'/>";
        if (i == 2)
            return
                "<rect x='8' y='8' width='496' height='496' rx='26' stroke='hsl(27,36%,27%)' stroke-width='17'/><rect x='8' y='8' width='496' height='496' rx='26' stroke='hsl(30,30%,44%)' stroke-width='3' stroke-dasharray='46 12 10 18'/>";
        return
            "<rect x='7' y='7' width='498' height='498' rx='10' stroke='rgb(13,10,20)' stroke-width='15'/><rect x='15' y='15' width='482' height='482' rx='6' stroke='hsl(276,72%,64%)' stroke-opacity='.55' stroke-width='2'/>";
    }

    /// @dev Five round pebbles on the ground, written in one allocation (`Svg.circles`).
    function _pebbles(uint256 e) private pure returns (string memory) {
        int256[] memory xyr = new int256[](15);
        for (uint256 p; p < 5; ++p) {
            uint256 r = e >> (p * 24);
            xyr[3 * p] = int256(30 + (r % 452));
            xyr[3 * p + 1] = int256(456 + ((r >> 9) % 40));
            xyr[3 * p + 2] = int256(5 + ((r >> 15) % 8));
        }
        return Svg.circles(xyr, "");
    }
}
