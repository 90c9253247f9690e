// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {ILivingAsset} from "./interfaces/ILivingAsset.sol";
import {MetadataModule} from "./modules/MetadataModule.sol";
import {SeedLogic} from "./libraries/SeedLogic.sol";
import {SaleLogic} from "./libraries/SaleLogic.sol";
import {SaleStorage, SaleSlot} from "./storage/SaleStorage.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SetupLogic} from "./libraries/SetupLogic.sol";

/// @title LivingAsset
/// @notice A Vivarium collection: an upgradeable ERC-721 (ERC721A core, batch mints) behind a UUPS
/// proxy, whose tokens get their seeds from Chainlink VRF v2.5, live through the epochs of a
/// {World} (a Chainlink Data Feed, advanced by Chainlink Automation), are nurtured and transformed by their holders, and render fully on chain.
///
/// Who may call what:
/// - anyone: `mint` (while the sale is open and not paused), `mintAllowlist` (with a proof, while
///   the allowlist phase is open), `reveal` (after the minimum delay), `withdraw` (always to the
///   treasury), `syncWorld` (after a missed world hook), every view;
/// - holders and their approved operators: transfers (never paused), `nurture`, `metamorphose`;
/// - `MINTER_ROLE`: `mintTo`; `CONFIG_ROLE`: sale, allowlist, treasury, VRF request parameters,
///   reveal trigger, royalty, renderer and description settings, re-requests; `PAUSER_ROLE`:
///   `pause`/`unpause`; `UPGRADER_ROLE`: upgrades; default admin: role grants, renderer and
///   provenance locks, coordinator changes (after the admin delay);
/// - a VRF coordinator: `rawFulfillRandomWords` of its own requests, `setCoordinator` (subscription
///   migration, while it is the current one); the world: `onWorldEpoch`.
///
/// The modules' logic lives in external libraries linked into this implementation (EIP-170). They
/// hold no state and contain no `delegatecall` or `selfdestruct`; each runs in the proxy's storage
/// through the module's ERC-7201 namespace, so linking them is safe for upgrades:
/// @custom:oz-upgrades-unsafe-allow external-library-linking
contract LivingAsset is MetadataModule, SaleStorage, UUPSUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialise the proxy. Sale starts closed.
    /// @dev OpenZeppelin's `initializer` guards the whole initialisation. ERC721A's three initial
    /// fields (name, symbol, first token id) are set by {SetupLogic-initialize}, as
    /// `__ERC721A_init_unchained` sets them, without ERC721A's modifiers (about 350 bytes the
    /// collection needs under EIP-170); it also sets ERC721A's own initializer flag, so its
    /// `initializerERC721A` refuses any later call.
    function initialize(InitParams calldata p) external initializer {
        __AccessControlDefaultAdminRules_init(p.adminDelay, p.admin);
        // ERC721A and the modules' part (VRF, world, royalty, metadata, sale) run in {SetupLogic}
        // on this call's own arguments, inside this initializer.
        _delegate(address(SetupLogic), SetupLogic.initialize.selector);
    }

    // ------------------------------------------------------------------
    // Minting
    // ------------------------------------------------------------------

    /// @inheritdoc ILivingAsset
    /// @dev Inline, and writing nothing beyond ERC721A's own slots: the mint is the figure every
    /// collector pays. Its tokens join the open reveal cohort. A failed check is explained (the
    /// custom error with its arguments) by {SaleLogic-explainMint}, out of line, on this call's own
    /// calldata.
    function mint(uint256 quantity) external payable virtual whenNotPaused {
        SaleLayout storage $ = SaleSlot.layout();
        if (
            !$.saleOpen || !_saleAllows($, quantity, $.price) || _numberMinted(msg.sender) + quantity > $.maxPerWallet
        ) {
            _forward(address(SaleLogic), SaleLogic.explainMint.selector);
        }
        _mintInto($, msg.sender, quantity);
    }

    /// @inheritdoc ILivingAsset
    /// @dev The count of allowlist mints lives in ERC721A's per-address `aux`, in the slot the mint
    /// writes anyway. Failed checks are explained by {SaleLogic-explainMintAllowlist}.
    function mintAllowlist(
        uint256 quantity,
        uint256 allowance,
        bytes32[] calldata proof
    ) external payable virtual whenNotPaused {
        SaleLayout storage $ = SaleSlot.layout();
        uint256 minted = _getAux(msg.sender);
        if (
            !$.allowlistOpen ||
            !_saleAllows($, quantity, $.allowlistPrice) ||
            !MerkleProof.verifyCalldata(proof, $.allowlistRoot, SaleLogic.allowlistLeaf(msg.sender, allowance)) ||
            minted + quantity > allowance
        ) {
            _forward(address(SaleLogic), SaleLogic.explainMintAllowlist.selector);
        }
        _setAux(msg.sender, uint64(minted + quantity));
        _mintInto($, msg.sender, quantity);
    }

    /// @inheritdoc ILivingAsset
    function mintTo(address to, uint256 quantity) external virtual whenNotPaused onlyRole(MINTER_ROLE) {
        SaleLayout storage $ = SaleSlot.layout();
        if (to == address(0) || !_saleAllows($, quantity, 0))
            _forward(address(SaleLogic), SaleLogic.explainMintTo.selector);
        _mintInto($, to, quantity);
    }

    /// @inheritdoc ILivingAsset
    function withdraw() external virtual {
        _forward(address(SaleLogic), SaleLogic.withdraw.selector);
    }

    // ------------------------------------------------------------------
    // Configuration
    // ------------------------------------------------------------------

    /// @notice Open or close the public sale (config role).
    function setSaleOpen(bool open) external virtual onlyConfig {
        open; // decoded by the library
        _forward(address(SaleLogic), SaleLogic.setSaleOpen.selector);
    }

    /// @notice Set price, supply cap and limits (config role). The cap cannot go below what is minted.
    function setSaleConfig(
        uint96 price,
        uint64 maxSupply,
        uint32 maxPerWallet,
        uint32 maxPerMint
    ) external virtual onlyConfig {
        (price, maxSupply, maxPerWallet, maxPerMint); // decoded by the library
        _forward(address(SaleLogic), SaleLogic.setSaleConfig.selector);
    }

    /// @notice Set the allowlist phase (config role): the Merkle root of its (address, allowance)
    /// leaves, its price per token, and whether it is open. Allowances already used stay counted.
    function setAllowlist(bytes32 root, uint96 price, bool open) external virtual onlyConfig {
        (root, price, open); // decoded by the library
        _forward(address(SaleLogic), SaleLogic.setAllowlist.selector);
    }

    /// @notice Set the treasury that receives the proceeds (config role).
    function setTreasury(address treasury) external virtual onlyConfig {
        treasury; // decoded by the library
        _forward(address(SaleLogic), SaleLogic.setTreasury.selector);
    }

    /// @notice Pause minting and holder interactions (transfers are never paused).
    function pause() external virtual onlyRole(PAUSER_ROLE) {
        _forward(address(SaleLogic), SaleLogic.pause.selector);
    }

    /// @notice Resume minting and holder interactions.
    function unpause() external virtual onlyRole(PAUSER_ROLE) {
        _forward(address(SaleLogic), SaleLogic.unpause.selector);
    }

    /// @notice The sale configuration: the public sale and the allowlist phase.
    function saleConfig()
        external
        view
        virtual
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
        )
    {
        assembly ("memory-safe") {
            // names the return values for the ABI; _forwardView returns the library's answer
            price := 0
            maxSupply := 0
            maxPerWallet := 0
            maxPerMint := 0
            open := 0
            treasury := 0
            allowlistRoot := 0
            allowlistPrice := 0
            allowlistOpen := 0
        }
        _forwardView(address(SaleLogic), SaleLogic.saleConfig.selector);
    }

    /// @notice Tokens `account` has minted in the allowlist phase.
    function allowlistMinted(address account) external view virtual returns (uint256) {
        return _getAux(account);
    }

    /// @inheritdoc MetadataModule
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------

    /// @dev Requirements: `UPGRADER_ROLE`.
    function _authorizeUpgrade(address) internal virtual override onlyRole(UPGRADER_ROLE) {}

    // ------------------------------------------------------------------
    // Private
    // ------------------------------------------------------------------

    /// @dev The checks every mint shares: quantity (not zero, at most `maxPerMint`), supply cap,
    /// and a payment of `unitPrice` per token.
    function _saleAllows(SaleLayout storage $, uint256 quantity, uint256 unitPrice) private view returns (bool) {
        return
            quantity != 0 &&
            quantity <= $.maxPerMint &&
            quantity <= $.maxSupply - _totalMinted() &&
            msg.value == unitPrice * quantity;
    }

    /// @dev The ERC721A mint (no receiver callback: nothing can re-enter), into the open reveal
    /// cohort; in instant-reveal mode the mint then closes the cohort and makes its VRF request, the
    /// one external call.
    ///
    /// Emits ERC-721 {Transfer} per token; in instant-reveal mode also {CohortClosed} and
    /// {RandomnessRequested} or {RandomnessRequestFailed}.
    function _mintInto(SaleLayout storage $, address to, uint256 quantity) private {
        _mint(to, quantity);
        if ($.instantReveal) SeedLogic.closeOpenCohort();
    }
}
