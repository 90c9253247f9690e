// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {LivingAssetV2} from "./LivingAssetV2.sol";
import {ERC721AFields} from "../storage/ERC721AFields.sol";

/// @title ERC721AFieldsProbe (test mock)
/// @notice The collection (with V2's holder burns, so that the burn counter moves) plus two views: ERC721A's
/// own getters and {ERC721AFields}' readers of the same fields, side by side. A test upgrades a
/// real collection to it and compares them after mints, allowlist mints, transfers and burns.
/// @custom:oz-upgrades-unsafe-allow external-library-linking
contract ERC721AFieldsProbe is LivingAssetV2 {
    struct Fields {
        uint256 nextTokenId;
        uint256 totalMinted;
        uint256 totalSupply;
        uint256 numberMinted;
        uint256 aux;
        string name;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() LivingAssetV2() {}

    /// @notice The fields as ERC721A's own functions return them.
    function erc721aGetters(address owner) external view returns (Fields memory) {
        return Fields(_nextTokenId(), _totalMinted(), totalSupply(), _numberMinted(owner), _getAux(owner), name());
    }

    /// @notice The fields as the logic libraries read them.
    function accessorReads(address owner) external view returns (Fields memory) {
        return
            Fields(
                ERC721AFields.nextTokenId(),
                ERC721AFields.totalMinted(),
                ERC721AFields.totalSupply(),
                ERC721AFields.numberMinted(owner),
                ERC721AFields.aux(owner),
                ERC721AFields.name()
            );
    }
}
