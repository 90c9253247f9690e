// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Svg} from "./Svg.sol";

/// @title SceneArt
/// @notice The terrarium around the creature: sky and water by market mood, a temperament
/// tint, substrate, glowing flora, glass and label; and the unrevealed egg.
/// @dev All colours are literal or derived from small integers; the label text must be
/// XML-escaped by the caller.
library SceneArt {
    string private constant _RAIN =
        "<path d='M31,100 l-9,26'/><path d='M228,213 l-9,26'/><path d='M425,326 l-9,26'/><path d='M82,439 l-9,26'/><path d='M279,212 l-9,26'/><path d='M476,325 l-9,26'/><path d='M133,438 l-9,26'/>"
        "<path d='M330,211 l-9,26'/><path d='M527,324 l-9,26'/><path d='M184,437 l-9,26'/><path d='M381,210 l-9,26'/><path d='M38,323 l-9,26'/><path d='M235,436 l-9,26'/><path d='M432,209 l-9,26'/>"
        "<path d='M89,322 l-9,26'/><path d='M286,435 l-9,26'/><path d='M483,208 l-9,26'/><path d='M140,321 l-9,26'/><path d='M337,434 l-9,26'/><path d='M534,207 l-9,26'/><path d='M191,320 l-9,26'/>"
        "<path d='M388,433 l-9,26'/><path d='M45,206 l-9,26'/><path d='M242,319 l-9,26'/><path d='M439,432 l-9,26'/><path d='M96,205 l-9,26'/>";
    string private constant _MOTES =
        "<circle cx='80' cy='130' r='1' /><circle cx='237' cy='219' r='2' /><circle cx='394' cy='308' r='3' /><circle cx='81' cy='397' r='1' /><circle cx='238' cy='206' r='2' />"
        "<circle cx='395' cy='295' r='3' /><circle cx='82' cy='384' r='1' /><circle cx='239' cy='193' r='2' /><circle cx='396' cy='282' r='3' />";

    /// @notice Shared defs: sky gradient for `mood`, vignette, sand and the glow filter `f`.
    function defs(uint8 mood) internal pure returns (string memory) {
        (string memory top, string memory bottom) = mood == 1
            ? ("hsl(38,80%,70%)", "hsl(192,48%,26%)")
            : mood == 2
                ? ("hsl(226,18%,24%)", "hsl(232,26%,7%)")
                : ("hsl(196,42%,34%)", "hsl(218,48%,11%)");
        return
            string.concat(
                "<linearGradient id='sky' x2='0' y2='1'>",
                Svg.stop("0", top, "1"),
                Svg.stop("1", bottom, "1"),
                "</linearGradient><radialGradient id='vig' r='.75'>",
                "<stop offset='.55' stop-opacity='0'/><stop offset='1' stop-opacity='.6'/></radialGradient>",
                "<linearGradient id='sand' x2='0' y2='1'><stop offset='0' stop-color='hsl(32,28%,34%)'/><stop offset='1' stop-color='hsl(24,30%,11%)'/></linearGradient>",
                "<radialGradient id='sun'><stop offset='0' stop-color='rgb(255,247,214)' stop-opacity='.95'/><stop offset='1' stop-color='rgb(255,210,122)' stop-opacity='0'/></radialGradient>",
                "<filter id='f' x='-100%' y='-100%' width='300%' height='300%'><feGaussianBlur stdDeviation='4'/></filter>",
                "<filter id='fb' x='-50%' y='-50%' width='200%' height='200%'><feGaussianBlur stdDeviation='12'/></filter>"
            );
    }

    /// @notice Sky, temperament tint and the weather of `mood` (0 Calm, 1 Sunny, 2 Stormy),
    /// drawn behind the creature.
    function backdrop(uint8 mood, uint8 temperament) internal pure returns (string memory out) {
        out = string.concat(
            "<rect width='512' height='512' fill='url(#sky)'/><rect width='512' height='512' fill='",
            ["hsl(200,60%,60%)", "hsl(14,85%,55%)", "hsl(272,50%,55%)", "hsl(78,70%,50%)"][temperament],
            "' opacity='.13'/>"
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

    /// @notice Substrate with pebbles and luminous plants; `flora` and `glow` colour the plants,
    /// `e` places them.
    function ground(uint256 e, string memory flora, string memory glow) internal pure returns (string memory out) {
        out = string.concat(
            "<path d='M0,438C110,416 200,432 256,426S420,416 512,432V512H0Z' fill='url(#sand)'/><g fill='none' stroke='",
            flora,
            "' stroke-width='7' stroke-linecap='round'>"
        );
        int256[] memory tips = new int256[](12); // (x, y, r) of each plant's glowing tip
        for (uint256 p; p < 4; ++p) {
            uint256 r = e >> (p * 24);
            int256 x = p < 2 ? int256(40 + (r % 90) + p * 50) : int256(340 + (r % 90) + (p - 2) * 50);
            int256 h = int256(90 + ((r >> 8) % 120));
            int256 sway = int256((r >> 16) % 40) - 20;
            out = string.concat(
                out,
                Svg.path(
                    string.concat(
                        "M",
                        Svg.pt(x, 440),
                        "C",
                        Svg.pt(x - 18, 440 - h / 3),
                        Svg.pt(x + 18 + sway, 440 - (2 * h) / 3),
                        Svg.pt(x + sway, 440 - h)
                    ),
                    ""
                )
            );
            tips[3 * p] = x + sway;
            tips[3 * p + 1] = 440 - h;
            tips[3 * p + 2] = 9;
        }
        string memory tipCircles = Svg.circles(tips, "");
        out = string.concat(
            out,
            "</g><g fill='",
            glow,
            "'><g filter='url(#f)'>",
            tipCircles,
            "</g>",
            tipCircles,
            "</g><g fill='hsl(30,10%,46%)'>",
            _pebbles(e >> 128),
            "</g>"
        );
    }

    /// @notice Rain over the creature when stormy; drifting motes otherwise.
    /// @dev Both are the same in every token: literals (26 drops at x = (197p + 31) mod 540,
    /// y = 100 + (113p mod 340); 9 motes at x = 20 + (157p + 60) mod 470, y = 130 + (89p mod
    /// 280), r = 1 + p mod 3), written out once instead of formatted on every call.
    function foreground(uint8 mood) internal pure returns (string memory) {
        if (mood == 2) {
            return
                string.concat(
                    "<g stroke='rgb(207,227,255)' stroke-opacity='.35' stroke-width='2' stroke-linecap='round'>",
                    _RAIN,
                    "</g>"
                );
        }
        return string.concat("<g fill='white' opacity='.35'>", _MOTES, "</g>");
    }

    /// @notice Glass of the tank, vignette and the label (already XML-escaped).
    function glass(string memory label) internal pure returns (string memory) {
        return
            string.concat(
                "<rect width='512' height='512' fill='url(#vig)'/>",
                "<path d='M40,90C28,190 28,320 44,420' fill='none' stroke='white' stroke-opacity='.07' stroke-width='12' stroke-linecap='round'/><path d='M62,60C54,84 52,104 53,120' fill='none' stroke='white' stroke-opacity='.16' stroke-width='5' stroke-linecap='round'/>",
                "<rect x='10' y='10' width='492' height='492' rx='34' fill='none' stroke='white' stroke-opacity='.22' stroke-width='4'/>",
                "<text x='34' y='488' font-family='Menlo,Consolas,monospace' font-size='14' fill='white' fill-opacity='.62'>",
                label,
                "</text>"
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

    function _pebbles(uint256 e) private pure returns (string memory out) {
        for (uint256 p; p < 5; ++p) {
            uint256 r = e >> (p * 24);
            out = string.concat(
                out,
                Svg.ellipse(
                    int256(30 + (r % 452)),
                    int256(452 + ((r >> 9) % 44)),
                    int256(8 + ((r >> 15) % 12)),
                    int256(5 + ((r >> 19) % 5)),
                    ""
                )
            );
        }
    }
}
