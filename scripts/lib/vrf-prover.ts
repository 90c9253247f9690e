/**
 * An ECVRF prover for Chainlink's VRF v2 / v2.5 coordinators (secp256k1, keccak256), written
 * against the verifier in `@chainlink/contracts/src/v0.8/vrf/VRF.sol`: every value below is what
 * that contract recomputes or checks, in its encoding.
 *
 *   H     = hashToCurve(pk, seed)      try-and-increment, as VRF.sol's `_hashToCurve`
 *   gamma = sk·H                       the VRF output point; randomness = keccak(abi.encode(3, gamma))
 *   k     = nonce (deterministic here), u = k·G, v = k·H
 *   c     = keccak(abi.encodePacked(2, H, pk, gamma, v, address(u)))   raw, NOT reduced mod n
 *   s     = k − c·sk  (mod n)          so that c·pk + s·G = u and c·gamma + s·H = v
 *   witnesses: uWitness = address(u), cGammaWitness = c·gamma, sHashWitness = s·H, and zInv = 1/z
 *   for the z that VRF.sol's projective addition of the two witnesses produces.
 *
 * The coordinator proves against `seed = keccak(abi.encodePacked(preSeed, blockhash(requestBlock)))`
 * but takes `proof.seed = preSeed` (it mixes the block hash in itself): {@link prove} takes both.
 *
 * No Hardhat import: tasks and tests share it.
 */
import { secp256k1 } from "@noble/curves/secp256k1";
import { invert, mod, pow } from "@noble/curves/abstract/modular";
import { AbiCoder, getAddress, keccak256, solidityPacked, toBeHex } from "ethers";

/** secp256k1 field size (VRF.sol's FIELD_SIZE) and group order (GROUP_ORDER). */
export const FIELD_SIZE = secp256k1.CURVE.Fp.ORDER;
export const GROUP_ORDER = secp256k1.CURVE.n;

const HASH_TO_CURVE_HASH_PREFIX = 1n;
const SCALAR_FROM_CURVE_POINTS_HASH_PREFIX = 2n;
const VRF_RANDOM_OUTPUT_HASH_PREFIX = 3n;
const SQRT_POWER = (FIELD_SIZE + 1n) >> 2n;

type Point = readonly [bigint, bigint];
const Projective = secp256k1.ProjectivePoint;
const abi = AbiCoder.defaultAbiCoder();

/** The proof as the coordinator's `VRF.Proof` / `VRFTypes.Proof` struct takes it. */
export interface VrfProof {
  pk: [bigint, bigint];
  gamma: [bigint, bigint];
  c: bigint;
  s: bigint;
  seed: bigint;
  uWitness: string;
  cGammaWitness: [bigint, bigint];
  sHashWitness: [bigint, bigint];
  zInv: bigint;
}

/** A proving key: the secret scalar, its public point and the coordinator's key hash for it. */
export interface VrfKey {
  secretKey: bigint;
  publicKey: [bigint, bigint];
  /** `keccak256(abi.encode(pk))`, the coordinator's `hashOfKey`. */
  keyHash: string;
}

const toWord = (x: bigint): bigint => BigInt(keccak256(toBeHex(x, 32)));
const affine = (p: InstanceType<typeof Projective>): [bigint, bigint] => {
  const { x, y } = p.toAffine();
  return [x, y];
};
const lift = (p: Point) => Projective.fromAffine({ x: p[0], y: p[1] });
/** Ethereum address of a point: the last 20 bytes of keccak(x ‖ y), as ecrecover returns it. */
const addressOf = (p: Point): string =>
  getAddress("0x" + keccak256(solidityPacked(["uint256", "uint256"], p)).slice(26));

export function vrfKey(secretKey: bigint): VrfKey {
  if (secretKey <= 0n || secretKey >= GROUP_ORDER) throw new Error("VRF secret key must be in [1, n)");
  const publicKey = affine(Projective.BASE.multiply(secretKey));
  return { secretKey, publicKey, keyHash: keccak256(abi.encode(["uint256[2]"], [publicKey])) };
}

/** VRF.sol `_fieldHash`: keccak, re-hashed until below the field size. */
function fieldHash(packed: string): bigint {
  let x = BigInt(keccak256(packed));
  while (x >= FIELD_SIZE) x = toWord(x);
  return x;
}

/** VRF.sol `_newCandidateSecp256k1Point`: x from the hash, y = (x³+7)^((p+1)/4) made even. */
function candidate(packed: string): Point {
  const x = fieldHash(packed);
  let y = pow(mod(x * x * x + 7n, FIELD_SIZE), SQRT_POWER, FIELD_SIZE);
  if (y % 2n === 1n) y = FIELD_SIZE - y;
  return [x, y];
}

