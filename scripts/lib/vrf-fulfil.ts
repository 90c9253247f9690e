/**
 * Development chains: fulfil a VRF request the way the coordinator it was sent to expects.
 *
 * - VRFCoordinatorV2_5Mock: `fulfillRandomWords(requestId, consumer)` (no proof, no exact-gas call).
 * - Chainlink's real VRFCoordinatorV2_5 (deploy tag "real-vrf"): what a Chainlink node does. Find
 *   the request's `RandomWordsRequested` event, wait its confirmations (mining blocks on a
 *   development chain), prove its seed with the development proving key (vrf-prover.ts)
 *   and send `fulfillRandomWords(proof, requestCommitment, false)` with an explicit gas limit.
 *   A request block older than 256 blocks needs its hash in the BlockhashStore first.
 *
 * No top-level import of "hardhat" or typechain types: tasks, tests and scripts share it.
 */
import { HardhatPluginError } from "hardhat/plugins";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract, ContractTransactionReceipt, Log, Signer } from "ethers";
import { REAL_VRF } from "../../config/real-vrf";
import { prove, vrfKey, type VrfProof } from "./vrf-prover";

/** The coordinator's commitment pre-image (`VRFTypes.RequestCommitmentV2Plus`). */
export interface RequestCommitment {
  blockNum: bigint;
  subId: bigint;
  callbackGasLimit: bigint;
  numWords: bigint;
  sender: string;
  extraArgs: string;
}

/** A request as a Chainlink node sees it: the event's fields and the block it was made in. */
export interface PendingRequest {
  requestId: bigint;
  keyHash: string;
  preSeed: bigint;
  minimumRequestConfirmations: number;
  commitment: RequestCommitment;
}

export interface Fulfilment {
  coordinator: "mock" | "real";
  requestId: bigint;
  receipt: ContractTransactionReceipt;
  /** Whether the consumer's callback returned without reverting (`RandomWordsFulfilled.success`). */
  success: boolean;
  /** What the subscription was charged (juels of LINK, or wei when paid in native). */
  payment: bigint;
  nativePayment: boolean;
  /** The coordinator's output (`outputSeed`); the words are keccak(abi.encode(it, i)) on the real one. */
  outputSeed: bigint;
}

export interface FulfilOptions {
  /** The oracle's account (default: the first signer). */
  from?: Signer;
  /** Gas price of the fulfilment (the subscription pays for its gas at this price on the real coordinator). */
  gasPrice?: bigint;
  /** Real coordinator: a proof to send instead of the honest one (tests of bad proofs). */
  tamper?: (proof: VrfProof) => VrfProof;
  /**
   * The coordinator the request was sent to (`RandomnessRequested`'s `coordinator`): only it may
   * fulfil it. Default: the deployed real coordinator if it knows the request, else the mock.
   */
  coordinator?: string;
}

const REAL = "VRFCoordinatorV2_5";
const MOCK = "VRFCoordinatorV2_5Mock";

async function deployed(hre: HardhatRuntimeEnvironment, name: string): Promise<Contract | undefined> {
  const d = await hre.deployments.getOrNull(name);
  return d ? ((await hre.ethers.getContractAt(name, d.address)) as unknown as Contract) : undefined;
}

/** The real coordinator's record of `requestId`, or undefined if it never saw it. */
export async function findRealRequest(
  coordinator: Contract,
  requestId: bigint,
  consumer?: string,
): Promise<PendingRequest | undefined> {
  const events = (await coordinator.queryFilter(coordinator.filters.RandomWordsRequested())) as unknown as (Log & {
    args: unknown;
  })[];
  for (const event of events) {
    const a = event.args as {
      keyHash: string;
      requestId: bigint;
      preSeed: bigint;
      subId: bigint;
      minimumRequestConfirmations: bigint;
      callbackGasLimit: bigint;
      numWords: bigint;
      extraArgs: string;
      sender: string;
    };
    if (a.requestId !== requestId || (consumer && a.sender.toLowerCase() !== consumer.toLowerCase())) continue;
    return {
      requestId,
      keyHash: a.keyHash,
      preSeed: a.preSeed,
      minimumRequestConfirmations: Number(a.minimumRequestConfirmations),
      commitment: {
        blockNum: BigInt(event.blockNumber),
        subId: a.subId,
        callbackGasLimit: a.callbackGasLimit,
        numWords: a.numWords,
        sender: a.sender,
        extraArgs: a.extraArgs,
      },
    };
  }
  return undefined;
}

/** Mine until `confirmations` blocks sit on top of the request's block, as a node waits for them. */
async function awaitConfirmations(hre: HardhatRuntimeEnvironment, blockNum: bigint, confirmations: number) {
  const latest = BigInt(await hre.ethers.provider.getBlockNumber());
  const missing = blockNum + BigInt(confirmations) - latest;
  if (missing > 0n) await hre.network.provider.send("hardhat_mine", [`0x${missing.toString(16)}`]);
}

/** The request block's hash, and whether the coordinator will have to read it from the BlockhashStore. */
async function requestBlockHash(hre: HardhatRuntimeEnvironment, coordinator: Contract, blockNum: bigint) {
  const block = await hre.ethers.provider.getBlock(Number(blockNum));
  if (!block?.hash) throw new HardhatPluginError("vivarium", `block ${blockNum} is unknown to this node`);
  const fulfilBlock = BigInt(await hre.ethers.provider.getBlockNumber()) + 1n;
  if (fulfilBlock - blockNum <= 256n) return block.hash;
  const store = await hre.ethers.getContractAt("BlockhashStore", await coordinator.BLOCKHASH_STORE());
  const stored = await store.getBlockhash(blockNum).catch(() => undefined);
  if (stored !== block.hash) {
    throw new HardhatPluginError(
      "vivarium",
      `request block ${blockNum} is more than 256 blocks old and its hash is not in the BlockhashStore: ` +
        "store it within 256 blocks of the request (BlockhashStore.store), as Chainlink's BHS feeder does",
    );
  }
  return block.hash;
}

