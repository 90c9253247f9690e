// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice A coordinator that cannot say whether a subscription exists: its `getSubscription`
/// reverts with an error other than Chainlink's `InvalidSubscription()` (as an outage, a pause or an
/// unknown coordinator version might). A collection must never take a call from it for its own
/// subscription's migration. Test only.
contract UnavailableCoordinator {
    error SubscriptionsUnavailable();

    function getSubscription(uint256) external pure {
        revert SubscriptionsUnavailable();
    }
}
