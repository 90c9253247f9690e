/**
 * Compiled artifacts read from disk, for scripts and tests that run without Hardhat's runtime
 * (the app's build, the command-line tests).
 */
import fs from "node:fs";
import path from "node:path";

const ARTIFACTS = path.join(__dirname, "..", "..", "artifacts");

/** The artifact `<name>.json` anywhere under artifacts/ (the first found), with its ABI and bytecode. */
export function readArtifact(name: string): { abi: unknown[]; bytecode: string } {
  const find = (dir: string): string | undefined => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        const hit = find(p);
        if (hit) return hit;
      } else if (e.name === `${name}.json`) return p;
    }
    return undefined;
  };
  const file = fs.existsSync(ARTIFACTS) ? find(ARTIFACTS) : undefined;
  if (!file) throw new Error(`no artifact for ${name}: run \`npx hardhat compile\` first`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}
