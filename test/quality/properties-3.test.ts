// Shard 3 of the model-based property (test/quality/properties.ts): a file per shard, so
// `hardhat test --parallel` runs the shards on separate workers.
import { describeModelProperty } from "./properties";

describeModelProperty(3, 4);
