// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC721AUpgradeable} from "erc721a-upgradeable/contracts/ERC721AUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IVRFCoordinatorV2Plus} from "@chainlink/contracts/src/v0.8/vrf/dev/interfaces/IVRFCoordinatorV2Plus.sol";
import {VRFV2PlusClient} from "@chainlink/contracts/src/v0.8/vrf/dev/libraries/VRFV2PlusClient.sol";

/**
 * @title PerTokenVrfMint
 * @notice BENCHMARK BASELINE, NOT PRODUCT CODE. The naive randomised mint: ONE Chainlink VRF v2.5
 * request PER TOKEN. It shows what per-token randomness costs at mint against one request per batch.
 * @dev Built on ERC721A-upgradeable (the same token base as the ERC721A baseline), so the difference
 * between the two measures the VRF requests alone, not the token bookkeeping.
 *
 * Who may call what: anyone may `mint` (no payment, no limit); only the VRF coordinator may call
 * `rawFulfillRandomWords`; only the owner may upgrade.
 */
contract PerTokenVrfMint is Initializable, ERC721AUpgradeable, OwnableUpgradeable, UUPSUpgradeable {
    /*//////////////////////////////////////////////////////////////
                             ERRORS, EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `caller` tried to fulfil randomness but only `coordinator` may.
    error PerTokenVrfOnlyCoordinator(address caller, address coordinator);

    /// @notice A VRF request `requestId` was made for the seed of `tokenId`.
    event SeedRequested(uint256 indexed requestId, uint256 indexed tokenId);

    /// @notice `tokenId` received its `seed` from request `requestId`.
    event SeedFulfilled(uint256 indexed requestId, uint256 indexed tokenId, uint256 seed);

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @custom:storage-location erc7201:vivarium.baselines.storage.PerTokenVrf
    struct PerTokenVrfStorage {
        IVRFCoordinatorV2Plus coordinator;
        bytes32 keyHash;
        uint256 subId;
        mapping(uint256 requestId => uint256 tokenId) tokenOfRequest;
        mapping(uint256 tokenId => uint256 seed) seedOf;
    }

    // keccak256(abi.encode(uint256(keccak256("vivarium.baselines.storage.PerTokenVrf")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _PER_TOKEN_VRF_STORAGE_LOCATION =
        0x2cacc132c16cd7cfdb7652b9410eca5a3b0ef2fc4b5b0dfaa327badb55fe2a00;

    /// @dev Confirmations asked of the coordinator for each request.
    uint16 private constant _REQUEST_CONFIRMATIONS = 3;
    /// @dev Gas for one fulfilment: one seed write, one event.
    uint32 private constant _CALLBACK_GAS_LIMIT = 100_000;

    /*//////////////////////////////////////////////////////////////
                              INITIALISER
    //////////////////////////////////////////////////////////////*/

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy: token metadata, owner and the VRF subscription it draws on.
    function initialize(
        string calldata name_,
        string calldata symbol_,
        address initialOwner,
        address coordinator_,
        bytes32 keyHash_,
        uint256 subId_
    ) public virtual initializerERC721A initializer {
        __ERC721A_init(name_, symbol_);
        __Ownable_init(initialOwner);
        PerTokenVrfStorage storage $ = _getPerTokenVrfStorage();
        $.coordinator = IVRFCoordinatorV2Plus(coordinator_);
        $.keyHash = keyHash_;
        $.subId = subId_;
    }

    /*//////////////////////////////////////////////////////////////
                               EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /**
     * @notice Mints `quantity` tokens to `to` and requests one random word per token.
     * @dev Emits one `SeedRequested` per token.
     */
    function mint(address to, uint256 quantity) public virtual {
        PerTokenVrfStorage storage $ = _getPerTokenVrfStorage();
        uint256 firstTokenId = _nextTokenId();
        _mint(to, quantity);
        bytes memory extraArgs = VRFV2PlusClient._argsToBytes(VRFV2PlusClient.ExtraArgsV1({nativePayment: false}));
        for (uint256 i = 0; i < quantity; ++i) {
            uint256 requestId = $.coordinator.requestRandomWords(
                VRFV2PlusClient.RandomWordsRequest({
                    keyHash: $.keyHash,
                    subId: $.subId,
                    requestConfirmations: _REQUEST_CONFIRMATIONS,
                    callbackGasLimit: _CALLBACK_GAS_LIMIT,
                    numWords: 1,
                    extraArgs: extraArgs
                })
            );
            $.tokenOfRequest[requestId] = firstTokenId + i;
            emit SeedRequested(requestId, firstTokenId + i);
        }
    }

    /**
     * @notice Called by the VRF coordinator with the random words of `requestId`.
     * @dev Never reverts for the coordinator: an unknown request or an empty word list is ignored.
     * Emits `SeedFulfilled`.
     */
    function rawFulfillRandomWords(uint256 requestId, uint256[] calldata randomWords) external virtual {
        PerTokenVrfStorage storage $ = _getPerTokenVrfStorage();
        if (msg.sender != address($.coordinator)) {
            revert PerTokenVrfOnlyCoordinator(msg.sender, address($.coordinator));
        }
        uint256 tokenId = $.tokenOfRequest[requestId];
        if (tokenId == 0 || randomWords.length == 0) return;
        $.seedOf[tokenId] = randomWords[0];
        emit SeedFulfilled(requestId, tokenId, randomWords[0]);
    }

    /// @notice The seed of `tokenId`, 0 until its request is fulfilled.
    function seedOf(uint256 tokenId) public view virtual returns (uint256) {
        return _getPerTokenVrfStorage().seedOf[tokenId];
    }

    /// @notice The token a VRF request was made for, 0 for an unknown request.
    function tokenOfRequest(uint256 requestId) public view virtual returns (uint256) {
        return _getPerTokenVrfStorage().tokenOfRequest[requestId];
    }

    /// @notice The VRF coordinator this collection draws on.
    function coordinator() public view virtual returns (address) {
        return address(_getPerTokenVrfStorage().coordinator);
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Token ids start at 1, so a token id of 0 means "no request".
    function _startTokenId() internal view virtual override returns (uint256) {
        return 1;
    }

    /// @dev Requirements: the caller is the owner.
    function _authorizeUpgrade(address) internal virtual override onlyOwner {}

    /*//////////////////////////////////////////////////////////////
                                PRIVATE
    //////////////////////////////////////////////////////////////*/

    function _getPerTokenVrfStorage() private pure returns (PerTokenVrfStorage storage $) {
        assembly {
            $.slot := _PER_TOKEN_VRF_STORAGE_LOCATION
        }
    }
}
