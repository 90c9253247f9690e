import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { CHAINLINK } from "../config/networks";
import { vrfConfigOf } from "./lib/collections";
import {
  action,
  addressParam,
  cliInt,
  COLLECTION_HELP,
  getCollection,
  getDeployed,
  isDevChain,
  signerAt,
  userError,
} from "./lib/common";

/** Subscription events shared by the real coordinator (SubscriptionAPI) and the v2.5 mock. */
const SUBSCRIPTION_EVENTS = [
  "event SubscriptionCreated(uint256 indexed subId, address owner)",
  "event SubscriptionFunded(uint256 indexed subId, uint256 oldBalance, uint256 newBalance)",
  "event SubscriptionConsumerAdded(uint256 indexed subId, address consumer)",
];

/** Fallback when the IVRFCoordinatorV2Plus artifact is not compiled. */
const COORDINATOR_ABI = [
  "function createSubscription() returns (uint256 subId)",
  "function addConsumer(uint256 subId, address consumer)",
  "function getSubscription(uint256 subId) view returns (uint96 balance, uint96 nativeBalance, uint64 reqCount, address subOwner, address[] consumers)",
  "function fundSubscriptionWithNative(uint256 subId) payable",
];

interface Coordinator {
  contract: Contract;
  address: string;
  mock: boolean;
}

/** Development chains: the deployed VRFCoordinatorV2_5Mock. Live chains: CHAINLINK[chainId].vrfCoordinatorV2_5. */
async function coordinatorFor(hre: HardhatRuntimeEnvironment, from: number): Promise<Coordinator> {
  const signer = await signerAt(hre, from);
  if (isDevChain(hre)) {
    const contract = (await getDeployed(hre, "VRFCoordinatorV2_5Mock")).connect(signer) as Contract;
    return { contract, address: await contract.getAddress(), mock: true };
  }
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  const address = CHAINLINK[chainId]?.vrfCoordinatorV2_5;
  if (!address)
    throw userError(`No verified VRF v2.5 coordinator for chain ${chainId} in config/chainlink-networks.json`);
  let abi: readonly unknown[];
  try {
    abi = (await hre.artifacts.readArtifact("IVRFCoordinatorV2Plus")).abi;
  } catch {
    abi = COORDINATOR_ABI;
  }
  const contract = (await hre.ethers.getContractAt(abi as never[], address, signer)) as unknown as Contract;
  return { contract, address, mock: false };
}

function parseEvents(
  hre: HardhatRuntimeEnvironment,
  receipt: { logs: readonly { topics: readonly string[]; data: string }[] } | null,
  name: string,
) {
  const iface = new hre.ethers.Interface(SUBSCRIPTION_EVENTS);
  const out: Record<string, unknown>[] = [];
  for (const log of receipt?.logs ?? []) {
    try {
      const p = iface.parseLog({ topics: [...log.topics], data: log.data });
      if (p?.name === name) out.push(p.args.toObject());
    } catch {
      /* not a subscription event */
    }
  }
  return out;
}

/** --sub, else the collection's configured subscription, else the dev deploy's saved one. */
async function subscriptionId(hre: HardhatRuntimeEnvironment, sub?: string, collection?: string): Promise<bigint> {
  if (sub) return BigInt(sub);
  try {
    const id = BigInt((await (await getCollection(hre, collection)).vrfConfig()).subscriptionId);
    if (id !== 0n) return id;
  } catch {
    /* no collection deployed */
  }
  const saved = await hre.deployments.getOrNull("VRFSubscription");
  if (saved?.linkedData?.subscriptionId) return BigInt(saved.linkedData.subscriptionId);
  throw userError("no subscription id: pass --sub");
}

async function subscriptionView(c: Coordinator, subId: bigint) {
  try {
    const s = await c.contract.getSubscription(subId);
    return {
      balance: BigInt(s[0]),
      nativeBalance: BigInt(s[1]),
      reqCount: BigInt(s[2]),
      owner: s[3] as string,
      consumers: [...(s[4] as string[])],
    };
  } catch {
    return null;
  }
}

