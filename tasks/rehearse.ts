import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { CHAINLINK, DEVELOPMENT_CHAINS, LIVE_NETWORKS, MOCKS } from "../config/networks";
import { action, userError } from "./lib/common";
import { parsePrice } from "./lib/live-plan";
import { usd } from "../client/units";

/** The LINK the rehearsal's subscription is funded with (the mock coordinator counts it, no token moves). */
const REHEARSAL_LINK = 100n * 10n ** 18n;
/** The deployer's balance on the rehearsal node, at least (the node's own accounts start with 10,000 ETH). */
const REHEARSAL_ETH = 100n * 10n ** 18n;

/** A `hardhat node` answers `web3_clientVersion` with "HardhatNetwork/...": only it accepts hardhat_setCode. */
async function requireLocalHardhatNode(hre: HardhatRuntimeEnvironment, rpcEnv: string): Promise<void> {
  const client = String(await hre.network.provider.send("web3_clientVersion", []).catch(() => "unknown"));
  if (!/hardhat/i.test(client))
    throw userError(
      `${rpcEnv} serves "${client}", not a local hardhat node: rehearse plants mocks only on \`HARDHAT_CHAIN_ID=${LIVE_NETWORKS[hre.network.name].chainId} npx hardhat node --no-deploy\` (nothing sent)`,
    );
}

/**
 * The deployments a rehearsal saves must not land where a real deploy would reuse them: refuses the
 * default folder, and clears this network's folder when it holds an earlier rehearsal's contracts,
 * gone with its node. Returns what it cleared, if anything.
 */
async function rehearsalDeployments(hre: HardhatRuntimeEnvironment): Promise<string | undefined> {
  const dir = hre.config.paths.deployments;
  if (path.resolve(dir) === path.resolve(hre.config.paths.root, "deployments"))
    throw userError(
      "set DEPLOYMENTS_DIR (e.g. out/rehearsal/deployments) first: a rehearsal saved in deployments/ would be reused by the real deploy",
    );
  const own = path.join(dir, hre.network.name);
  if (!fs.existsSync(own)) return undefined;
  for (const file of fs.readdirSync(own).filter((f) => f.endsWith(".json"))) {
    const { address } = JSON.parse(fs.readFileSync(path.join(own, file), "utf8")) as { address?: string };
    if (address && (await hre.ethers.provider.getCode(address)) !== "0x") return undefined; // still alive
  }
  fs.rmSync(own, { recursive: true, force: true });
  return own;
}

