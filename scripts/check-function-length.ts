/**
 * Function-length gate (house style: a function fits on a screen or two): lists every function,
 * method, arrow function and function expression in the TypeScript sources whose body spans more
 * than LIMIT lines, and exits 1 if there is one. A function's length counts its own lines,
 * including those of functions nested in it, from the line of its name to its closing brace.
 * A mocha `describe` callback is a suite, a list of tests, and is not counted; each `it` is.
 * KNOWN lists the functions still over the limit, each at most at today's length: the check fails
 * when one of them grows or a new one goes over.
 *
 * Usage: `npx ts-node --transpile-only scripts/check-function-length.ts [--list N]` (run by
 * `npm run lint`); `--list N` prints the N longest functions instead of checking.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const LIMIT = 120;
const ROOTS = ["hardhat.config.ts", "deploy", "tasks", "scripts", "test", "cli-test", "config"];
const SKIP = new Set(["node_modules", "typechain-types", "artifacts", "cache", "out", "dist", "coverage"]);

/** Still over the limit (file and name -> its length today), to be split. */
const KNOWN: Record<string, number> = {
  // Owned by the test-quality work (issue 21, item 1), split there.
  "test/quality/properties.ts step": 265,
};

export interface FunctionSpan {
  file: string;
  name: string;
  line: number;
  lines: number;
}

function tsFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  if (fs.statSync(root).isFile()) return root.endsWith(".ts") ? [root] : [];
  return fs
    .readdirSync(root)
    .filter((entry) => !SKIP.has(entry))
    .flatMap((entry) => tsFiles(path.join(root, entry)));
}

/** The first string argument of the call at the root of a chain like `task("demo", ...).addFlag(...).setAction`. */
function chainLabel(call: ts.CallExpression): string {
  let root: ts.Expression = call;
  while (ts.isCallExpression(root) || ts.isPropertyAccessExpression(root)) {
    if (ts.isCallExpression(root) && ts.isIdentifier(root.expression)) break;
    root = root.expression;
  }
  const first = ts.isCallExpression(root) ? root.arguments[0] : undefined;
  const head = ts.isCallExpression(root) && ts.isIdentifier(root.expression) ? root.expression.text : "";
  return first && ts.isStringLiteralLike(first) ? `${head} "${first.text}"` : head;
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  if (ts.isCallExpression(parent)) {
    const callee = ts.isPropertyAccessExpression(parent.expression)
      ? parent.expression.name.text
      : parent.expression.getText(source);
    const label = chainLabel(parent);
    if (label.split(" ")[0] === callee) return label;
    return label ? `${label} .${callee} callback` : `${callee} callback`;
  }
  return "<anonymous>";
}

/** Every function-like node with a body in one file, with its line span. */
export function functionSpans(file: string): FunctionSpan[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const spans: FunctionSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      spans.push({ file, name: nameOf(node, source), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

function main(): void {
  const listAt = process.argv.indexOf("--list");
  const spans = ROOTS.flatMap(tsFiles).flatMap(functionSpans);
  spans.sort((a, b) => b.lines - a.lines);
  const show = (s: FunctionSpan) => `${String(s.lines).padStart(4)}  ${s.file}:${s.line}  ${s.name}`;
  if (listAt >= 0) {
    const n = Number(process.argv[listAt + 1] ?? 20);
    for (const s of spans.slice(0, n)) console.log(show(s));
    return;
  }
  const over = spans.filter(
    (s) => s.lines > LIMIT && !s.name.startsWith('describe "') && s.lines > (KNOWN[`${s.file} ${s.name}`] ?? 0),
  );
  if (over.length > 0) {
    console.error(`${over.length} function(s) over ${LIMIT} lines: split them into named steps`);
    for (const s of over) console.error(show(s));
    process.exit(1);
  }
  const known = Object.keys(KNOWN).length;
  console.log(
    `function length: ${spans.length} functions, none over ${LIMIT} lines but ${known} known (suites excepted)`,
  );
}

if (require.main === module) main();