task("vrf", "Chainlink VRF v2.5 subscription: create | fund | add-consumer | config")
  .addPositionalParam("subcommand", "create | fund | add-consumer | config", undefined, types.string)
  .addOptionalParam(
    "sub",
    "Subscription id (default: the collection's, else the dev deploy's)",
    undefined,
    types.string,
  )
  .addOptionalParam("amount", "fund: LINK amount (decimal, 18 decimals), e.g. 100", "100", types.string)
  .addOptionalParam(
    "consumer",
    "add-consumer: consumer address (default: the collection proxy, see --collection)",
    undefined,
    types.string,
  )
  .addOptionalParam("from", "Signer index (subscription owner)", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{
      subcommand: string;
      sub?: string;
      amount: string;
      consumer?: string;
      from: number;
      collection?: string;
      json?: boolean;
    }>(async (args, hre) => {
      switch (args.subcommand) {
        case "create": {
          const c = await coordinatorFor(hre, args.from);
          const tx = await c.contract.createSubscription();
          const receipt = await tx.wait();
          const [e] = parseEvents(hre, receipt, "SubscriptionCreated");
          if (!e) throw userError(`no SubscriptionCreated event in ${tx.hash}`);
          const data = {
            tx: tx.hash,
            coordinator: c.address,
            mock: c.mock,
            subId: BigInt(e.subId as bigint),
            owner: e.owner,
          };
          return {
            data,
            text: `Created subscription ${data.subId} on ${c.mock ? "VRFCoordinatorV2_5Mock" : "coordinator"} ${c.address} (owner ${data.owner})`,
          };
        }
        case "fund": {
          const subId = await subscriptionId(hre, args.sub, args.collection);
          const amount = hre.ethers.parseUnits(args.amount, 18);
          if (!isDevChain(hre)) {
            const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
            const net = CHAINLINK[chainId];
            const coordinator = net?.vrfCoordinatorV2_5 ?? "<coordinator>";
            const link = net?.linkToken ?? "<LINK token>";
            const encoded = hre.ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [subId]);
            const data = {
              funded: false,
              subId,
              amount,
              coordinator,
              linkToken: link,
              call: { to: link, fn: "transferAndCall(address,uint256,bytes)", args: [coordinator, amount, encoded] },
            };
            const text = [
              `Live chains fund a subscription with LINK through ERC-677 transferAndCall (this task sends nothing):`,
              `  LINK ${link}.transferAndCall(${coordinator}, ${amount}, ${encoded})`,
              `  i.e. ${args.amount} LINK to subscription ${subId}; or use https://vrf.chain.link, or coordinator.fundSubscriptionWithNative(${subId}) with value for native billing.`,
            ].join("\n");
            return { data, text };
          }
          const c = await coordinatorFor(hre, args.from);
          const tx = await c.contract.fundSubscription(subId, amount);
          const receipt = await tx.wait();
          const [e] = parseEvents(hre, receipt, "SubscriptionFunded");
          const data = {
            tx: tx.hash,
            subId,
            amount,
            oldBalance: e?.oldBalance ?? null,
            newBalance: e?.newBalance ?? null,
          };
          return {
            data,
            text: `Funded subscription ${subId} with ${args.amount} LINK (balance ${hre.ethers.formatUnits(BigInt((e?.newBalance as bigint) ?? 0n), 18)} LINK)`,
          };
        }
        case "add-consumer": {
          const subId = await subscriptionId(hre, args.sub, args.collection);
          const consumer = args.consumer
            ? addressParam(hre, "consumer", args.consumer)
            : await (await getCollection(hre, args.collection)).getAddress();
          const c = await coordinatorFor(hre, args.from);
          const tx = await c.contract.addConsumer(subId, consumer);
          const receipt = await tx.wait();
          const [e] = parseEvents(hre, receipt, "SubscriptionConsumerAdded");
          const data = { tx: tx.hash, subId, consumer, added: !!e };
          return { data, text: `Added consumer ${consumer} to subscription ${subId}` };
        }
        case "config": {
          const collection = await getCollection(hre, args.collection);
          const vrfConfig = await vrfConfigOf(collection);
          const c = await coordinatorFor(hre, args.from).catch(() => null);
          const subscription = c ? await subscriptionView(c, vrfConfig.subscriptionId) : null;
          const collectionAddress = await collection.getAddress();
          const isConsumer = subscription
            ? subscription.consumers.map((a) => a.toLowerCase()).includes(collectionAddress.toLowerCase())
            : null;
          const data = { vrfConfig, subscription, isConsumer };
          const lines = [
            `coordinator          ${vrfConfig.coordinator}`,
            `keyHash              ${vrfConfig.keyHash}`,
            `subscriptionId       ${vrfConfig.subscriptionId}`,
            `requestConfirmations ${vrfConfig.requestConfirmations}`,
            `callbackGasLimit     ${vrfConfig.callbackGasLimit}`,
            `nativePayment        ${vrfConfig.nativePayment}`,
            `rerequestTimeout     ${vrfConfig.rerequestTimeout}s`,
          ];
          if (subscription)
            lines.push(
              `subscription         owner ${subscription.owner}, ${hre.ethers.formatUnits(subscription.balance, 18)} LINK, ${hre.ethers.formatEther(subscription.nativeBalance)} native, ${subscription.reqCount} request(s), ${subscription.consumers.length} consumer(s)${isConsumer ? " incl. the collection" : " (collection NOT a consumer)"}`,
            );
          return { data, text: lines.join("\n") };
        }
        default:
          throw userError(`unknown subcommand "${args.subcommand}" (create | fund | add-consumer | config)`);
      }
    }),
  );
