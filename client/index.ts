/**
 * The Vivarium client library: everything that reads or drives a collection and needs neither
 * Node nor Hardhat, so that the tasks, the demo, the gallery, the holder's app and the indexer
 * share it. Bundled for a browser by `npm run client:bundle` (out/client/vivarium-client.js).
 *
 * - units: figures as a person reads them (USD with the feed's decimals, ETH, percent, epochs,
 *   durations, dates);
 * - errors: a reverted call's custom error decoded and explained in one line;
 * - metadata: `tokenURI` and `contractURI` decoded into JSON and SVG, attributes with units;
 * - traits: what a stage, a temperament and a mood mean;
 * - cohorts: the open reveal cohort, each closed cohort's state, why `reveal()` would refuse;
 * - history: a token's life replayed from events, its phenotype and art at any past epoch;
 * - data, rpc-source: the app's lists and life stories, read over JSON-RPC (the indexer serves
 *   the same shapes).
 */
export * from "./units";
export * from "./errors";
export * from "./metadata";
export * from "./traits";
export * from "./cohorts";
export * from "./history";
export * from "./data";
export * from "./rpc-source";
