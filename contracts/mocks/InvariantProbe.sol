// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IWorld} from "../interfaces/IWorld.sol";
import {Phenotype} from "../interfaces/IRenderer.sol";
import {ISeedModule} from "../interfaces/ISeedModule.sol";

/// @notice The views of the collection that the probe reads.
interface IProbedCollection {
    function totalSupply() external view returns (uint256);
    function saleConfig()
        external
        view
        returns (
            uint256 price,
            uint256 maxSupply,
            uint256 maxPerWallet,
            uint256 maxPerMint,
            bool open,
            address treasury,
            bytes32 allowlistRoot,
            uint256 allowlistPrice,
            bool allowlistOpen
        );
    function paused() external view returns (bool);
    function currentEpoch() external view returns (uint256);
    function cohortState() external view returns (ISeedModule.CohortState memory);
    function world() external view returns (address);
    function ownerOf(uint256 tokenId) external view returns (address);
    function balanceOf(address owner) external view returns (uint256);
    function getApproved(uint256 tokenId) external view returns (address);
    function isApprovedForAll(address owner, address operator) external view returns (bool);
    function isRevealed(uint256 tokenId) external view returns (bool);
    function seedOf(uint256 tokenId) external view returns (uint256);
    function phenotypeOf(uint256 tokenId) external view returns (Phenotype memory);
    function royaltyInfo(uint256 tokenId, uint256 salePrice) external view returns (address, uint256);
    function maxRoyaltyBps() external view returns (uint96);
}

/// @title InvariantProbe (test helper)
/// @notice Reads the whole observable state of a collection in one `eth_call`, so property tests
/// can check their invariants and compare state digests after every step cheaply.
contract InvariantProbe {
    /// @notice One token's observable state.
    struct TokenState {
        address owner;
        address approved;
        bool revealed;
        uint256 seed;
        uint256 vitality;
        uint256 generation;
        bool pending;
        uint256 nurtureCount;
        address royaltyReceiver;
        uint256 royaltyAmount; // royalty on a sale price of 10,000 (i.e. basis points)
    }

    /// @notice The collection's observable state.
    struct State {
        uint256 totalSupply;
        uint256 maxSupply;
        bool paused;
        uint256 currentEpoch;
        uint256 cohortCount;
        uint256 ethBalance;
        uint256 maxRoyaltyBps;
        address defaultRoyaltyReceiver;
        uint256 defaultRoyaltyAmount;
        uint256[] balances; // of `accounts`
        bool[] operators; // isApprovedForAll(accounts[i], accounts[j]) at i * n + j
        TokenState[] tokens; // ids 1..lastTokenId
        IWorld.EpochEntry[] log; // the world's entries 0..currentEpoch (the collection's epoch)
    }

    /// @notice Everything observable about `collection` for `accounts` and tokens 1..`lastTokenId`.
    function read(
        IProbedCollection collection,
        address[] calldata accounts,
        uint256 lastTokenId
    ) external view returns (State memory s) {
        s.totalSupply = collection.totalSupply();
        (, s.maxSupply, , , , , , , ) = collection.saleConfig();
        s.paused = collection.paused();
        s.currentEpoch = collection.currentEpoch();
        s.cohortCount = collection.cohortState().cohortCount;
        s.ethBalance = address(collection).balance;
        s.maxRoyaltyBps = collection.maxRoyaltyBps();
        // Token 0 never exists, so it never has an override: this is the default royalty.
        (s.defaultRoyaltyReceiver, s.defaultRoyaltyAmount) = collection.royaltyInfo(0, 10_000);
        uint256 n = accounts.length;
        s.balances = new uint256[](n);
        s.operators = new bool[](n * n);
        for (uint256 i = 0; i < n; ++i) {
            s.balances[i] = collection.balanceOf(accounts[i]);
            for (uint256 j = 0; j < n; ++j)
                s.operators[i * n + j] = collection.isApprovedForAll(accounts[i], accounts[j]);
        }
        s.tokens = new TokenState[](lastTokenId);
        for (uint256 id = 1; id <= lastTokenId; ++id) s.tokens[id - 1] = _token(collection, id);
        s.log = new IWorld.EpochEntry[](s.currentEpoch + 1);
        IWorld w = IWorld(collection.world());
        for (uint256 e = 0; e <= s.currentEpoch; ++e) s.log[e] = w.epochEntry(e);
    }

    function _token(IProbedCollection collection, uint256 id) private view returns (TokenState memory t) {
        t.owner = collection.ownerOf(id);
        t.approved = collection.getApproved(id);
        t.revealed = collection.isRevealed(id);
        if (t.revealed) t.seed = collection.seedOf(id);
        Phenotype memory ph = collection.phenotypeOf(id);
        t.vitality = ph.vitality;
        t.generation = ph.generation;
        t.pending = ph.metamorphosisPending;
        t.nurtureCount = ph.nurtureCount;
        (t.royaltyReceiver, t.royaltyAmount) = collection.royaltyInfo(id, 10_000);
    }
}
