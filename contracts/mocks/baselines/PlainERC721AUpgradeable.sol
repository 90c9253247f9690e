// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC721AUpgradeable} from "erc721a-upgradeable/contracts/ERC721AUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/**
 * @title PlainERC721AUpgradeable
 * @notice BENCHMARK BASELINE, NOT PRODUCT CODE. A bare ERC721A (Azuki) upgradeable collection behind a
 * UUPS proxy: a batch mint writes one packed ownership slot for the whole batch. The gas benchmark
 * compares Vivarium's collections against it.
 * @dev Who may call what: anyone may `mint` (no payment, no limit); only the owner may upgrade.
 *
 * ERC721A keeps its own initialised flag (`ERC721A__Initializable`, diamond storage), separate from
 * OpenZeppelin's, so `initialize` carries both `initializerERC721A` and `initializer`. The
 * implementation cannot be initialised: `_disableInitializers()` makes its OZ `initializer` revert,
 * and with it the whole `initialize`.
 */
contract PlainERC721AUpgradeable is Initializable, ERC721AUpgradeable, OwnableUpgradeable, UUPSUpgradeable {
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
    ) public virtual initializerERC721A initializer {
        __ERC721A_init(name_, symbol_);
        __Ownable_init(initialOwner);
    }

    /*//////////////////////////////////////////////////////////////
                               EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Mints `quantity` tokens with sequential ids to `to` in one ERC721A batch.
    function mint(address to, uint256 quantity) public virtual {
        _mint(to, quantity);
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Token ids start at 1, like the plain OpenZeppelin baseline.
    function _startTokenId() internal view virtual override returns (uint256) {
        return 1;
    }

    /// @dev Requirements: the caller is the owner.
    function _authorizeUpgrade(address) internal virtual override onlyOwner {}
}
