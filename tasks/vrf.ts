import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { CHAINLINK } from "../config/networks";
import { vrfConfigOf } from "./lib/collections";
import { revealView } from "./lib/cohorts";
import { duration, when } from "../client/units";
import {
  action,
  addressParam,
  cliInt,
  COLLECTION_HELP,
  eventsIn,
  getCollection,
  getDeployed,
  isDevChain,
  signerAt,
  userError,
  wholeNumber,
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
  // Before anything is sent: an RPC URL of another chain, or a local rehearsal of a live chain id,
  // has no coordinator at the verified address.
  if ((await hre.ethers.provider.getCode(address)) === "0x")
    throw userError(
      `no contract at chain ${chainId}'s verified VRF v2.5 coordinator ${address} on --network ${hre.network.name}: check that its RPC URL serves that chain (on a local rehearsal of a live chain id, Chainlink's contracts are not there)`,
    );
  let abi: readonly unknown[];
  try {
    abi = (await hre.artifacts.readArtifact("IVRFCoordinatorV2Plus")).abi;
  } catch {
    abi = COORDINATOR_ABI;
  }
  const contract = (await hre.ethers.getContractAt(abi as never[], address, signer)) as unknown as Contract;
  return { contract, address, mock: false };
}

type VrfConfigView = Awaited<ReturnType<typeof vrfConfigOf>>;

/** The `vrf config` options: request parameters (and a coordinator, which only `vrf coordinator` changes). */
interface VrfConfigOptions {
  keyHash?: string;
  subId?: string;
  confirmations?: number;
  callbackGasLimit?: number;
  nativePayment?: string;
  rerequestTimeout?: number;
  coordinator?: string;
}

/**
 * The fields `vrf config` was asked to change (undefined: none, only show). The coordinator is not
 * one of them: `setVrfConfig` keeps it, and asking for another one is a one-line error that names
 * `vrf coordinator`.
 */
function configChange(
  hre: HardhatRuntimeEnvironment,
  args: VrfConfigOptions,
  current: VrfConfigView,
): Partial<VrfConfigView> | undefined {
  if (args.coordinator !== undefined) {
    const requested = addressParam(hre, "coordinator", args.coordinator);
    if (requested.toLowerCase() !== current.coordinator.toLowerCase())
      throw userError(
        `vrf config cannot change the coordinator (${current.coordinator}; setVrfConfig would revert with SeedCoordinatorChangeNotAllowed): coordinator changes go through \`npx hardhat vrf coordinator --address ${requested}\` (the default admin schedules it, then applies it after the admin delay) or the subscription's migration`,
      );
  }
  const change: Partial<VrfConfigView> = {};
  if (args.keyHash !== undefined) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(args.keyHash))
      throw userError(`--key-hash must be 0x + 64 hex digits; got "${args.keyHash}"`);
    change.keyHash = args.keyHash;
  }
  if (args.subId !== undefined) {
    if (!/^\d+$/.test(args.subId.trim())) throw userError(`--sub-id must be a whole number; got "${args.subId}"`);
    change.subscriptionId = BigInt(args.subId.trim());
  }
  if (args.confirmations !== undefined)
    change.requestConfirmations = wholeNumber("confirmations", args.confirmations, 0, 65535);
  if (args.callbackGasLimit !== undefined)
    change.callbackGasLimit = wholeNumber("callback-gas-limit", args.callbackGasLimit, 0, 2 ** 32 - 1);
  if (args.rerequestTimeout !== undefined)
    change.rerequestTimeout = wholeNumber("rerequest-timeout", args.rerequestTimeout, 0, 2 ** 32 - 1);
  if (args.nativePayment !== undefined) {
    if (!/^(true|false)$/i.test(args.nativePayment.trim()))
      throw userError(`--native-payment must be true or false; got "${args.nativePayment}"`);
    change.nativePayment = args.nativePayment.trim().toLowerCase() === "true";
  }
  return Object.keys(change).length ? change : undefined;
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

const SUBCOMMANDS = "create | fund | add-consumer | config | coordinator";

type VrfArgs = VrfConfigOptions & {
  subcommand: string;
  sub?: string;
  amount: string;
  consumer?: string;
  address?: string;
  timeTravel?: boolean;
  from: number;
  collection?: string;
  json?: boolean;
};

