// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721AStorage} from "erc721a-upgradeable/contracts/ERC721AStorage.sol";
import {ERC721A__InitializableStorage} from "erc721a-upgradeable/contracts/ERC721A__InitializableStorage.sol";

/// @title ERC721AFields
/// @notice The one place the logic libraries read (and, at initialisation, write) ERC721A's storage. ERC721A (`erc721a-upgradeable`
/// 4.3) keeps its counters and per-owner data in its own namespace (`ERC721AStorage`) and exposes
/// them to the contract only through internal functions, which an external library running in the
/// collection's context cannot call; these read the same fields, the same way. The bit offsets are
/// ERC721A's private constants, written here once; test/erc721a-fields.test.ts checks every reader
/// against ERC721A's own getters on the collection.
library ERC721AFields {
    /// @dev `_packedAddressData[owner]`, from ERC721A's `_BITPOS_*` and `_BITMASK_ADDRESS_DATA_ENTRY`:
    /// balance (64) | numberMinted (64) | numberBurned (64) | aux (64), from bit 0 up.
    uint256 internal constant BITPOS_NUMBER_MINTED = 64;
    uint256 internal constant BITPOS_AUX = 192;
    uint256 internal constant BITMASK_ADDRESS_DATA_ENTRY = (1 << 64) - 1;

    /// @dev The collection's first token id ({LivingAssetBase-_startTokenId}; no spot mints).
    uint256 internal constant START_TOKEN_ID = 1;

    /// @notice ERC721A's initial state, as its `__ERC721A_init_unchained` writes it (token ids from
    /// {START_TOKEN_ID}), and ERC721A's own initializer flag, so that nothing guarded by its
    /// `initializerERC721A` (an upgrade re-running `__ERC721A_init` would reset the token counter)
    /// can run again.
    function initialize(string calldata name_, string calldata symbol_) internal {
        ERC721AStorage.Layout storage erc721 = ERC721AStorage.layout();
        erc721._name = name_;
        erc721._symbol = symbol_;
        erc721._currentIndex = START_TOKEN_ID;
        ERC721A__InitializableStorage.layout()._initialized = true;
    }

    /// @notice ERC721A's `_nextTokenId()`: the id the next mint gets.
    function nextTokenId() internal view returns (uint256) {
        return ERC721AStorage.layout()._currentIndex;
    }

    /// @notice ERC721A's `_totalMinted()`: tokens minted so far, burned ones included.
    function totalMinted() internal view returns (uint256) {
        return ERC721AStorage.layout()._currentIndex - START_TOKEN_ID;
    }

    /// @notice ERC721A's `totalSupply()`: tokens minted and not burned.
    function totalSupply() internal view returns (uint256) {
        ERC721AStorage.Layout storage erc721 = ERC721AStorage.layout();
        return erc721._currentIndex - erc721._burnCounter - START_TOKEN_ID;
    }

    /// @notice ERC721A's `_numberMinted(owner)`: tokens minted to `owner`.
    function numberMinted(address owner) internal view returns (uint256) {
        return (ERC721AStorage.layout()._packedAddressData[owner] >> BITPOS_NUMBER_MINTED) & BITMASK_ADDRESS_DATA_ENTRY;
    }

    /// @notice ERC721A's `_getAux(owner)`: the collection keeps `owner`'s allowlist mints there.
    function aux(address owner) internal view returns (uint256) {
        return ERC721AStorage.layout()._packedAddressData[owner] >> BITPOS_AUX;
    }

    /// @notice ERC721A's `name()`.
    function name() internal view returns (string storage) {
        return ERC721AStorage.layout()._name;
    }
}
