/**
 * Where the collection's external functions live, read from the compiler's output.
 *
 * About half of `LivingAsset`'s external functions forward their calldata to a linked library by
 * selector (`_forward`, `_forwardView`, `_delegate` in contracts/modules/LivingAssetBase.sol): the
 * library function decodes the same calldata and its ABI encoding is the answer. The compiler
 * cannot check that the two functions agree, so this module does, from a Hardhat build-info (its
 * solc ASTs and ABIs): the pairs come from the AST (every call to a forwarding helper and the
 * library function its `X.f.selector` names), never from a hand-written list.
 *
 * Used by test/forwarding.test.ts (the check, and docs/forwarding.md up to date) and by
 * scripts/forwarding.ts (`npm run docs:forwarding`, which writes the table).
 */
import path from "node:path";
import * as prettier from "prettier";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/** The parts of a Hardhat build-info this module reads. */
export interface BuildInfoLike {
  output: {
    sources: Record<string, { id: number; ast: AstNode }>;
    contracts: Record<string, Record<string, { abi: { type: string }[] }>>;
  };
}

/** A solc AST node (only the fields read here are typed). */
export interface AstNode {
  id: number;
  nodeType: string;
  name?: string;
  [key: string]: unknown;
}

/** A parameter or return value: its canonical ABI type (structs spelled out as tuples) and name. */
export interface Param {
  name: string;
  type: string;
  /** As written in the source, without data location (`VrfConfig`, `bytes32[]`). */
  shown: string;
}

/** A function's signature as the AST declares it. */
export interface Signature {
  name: string;
  inputs: Param[];
  outputs: Param[];
  stateMutability: string;
  visibility: string;
}

/** The helpers that run a library function on the current call's calldata. */
export const FORWARDERS = ["_forward", "_forwardView", "_delegate"] as const;

/** A library function reached by selector from an external function of the collection. */
export interface Forward {
  helper: (typeof FORWARDERS)[number];
  /** Source file of the library, e.g. `contracts/libraries/SaleLogic.sol`. */
  file: string;
  library: string;
  signature: Signature;
}

/** One external function of the collection: where it is declared and, if it forwards, where to. */
export interface ExternalFunction {
  selector: string;
  signature: Signature;
  /** Where the collection's own function (the most derived one) is written. */
  file: string;
  contract: string;
  /** A public state variable's getter rather than a function. */
  getter: boolean;
  /** The library functions it forwards to (an inline function with an explainer has one too). */
  forwards: Forward[];
}

type Located = AstNode & { __file: string };
type Index = Map<number, Located>;

function indexAst(info: BuildInfoLike): Index {
  const index: Index = new Map();
  for (const [file, { ast }] of Object.entries(info.output.sources)) {
    for (const n of findAll(ast, (node) => typeof node.id === "number")) index.set(n.id, { ...n, __file: file });
  }
  return index;
}

/** Every node under `node` (itself included) for which `pick` holds. */
function findAll(node: unknown, pick: (n: AstNode) => boolean, found: AstNode[] = []): AstNode[] {
  if (Array.isArray(node)) {
    for (const n of node) findAll(n, pick, found);
  } else if (node !== null && typeof node === "object") {
    const n = node as AstNode;
    if (typeof n.nodeType === "string" && pick(n)) found.push(n);
    for (const v of Object.values(n)) if (typeof v === "object") findAll(v, pick, found);
  }
  return found;
}

/** The canonical ABI type of a type name: structs as tuples, enums as uint8, contracts as address. */
function abiType(typeName: AstNode, index: Index): string {
  switch (typeName.nodeType) {
    case "ElementaryTypeName":
      return ((typeName.typeDescriptions as { typeString: string }).typeString ?? "").replace(/ payable$/, "");
    case "ArrayTypeName": {
      const length = typeName.length as AstNode | null;
      return `${abiType(typeName.baseType as AstNode, index)}[${length ? String(length.value) : ""}]`;
    }
    case "UserDefinedTypeName": {
      const decl = index.get(typeName.referencedDeclaration as number);
      if (!decl) throw new Error(`unresolved type ${typeName.name}`);
      if (decl.nodeType === "StructDefinition") {
        return `(${(decl.members as AstNode[]).map((m) => abiType(m.typeName as AstNode, index)).join(",")})`;
      }
      if (decl.nodeType === "EnumDefinition") return "uint8";
      if (decl.nodeType === "ContractDefinition") return "address";
      if (decl.nodeType === "UserDefinedValueTypeDefinition") return abiType(decl.underlyingType as AstNode, index);
      throw new Error(`type ${decl.nodeType} ${decl.name} has no ABI type`);
    }
    default:
      // mappings and function types are not ABI types: compare them as written
      return (typeName.typeDescriptions as { typeString: string }).typeString;
  }
}

