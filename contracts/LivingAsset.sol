// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

import {ILivingAsset} from "./interfaces/ILivingAsset.sol";
import {MetadataModule} from "./modules/MetadataModule.sol";
import {SeedLogic} from "./libraries/SeedLogic.sol";
import {SaleLogic} from "./libraries/SaleLogic.sol";
import {SaleStorage} from "./storage/SaleStorage.sol";
import {SetupLogic} from "./libraries/SetupLogic.sol";

/// @title LivingAsset
/// @notice A Vivarium collection: an upgradeable ERC-721 (ERC721A core, batch mints) behind a UUPS
/// proxy, whose tokens get their seeds from Chainlink VRF v2.5, live through the epochs of a
/// {World} (a Chainlink Data Feed, advanced by Chainlink Automation), are nurtured and transformed by their holders, and render fully on chain.
///
/// Who may call what:
/// - anyone: `mint` (while the sale is open and not paused), `withdraw` (always to the treasury),
///   `syncWorld` (after a missed world hook), every view;
/// - holders and their approved operators: transfers (never paused), `nurture`, `metamorphose`;
/// - `MINTER_ROLE`: `mintTo`; `CONFIG_ROLE`: sale, treasury, VRF, royalty, renderer and
///   description settings, re-requests; `PAUSER_ROLE`: `pause`/`unpause`;
///   `UPGRADER_ROLE`: upgrades; default admin: role grants, renderer and provenance locks;
/// - the VRF coordinator: `rawFulfillRandomWords`; the world: `onWorldEpoch`.
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
    function initialize(InitParams calldata p) external initializerERC721A initializer {
        __ERC721A_init(p.name, p.symbol);
        __AccessControlDefaultAdminRules_init(p.adminDelay, p.admin);
        __Pausable_init();
        // The modules' part (VRF, world, royalty, metadata, sale) runs in {SetupLogic} on this
        // call's own arguments, inside this initializer.
        _delegate(address(SetupLogic), SetupLogic.initialize.selector);
    }

    // ------------------------------------------------------------------
    // Minting
    // ------------------------------------------------------------------

    /// @inheritdoc ILivingAsset
    function mint(uint256 quantity) external payable virtual whenNotPaused {
        SaleLogic.checkPublicMint(msg.sender, quantity, msg.value);
        _mintBatch(msg.sender, quantity);
    }

    /// @inheritdoc ILivingAsset
    function mintTo(address to, uint256 quantity) external virtual whenNotPaused onlyRole(MINTER_ROLE) {
        if (to == address(0)) revert LivingAssetZeroAddress();
        SaleLogic.checkQuantity(quantity);
        _mintBatch(to, quantity);
    }

    /// @inheritdoc ILivingAsset
    function withdraw() external virtual {
        _forward(address(SaleLogic), SaleLogic.withdraw.selector);
    }

    // ------------------------------------------------------------------
    // Configuration
    // ------------------------------------------------------------------

    /// @notice Open or close the public sale (config role).
    function setSaleOpen(bool open) external virtual onlyRole(CONFIG_ROLE) {
        SaleLogic.layout().saleOpen = open;
        emit SaleStateUpdated(open);
    }

    /// @notice Set price, supply cap and limits (config role). The cap cannot go below what is minted.
    function setSaleConfig(uint96, uint64, uint32, uint32) external virtual onlyRole(CONFIG_ROLE) {
        _forward(address(SaleLogic), SaleLogic.setSaleConfig.selector);
    }

    /// @notice Set the treasury that receives the proceeds (config role).
    function setTreasury(address) external virtual onlyRole(CONFIG_ROLE) {
        _forward(address(SaleLogic), SaleLogic.setTreasury.selector);
    }

    /// @notice Pause minting and holder interactions (transfers are never paused).
    function pause() external virtual onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Resume minting and holder interactions.
    function unpause() external virtual onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /// @notice The sale configuration.
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
            address treasury
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
        }
        _forwardView(address(SaleLogic), SaleLogic.saleConfig.selector);
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

    /// @dev One mint call = one batch = one VRF request. The ERC721A mint (no receiver callback)
    /// comes before the one external call: the VRF request to the configured coordinator.
    ///
    /// Emits {BatchMinted}, ERC-721 {Transfer} per token, {RandomnessRequested} or
    /// {RandomnessRequestFailed}.
    function _mintBatch(address to, uint256 quantity) private {
        uint256 first = _nextTokenId();
        _mint(to, quantity); // no receiver callback: nothing can re-enter here
        uint256 batchId = SeedLogic.recordBatch(first, quantity, currentEpoch());
        emit BatchMinted(batchId, to, first, quantity);
    }
}
