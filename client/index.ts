/**
 * The Vivarium client library: everything that reads or drives a collection and needs neither
 * Node nor Hardhat, so that the tasks, the demo, the gallery, a web page and an indexer share it.
 * Bundled for a browser by `npm run client:bundle` (out/client/vivarium-client.js).
 *
 * - units: figures as a person reads them (USD with the feed's decimals, ETH, percent, epochs,
 *   durations, dates);
 * - errors: a reverted call's custom error decoded and explained in one line;
 * - metadata: `tokenURI` and `contractURI` decoded into JSON and SVG, attributes with units;
 * - traits: what a temperament and a mood mean.
 */
export * from "./units";
export * from "./errors";
export * from "./metadata";
export * from "./traits";
