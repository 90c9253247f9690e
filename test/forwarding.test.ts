import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { expect } from "chai";

import {
  FORWARDING_DOC,
  type AstNode,
  type BuildInfoLike,
  collectionBuildInfo,
  externalFunctions,
  forwardingDoc,
  forwardingProblems,
} from "../scripts/lib/forwarding";

/** The FunctionDefinition `name` of `library` in a copy of `info` whose `file` AST may be edited. */
function withEditableFunction(
  info: BuildInfoLike,
  file: string,
  library: string,
  name: string,
): { copy: BuildInfoLike; fn: AstNode } {
  const source = structuredClone(info.output.sources[file]);
  const copy = { output: { ...info.output, sources: { ...info.output.sources, [file]: source } } };
  const lib = (source.ast.nodes as AstNode[]).find((n) => n.nodeType === "ContractDefinition" && n.name === library);
  const fn = (lib?.nodes as AstNode[] | undefined)?.find((n) => n.nodeType === "FunctionDefinition" && n.name === name);
  if (!fn) throw new Error(`${library}.${name} not found in ${file}`);
  return { copy, fn };
}

/** Turns a parameter's elementary type into another, as if its source had been edited. */
function retype(v: AstNode, type: string) {
  const typeName = v.typeName as AstNode;
  typeName.name = type;
  typeName.typeDescriptions = { typeIdentifier: `t_${type}`, typeString: type };
  v.typeDescriptions = { typeIdentifier: `t_${type}`, typeString: type };
}

const params = (fn: AstNode, list = "parameters") => (fn[list] as AstNode).parameters as AstNode[];

describe("forwarding: each forwarding function and the library function it reaches (docs/forwarding.md)", function () {
  let info: BuildInfoLike;

  before(async function () {
    info = await collectionBuildInfo(hre);
  });

  it("finds every forwarding call of the collection's sources in the AST", async function () {
    const functions = externalFunctions(info);
    const found = functions.reduce((n, f) => n + f.forwards.length, 0);
    // The same calls counted in the source text, so that an AST pattern that stopped matching
    // cannot make the check pass on nothing.
    const files = [
      "contracts/LivingAsset.sol",
      ...fs.readdirSync("contracts/modules").map((f) => `contracts/modules/${f}`),
    ];
    const written = files
      .map((f) => fs.readFileSync(f, "utf8").match(/\b_(forward|forwardView|delegate)\(address\(/g)?.length ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(found).to.equal(written);
    expect(found).to.be.greaterThanOrEqual(40);
    const abi = (await hre.artifacts.readArtifact("LivingAsset")).abi.filter((e) => e.type === "function");
    expect(functions).to.have.length(abi.length);
  });

  it("every forwarding function and its library function have the same name, parameters and return types", function () {
    expect(forwardingProblems(externalFunctions(info))).to.deep.equal([]);
  });

  it("docs/forwarding.md is up to date (regenerate it with npm run docs:forwarding)", async function () {
    const root = hre.config.paths.root;
    const expected = await forwardingDoc(externalFunctions(info), root);
    const actual = fs.readFileSync(path.join(root, FORWARDING_DOC), "utf8");
    expect(actual === expected, `${FORWARDING_DOC} is out of date: run npm run docs:forwarding`).to.equal(true);
  });

  describe("the check fails on a library function changed in the compiler's AST", function () {
    /** What the check finds in `copy` beyond what it finds in the build as it is (nothing). */
    const added = (copy: BuildInfoLike) => {
      const now = forwardingProblems(externalFunctions(info));
      return forwardingProblems(externalFunctions(copy)).filter((p) => !now.includes(p));
    };

    it("a parameter of another type", function () {
      const { copy, fn } = withEditableFunction(info, "contracts/libraries/SaleLogic.sol", "SaleLogic", "setTreasury");
      retype(params(fn)[0], "uint256");
      expect(added(copy)).to.deep.equal([
        "LivingAsset.setTreasury -> SaleLogic.setTreasury: takes (address), the library function (uint256)",
      ]);
    });

    it("a struct parameter with a field of another type", function () {
      // VrfConfig is declared in ISeedModule: a copy whose field changed is another shape.
      const file = "contracts/interfaces/ISeedModule.sol";
      const source = structuredClone(info.output.sources[file]);
      const copy = { output: { ...info.output, sources: { ...info.output.sources, [file]: source } } };
      const iface = (source.ast.nodes as AstNode[]).find((n) => n.name === "ISeedModule")!;
      const struct = (iface.nodes as AstNode[]).find((n) => n.name === "VrfConfig")!;
      retype(
        (struct.members as AstNode[]).find((m) => m.name === "callbackGasLimit")!,
        "uint64",
      );
      // The module and the library both name the one struct, so both sides change alike: no finding.
      expect(added(copy)).to.deep.equal([]);
    });

    it("a parameter more, or one fewer", function () {
      const { copy, fn } = withEditableFunction(
        info,
        "contracts/libraries/SeedLogic.sol",
        "SeedLogic",
        "rerequestCohort",
      );
      params(fn).push(structuredClone(params(fn)[0]));
      expect(added(copy)).to.deep.equal([
        "SeedModule.rerequestCohort -> SeedLogic.rerequestCohort: takes (uint256), the library function (uint256,uint256)",
      ]);
    });

    it("another return type", function () {
      const { copy, fn } = withEditableFunction(info, "contracts/libraries/SeedLogic.sol", "SeedLogic", "isRevealed");
      retype(params(fn, "returnParameters")[0], "uint256");
      expect(added(copy)).to.deep.equal([
        "SeedModule.isRevealed -> SeedLogic.isRevealed: returns (bool), the library function (uint256)",
      ]);
    });

    it("another name, a renamed or unnamed parameter", function () {
      const { copy, fn } = withEditableFunction(
        info,
        "contracts/libraries/RoyaltyLogic.sol",
        "RoyaltyLogic",
        "setTokenRoyalty",
      );
      fn.name = "setToken";
      params(fn)[1].name = "to";
      params(fn)[2].name = "";
      expect(added(copy)).to.deep.equal([
        "RoyaltyModule.setTokenRoyalty -> RoyaltyLogic.setToken: the library function should be setTokenRoyalty",
        "RoyaltyModule.setTokenRoyalty -> RoyaltyLogic.setToken: parameter 1 is receiver, the library function's to",
        "RoyaltyModule.setTokenRoyalty -> RoyaltyLogic.setToken: parameter 2 of RoyaltyLogic.setToken is unnamed",
      ]);
    });

    it("a view forwarding to a function that writes", function () {
      const { copy, fn } = withEditableFunction(info, "contracts/libraries/SeedLogic.sol", "SeedLogic", "seedOf");
      fn.stateMutability = "nonpayable";
      expect(added(copy)).to.deep.equal([
        "SeedModule.seedOf -> SeedLogic.seedOf: a view forwards to a nonpayable library function",
      ]);
    });
  });
});