/** Fulfil `requestId` on the real coordinator: prove, then send the proof and the commitment. */
export async function fulfilReal(
  hre: HardhatRuntimeEnvironment,
  coordinator: Contract,
  request: PendingRequest,
  options: FulfilOptions = {},
): Promise<Fulfilment> {
  const key = vrfKey(REAL_VRF.provingKeySecret);
  if (request.keyHash !== key.keyHash) {
    throw new HardhatPluginError(
      "vivarium",
      `request ${request.requestId} names key hash ${request.keyHash}; the development proving key is ${key.keyHash}`,
    );
  }
  const rc = request.commitment;
  await awaitConfirmations(hre, rc.blockNum, request.minimumRequestConfirmations);
  const blockHash = await requestBlockHash(hre, coordinator, rc.blockNum);
  const { proof: honest } = prove(key, request.preSeed, blockHash);
  const proof = options.tamper ? options.tamper(honest) : honest;
  const from = options.from ?? (await hre.ethers.getSigners())[0];
  // Proof verification and billing take 100,000 to 135,000 gas besides the callback (it varies with
  // the seed); an explicit limit avoids estimates against the 16,777,216 per-transaction cap.
  const gasLimit = rc.callbackGasLimit + 500_000n;
  const tx = await (coordinator.connect(from) as Contract).fulfillRandomWords(proof, rc, false, {
    gasLimit,
    ...(options.gasPrice === undefined ? {} : { gasPrice: options.gasPrice }),
  });
  return outcome("real", request.requestId, coordinator, (await tx.wait())!);
}

function outcome(
  kind: Fulfilment["coordinator"],
  requestId: bigint,
  coordinator: Contract,
  receipt: ContractTransactionReceipt,
): Fulfilment {
  for (const entry of receipt.logs) {
    if (entry.address.toLowerCase() !== String(coordinator.target).toLowerCase()) continue;
    const parsed = coordinator.interface.parseLog(entry);
    if (parsed?.name !== "RandomWordsFulfilled") continue;
    return {
      coordinator: kind,
      requestId,
      receipt,
      success: parsed.args.success as boolean,
      payment: BigInt(parsed.args.payment),
      nativePayment: parsed.args.nativePayment as boolean,
      outputSeed: BigInt(parsed.args.outputSeed),
    };
  }
  throw new HardhatPluginError("vivarium", `fulfilment of ${requestId} emitted no RandomWordsFulfilled`);
}

const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();

/**
 * Whether the coordinator at `address` is Chainlink's real one or the mock: the deployments say,
 * else the contract (the real coordinator has a blockhash store, the mock has none).
 */
async function kindAt(hre: HardhatRuntimeEnvironment, address: string): Promise<Fulfilment["coordinator"]> {
  const real = await hre.deployments.getOrNull(REAL);
  if (real && same(real.address, address)) return "real";
  const mock = await hre.deployments.getOrNull(MOCK);
  if (mock && same(mock.address, address)) return "mock";
  if ((await hre.ethers.provider.getCode(address)) === "0x")
    throw new HardhatPluginError("vivarium", `the coordinator ${address} has no code on this chain`);
  const probe = new hre.ethers.Contract(
    address,
    ["function BLOCKHASH_STORE() view returns (address)"],
    hre.ethers.provider,
  );
  try {
    await probe.BLOCKHASH_STORE();
    return "real";
  } catch {
    return "mock";
  }
}

async function fulfilMock(
  hre: HardhatRuntimeEnvironment,
  mock: Contract,
  requestId: bigint,
  consumer: string,
  options: FulfilOptions,
): Promise<Fulfilment> {
  const from = options.from ?? (await hre.ethers.getSigners())[0];
  const tx = await (mock.connect(from) as Contract).fulfillRandomWords(requestId, consumer);
  return outcome("mock", requestId, mock, (await tx.wait())!);
}

/**
 * Fulfil `requestId` of `consumer` through the coordinator it was sent to: `options.coordinator`
 * when given (the mock or a real coordinator, wherever it is deployed); otherwise the deployed real
 * one if it has the request, else the deployed mock.
 */
export async function fulfil(
  hre: HardhatRuntimeEnvironment,
  requestId: bigint,
  consumer: string,
  options: FulfilOptions = {},
): Promise<Fulfilment> {
  if (options.coordinator) {
    const address = hre.ethers.getAddress(options.coordinator);
    if ((await kindAt(hre, address)) === "mock")
      return fulfilMock(
        hre,
        (await hre.ethers.getContractAt(MOCK, address)) as unknown as Contract,
        requestId,
        consumer,
        options,
      );
    const coordinator = (await hre.ethers.getContractAt(REAL, address)) as unknown as Contract;
    const request = await findRealRequest(coordinator, requestId, consumer);
    if (!request)
      throw new HardhatPluginError("vivarium", `the coordinator ${address} has no request ${requestId} of ${consumer}`);
    return fulfilReal(hre, coordinator, request, options);
  }
  const real = await deployed(hre, REAL);
  const request = real ? await findRealRequest(real, requestId, consumer) : undefined;
  if (real && request) return fulfilReal(hre, real, request, options);
  const mock = await deployed(hre, MOCK);
  if (!mock) throw new HardhatPluginError("vivarium", `no coordinator deployed here knows request ${requestId}`);
  return fulfilMock(hre, mock, requestId, consumer, options);
}