task(
  "rehearse",
  "Pose a local `hardhat node` as a live chain: plant Chainlink's VRF coordinator and feed mocks at the chain's verified addresses and fund a subscription, to rehearse `deploy`",
)
  .addOptionalParam("price", "The planted feed's answer in USD per ETH, e.g. 3000.50", "3000", types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ price: string; json?: boolean }>(async (args, hre) => {
      const name = hre.network.name;
      const live = LIVE_NETWORKS[name];
      if (DEVELOPMENT_CHAINS.includes(name) || !live)
        throw userError(
          `rehearse poses a local node as a live network: pass --network sepolia (or another live network) with its RPC URL at \`HARDHAT_CHAIN_ID=11155111 npx hardhat node --no-deploy\`; ${name} already has mocks`,
        );
      await requireLocalHardhatNode(hre, live.rpcEnv);
      const net = CHAINLINK[live.chainId];
      const coordinatorAt = net?.vrfCoordinatorV2_5;
      const feedAt = net?.nativeUsdFeed.address;
      if (!coordinatorAt || !feedAt)
        throw userError(
          `config/chainlink-networks.json has no verified ${!coordinatorAt ? "VRF coordinator" : "ETH/USD feed"} for ${name}: nothing to rehearse at`,
        );
      if (net.sequencerUptimeFeed)
        throw userError(
          `${name} has a sequencer uptime feed, which rehearse does not plant: rehearse on an L1 such as sepolia`,
        );
      const answer = parsePrice(args.price, MOCKS.feedDecimals);
      if (answer === undefined || answer <= 0n)
        throw userError(`--price must be a positive price in USD such as 3000.50; got "${args.price}"`);
      const cleared = await rehearsalDeployments(hre);

      // The node's own second account plants the mocks, so the deployer's first transaction is the
      // deploy's. Straight to the node: Hardhat's provider for this network knows only the deployer key.
      const { url } = hre.network.config as { url: string };
      const node = new hre.ethers.JsonRpcProvider(url, live.chainId, { staticNetwork: true });
      const accounts = (await node.send("eth_accounts", [])) as string[];
      if (accounts.length < 2)
        throw userError(`the node at ${live.rpcEnv} unlocks no accounts: is it \`hardhat node\`?`);
      const planter = await node.getSigner(accounts[1]);
      const coordinatorMock = await (
        await hre.ethers.getContractFactory("VRFCoordinatorV2_5Mock", planter)
      ).deploy(MOCKS.vrfBaseFee, MOCKS.vrfGasPrice, MOCKS.vrfWeiPerUnitLink);
      const feedMock = await (
        await hre.ethers.getContractFactory("MockV3Aggregator", planter)
      ).deploy(MOCKS.feedDecimals, answer);
      await Promise.all([coordinatorMock.waitForDeployment(), feedMock.waitForDeployment()]);
      await node.send("hardhat_setCode", [coordinatorAt, await node.getCode(coordinatorMock.target)]);
      await node.send("hardhat_setCode", [feedAt, await node.getCode(feedMock.target)]);
      // MockV3Aggregator keeps `decimals` in slot 0 (set by its constructor, which the copy skipped).
      await node.send("hardhat_setStorageAt", [
        feedAt,
        "0x0",
        `0x${MOCKS.feedDecimals.toString(16).padStart(64, "0")}`,
      ]);
      const feed = await hre.ethers.getContractAt("MockV3Aggregator", feedAt, planter);
      await (await feed.updateAnswer(answer)).wait();
      // The subscription belongs to the deployer, as one made with `vrf create` would: it can add consumers.
      const [deployer] = await hre.ethers.getSigners();
      if (!deployer)
        throw userError(
          "set DEPLOYER_PRIVATE_KEY first (the rehearsal funds its account and gives it the subscription)",
        );
      if ((await node.getBalance(deployer.address)) < REHEARSAL_ETH)
        await node.send("hardhat_setBalance", [deployer.address, `0x${REHEARSAL_ETH.toString(16)}`]);
      await node.send("hardhat_impersonateAccount", [deployer.address]);
      const owner = await node.getSigner(deployer.address);
      const coordinator = await hre.ethers.getContractAt("VRFCoordinatorV2_5Mock", coordinatorAt, owner);
      const receipt = await (await coordinator.createSubscription()).wait();
      const subscriptionId = coordinator.interface.parseLog(receipt!.logs[0])!.args.subId as bigint;
      await (await coordinator.fundSubscription(subscriptionId, REHEARSAL_LINK)).wait();
      await node.send("hardhat_stopImpersonatingAccount", [deployer.address]);
      node.destroy();

      const exports = `export VRF_SUBSCRIPTION_ID=${subscriptionId} FEED_HEARTBEAT=3600`;
      const data = {
        network: name,
        chainId: live.chainId,
        coordinator: coordinatorAt,
        feed: feedAt,
        answer: args.price,
        subscriptionId: subscriptionId.toString(),
        cleared: cleared ?? null,
        exports,
      };
      const text = [
        `Rehearsal: the local node at ${live.rpcEnv} now answers as ${name} (chain ${live.chainId}) with Chainlink's mocks at its verified addresses`,
        `  VRF coordinator  VRFCoordinatorV2_5Mock at ${coordinatorAt}`,
        `  ETH/USD feed     MockV3Aggregator at ${feedAt}, answer ${usd(answer, MOCKS.feedDecimals)}`,
        `  subscription     ${subscriptionId}, owned by the deployer ${deployer.address}, funded with 100 LINK (the mock's count)`,
        ...(cleared
          ? [
              `  cleared          ${path.relative(hre.config.paths.root, cleared)}: an earlier rehearsal's contracts, gone with its node`,
            ]
          : []),
        `Next, export these two and run the deploy's pre-flight:`,
        exports,
        `npx hardhat deploy --network ${name} --dry-run`,
      ].join("\n");
      return { data, text };
    }),
  );
