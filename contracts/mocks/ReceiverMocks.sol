// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @notice Test receivers for safe transfers: accepts, returns a wrong value, or reverts.
contract ERC721ReceiverMock is IERC721Receiver {
    enum Behaviour {
        Accept,
        WrongValue,
        RevertWithMessage
    }

    error ReceiverRejected();
    event Received(address operator, address from, uint256 tokenId, bytes data);

    Behaviour private immutable _behaviour;

    constructor(Behaviour behaviour) {
        _behaviour = behaviour;
    }

    function onERC721Received(
        address operator,
        address from,
        uint256 tokenId,
        bytes calldata data
    ) external returns (bytes4) {
        if (_behaviour == Behaviour.RevertWithMessage) revert ReceiverRejected();
        if (_behaviour == Behaviour.WrongValue) return 0xdeadbeef;
        emit Received(operator, from, tokenId, data);
        return IERC721Receiver.onERC721Received.selector;
    }
}

/// @notice A contract with no receiver hook.
contract NonReceiverMock {}
