// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721URIStorage} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721URIStorage.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {AutomationCompatibleInterface} from "@chainlink/contracts/src/v0.8/automation/interfaces/AutomationCompatibleInterface.sol";

/**
 * @title BullBearStyle
 * @notice BENCHMARK BASELINE, NOT PRODUCT CODE. A mock of the design of Chainlink's "Bull&Bear" dynamic
 * NFT example: every token's URI is a string in storage, and when Automation sees the price feed move,
 * `performUpkeep` LOOPS OVER EVERY TOKEN rewriting its URI. Its gas grows linearly with supply, which is
 * what the benchmark measures against Vivarium's render-on-read design.
 * @dev Kept as in the example: non-upgradeable, `ERC721URIStorage`, time-based `checkUpkeep`, URIs set
 * at mint. Left out: `ERC721Enumerable` (it does not change the upkeep cost) and the VRF theme pick.
 * The URIs are placeholder CIDv1s (not pinned) of realistic length: 78 bytes, four storage slots each.
 *
 * Who may call what: anyone may `mint` (no payment, no limit); anyone (in practice the Automation
 * registry) may call `performUpkeep`, which re-checks the interval.
 */
contract BullBearStyle is ERC721URIStorage, AutomationCompatibleInterface {
    /*//////////////////////////////////////////////////////////////
                             ERRORS, EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `performUpkeep` was called before `interval` seconds passed since `lastTimeStamp`.
    error BullBearUpkeepNotNeeded(uint256 lastTimeStamp, uint256 interval);

    /// @notice The feed returned a non-positive `answer` or a zero `updatedAt`.
    error BullBearInvalidPrice(int256 answer, uint256 updatedAt);

    /// @notice The trend flipped: every token's URI was rewritten to the `bull` or bear set.
    event TokensUpdated(bool bull, int256 price, uint256 supply);

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    AggregatorV3Interface private immutable _priceFeed;
    uint256 private immutable _interval;

    uint256 private _nextTokenId = 1;
    uint256 private _lastTimeStamp;
    int256 private _currentPrice;
    string[] private _bullUris;
    string[] private _bearUris;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    constructor(address priceFeed_, uint256 interval_) ERC721("Bull&Bear", "BBTK") {
        _priceFeed = AggregatorV3Interface(priceFeed_);
        _interval = interval_;
        _lastTimeStamp = block.timestamp;
        _currentPrice = _latestPrice();

        _bullUris.push("ipfs://bafybei3gyn53nxnwtojkin7lileutf74uoez6yauzubovmd22vnmsq5dom/bull_0.json");
        _bullUris.push("ipfs://bafybeibyoftoftpi5nonwpotuq5zwf7wzqulzyvnri45ik5caru7di4rkr/bull_1.json");
        _bullUris.push("ipfs://bafybeighqum3czuoh3sy7zimj7h22vlleh4ce5eqxdwhtas25xam4tvn7v/bull_2.json");
        _bearUris.push("ipfs://bafybeifpoftfudtrtv2bnzosxzfurrit55e2d53pl4htjyvvephcynir3z/bear_0.json");
        _bearUris.push("ipfs://bafybeide4il6wr4h7s7fdrppjfx4qqosa6ilcu4gfh6uwpyuppd3pi4dvv/bear_1.json");
        _bearUris.push("ipfs://bafybeixxhauzhiqwezs2tuf6p3o3hhcbnly7ydcfietierv33vuim7bq5h/bear_2.json");
    }

    /*//////////////////////////////////////////////////////////////
                               EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Mints `quantity` tokens to `to`, each starting with a bull URI (as the example does).
    function mint(address to, uint256 quantity) public virtual {
        uint256 n = _bullUris.length;
        for (uint256 i = 0; i < quantity; ++i) {
            uint256 tokenId = _nextTokenId++;
            _mint(to, tokenId);
            _setTokenURI(tokenId, _bullUris[tokenId % n]);
        }
    }

    /// @inheritdoc AutomationCompatibleInterface
    function checkUpkeep(bytes calldata) external view override returns (bool upkeepNeeded, bytes memory) {
        upkeepNeeded = block.timestamp - _lastTimeStamp > _interval;
        return (upkeepNeeded, "");
    }

    /**
     * @inheritdoc AutomationCompatibleInterface
     * @dev Re-checks the interval. If the price moved, rewrites the URI of every token (the cost the
     * baseline exists to show). Emits `TokensUpdated` and one `MetadataUpdate` per token.
     */
    function performUpkeep(bytes calldata) external override {
        if (block.timestamp - _lastTimeStamp <= _interval) {
            revert BullBearUpkeepNotNeeded(_lastTimeStamp, _interval);
        }
        _lastTimeStamp = block.timestamp;

        int256 latestPrice = _latestPrice();
        if (latestPrice == _currentPrice) return;

        bool bull = latestPrice > _currentPrice;
        string[] memory uris = bull ? _bullUris : _bearUris;
        uint256 n = uris.length;
        uint256 end = _nextTokenId;
        for (uint256 tokenId = 1; tokenId < end; ++tokenId) {
            _setTokenURI(tokenId, uris[tokenId % n]);
        }
        _currentPrice = latestPrice;
        emit TokensUpdated(bull, latestPrice, end - 1);
    }

    /// @notice The number of tokens minted.
    function totalSupply() public view virtual returns (uint256) {
        return _nextTokenId - 1;
    }

    /// @notice Seconds that must pass between two upkeeps.
    function interval() public view virtual returns (uint256) {
        return _interval;
    }

    /// @notice The price seen at the last upkeep that acted (or at deployment).
    function currentPrice() public view virtual returns (int256) {
        return _currentPrice;
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Requirements: the feed answer is positive and has been updated at least once.
    function _latestPrice() internal view virtual returns (int256) {
        (, int256 answer, , uint256 updatedAt, ) = _priceFeed.latestRoundData();
        if (answer <= 0 || updatedAt == 0) revert BullBearInvalidPrice(answer, updatedAt);
        return answer;
    }
}
