// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/**
 * @title PlainERC721Upgradeable
 * @notice BENCHMARK BASELINE, NOT PRODUCT CODE. The plain OpenZeppelin way to batch-mint an upgradeable
 * ERC-721: one `_mint` (one owner write, one balance write, one event) per token, behind a UUPS proxy.
 * The gas benchmark compares Vivarium's collections against it.
 * @dev Who may call what: anyone may `mint` (no payment, no limit); only the owner may upgrade.
 */
contract PlainERC721Upgradeable is Initializable, ERC721Upgradeable, OwnableUpgradeable, UUPSUpgradeable {
    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @custom:storage-location erc7201:vivarium.baselines.storage.PlainERC721
    struct PlainStorage {
        uint256 nextTokenId;
    }

    // keccak256(abi.encode(uint256(keccak256("vivarium.baselines.storage.PlainERC721")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _PLAIN_STORAGE_LOCATION =
        0xcfd918edb5197b503062b893003e3b23bef1b83702e8cbe699b9552221b22700;

    /*//////////////////////////////////////////////////////////////
                              INITIALISER
    //////////////////////////////////////////////////////////////*/

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy: name, symbol and the owner who may upgrade. Token ids start at 1.
    function initialize(
        string calldata name_,
        string calldata symbol_,
        address initialOwner
    ) public virtual initializer {
        __ERC721_init(name_, symbol_);
        __Ownable_init(initialOwner);
        _getPlainStorage().nextTokenId = 1;
    }

    /*//////////////////////////////////////////////////////////////
                               EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Mints `quantity` tokens with sequential ids to `to`, one `_mint` per token.
    function mint(address to, uint256 quantity) public virtual {
        PlainStorage storage $ = _getPlainStorage();
        for (uint256 i = 0; i < quantity; ++i) {
            _mint(to, $.nextTokenId++);
        }
    }

    /// @notice The id the next minted token will get.
    function nextTokenId() public view virtual returns (uint256) {
        return _getPlainStorage().nextTokenId;
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Requirements: the caller is the owner.
    function _authorizeUpgrade(address) internal virtual override onlyOwner {}

    /*//////////////////////////////////////////////////////////////
                                PRIVATE
    //////////////////////////////////////////////////////////////*/

    function _getPlainStorage() private pure returns (PlainStorage storage $) {
        assembly {
            $.slot := _PLAIN_STORAGE_LOCATION
        }
    }
}