function param(v: AstNode, index: Index): Param {
  const typeString = (v.typeDescriptions as { typeString: string }).typeString;
  return {
    name: v.name ?? "",
    type: abiType(v.typeName as AstNode, index),
    shown: typeString
      .replace(/ (calldata|memory|storage|pointer|ref)\b/g, "")
      .replace(/^(struct|contract|enum) /, "")
      .replace(/^\w+\./, ""),
  };
}

function signatureOf(fn: AstNode, index: Index): Signature {
  if (fn.nodeType === "VariableDeclaration") {
    // a public state variable's getter (the collection's are constants of value types)
    return {
      name: fn.name as string,
      inputs: [],
      outputs: [{ ...param(fn, index), name: "" }],
      stateMutability: "view",
      visibility: "public",
    };
  }
  const list = (key: string) => ((fn[key] as AstNode).parameters as AstNode[]).map((v) => param(v, index));
  return {
    name: fn.name as string,
    inputs: list("parameters"),
    outputs: list("returnParameters"),
    stateMutability: fn.stateMutability as string,
    visibility: fn.visibility as string,
  };
}

/** `name(type name, …)` as the source declares it. */
export function displaySignature(s: Signature): string {
  return `${s.name}(${s.inputs.map((p) => (p.name ? `${p.shown} ${p.name}` : p.shown)).join(", ")})`;
}

/** The forwards in a function body: each `helper(address(L), L.f.selector)` call. */
function forwardsIn(body: unknown, index: Index): Forward[] {
  const calls = findAll(body, (n) => {
    if (n.nodeType !== "FunctionCall") return false;
    const callee = n.expression as AstNode;
    return callee.nodeType === "Identifier" && (FORWARDERS as readonly string[]).includes(callee.name ?? "");
  });
  return calls.map((call) => {
    const helper = (call.expression as AstNode).name as Forward["helper"];
    const selectorArg = (call.arguments as AstNode[])[1];
    const member = selectorArg?.expression as AstNode | undefined;
    if (selectorArg?.nodeType !== "MemberAccess" || selectorArg.memberName !== "selector" || !member) {
      throw new Error(`a call to ${helper} whose selector is not written as Library.function.selector`);
    }
    const target = index.get(member.referencedDeclaration as number);
    if (!target || target.nodeType !== "FunctionDefinition") throw new Error(`${helper}: unresolved selector`);
    const library = index.get(target.scope as number);
    if (!library || library.contractKind !== "library") throw new Error(`${helper} to a non-library function`);
    return { helper, file: target.__file, library: library.name as string, signature: signatureOf(target, index) };
  });
}

/**
 * Every external function of `contract` (as many as its ABI has), each with the file of its most
 * derived implementation and the library functions it forwards to.
 */
