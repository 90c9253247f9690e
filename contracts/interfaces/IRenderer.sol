// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Growth stage of a living asset. `Egg` until its seed is revealed; `Hatchling` and
/// `Juvenile` come with age; `Adult` and `Ascended` only through metamorphosis.
enum Stage {
    Egg,
    Hatchling,
    Juvenile,
    Adult,
    Ascended
}

/// @notice Character drawn from the market a token has lived through (difference of two
/// prefix sums of the environment log).
enum Temperament {
    Serene,
    Bold,
    Wary,
    Restless
}

/// @notice The weather of the latest epoch: the last feed move against the one before.
enum Mood {
    Calm,
    Sunny,
    Stormy
}

/// @notice A token's live state, a pure function of its seed, birth epoch, checkpoint and the
/// environment log. Computed on read; never stored.
struct Phenotype {
    bool revealed; // seed known (its reveal cohort fulfilled by VRF)
    Stage stage;
    uint8 generation; // metamorphoses completed
    bool metamorphosisPending; // a VRF request for a metamorphosis is in flight
    uint32 birthEpoch; // epoch count when minted
    uint32 currentEpoch; // epoch count now
    uint32 age; // currentEpoch - birthEpoch
    uint16 vitality; // 0..10_000 basis points, decays lazily with neglect
    Temperament temperament;
    Mood mood;
    uint32 nurtureCount; // times nurtured
    uint64 lifeUpBps; // cumulative up-moves of the feed over the token's life, basis points
    uint64 lifeDownBps; // cumulative down-moves over the token's life, basis points
    int256 lastPrice; // feed answer of the latest epoch (0 before the first epoch)
    uint256 seed; // keccak256(abi.encode(cohortWord, tokenId)); 0 while unrevealed
    uint256 genome; // seed mixed with every metamorphosis mutation; 0 while unrevealed
}

/// @notice The creator's provenance record: what produced the art. Immutable once locked.
struct Provenance {
    bytes32 modelHash; // hash of the generative model or checkpoint used to design the art
    bytes32 datasetHash; // hash of the training-data manifest
    string licenseURI;
    string generatorName;
    string generatorVersion;
    bool locked;
}

/// @notice Everything the renderer needs to build one token's metadata.
struct TokenRenderParams {
    address collection;
    uint256 tokenId;
    string collectionName; // untrusted text: escaped by the renderer
    string description; // untrusted text: escaped by the renderer
    Phenotype phenotype;
    Provenance provenance;
}

/// @notice Everything the renderer needs to build the collection's ERC-7572 metadata.
struct CollectionRenderParams {
    address collection;
    string name; // untrusted text: escaped by the renderer
    string description; // untrusted text: escaped by the renderer
    address royaltyReceiver; // ERC-2981 default receiver
    uint96 royaltyBps; // ERC-2981 default fee, basis points
    uint256 totalSupply;
    uint256 maxSupply;
    uint32 currentEpoch;
    Provenance provenance;
    string externalLink; // "" for none; printable ASCII without `"`, `\`, `%` or `#` (checked by the collection)
}

/// @title IRenderer
/// @notice A stateless renderer: turns params into `data:` URIs. Swappable until the collection
/// locks it.
interface IRenderer {
    /// @notice `data:application/json;utf8,...` metadata of one token (no `%` or `#` in the JSON),
    /// with its SVG image as `data:image/svg+xml;utf8,...`, percent-encoded.
    function tokenURI(TokenRenderParams calldata params) external view returns (string memory);

    /// @notice `data:application/json;utf8,...` ERC-7572 collection metadata, as `tokenURI`.
    function contractURI(CollectionRenderParams calldata params) external view returns (string memory);

    /// @notice `data:application/json;base64,...` ERC-7496 trait metadata (keys, types, labels).
    function traitMetadataURI() external view returns (string memory);

    /// @notice The SVG image alone (no base64), for tools and tests.
    function svg(TokenRenderParams calldata params) external view returns (string memory);

    /// @notice Human-readable renderer version, shown in every token's metadata.
    function version() external view returns (string memory);
}
