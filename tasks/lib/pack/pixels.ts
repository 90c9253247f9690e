/**
 * Pixel-art layers: a PNG turned into a page of palette and run lengths (as Nouns encodes its
 * parts), and the SVG fragment the on-chain renderer draws from such a page. The fragment written
 * here must be byte for byte the one `PackIndex` writes (the differential test compares them).
 *
 * Page layout: [0] 0x01 (an SVG page starts with `<`) | [1] scale (canvas / grid side) | [2] top |
 * [3] left | [4] bottom | [5] right (the opaque pixels' bounding box, bottom and right exclusive) |
 * [6] palette size n (1..255) | n x (r, g, b) | runs of (length 1..255, colour 0..n; 0 = transparent),
 * row by row over the box, none crossing a row's end.
 */
import { PNG } from "pngjs";
import { PackError } from "./sanitize";

/** The first byte of a pixel page. */
export const PIXEL_PAGE = 0x01;
/** The largest pixel grid, per side. */
export const MAX_GRID = 64;

/** Whether `page` is a pixel layer's page (else it is an SVG fragment). */
export const isPixelPage = (page: Uint8Array) => page.length > 0 && page[0] === PIXEL_PAGE;

/** Encodes the PNG `png` (square, at most 64 pixels a side, dividing `canvas`) as a pixel page. */
export function encodePixelLayer(png: Buffer, canvas: number, file: string): Uint8Array {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (err) {
    throw new PackError(`${file}: not a readable PNG (${(err as Error).message})`);
  }
  const { width, height, data } = image;
  if (width !== height) throw new PackError(`${file}: a pixel layer is square; this one is ${width}x${height}`);
  if (width > MAX_GRID)
    throw new PackError(`${file}: ${width} pixels a side, over the ${MAX_GRID} a pixel layer may have`);
  if (canvas % width !== 0)
    throw new PackError(
      `${file}: ${width} pixels a side does not divide the canvas of ${canvas} (each pixel must be a whole number of units)`,
    );
  const palette = new Map<string, number>();
  const colour = (x: number, y: number): number => {
    const i = 4 * (y * width + x);
    const a = data[i + 3];
    if (a === 0) return 0;
    if (a !== 255)
      throw new PackError(
        `${file}: pixel (${x}, ${y}) is partly transparent (alpha ${a}); pixel layers are opaque or clear`,
      );
    const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
    if (!palette.has(key)) {
      if (palette.size === 255) throw new PackError(`${file}: more than 255 colours`);
      palette.set(key, palette.size + 1);
    }
    return palette.get(key)!;
  };
  let [top, left, bottom, right] = [height, width, 0, 0];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (colour(x, y) !== 0)
        [top, left, bottom, right] = [
          Math.min(top, y),
          Math.min(left, x),
          Math.max(bottom, y + 1),
          Math.max(right, x + 1),
        ];
  if (bottom === 0) throw new PackError(`${file}: every pixel is transparent`);
  const runs: number[] = [];
  for (let y = top; y < bottom; y++) {
    let x = left;
    while (x < right) {
      const c = colour(x, y);
      let n = 1;
      while (x + n < right && n < 255 && colour(x + n, y) === c) n++;
      runs.push(n, c);
      x += n;
    }
  }
  const rgb = [...palette.keys()].flatMap((k) => k.split(",").map(Number));
  return new Uint8Array([PIXEL_PAGE, canvas / width, top, left, bottom, right, palette.size, ...rgb, ...runs]);
}

/** The SVG fragment of pixel page `page`: a group scaled to the canvas, one rect per coloured run. */
export function pixelFragment(page: Uint8Array): string {
  const [, scale, top, left, , right, n] = page;
  const fills = Array.from({ length: n }, (_, i) => `rgb(${page[7 + 3 * i]},${page[8 + 3 * i]},${page[9 + 3 * i]})`);
  let out = `<g transform="scale(${scale})" shape-rendering="crispEdges">`;
  let [x, y] = [left, top];
  for (let k = 7 + 3 * n; k < page.length; k += 2) {
    const [len, c] = [page[k], page[k + 1]];
    if (c !== 0) out += `<rect x="${x}" y="${y}" width="${len}" height="1" fill="${fills[c - 1]}"/>`;
    x += len;
    if (x === right) [x, y] = [left, y + 1];
  }
  return `${out}</g>`;
}

/** The text a layer's page adds to a token's SVG. */
export function layerSvg(page: Uint8Array): string {
  return isPixelPage(page) ? pixelFragment(page) : Buffer.from(page).toString("utf8");
}
