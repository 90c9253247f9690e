/**
 * Pages of contract code (SSTORE2): what writing one costs at the least, and how a long file is cut
 * into pages. Shared by art packs, the holder's app on chain and the bench.
 */

/** Bytes of one page of a long file (under EIP-170's 24,576, less SSTORE2's STOP byte). */
export const FILE_PAGE_BYTES = 24_000;

/** Gas of writing one page as contract code (SSTORE2): the floor uploads are measured against. */
export function pageGasFloor(bytes: number): number {
  // CREATE 32,000 + 200 per byte of code deposited + calldata of the code (16 per byte, at worst)
  // + the transaction's 21,000.
  return 21_000 + 32_000 + 200 * (bytes + 1) + 16 * (bytes + 1);
}

/** `bytes` cut into pages of FILE_PAGE_BYTES, in order. */
export function splitPages(bytes: Uint8Array): Uint8Array[] {
  const pages: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += FILE_PAGE_BYTES) pages.push(bytes.slice(i, i + FILE_PAGE_BYTES));
  return pages;
}
