// Every mistake a user can make on the command line, driven through real `npx hardhat` processes:
// each must end in one or two lines that name the cause and what to do, with no stack trace and a
// non-zero exit. A live deploy is rehearsed on a `hardhat node` that answers as Sepolia (chain id
// 11155111), first with its pre-flight failing, then with Chainlink's mocks planted at Sepolia's
// configured addresses: the dry run prints the plan and sends nothing, the deploy then succeeds.
//
// Run: `npm run test:cli` (outside `npm test`: these spawn Hardhat, which must not compile while
// solidity-coverage has instrumented artifacts in place).
import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "ethers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import chainlink from "../config/chainlink-networks.json";
import { readArtifact } from "../scripts/lib/artifacts";
import { cleanEnv, expectOneLineFailure, hardhat, HARDHAT, ROOT, STACK_FRAME, startNode, stopNode } from "./helpers";

// Hardhat's first well-known development account: publicly known, never funded on a real chain.
const DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DEV_PORT = 8545; // the `localhost` network in hardhat.config.ts
const LIVE_PORT = 8611;
const SEPOLIA = chainlink["11155111"];

/** OpenZeppelin's ERC1967Proxy, as the upgrades plugin ships it. */
const ERC1967_PROXY = JSON.parse(
  fs.readFileSync(
    require.resolve("@openzeppelin/upgrades-core/artifacts/@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol/ERC1967Proxy.json"),
    "utf8",
  ),
) as { abi: ethers.InterfaceAbi; bytecode: string };

/** `initialize`'s parameters, all zero: enough to reach the admin delay check. */
const ZERO_INIT_PARAMS = {
  name: "",
  symbol: "",
  description: "",
  admin: ethers.ZeroAddress,
  adminDelay: 0,
  treasury: ethers.ZeroAddress,
  maxSupply: 0,
  price: 0,
  maxPerWallet: 0,
  maxPerMint: 0,
  royaltyReceiver: ethers.ZeroAddress,
  royaltyBps: 0,
  maxRoyaltyBps: 0,
  renderer: ethers.ZeroAddress,
  vrf: {
    coordinator: ethers.ZeroAddress,
    keyHash: ethers.ZeroHash,
    subscriptionId: 0,
    requestConfirmations: 0,
    callbackGasLimit: 0,
    nativePayment: false,
    rerequestTimeout: 0,
  },
  minRevealDelay: 0,
  instantReveal: false,
  world: ethers.ZeroAddress,
};

function artifact(name: string): { abi: ethers.InterfaceAbi; bytecode: string } {
  return readArtifact(name) as { abi: ethers.InterfaceAbi; bytecode: string };
}

