/**
 * Vector layers of an art pack: an SVG fragment (the inside of an `<svg>`, no root element) checked
 * against an allow-list and re-serialised canonically, so the bytes stored on chain are exactly
 * what was checked. Refused, each with a one-line reason: scripts, event handlers, `foreignObject`,
 * `style` (CSS reaches the network through `url()` and `@import`), text, external references
 * (`href` or `url(...)` to anything but an id defined in the same fragment), entities and character
 * references, CDATA, comments, declarations and processing instructions. Colours written `#rrggbb`
 * become `rgb(r,g,b)`: the collection's tokenURI is a `data:` URI in which `#` would end the data
 * and `%` would start an escape, so `%` is never stored and `#` only in a reference to an id of the
 * same layer (`url(#id)`, `href="#id"`), which the renderer must encode.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** A layer refused by the checks: the message says what and where. */
export class PackError extends Error {}

/** Elements a layer may use, each with the attributes it may carry besides the common ones. */
const ELEMENTS: Record<string, string[]> = {
  g: [],
  path: ["d", "pathLength"],
  rect: ["x", "y", "width", "height", "rx", "ry"],
  circle: ["cx", "cy", "r"],
  ellipse: ["cx", "cy", "rx", "ry"],
  line: ["x1", "y1", "x2", "y2"],
  polyline: ["points"],
  polygon: ["points"],
  defs: [],
  linearGradient: ["x1", "y1", "x2", "y2", "gradientUnits", "gradientTransform", "spreadMethod", "href"],
  radialGradient: ["cx", "cy", "r", "fx", "fy", "fr", "gradientUnits", "gradientTransform", "spreadMethod", "href"],
  stop: ["offset", "stop-color", "stop-opacity"],
  clipPath: ["clipPathUnits"],
  use: ["href", "x", "y", "width", "height"],
};

/** Presentation attributes any drawing element may carry. */
const COMMON = new Set([
  "id",
  "transform",
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "stroke-dasharray",
  "stroke-dashoffset",
  "opacity",
  "clip-path",
  "clip-rule",
  "visibility",
  "shape-rendering",
]);

/** Characters an attribute value may hold: no quotes, angle brackets, `&`, `\`, `%`, `;` or controls. */
const VALUE = /^[A-Za-z0-9 .,()#+\-_/:]*$/;
const ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** The largest fragment a layer may be (it is one page: EIP-170's 24,576 bytes, less a margin). */
export const MAX_FRAGMENT_BYTES = 24_000;
const MAX_DEPTH = 16;

interface Node {
  [tag: string]: Node[] | Record<string, string> | string | undefined;
}

/** `#rgb` / `#rrggbb` -> `rgb(r,g,b)`; any other `#` is refused by the caller. */
function hexColours(value: string): string {
  return value.replace(/#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b/g, (_, hex: string) => {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
    return `rgb(${r},${g},${b})`;
  });
}

/** The checked, canonical fragment and the ids it defines. */
export interface SanitizedFragment {
  svg: string;
  ids: string[];
}

/**
 * Checks `source` (an SVG fragment) and returns it re-serialised. Throws a `PackError` naming the
 * first thing refused; `where` (e.g. the file) starts the message.
 */
export function sanitizeFragment(source: string, where: string): SanitizedFragment {
  const fail = (why: string): never => {
    throw new PackError(`${where}: ${why}`);
  };
  if (Buffer.byteLength(source, "utf8") > MAX_FRAGMENT_BYTES)
    fail(`${Buffer.byteLength(source, "utf8")} bytes; a layer holds at most ${MAX_FRAGMENT_BYTES}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(source)) fail("control characters");
  if (/<!\[CDATA\[/i.test(source)) fail("CDATA sections are refused");
  if (/<!--/.test(source)) fail("comments are refused (they are stored and served as they are)");
  if (/<!/.test(source)) fail("declarations (DOCTYPE, ENTITY) are refused");
  if (/<\?/.test(source)) fail("processing instructions are refused");
  if (/&/.test(source)) fail("entities and character references (&...;) are refused");
  const wrapped = `<root>${source}</root>`;
  const valid = XMLValidator.validate(wrapped, { allowBooleanAttributes: false });
  if (valid !== true) fail(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parsed = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    processEntities: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
  }).parse(wrapped) as Node[];
  const ids: string[] = [];
  const refs: string[] = [];

  const attributes = (tag: string, attrs: Record<string, string>): string => {
    let out = "";
    for (const [rawName, rawValue] of Object.entries(attrs)) {
      const name = rawName === "xlink:href" ? "href" : rawName;
      if (/^on/i.test(name)) fail(`<${tag} ${rawName}>: event handlers are refused`);
      if (name === "style") fail(`<${tag} style>: inline CSS is refused; use presentation attributes`);
      if (!COMMON.has(name) && !ELEMENTS[tag].includes(name)) fail(`<${tag} ${rawName}>: attribute not allowed`);
      const value = hexColours(String(rawValue).trim());
      if (!VALUE.test(value)) fail(`<${tag} ${rawName}="${rawValue}">: characters not allowed in a value`);
      if (/javascript:|data:|\/\//i.test(value)) fail(`<${tag} ${rawName}>: external or script reference`);
      if (name === "href") {
        const m = /^#([A-Za-z][A-Za-z0-9_-]*)$/.exec(value);
        if (!m) fail(`<${tag} href="${rawValue}">: only a reference to an id in this layer (#id)`);
        refs.push(m![1]);
      } else {
        for (const u of value.matchAll(/url\(([^)]*)\)/g)) {
          const m = /^#([A-Za-z][A-Za-z0-9_-]*)$/.exec(u[1].trim());
          if (!m) fail(`<${tag} ${rawName}="${rawValue}">: url() may only name an id in this layer`);
          refs.push(m![1]);
        }
        if (value.replace(/url\(#[^)]*\)/g, "").includes("#"))
          fail(`<${tag} ${rawName}="${rawValue}">: # only in a colour (#rrggbb) or url(#id)`);
      }
      if (name === "id") {
        if (!ID.test(value)) fail(`<${tag} id="${rawValue}">: an id is a letter then up to 31 letters, digits, _ or -`);
        if (ids.includes(value)) fail(`<${tag} id="${value}">: defined twice`);
        ids.push(value);
      }
      out += ` ${name}="${value}"`;
    }
    return out;
  };

  const serialise = (nodes: Node[], depth: number): string => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} elements`);
    let out = "";
    for (const node of nodes) {
      const tag = Object.keys(node).find((k) => k !== ":@")!;
      if (tag === "#text") {
        if (String(node["#text"]).trim() !== "")
          fail("text is refused (fonts differ between viewers); draw it as paths");
        continue;
      }
      if (!(tag in ELEMENTS)) fail(`<${tag}> is not allowed`);
      const attrs = attributes(tag, (node[":@"] as Record<string, string>) ?? {});
      const children = serialise((node[tag] as Node[]) ?? [], depth + 1);
      out += children === "" ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${children}</${tag}>`;
    }
    return out;
  };

  const root = parsed[0]?.root as Node[] | undefined;
  const svg = serialise(root ?? [], 0);
  if (svg === "") fail("draws nothing");
  for (const r of refs) if (!ids.includes(r)) fail(`references #${r}, which this layer does not define`);
  return { svg, ids };
}
