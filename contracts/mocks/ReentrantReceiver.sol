// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @notice The collection functions the attacker re-enters.
interface IReenteredCollection {
    function mint(uint256 quantity) external payable;
    function transferFrom(address from, address to, uint256 tokenId) external payable;
    function safeTransferFrom(address from, address to, uint256 tokenId) external payable;
    function nurture(uint256 tokenId) external;
    function metamorphose(uint256 tokenId) external;
}

/// @title ReentrantReceiver (test mock)
/// @notice A hostile ERC-721 receiver: inside `onERC721Received` it re-enters the collection with
/// `mint`, `transferFrom` (passing the token it is being sent on to `forwardTo`) and `nurture`,
/// records whether each attempt succeeded and its revert data, and still accepts the token.
contract ReentrantReceiver is IERC721Receiver {
    /// @notice One re-entry attempt.
    struct Attempt {
        bytes4 selector;
        bool ok;
        bytes returnData;
    }

    /// @notice Emitted for every re-entry attempt.
    event Reentered(bytes4 indexed selector, bool ok, bytes returnData);

    IReenteredCollection public immutable collection;
    uint256 public immutable mintPrice;
    address public forwardTo;
    bool public reenterMint;
    bool public reenterTransfer;
    bool public reenterNurture;
    /// @notice How deep `onERC721Received` is nested (a forwarded safe transfer may call us again).
    uint256 public depth;
    Attempt[] private _attempts;

    constructor(IReenteredCollection collection_, uint256 mintPrice_) payable {
        collection = collection_;
        mintPrice = mintPrice_;
    }

    receive() external payable {}

    /// @notice Choose what the next `onERC721Received` re-enters.
    function configure(bool mint_, bool transfer_, bool nurture_, address forwardTo_) external {
        (reenterMint, reenterTransfer, reenterNurture, forwardTo) = (mint_, transfer_, nurture_, forwardTo_);
    }

    /// @notice Every attempt recorded so far.
    function attempts() external view returns (Attempt[] memory) {
        return _attempts;
    }

    /// @notice Mint as a normal buyer would (no callback: ERC721A's `_mint` has none).
    function buy(uint256 quantity) external {
        collection.mint{value: mintPrice * quantity}(quantity);
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256 tokenId, bytes calldata) external returns (bytes4) {
        if (msg.sender != address(collection) || depth > 0) return IERC721Receiver.onERC721Received.selector;
        ++depth;
        if (reenterNurture) {
            _record(IReenteredCollection.nurture.selector, abi.encodeCall(IReenteredCollection.nurture, (tokenId)), 0);
        }
        if (reenterMint) {
            _record(IReenteredCollection.mint.selector, abi.encodeCall(IReenteredCollection.mint, (1)), mintPrice);
        }
        if (reenterTransfer) {
            _record(
                IReenteredCollection.transferFrom.selector,
                abi.encodeCall(IReenteredCollection.transferFrom, (address(this), forwardTo, tokenId)),
                0
            );
            // Second try on the same token: it is no longer ours, so this must fail.
            _record(
                IReenteredCollection.transferFrom.selector,
                abi.encodeCall(IReenteredCollection.transferFrom, (address(this), forwardTo, tokenId)),
                0
            );
        }
        --depth;
        return IERC721Receiver.onERC721Received.selector;
    }

    function _record(bytes4 selector, bytes memory data, uint256 value) private {
        (bool ok, bytes memory ret) = address(collection).call{value: value}(data);
        _attempts.push(Attempt({selector: selector, ok: ok, returnData: ret}));
        emit Reentered(selector, ok, ret);
    }
}