describe("command-line mistakes: one line, the cause named, no stack trace", function () {
  this.timeout(600_000);

  before(() => {
    const r = spawnSync(HARDHAT, ["compile", "--quiet"], { cwd: ROOT, env: cleanEnv(), encoding: "utf8" });
    expect(r.status, r.stderr).to.equal(0);
  });

  describe("without any chain", () => {
    it("a task on the in-process network says its state lasts one command and shows the node way", () => {
      const line = expectOneLineFailure(
        hardhat(["status"]),
        /in-process "hardhat" network/,
        /npx hardhat node/,
        /--network localhost/,
      );
      expect(line).to.match(/lasts one command/);
    });

    it("a negative or non-numeric quantity is refused before any chain is touched", () => {
      expectOneLineFailure(
        hardhat(["mint", "--quantity", "-1"]),
        /--quantity must be a whole number 1 or more; got -1/,
      );
      expectOneLineFailure(
        hardhat(["mint", "--quantity", "abc"]),
        /--quantity must be a whole number 1 or more; got no number/,
      );
      expectOneLineFailure(
        hardhat(["mint", "--quantity", "2.5"]),
        /--quantity must be a whole number 1 or more; got 2\.5, a fraction/,
      );
    });

    it("pack: no folder, a missing folder and an unknown subcommand are one line each", () => {
      expectOneLineFailure(hardhat(["pack", "upload"]), /upload needs --dir <the pack's folder>/);
      expectOneLineFailure(hardhat(["pack", "check", "--dir", "nowhere"]), /--dir nowhere: no such folder/);
      expectOneLineFailure(
        hardhat(["pack", "publish", "--dir", "packs/tide-pool"]),
        /unknown subcommand "publish" \(check \| upload \| status \| lock \| verify\)/,
      );
    });

    it("a mistyped option or task is one line with where to look, not a stack trace", () => {
      for (const [args, cause] of [
        [["mint", "--quantty", "3"], /Error HH305: Unrecognized param --quantty; did you mean --quantity\?/],
        [["mnt"], /Error HH303: Unrecognized task 'mnt'; did you mean mint\?/],
        [
          ["mint", "--quantity", "1", "--netwrok", "localhost"],
          /Unrecognized param --netwrok; did you mean --network\?/,
        ],
      ] as const) {
        const r = hardhat([...args]);
        expect(r.status, r.out).to.equal(1);
        expect(r.out).not.to.match(STACK_FRAME);
        expect(r.stderr.trim().split("\n")).to.have.length(1);
        expect(r.stderr)
          .to.match(cause)
          .and.to.match(/npx hardhat help/);
      }
    });

    it("an unknown network is one line that names the closest and lists them, not a stack trace", () => {
      expectOneLineFailure(
        hardhat(["status", "--network", "sepolai"]),
        /^Error: there is no network "sepolai"; did you mean sepolia\? Networks: hardhat, localhost, mainnet, sepolia/m,
      );
    });

    it("the World's tasks on the in-process network say where a chain that lasts is", () => {
      expectOneLineFailure(
        hardhat(["sync-world"]),
        /no LivingAsset on the in-process "hardhat" network/,
        /npx hardhat node/,
      );
      expectOneLineFailure(
        hardhat(["new-collection", "--symbol", "MINI"]),
        /no LivingAsset on the in-process "hardhat" network/,
        /--network localhost/,
      );
    });

    it("localhost without a node says to start one", () => {
      expectOneLineFailure(
        hardhat(["status", "--network", "localhost"]),
        /no node answers at http:\/\/127\.0\.0\.1:8545/,
        /npx hardhat node/,
      );
    });

    it("a live network without its RPC URL names the variable", () => {
      expectOneLineFailure(hardhat(["deploy", "--network", "sepolia"]), /SEPOLIA_RPC_URL is not set/, /\.env/);
      expectOneLineFailure(hardhat(["status", "--network", "baseSepolia"]), /BASE_SEPOLIA_RPC_URL is not set/);
    });

    it("allowlist build prints the Merkle root and every address's proof, and writes the proofs file", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vivarium-allowlist-"));
      try {
        const rows: [string, number][] = [
          ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 3],
          ["0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", 1],
          ["0x90F79bf6EB2c4f870365E785982E1f101E93b906", 2],
        ];
        const csv = path.join(dir, "list.csv");
        // A header, a comment, a blank line and a lower-case address are all accepted.
        fs.writeFileSync(
          csv,
          `address,allowance\n# the first holders\n${rows[0][0]},${rows[0][1]}\n\n${rows[1][0]},${rows[1][1]}\n${rows[2][0].toLowerCase()},${rows[2][1]}\n`,
        );
        const out = path.join(dir, "proofs.json");
        // Built offline for a collection on a chain (no deployment needed): leaves bound to both.
        const collection = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        const r = hardhat([
          "allowlist",
          "build",
          "--csv",
          csv,
          "--out",
          out,
          "--collection",
          collection,
          "--chain-id",
          "11155111",
        ]);
        expect(r.status, r.out).to.equal(0);
        const leaf = (a: string, n: number) => [collection, 11155111n, a, BigInt(n)];
        const encoding = ["address", "uint256", "address", "uint256"];
        const tree = StandardMerkleTree.of(
          rows.map(([a, n]) => leaf(a, n)),
          encoding,
        );
        expect(r.stdout).to.include(`for collection ${collection} on chain 11155111`);
        expect(r.stdout).to.include(`root ${tree.root}`);
        // The hint runs as printed: the CSV, the collection, and the network of the list's chain.
        expect(r.stdout).to.include(
          `Next: \`npx hardhat allowlist set --csv ${csv} --open --collection ${collection} --network sepolia\``,
        );
        rows.forEach(([address, allowance], i) =>
          expect(r.stdout).to.include(`${address}  allowance ${allowance}  proof [${tree.getProof(i).join(", ")}]`),
        );
        const written = JSON.parse(fs.readFileSync(out, "utf8"));
        expect(written.root).to.equal(tree.root);
        expect([written.collection, written.chainId]).to.deep.equal([collection, "11155111"]);
        expect(written.entries.map((e: { address: string }) => e.address)).to.deep.equal(rows.map(([a]) => a));
        for (const e of written.entries)
          expect(StandardMerkleTree.verify(tree.root, encoding, leaf(e.address, e.allowance), e.proof)).to.equal(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("allowlist build refuses a bad CSV line in one line that names it", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vivarium-allowlist-"));
      try {
        const csv = path.join(dir, "bad.csv");
        const alice = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        fs.writeFileSync(csv, `address,allowance\n${alice},2\n0x1234,1\n`);
        const offline = ["--collection", "0x5FbDB2315678afecb367f032d93F642f64180aa3", "--chain-id", "31337"];
        expectOneLineFailure(
          hardhat(["allowlist", "build", "--csv", csv, ...offline]),
          /bad\.csv line 3: "0x1234" is not an address \(0x \+ 40 hex digits\)/,
        );
        fs.writeFileSync(csv, `${alice},2\n0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,1\n${alice.toLowerCase()},1\n`);
        expectOneLineFailure(
          hardhat(["allowlist", "build", "--csv", csv, ...offline]),
          new RegExp(`bad\\.csv line 3: ${alice} is already on line 1: give each address one line`),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("a live network without a key, or with a malformed one, names DEPLOYER_PRIVATE_KEY", () => {
      const url = { SEPOLIA_RPC_URL: `http://127.0.0.1:${LIVE_PORT}` };
      expectOneLineFailure(hardhat(["deploy", "--network", "sepolia"], url), /DEPLOYER_PRIVATE_KEY is not set/);
      expectOneLineFailure(
        hardhat(["deploy", "--network", "sepolia"], { ...url, DEPLOYER_PRIVATE_KEY: "0x1234" }),
        /DEPLOYER_PRIVATE_KEY must be 0x followed by 64 hex digits/,
      );
    });
  });

  describe("against a development node (npx hardhat node, deployed on start)", () => {
    let node: ChildProcess | undefined;
    const local = (...args: string[]) => hardhat([...args, "--network", "localhost"]);

    before(async () => {
      fs.rmSync(path.join(ROOT, "deployments", "localhost"), { recursive: true, force: true });
      node = await startNode(DEV_PORT, {});
      const deployed = local("deploy");
      expect(deployed.status, deployed.out).to.equal(0);
      expect(deployed.out).not.to.match(/Potentially unsafe|external-library-linking/);
      const r = local("mint", "--quantity", "2");
      expect(r.status, r.out).to.equal(0);
    });
    after(async () => stopNode(node));

    it("status before the first epoch says so (no 1970 date, no price 0.00)", () => {
      const r = local("status");
      expect(r.status, r.out).to.equal(0);
      expect(r.stdout).not.to.match(/1970-01-01|price 0\.00/);
      expect(r.stdout).to.match(/no epoch yet: the first `advance-epoch` can run now/);
    });

    it("cohort close says when the open cohort can close, then closes it, then says there is nothing to reveal", () => {
      // The node was deployed and 2 tokens minted a moment ago: the open cohort is 15 minutes from closing.
      const early = expectOneLineFailure(
        local("cohort", "close"),
        /too early: the open cohort \(2 token\(s\), #1\.\.#2\) can be closed from \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (\d+[dhms] ?)+\)/,
      );
      expect(early).to.match(/15m after it opened; wait, or add --time-travel/);
      const closed = local("cohort", "close", "--time-travel");
      expect(closed.status, closed.out).to.equal(0);
      expect(closed.stdout).to.match(
        /Closed cohort 0 \(2 token\(s\) #1\.\.#2\): VRF request \d+ sent to 0x[0-9a-fA-F]{40}/,
      );
      const empty = expectOneLineFailure(local("cohort", "close"), /nothing to reveal/);
      expect(empty).to.match(/no token was minted since cohort 0 closed .*; mint first$/);
    });

    it("mint --allowlist refuses a signer that is not on the list, and vrf config a coordinator change", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vivarium-allowlist-"));
      try {
        const csv = path.join(dir, "list.csv");
        fs.writeFileSync(
          csv,
          "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,2\n0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,1\n",
        );
        expectOneLineFailure(
          local("mint", "--allowlist", csv, "--from", "3"),
          /0x90F79bf6EB2c4f870365E785982E1f101E93b906 \(--from 3\) is not on the allowlist .*list\.csv \(2 address\(es\)\)/,
          /in the public sale/,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const line = expectOneLineFailure(
        local("vrf", "config", "--coordinator", "0x000000000000000000000000000000000000dEaD", "--confirmations", "5"),
        /vrf config cannot change the coordinator/,
        /npx hardhat vrf coordinator --address 0x000000000000000000000000000000000000dEaD/,
      );
      expect(line).to.match(/after the admin delay/);
    });

    it("a contract error names the error, shows times as ISO dates with a countdown, and says what to do", () => {
      expect(local("advance-epoch", "--time-travel").status).to.equal(0);
      const line = expectOneLineFailure(local("advance-epoch"), /WorldTooEarly/);
      expect(line).to.match(/nextEpochAt \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (\d+[dhms] ?)+\)/);
      expect(line).to.match(/--time-travel/);
    });

    it("a missing role is named (CONFIG_ROLE), not shown as a hash", () => {
      const line = expectOneLineFailure(
        local(
          "royalty",
          "set",
          "--receiver",
          "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
          "--bps",
          "100",
          "--from",
          "1",
        ),
        /AccessControlUnauthorizedAccount/,
      );
      expect(line).to.match(/neededRole CONFIG_ROLE/);
      expect(line).not.to.match(/0x[0-9a-f]{64}/);
    });

    it("set-price refuses zero, negative and out-of-bounds prices unless --allow-fault says the fault is deliberate", () => {
      expectOneLineFailure(local("set-price", "--answer", "0"), /0\.00 USD is not a price/, /--allow-fault/);
      expectOneLineFailure(local("set-price", "--answer", "-5"), /-5\.00 USD is not a price/, /--allow-fault/);
      expectOneLineFailure(
        local("set-price", "--answer", "12.3.4"),
        /--answer must be a price with at most 8 decimals/,
      );
      const ok = local("set-price", "--answer", "-5", "--allow-fault");
      expect(ok.status, ok.out).to.equal(0);
      expect(ok.stdout).to.match(/Feed answer set to -5\.00 .*deliberate fault/);
      // ... and the world refuses it, in human terms.
      expectOneLineFailure(local("advance-epoch", "--time-travel"), /WorldInvalidAnswer\(answer -5\.00 USD\)/);
      expect(local("set-price", "--answer", "3100.25").stdout).to.match(/Feed answer set to 3100\.25/);
    });

    it("each command writes its own folder per network and collection, and refuses another's", () => {
      const own = path.join(ROOT, "out", "localhost", "VIVA");
      fs.rmSync(own, { recursive: true, force: true });
      const gallery = local("gallery");
      expect(gallery.status, gallery.out).to.equal(0);
      expect(gallery.stdout).to.include(path.join(own, "gallery", "index.html"));
      const token = local("token", "--token", "1");
      expect(token.status, token.out).to.equal(0);
      expect(token.stdout).to.include(path.join(own, "token", "token-1", "token-1.png"));
      const galleryFiles = () => fs.readdirSync(path.join(own, "gallery")).sort();
      const before = galleryFiles();
      expect(before).to.include.members(["index.html", "tokens"]);
      // A command pointed at another's folder changes nothing there.
      expectOneLineFailure(
        local("token", "--token", "2", "--out", path.join(own, "gallery")),
        /holds the output of `gallery` for 0x[0-9a-fA-F]{40} on localhost: give another folder \(nothing was written\)/,
      );
      expect(galleryFiles()).to.deep.equal(before);
      // ... and a folder of someone else's files is refused too.
      const mine = fs.mkdtempSync(path.join(os.tmpdir(), "vivarium-own-"));
      fs.writeFileSync(path.join(mine, "notes.txt"), "mine");
      expectOneLineFailure(local("gallery", "--out", mine), /already holds files no Vivarium command wrote/);
      expect(fs.readdirSync(mine)).to.deep.equal(["notes.txt"]);
      fs.rmSync(mine, { recursive: true, force: true });
      // Its own folder is replaced on each run.
      expect(local("gallery").status).to.equal(0);
      expect(galleryFiles()).to.deep.equal(before);
    });

    it("bad ids, addresses and signer indexes name the option and the valid range", () => {
      expectOneLineFailure(local("token", "--token", "9"), /--token must be a whole number from 1 to 2; got 9/);
      expectOneLineFailure(local("nurture", "--token", "0"), /--token must be a whole number from 1 to 2; got 0/);
      // A signer that does not hold the token is told who does, before anything is sent.
      expectOneLineFailure(
        local("nurture", "--token", "1", "--from", "3"),
        /token #1 is held by 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, not by --from 3 \(0x90F79bf6EB2c4f870365E785982E1f101E93b906\): pass --from 0/,
      );
      expectOneLineFailure(
        local("metamorphose", "--token", "2", "--from", "1"),
        /token #2 is held by 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, not by --from 1 .*: pass --from 0/,
      );
      expectOneLineFailure(local("mint", "--quantity", "21"), /--quantity must be a whole number from 1 to 20; got 21/);
      expectOneLineFailure(
        local("mint", "--quantity", "1", "--from", "99"),
        /--from must be a whole number from 0 to 19; got 99/,
      );
      expectOneLineFailure(
        local("royalty", "set", "--receiver", "0x1234", "--bps", "5"),
        /--receiver must be an address/,
      );
      expectOneLineFailure(local("upgrade", "--call", "initializeV2", "--args", "{"), /--args must be a JSON array/);
    });

    it("new-collection refuses bad values and a signer that is not the World's admin before sending anything", () => {
      expectOneLineFailure(
        local("new-collection", "--symbol", "MI-NI"),
        /--symbol must be 1 to 16 letters or digits .*; got "MI-NI"/,
      );
      expectOneLineFailure(
        local("new-collection", "--symbol", "MINI", "--max-supply", "0"),
        /--max-supply must be a whole number/,
      );
      expectOneLineFailure(
        local("new-collection", "--symbol", "MINI", "--price", "0.0.1"),
        /--price must be an amount of ETH/,
      );
      expectOneLineFailure(
        local("new-collection", "--name", "Vivarium Minis", "--symbol", "MINI", "--from", "1"),
        /0x70997970C51812dc3A010C7d01b50e0d17dc79C8 is not the World's default admin/,
        /--from/,
      );
      expectOneLineFailure(
        local("sync-world", "--collection", "NOPE"),
        /no collection "NOPE" on localhost/,
        /new-collection/,
      );
    });

    it("new-collection deploys a second collection in the same World and prints its gas; the symbol is then taken", () => {
      const r = local("new-collection", "--name", "Vivarium Minis", "--symbol", "MINI", "--max-supply", "5");
      expect(r.status, r.out).to.equal(0);
      expect(r.stdout).to.match(/Vivarium Minis \(MINI\) at 0x[0-9a-fA-F]{40}, saved as LivingAsset_MINI on localhost/);
      expect(r.stdout).to.match(/implementation 0x[0-9a-fA-F]{40} \(reused\)/);
      expect(r.stdout).to.match(/proxy \+ initialize\s+[\d,]+ gas/);
      expect(r.stdout).to.match(/world\.addSubscriber\s+[\d,]+ gas/);
      expect(r.stdout).to.match(/total\s+[\d,]+ gas/);
      expect(fs.existsSync(path.join(ROOT, "deployments", "localhost", "LivingAsset_MINI.json"))).to.equal(true);
      expectOneLineFailure(
        local("new-collection", "--name", "Vivarium Minis II", "--symbol", "MINI"),
        /the symbol MINI is taken on localhost by LivingAsset_MINI \(Vivarium Minis, MINI\) at 0x[0-9a-fA-F]{40}/,
        /pass another --symbol/,
      );
      expectOneLineFailure(
        local("new-collection", "--name", " vivarium minis", "--symbol", "MINI2"),
        /the name "Vivarium Minis" is taken on localhost by LivingAsset_MINI/,
        /pass another --name/,
      );
      // With no options: the first collection's defaults, both taken.
      expectOneLineFailure(
        local("new-collection"),
        /the name ".+" and the symbol \w+ are taken on localhost by LivingAsset \(/,
        /pass another --name and --symbol/,
      );
      const minted = local("mint", "--quantity", "1", "--collection", "MINI");
      expect(minted.status, minted.out).to.equal(0);
    });

    it("sync-world, subscribe and unsubscribe: decoded one-line errors, and status says when a collection lags", () => {
      expectOneLineFailure(
        local("sync-world", "--collection", "MINI"),
        /EvolutionInSync\(epoch \d+\): the collection is already at the world's epoch/,
      );
      expectOneLineFailure(
        local("subscribe", "--collection", "MINI"),
        /WorldAlreadySubscribed\(collection 0x[0-9a-fA-F]{40}\)/,
      );
      const line = expectOneLineFailure(
        local("unsubscribe", "--collection", "MINI", "--from", "1"),
        /AccessControlUnauthorizedAccount/,
      );
      expect(line).to.match(/neededRole DEFAULT_ADMIN_ROLE/);
      expect(local("unsubscribe", "--collection", "MINI").status).to.equal(0);
      expectOneLineFailure(local("unsubscribe", "--collection", "MINI"), /WorldNotSubscribed/, /`subscribe` adds it/);
      expect(local("set-price", "--answer", "3200").status).to.equal(0);
      const advanced = local("advance-epoch", "--time-travel");
      expect(advanced.status, advanced.out).to.equal(0);
      expect(advanced.stdout).not.to.match(/MINI/); // no longer hears of epochs
      const status = local("status", "--collection", "MINI");
      expect(status.status, status.out).to.equal(0);
      const warnings = status.stdout.split("\n").filter((l) => l.startsWith("Warning"));
      expect(warnings, status.stdout).to.have.length(1);
      expect(warnings[0]).to.match(
        /1 epoch\(s\) behind its World .*npx hardhat sync-world --collection MINI --network localhost/,
      );
      const synced = local("sync-world", "--collection", "MINI");
      expect(synced.status, synced.out).to.equal(0);
      expect(synced.stdout).to.match(/MINI \(0x[0-9a-fA-F]{40}\) caught up with the World: epoch \d+ -> \d+/);
      const subscribed = local("subscribe", "--collection", "MINI");
      expect(subscribed.status, subscribed.out).to.equal(0);
      expect(subscribed.stdout).to.match(/Subscribed MINI .* \(2 subscriber\(s\)\)/);
      expect(local("status", "--collection", "MINI").stdout).not.to.match(/Warning/);
    });

    it("pack upload sends the sample pack's pages to the node once; verify matches; verify before it says to upload", () => {
      expectOneLineFailure(
        local("pack", "verify", "--dir", "packs/tide-pool"),
        /no PackRenderer_tide-pool on localhost: run `pack upload --dir packs\/tide-pool` first/,
      );
      const dry = local("pack", "upload", "--dir", "packs/tide-pool", "--dry-run");
      expect(dry.stdout, dry.out).to.match(/Dry run: nothing sent\. 27 of 27 pages would be sent/);
      const up = local("pack", "upload", "--dir", "packs/tide-pool");
      expect(up.status, up.out).to.equal(0);
      expect(up.stdout).to.match(/27 page\(s\) sent, 0 already stored/);
      expect(up.stderr).to.match(/page 27\/27 aura\/rain\.svg 167 bytes: [\d,]+ gas \(floor [\d,]+\)/);
      expect(local("pack", "verify", "--dir", "packs/tide-pool").stdout).to.match(/verified: .* all 27 pages/);
      const again = local("pack", "upload", "--dir", "packs/tide-pool");
      expect(again.stdout)
        .to.match(/0 page\(s\) sent, 27 already stored/)
        .and.to.match(/already set: nothing sent/);
    });
  });

  describe("a live deploy rehearsed on a node that answers as Sepolia (chain 11155111)", () => {
    let node: ChildProcess | undefined;
    let provider: ethers.JsonRpcProvider;
    const deployments = fs.mkdtempSync(path.join(os.tmpdir(), "vivarium-deployments-"));
    const env = {
      SEPOLIA_RPC_URL: `http://127.0.0.1:${LIVE_PORT}`,
      DEPLOYER_PRIVATE_KEY: DEV_KEY,
      DEPLOYMENTS_DIR: deployments,
    };
    const deployer = new ethers.Wallet(DEV_KEY).address;
    /** Transactions the deployer has sent (raw RPC: no provider cache). */
    const sent = async () => Number(await provider.send("eth_getTransactionCount", [deployer, "latest"]));

    before(async () => {
      node = await startNode(LIVE_PORT, { HARDHAT_CHAIN_ID: "11155111" });
      provider = new ethers.JsonRpcProvider(`http://127.0.0.1:${LIVE_PORT}`, 11155111, { staticNetwork: true });
    });
    after(async () => {
      await stopNode(node);
      fs.rmSync(deployments, { recursive: true, force: true });
    });

    it("names every missing value (heartbeat, subscription, contracts) before sending any transaction", async () => {
      const line = hardhat(["deploy", "--network", "sepolia"], env);
      expectOneLineFailure(
        line,
        /cannot deploy to sepolia \(chain 11155111\)/,
        /FEED_HEARTBEAT is not set/,
        /VRF_SUBSCRIPTION_ID is not set/,
        new RegExp(`no contract at the ETH/USD feed ${SEPOLIA.nativeUsdFeed.address}`),
      );
      const withIds = hardhat(["deploy", "--network", "sepolia"], {
        ...env,
        VRF_SUBSCRIPTION_ID: "7",
        FEED_HEARTBEAT: "3600",
      });
      expectOneLineFailure(withIds, new RegExp(`no contract at the VRF coordinator ${SEPOLIA.vrfCoordinatorV2_5}`));
      // A live chain needs an admin delay of at least a day: holders' notice of a coordinator change.
      expectOneLineFailure(
        hardhat(["deploy", "--network", "sepolia"], {
          ...env,
          VRF_SUBSCRIPTION_ID: "7",
          FEED_HEARTBEAT: "3600",
          ADMIN_DELAY: "3600",
        }),
        /ADMIN_DELAY must be at least 86400 seconds \(one day\) on a live chain.*; got "3600"/,
      );
      // Creating a subscription checks the coordinator's code before it sends anything.
      expectOneLineFailure(
        hardhat(["vrf", "create", "--network", "sepolia"], env),
        new RegExp(`no contract at chain 11155111's verified VRF v2.5 coordinator ${SEPOLIA.vrfCoordinatorV2_5}`),
      );
      expect(await sent()).to.equal(0);
    });

    it("refuses a URL that serves another chain", () => {
      expectOneLineFailure(
        hardhat(["deploy", "--network", "base"], { ...env, BASE_RPC_URL: `http://127.0.0.1:${LIVE_PORT}` }),
        /BASE_RPC_URL serves chain 11155111, not base \(8453\)/,
      );
    });

    describe("with Chainlink's mocks planted at Sepolia's configured addresses", () => {
      let subId: bigint;
      before(async () => {
        // A helper account (not the deployer) deploys the mocks; their code moves to Sepolia's addresses.
        const helper = new ethers.NonceManager(
          new ethers.Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", provider),
        );
        const vrf = artifact("VRFCoordinatorV2_5Mock");
        const feed = artifact("MockV3Aggregator");
        const vrfMock = await new ethers.ContractFactory(vrf.abi, vrf.bytecode, helper).deploy(
          10n ** 17n,
          10n ** 9n,
          4n * 10n ** 15n,
        );
        await vrfMock.waitForDeployment();
        const feedMock = await new ethers.ContractFactory(feed.abi, feed.bytecode, helper).deploy(8, 3000n * 10n ** 8n);
        await feedMock.waitForDeployment();
        await provider.send("hardhat_setCode", [
          SEPOLIA.vrfCoordinatorV2_5,
          await provider.getCode(await vrfMock.getAddress()),
        ]);
        await provider.send("hardhat_setCode", [
          SEPOLIA.nativeUsdFeed.address,
          await provider.getCode(await feedMock.getAddress()),
        ]);
        // MockV3Aggregator keeps `decimals` in slot 0; its answer is written by updateAnswer.
        await provider.send("hardhat_setStorageAt", [SEPOLIA.nativeUsdFeed.address, "0x0", ethers.toBeHex(8, 32)]);
        const planted = new ethers.Contract(SEPOLIA.nativeUsdFeed.address, feed.abi, helper);
        await (await planted.updateAnswer(3000n * 10n ** 8n)).wait();
        const coordinator = new ethers.Contract(SEPOLIA.vrfCoordinatorV2_5, vrf.abi, helper);
        const receipt = await (await coordinator.createSubscription()).wait();
        subId = coordinator.interface.parseLog(receipt!.logs[0])!.args.subId as bigint;
        await (await coordinator.fundSubscription(subId, 100n * 10n ** 18n)).wait();
      });

      it("an unfunded or unknown subscription and one-sided bounds are named", () => {
        expectOneLineFailure(
          hardhat(["deploy", "--network", "sepolia", "--dry-run"], {
            ...env,
            VRF_SUBSCRIPTION_ID: "12345",
            FEED_HEARTBEAT: "3600",
            FEED_MIN_ANSWER: "100",
          }),
          /VRF subscription 12345 does not exist/,
          /set both FEED_MIN_ANSWER and FEED_MAX_ANSWER, or neither/,
        );
        expectOneLineFailure(
          hardhat(["deploy", "--network", "sepolia", "--dry-run"], {
            ...env,
            VRF_SUBSCRIPTION_ID: subId.toString(),
            FEED_HEARTBEAT: "3600",
            FEED_MIN_ANSWER: "3500",
            FEED_MAX_ANSWER: "9000",
          }),
          /today's answer 3000\.00 USD is outside FEED_MIN_ANSWER\.\.FEED_MAX_ANSWER/,
        );
      });

      it("--dry-run prints the plan with bounds that bound, and sends nothing", async () => {
        const r = hardhat(["deploy", "--network", "sepolia", "--dry-run"], {
          ...env,
          VRF_SUBSCRIPTION_ID: subId.toString(),
          FEED_HEARTBEAT: "3600",
        });
        expect(r.status, r.out).to.equal(0);
        expect(r.stdout).to.match(/Deploy plan for sepolia \(chain 11155111\)/);
        expect(r.stdout).to.match(/deploy\s+LivingAssetRenderer/);
        expect(r.stdout).to.match(/deploy\s+LivingAsset\n/);
        expect(r.stdout).to.match(new RegExp(`coordinator ${SEPOLIA.vrfCoordinatorV2_5}`));
        expect(r.stdout).to.match(/subscription \d+ owned by 0x[0-9a-fA-F]{40}: 100\.0 LINK/);
        expect(r.stdout).to.match(/bounds\s+300\.00 \.\. 30000\.00 USD \(a tenth and ten times today's answer\)/);
        expect(r.stdout).to.match(/Dry run: nothing sent/);
        expect(await sent()).to.equal(0);
      });

      it("then deploys, with the pre-flight's bounds in the World, the collection subscribed and every deployment's transaction saved", async () => {
        const r = hardhat(["deploy", "--network", "sepolia"], {
          ...env,
          VRF_SUBSCRIPTION_ID: subId.toString(),
          FEED_HEARTBEAT: "3600",
          FEED_MIN_ANSWER: "500",
          FEED_MAX_ANSWER: "50000",
        });
        expect(r.status, r.out).to.equal(0);
        expect(r.out).not.to.match(STACK_FRAME);
        expect(await sent(), r.out).to.be.greaterThan(0);
        const saved = (n: string) =>
          JSON.parse(fs.readFileSync(path.join(deployments, "sepolia", `${n}.json`), "utf8"));
        for (const n of [
          "LivingAsset",
          "LivingAsset_Implementation",
          "World",
          "World_Implementation",
          "LivingAssetRenderer",
          "SeedLogic",
        ]) {
          const d = saved(n);
          expect(d.transactionHash, n).to.match(/^0x[0-9a-f]{64}$/);
          expect(d.receipt.blockNumber, n).to.be.greaterThan(0);
        }
        const collection = new ethers.Contract(saved("LivingAsset").address, saved("LivingAsset").abi, provider);
        const world = new ethers.Contract(saved("World").address, saved("World").abi, provider);
        expect(await collection.world()).to.equal(saved("World").address);
        expect([...(await world.subscribers())]).to.deep.equal([saved("LivingAsset").address]);
        const feed = await world.feedConfig();
        expect(feed.minAnswer).to.equal(500n * 10n ** 8n);
        expect(feed.maxAnswer).to.equal(50_000n * 10n ** 8n);
        expect(feed.heartbeat).to.equal(3600n);
        expect((await collection.vrfConfig()).subscriptionId).to.equal(subId);
        // On this chain (not a development chain) the collection itself refuses an admin delay
        // under a day: a new proxy of the deployed implementation, initialised with a delay of 0.
        const proxy = new ethers.ContractFactory(ERC1967_PROXY.abi, ERC1967_PROXY.bytecode);
        const init = collection.interface.encodeFunctionData("initialize", [
          { ...ZERO_INIT_PARAMS, admin: deployer, adminDelay: 0 },
        ]);
        const deployTx = await proxy.getDeployTransaction(saved("LivingAsset_Implementation").address, init);
        const reverted = await provider.call({ ...deployTx, from: deployer }).then(
          () => "",
          (err: { data?: string }) => err.data ?? "",
        );
        const decoded = collection.interface.parseError(reverted);
        expect(decoded?.name).to.equal("LivingAssetAdminDelayTooShort");
        expect([...decoded!.args]).to.deep.equal([0n, 86_400n]);
      });
    });
  });
});