/** `vrf create`: a new subscription on the coordinator (development chains and live). */
async function vrfCreate(hre: HardhatRuntimeEnvironment, args: VrfArgs) {
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

/** `vrf fund`: LINK into a subscription (the mock's fundSubscription; on live chains, the call to make). */
async function vrfFund(hre: HardhatRuntimeEnvironment, args: VrfArgs) {
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

/** `vrf add-consumer`: the collection (or --consumer) as a consumer of the subscription. */
async function vrfAddConsumer(hre: HardhatRuntimeEnvironment, args: VrfArgs) {
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

/** `vrf config`: the collection's VRF configuration, changed where options say so, and its subscription. */
async function vrfConfigure(hre: HardhatRuntimeEnvironment, args: VrfArgs) {
  const collection = await getCollection(hre, args.collection);
  let vrfConfig = await vrfConfigOf(collection);
  const change = configChange(hre, args, vrfConfig);
  let tx: string | null = null;
  if (change) {
    const signer = await signerAt(hre, args.from);
    const sent = await (collection.connect(signer) as Contract).setVrfConfig({ ...vrfConfig, ...change });
    await sent.wait();
    tx = sent.hash;
    vrfConfig = await vrfConfigOf(collection);
  }
  const c = await coordinatorFor(hre, args.from).catch(() => null);
  const subscription = c ? await subscriptionView(c, vrfConfig.subscriptionId) : null;
  const collectionAddress = await collection.getAddress();
  const isConsumer = subscription
    ? subscription.consumers.map((a) => a.toLowerCase()).includes(collectionAddress.toLowerCase())
    : null;
  const reveal = await revealView(hre, collection);
  const data = {
    vrfConfig,
    subscription,
    isConsumer,
    tx,
    changed: change ? Object.keys(change) : [],
    pendingCoordinator: reveal.pendingCoordinator,
    coordinatorEffectiveAt: reveal.coordinatorEffectiveAt,
  };
  const now = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
  const lines = [
    ...(tx ? [`Updated ${Object.keys(change!).join(", ")} (setVrfConfig, tx ${tx})`] : []),
    `coordinator          ${vrfConfig.coordinator}${reveal.pendingCoordinator ? ` (change to ${reveal.pendingCoordinator} scheduled, from ${when(reveal.coordinatorEffectiveAt!, now)})` : ""}`,
    `keyHash              ${vrfConfig.keyHash}`,
    `subscriptionId       ${vrfConfig.subscriptionId}`,
    `requestConfirmations ${vrfConfig.requestConfirmations}`,
    `callbackGasLimit     ${vrfConfig.callbackGasLimit}`,
    `nativePayment        ${vrfConfig.nativePayment}`,
    `rerequestTimeout     ${duration(Number(vrfConfig.rerequestTimeout))}`,
  ];
  if (subscription)
    lines.push(
      `subscription         owner ${subscription.owner}, ${hre.ethers.formatUnits(subscription.balance, 18)} LINK, ${hre.ethers.formatEther(subscription.nativeBalance)} native, ${subscription.reqCount} request(s), ${subscription.consumers.length} consumer(s)${isConsumer ? " incl. the collection" : " (collection NOT a consumer)"}`,
    );
  return { data, text: lines.join("\n") };
}

/** `vrf coordinator --address A`: schedule a coordinator change, or apply the scheduled one (the default admin). */
async function vrfCoordinator(hre: HardhatRuntimeEnvironment, args: VrfArgs) {
  if (!args.address) throw userError("vrf coordinator needs --address <the new coordinator>");
  const address = addressParam(hre, "address", args.address);
  if ((await hre.ethers.provider.getCode(address)) === "0x")
    throw userError(`--address ${address} has no contract on ${hre.network.name}: give a VRF v2.5 coordinator`);
  if (args.timeTravel && !isDevChain(hre)) throw userError("--time-travel only works on development chains");
  const collection = await getCollection(hre, args.collection);
  const current = (await vrfConfigOf(collection)).coordinator;
  const before = await revealView(hre, collection);
  if (current.toLowerCase() === address.toLowerCase() && !before.pendingCoordinator)
    throw userError(`${address} is already the collection's coordinator: nothing to change`);
  const signer = await signerAt(hre, args.from);
  const admin = await signer.getAddress();
  if (!(await collection.hasRole(hre.ethers.ZeroHash, admin)))
    throw userError(
      `${admin} is not the collection's default admin (${await collection.defaultAdmin()}): only it schedules and applies a coordinator change; pass --from with its signer index`,
    );
  const which = `${args.collection ? ` --collection ${args.collection}` : ""}${hre.network.name === "hardhat" ? "" : ` --network ${hre.network.name}`}`;
  let now = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
  const scheduled = before.pendingCoordinator?.toLowerCase() === address.toLowerCase();
  if (scheduled && before.coordinatorEffectiveAt! > now) {
    if (args.timeTravel) {
      await hre.network.provider.send("evm_setNextBlockTimestamp", [before.coordinatorEffectiveAt!]);
    } else
      throw userError(
        `the change to ${address} is scheduled and can be applied from ${when(before.coordinatorEffectiveAt!, now)}: run \`npx hardhat vrf coordinator --address ${address}${which}\` again then${isDevChain(hre) ? " (or add --time-travel on this development chain)" : ""}`,
      );
  }
  const tx = await (collection.connect(signer) as Contract).setCoordinator(address);
  const receipt = await tx.wait();
  now = (await hre.ethers.provider.getBlock(receipt.blockNumber))!.timestamp;
  const [planned] = eventsIn(collection, receipt, "CoordinatorChangeScheduled");
  const [set] = eventsIn(collection, receipt, "CoordinatorSet");
  if (planned) {
    const effectiveAt = Number(planned.effectiveAt);
    const replaced =
      before.pendingCoordinator && !scheduled
        ? ` (it replaces the change to ${before.pendingCoordinator} scheduled before)`
        : "";
    return {
      data: { tx: tx.hash, action: "scheduled", coordinator: address, current, effectiveAt },
      text: `Scheduled the coordinator change ${current} -> ${address}${replaced}: it can be applied from ${when(effectiveAt, now)} (the admin delay) by running \`npx hardhat vrf coordinator --address ${address}${which}\` again. Requests already sent stay with the coordinator they were sent to.`,
    };
  }
  if (!set)
    throw userError(
      `setCoordinator(${address}) in ${tx.hash} emitted neither CoordinatorChangeScheduled nor CoordinatorSet`,
    );
  return {
    data: { tx: tx.hash, action: "applied", coordinator: address, previous: current, effectiveAt: now },
    text: `Coordinator set: ${current} -> ${address}. New requests go to it; requests already sent to ${current} are still fulfilled by it. Next: make the collection a consumer of a funded subscription on ${address} and set its id (\`npx hardhat vrf config --sub-id <id>${which}\`, CONFIG_ROLE).`,
  };
}

task(
  "vrf",
  "Chainlink VRF v2.5: create | fund | add-consumer (subscription) | config (show, or change the request parameters: CONFIG_ROLE) | coordinator --address A (default admin, after the admin delay)",
)
  .addPositionalParam("subcommand", SUBCOMMANDS, undefined, types.string)
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
  .addOptionalParam("keyHash", "config: set the key hash (gas lane)", undefined, types.string)
  .addOptionalParam(
    "subId",
    "config: set the subscription id the collection's requests are billed to",
    undefined,
    types.string,
  )
  .addOptionalParam("confirmations", "config: set the request confirmations (at most 200)", undefined, cliInt)
  .addOptionalParam("callbackGasLimit", "config: set the callback gas limit", undefined, cliInt)
  .addOptionalParam("nativePayment", "config: true = pay in native currency, false = in LINK", undefined, types.string)
  .addOptionalParam("rerequestTimeout", "config: set the re-request timeout, seconds", undefined, cliInt)
  .addOptionalParam(
    "coordinator",
    "config: refused unless it is the current coordinator (changes go through `vrf coordinator --address`)",
    undefined,
    types.string,
  )
  .addOptionalParam("address", "coordinator: the new VRF coordinator", undefined, types.string)
  .addFlag("timeTravel", "coordinator: development chains: move the clock to when the scheduled change may be applied")
  .addOptionalParam(
    "from",
    "Signer index (subscription owner; CONFIG_ROLE for config, the default admin for coordinator)",
    0,
    cliInt,
  )
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<VrfArgs>(async (args, hre) => {
      switch (args.subcommand) {
        case "create":
          return vrfCreate(hre, args);
        case "fund":
          return vrfFund(hre, args);
        case "add-consumer":
          return vrfAddConsumer(hre, args);
        case "config":
          return vrfConfigure(hre, args);
        case "coordinator":
          return vrfCoordinator(hre, args);
        default:
          throw userError(`unknown subcommand "${args.subcommand}" (${SUBCOMMANDS})`);
      }
    }),
  );
