// Chain helpers for tests on Chainlink's real VRF coordinator: the fixture and fulfilment the gas
// benchmark shares live in scripts/lib/gas/real-vrf.ts; the tests take them from here.
export * from "../../scripts/lib/gas/real-vrf";
