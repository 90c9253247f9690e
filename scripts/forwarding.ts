/**
 * Writes docs/forwarding.md: each external function of the collection and the file and function
 * where its body lives (a linked library's function for those that forward their calldata), read
 * from the compiler's ASTs by scripts/lib/forwarding.ts. Exits 1, after writing, if a forwarding
 * function and its library function disagree (test/forwarding.test.ts fails then too, and when the
 * file is out of date).
 *
 * Usage: `npm run docs:forwarding` (= `hardhat run scripts/forwarding.ts`; Hardhat compiles first).
 */
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";

import {
  FORWARDING_DOC,
  collectionBuildInfo,
  externalFunctions,
  forwardingDoc,
  forwardingProblems,
} from "./lib/forwarding";

async function main() {
  const functions = externalFunctions(await collectionBuildInfo(hre));
  const root = hre.config.paths.root;
  fs.writeFileSync(path.join(root, FORWARDING_DOC), await forwardingDoc(functions, root));
  const forwarded = functions.filter((f) => f.forwards.length > 0).length;
  console.log(`wrote ${FORWARDING_DOC}: ${functions.length} external functions, ${forwarded} forward to a library`);
  const problems = forwardingProblems(functions);
  if (problems.length > 0) {
    console.error(`forwarding mismatches:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
