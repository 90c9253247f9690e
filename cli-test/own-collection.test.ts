// The README's "Your own collection" walk, run as written: its fenced commands between the walk
// markers, in order, through spawned `npx hardhat` processes (terminal 1's node started in the
// background). The settings it exports must reach the deployed collection: name, symbol, supply,
// price and royalty, read back from the chain, and in what status and royalty print.
import fs from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { expect } from "chai";
import { ethers } from "ethers";
import { expectOneLineFailure, hardhat, ROOT, STACK_FRAME, startNode, stopNode, type Run } from "./helpers";
import { rawUnits } from "../test/helpers/raw-units";

/** The shell lines of the README's walk (comments and blank lines dropped). */
function walkLines(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("<!-- walk:start");
  const end = readme.indexOf("<!-- walk:end");
  expect(start, "README walk markers").to.be.greaterThan(0);
  expect(end).to.be.greaterThan(start);
  const blocks = [...readme.slice(start, end).matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((b) => b.split("\n"))
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** Shell words of one line: double quotes group, an unquoted `#` starts a comment. */
function words(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted;
      word ??= "";
    } else if (!quoted && ch === "#" && word === undefined) break;
    else if (!quoted && /\s/.test(ch)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? "") + ch;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** Leading `NAME=value` words: the variables and the rest of the command. */
function assignments(ws: string[]): { vars: Record<string, string>; rest: string[] } {
  const vars: Record<string, string> = {};
  let i = 0;
  for (; i < ws.length && /^[A-Z_][A-Z0-9_]*=/.test(ws[i]); i++) {
    const eq = ws[i].indexOf("=");
    vars[ws[i].slice(0, eq)] = ws[i].slice(eq + 1);
  }
  return { vars, rest: ws.slice(i) };
}

describe("the README's own-collection walk, as written: settings to a rehearsed Sepolia deploy", function () {
  this.timeout(900_000);
  let node: ChildProcess | undefined;
  const env: Record<string, string> = {};
  const runs: { line: string; run: Run; sent: number }[] = [];
  /** Transactions the deployer has sent on the rehearsal node (0 before it is up). */
  const deployerNonce = async (): Promise<number> => {
    if (!node || !env.SEPOLIA_RPC_URL || !env.DEPLOYER_PRIVATE_KEY) return 0;
    const provider = new ethers.JsonRpcProvider(env.SEPOLIA_RPC_URL, 11155111, { staticNetwork: true });
    const nonce = await provider.getTransactionCount(new ethers.Wallet(env.DEPLOYER_PRIVATE_KEY).address, "latest");
    provider.destroy();
    return nonce;
  };
  let deploymentsDir = "";

  after(async () => {
    await stopNode(node);
    if (deploymentsDir) fs.rmSync(path.resolve(ROOT, deploymentsDir), { recursive: true, force: true });
  });

  it("runs every command of the walk, each exiting 0 without a stack trace", async () => {
    const lines = walkLines();
    expect(lines.length, "walk lines").to.be.greaterThan(8);
    for (const line of lines) {
      const ws = words(line);
      if (ws[0] === "export") {
        const { vars } = assignments(ws.slice(1));
        for (const [k, v] of Object.entries(vars)) {
          if (/^<.*>$/.test(v)) {
            // A value the previous command printed (rehearse prints the export line to paste).
            const printed = new RegExp(`${k}=(\\S+)`).exec(runs.at(-1)?.run.stdout ?? "");
            expect(printed, `the previous command printed ${k}=...`).to.not.equal(null);
            env[k] = printed![1];
          } else env[k] = v;
        }
        continue;
      }
      const { vars, rest } = assignments(ws);
      expect(rest.slice(0, 2), line).to.deep.equal(["npx", "hardhat"]);
      const args = rest.slice(2);
      if (args[0] === "node") {
        const port = Number(args[args.indexOf("--port") + 1]);
        node = await startNode(port, { ...vars });
        continue;
      }
      if (env.DEPLOYMENTS_DIR && !deploymentsDir) {
        deploymentsDir = env.DEPLOYMENTS_DIR;
        fs.rmSync(path.resolve(ROOT, deploymentsDir), { recursive: true, force: true });
      }
      const before = await deployerNonce();
      const run = hardhat(args, { ...env, ...vars });
      runs.push({ line, run, sent: (await deployerNonce()) - before });
      expect(run.status, `${line}\n${run.out}`).to.equal(0);
      expect(run.out, `${line}: stack trace`).not.to.match(STACK_FRAME);
    }
    expect(node, "the walk starts a node").to.not.equal(undefined);
  });

  it("the dry run shows the collection as set and sends nothing; the deploy then sends", () => {
    const dry = runs.find((r) => r.line.includes("--dry-run"))!;
    expect(dry.run.stdout).to.match(
      /collection\s+Tide Pool Spirits \(TIDE\), price 0\.05 ETH, supply 500, .* royalty 7\.5% \(cap 10%\)/,
    );
    expect(dry.run.stdout).to.match(/Dry run: nothing sent/);
    expect(dry.sent, "transactions the dry run sent").to.equal(0);
    const deploy = runs.find((r) => /deploy --network sepolia$/.test(r.line))!;
    expect(deploy.run.out).to.match(/LivingAsset proxy 0x[0-9a-fA-F]{40}/);
    expect(deploy.sent, "transactions the deploy sent").to.be.greaterThan(5);
  });

  it("the deployed collection on the rehearsal chain has the walk's name, symbol, supply, price, royalty and provenance", async () => {
    const saved = JSON.parse(
      fs.readFileSync(path.resolve(ROOT, deploymentsDir, "sepolia", "LivingAsset.json"), "utf8"),
    ) as { address: string; abi: ethers.InterfaceAbi };
    const provider = new ethers.JsonRpcProvider(env.SEPOLIA_RPC_URL, 11155111, { staticNetwork: true });
    const collection = new ethers.Contract(saved.address, saved.abi, provider);
    expect(await collection.name()).to.equal("Tide Pool Spirits");
    expect(await collection.symbol()).to.equal("TIDE");
    const sale = await collection.saleConfig();
    expect(sale.price).to.equal(ethers.parseEther("0.05"));
    expect(sale.maxSupply).to.equal(500n);
    expect(sale.open).to.equal(true);
    expect(await collection.totalSupply()).to.equal(2n);
    const [, fee] = await collection.royaltyInfo(1, 10_000);
    expect(fee).to.equal(750n);
    const contract = JSON.parse(decodeURIComponent((await collection.contractURI()).split(",").slice(1).join(",")));
    expect(contract.provenance.generator).to.equal("hand and script");
    expect(contract.provenance.license).to.equal("https://creativecommons.org/licenses/by/4.0/");
    provider.destroy();
  });

  it("status and royalty print the settings with their units, and no command of the walk prints a raw unit", () => {
    const out = (cmd: string) => runs.find((r) => r.line.includes(cmd))!.run.stdout;
    expect(out("hardhat status")).to.match(/Tide Pool Spirits \(TIDE\)/);
    expect(out("hardhat status")).to.match(/supply\s+2 \/ 500/);
    expect(out("hardhat status")).to.match(/price 0\.05 ETH/);
    expect(out("hardhat royalty")).to.match(/7\.5% \(cap 10%\)/);
    const found = runs.flatMap(({ line, run }) => rawUnits(run.stdout).map((f) => `${line}: ${f}`));
    expect(found).to.deep.equal([]);
  });

  it("a rehearsal refuses the real deployments folder, and a bad setting stops the deploy in one line", () => {
    const { DEPLOYMENTS_DIR: _dir, ...withoutDir } = env;
    expectOneLineFailure(
      hardhat(["rehearse", "--network", "sepolia"], withoutDir),
      /set DEPLOYMENTS_DIR \(e\.g\. out\/rehearsal\/deployments\) first/,
    );
    expectOneLineFailure(
      hardhat(["deploy", "--network", "sepolia", "--dry-run"], {
        ...env,
        MINT_PRICE: "50000000000000000",
        MAX_SUPPLY: "ten",
      }),
      /MINT_PRICE must be an amount of ETH such as 0\.01/,
      /MAX_SUPPLY must be a whole number of tokens/,
    );
    expectOneLineFailure(
      hardhat(["deploy", "--network", "sepolia", "--dry-run"], { ...env, MINT_PRICE_WEI: "50000000000000000" }),
      /MINT_PRICE_WEI was renamed MINT_PRICE, in ETH/,
    );
  });
});