const onCurve = ([x, y]: Point): boolean => mod(x * x * x + 7n, FIELD_SIZE) === mod(y * y, FIELD_SIZE);

/** VRF.sol `_hashToCurve(pk, input)`: try-and-increment until the candidate is on the curve. */
export function hashToCurve(pk: Point, input: bigint): [bigint, bigint] {
  let p = candidate(
    solidityPacked(["uint256", "uint256", "uint256", "uint256"], [HASH_TO_CURVE_HASH_PREFIX, pk[0], pk[1], input]),
  );
  while (!onCurve(p)) p = candidate(toBeHex(p[0], 32));
  return [p[0], p[1]];
}

/**
 * The z that VRF.sol's `_projectiveECAdd(p, q)` ends with (the denominators of x and y, multiplied
 * unless equal): zInv must be its exact inverse, not that of any other representation of p + q.
 */
function projectiveZ(p: Point, q: Point): bigint {
  const lz = mod(q[0] - p[0], FIELD_SIZE);
  const dx = mod(lz * lz, FIELD_SIZE); // ((qy-py)/(qx-px))² − px − qx keeps the denominator lz²
  const dy = mod(dx * lz, FIELD_SIZE); // (px − sx)·slope − py: lz²·lz
  return dx !== dy ? mod(dx * dy, FIELD_SIZE) : dx;
}

/** VRF.sol `_scalarFromCurvePoints`: c, the raw keccak (never reduced mod n). */
function challenge(hash: Point, pk: Point, gamma: Point, u: string, v: Point): bigint {
  return BigInt(
    keccak256(
      solidityPacked(
        ["uint256", "uint256[2]", "uint256[2]", "uint256[2]", "uint256[2]", "address"],
        [SCALAR_FROM_CURVE_POINTS_HASH_PREFIX, hash, pk, gamma, v, u],
      ),
    ),
  );
}

/** The VRF output for a proof's gamma: `keccak256(abi.encode(3, gamma))`. */
export function randomnessOf(gamma: Point): bigint {
  return BigInt(keccak256(abi.encode(["uint256", "uint256[2]"], [VRF_RANDOM_OUTPUT_HASH_PREFIX, gamma])));
}

/** The words the coordinator delivers: `keccak256(abi.encode(randomness, i))` for i < numWords. */
export function wordsOf(randomness: bigint, numWords: number): bigint[] {
  return Array.from({ length: numWords }, (_, i) =>
    BigInt(keccak256(abi.encode(["uint256", "uint256"], [randomness, i]))),
  );
}

/** The seed the coordinator proves against: `keccak256(abi.encodePacked(preSeed, blockHash))`. */
export function actualSeed(preSeed: bigint, blockHash: string): bigint {
  return BigInt(keccak256(solidityPacked(["uint256", "bytes32"], [preSeed, blockHash])));
}

/**
 * A proof for a coordinator request: `preSeed` from its `RandomWordsRequested` event, `blockHash`
 * of the block the request was made in. Returns the proof and the randomness it proves.
 * The nonce is derived from the key and the seed (deterministic, as RFC 6979 does for ECDSA), and
 * re-derived in the negligible cases VRF.sol rejects (a zero scalar, coinciding witnesses).
 */
export function prove(key: VrfKey, preSeed: bigint, blockHash: string): { proof: VrfProof; randomness: bigint } {
  const seed = actualSeed(preSeed, blockHash);
  const pk = key.publicKey;
  const hash = hashToCurve(pk, seed);
  const H = lift(hash);
  const gammaPoint = H.multiply(key.secretKey);
  const gamma = affine(gammaPoint);
  for (let attempt = 0n; ; attempt++) {
    const k = mod(
      BigInt(keccak256(abi.encode(["uint256", "uint256", "uint256"], [key.secretKey, seed, attempt]))),
      GROUP_ORDER,
    );
    if (k === 0n) continue;
    const uWitness = addressOf(affine(Projective.BASE.multiply(k)));
    const v = affine(H.multiply(k));
    const c = challenge(hash, pk, gamma, uWitness, v);
    const cModN = mod(c, GROUP_ORDER);
    const s = mod(k - cModN * key.secretKey, GROUP_ORDER);
    if (cModN === 0n || s === 0n) continue;
    const cGammaWitness = affine(gammaPoint.multiply(cModN));
    const sHashWitness = affine(H.multiply(s));
    if (cGammaWitness[0] === sHashWitness[0]) continue;
    const zInv = invert(projectiveZ(cGammaWitness, sHashWitness), FIELD_SIZE);
    return {
      proof: { pk: [pk[0], pk[1]], gamma, c, s, seed: preSeed, uWitness, cGammaWitness, sHashWitness, zInv },
      randomness: randomnessOf(gamma),
    };
  }
}