export function externalFunctions(
  info: BuildInfoLike,
  file = "contracts/LivingAsset.sol",
  contract = "LivingAsset",
): ExternalFunction[] {
  const index = indexAst(info);
  const root = findAll(
    info.output.sources[file]?.ast,
    (n) => n.nodeType === "ContractDefinition" && n.name === contract,
  )[0];
  if (!root) throw new Error(`${file}:${contract} is not in the build-info`);

  const found = new Map<string, ExternalFunction>();
  for (const baseId of root.linearizedBaseContracts as number[]) {
    const base = index.get(baseId)!;
    for (const node of base.nodes as AstNode[]) {
      const selector = node.functionSelector as string | undefined;
      if (!selector || found.has(selector)) continue;
      const isFunction = node.nodeType === "FunctionDefinition" && node.implemented === true;
      const isGetter = node.nodeType === "VariableDeclaration" && node.stateVariable === true;
      if (!isFunction && !isGetter) continue;
      found.set(selector, {
        selector,
        signature: signatureOf(node, index),
        file: base.__file,
        contract: base.name as string,
        getter: isGetter,
        forwards: isFunction ? forwardsIn(node.body, index) : [],
      });
    }
  }
  const inAbi = info.output.contracts[file][contract].abi.filter((e) => e.type === "function").length;
  if (found.size !== inAbi) {
    throw new Error(`${contract}: ${found.size} implemented external functions found, its ABI has ${inAbi}`);
  }
  const key = (f: ExternalFunction) => `${f.signature.name.toLowerCase()} ${f.selector}`;
  return [...found.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The names a forward may have: the external function's own, or `explain<Name>` for an explainer. */
function expectedNames(name: string): string[] {
  return [name, `explain${name[0].toUpperCase()}${name.slice(1)}`];
}

const listTypes = (ps: Param[]) => `(${ps.map((p) => p.type).join(",")})`;

/**
 * What is wrong with the forwarding of `functions`, one line each (empty: nothing). A forwarding
 * function and the library function it reaches must have the same name (or `explain<Name>` for a
 * library function that only explains a refusal), the same parameter types and names with every
 * parameter named, and the same return types; a view forwards to a view.
 */
export function forwardingProblems(functions: ExternalFunction[]): string[] {
  const problems: string[] = [];
  for (const fn of functions) {
    const s = fn.signature;
    for (const f of fn.forwards) {
      const l = f.signature;
      const where = `${fn.contract}.${s.name} -> ${f.library}.${l.name}`;
      if (!expectedNames(s.name).includes(l.name)) problems.push(`${where}: the library function should be ${s.name}`);
      if (l.visibility !== "external" && l.visibility !== "public") {
        problems.push(`${where}: the library function is ${l.visibility}, so it has no selector to reach`);
      }
      if (listTypes(s.inputs) !== listTypes(l.inputs)) {
        problems.push(`${where}: takes ${listTypes(s.inputs)}, the library function ${listTypes(l.inputs)}`);
      }
      s.inputs.forEach((p, i) => {
        const q = l.inputs[i];
        if (!p.name) problems.push(`${where}: parameter ${i} of ${s.name} is unnamed`);
        if (q && !q.name) problems.push(`${where}: parameter ${i} of ${f.library}.${l.name} is unnamed`);
        if (q && p.name && q.name && p.name !== q.name) {
          problems.push(`${where}: parameter ${i} is ${p.name}, the library function's ${q.name}`);
        }
      });
      if (listTypes(s.outputs) !== listTypes(l.outputs)) {
        problems.push(`${where}: returns ${listTypes(s.outputs)}, the library function ${listTypes(l.outputs)}`);
      }
      const isView = (m: string) => m === "view" || m === "pure";
      if (isView(s.stateMutability) && !isView(l.stateMutability)) {
        problems.push(`${where}: a view forwards to a ${l.stateMutability} library function`);
      }
    }
  }
  return problems;
}

/** A library function that only says why a call was refused (it always reverts). */
const isExplainer = (f: Forward) => /^explain[A-Z]/.test(f.signature.name);

const fileCell = (file: string) => (file.startsWith("contracts/") ? `[${file}](../${file})` : `\`${file}\``);

/** docs/forwarding.md, before formatting. */
export function forwardingTable(functions: ExternalFunction[]): string {
  const rows = functions.map((fn) => {
    const body = fn.forwards.find((f) => !isExplainer(f));
    const explainers = fn.forwards.filter(isExplainer);
    const notes = [
      body ? `forwarded by \`${fn.contract}\` (\`${body.helper}\`)` : "",
      fn.getter ? "public constant" : "",
      ...explainers.map((f) => `refusals explained by \`${f.library}.${f.signature.name}\``),
    ].filter(Boolean);
    const [where, file] = body
      ? [`${body.library}.${body.signature.name}`, body.file]
      : [`${fn.contract}.${fn.signature.name}`, fn.file];
    return `| \`${displaySignature(fn.signature)}\` | \`${where}\` | ${fileCell(file)} | ${notes.join("; ")} |`;
  });
  const forwarded = functions.filter((fn) => fn.forwards.some((f) => !isExplainer(f)));
  return [
    "# Where the collection's functions live",
    "",
    "<!-- Generated by `npm run docs:forwarding` (scripts/forwarding.ts) from the compiler's ASTs; " +
      "test/forwarding.test.ts fails when it is out of date. Do not edit by hand. -->",
    "",
    `\`LivingAsset\` has ${functions.length} external functions. ${forwarded.length} of them forward their ` +
      "calldata by selector to a library function of the same name and parameters (`_forward`, " +
      "`_forwardView` or `_delegate` in contracts/modules/LivingAssetBase.sol run it by DELEGATECALL in the " +
      "collection's storage and return its answer as it is); the others have their body where they are " +
      "declared. A few check inline and, only when a check fails, forward to an `explain<Name>` library " +
      "function that reverts with the reason. test/forwarding.test.ts checks that each forwarding function " +
      "and the library function it reaches take and return the same types, with the same parameter names.",
    "",
    "| function | body | file | notes |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

/** Where the table is written, from the repository root. */
export const FORWARDING_DOC = "docs/forwarding.md";

/** The collection's build-info, as Hardhat saved it with the artifacts. */
export async function collectionBuildInfo(hre: HardhatRuntimeEnvironment): Promise<BuildInfoLike> {
  const info = await hre.artifacts.getBuildInfo("contracts/LivingAsset.sol:LivingAsset");
  if (!info) throw new Error("no build-info for LivingAsset: compile first (npx hardhat compile)");
  return info as unknown as BuildInfoLike;
}

/** docs/forwarding.md as `npm run docs:forwarding` writes it (formatted by the repository's Prettier). */
export async function forwardingDoc(functions: ExternalFunction[], root: string): Promise<string> {
  const file = path.join(root, FORWARDING_DOC);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(forwardingTable(functions), { ...options, filepath: file });
}
