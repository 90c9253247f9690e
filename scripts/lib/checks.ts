/** Named checks for the scripted tests (browser, app, indexer): one line each, counted. */
export const tally = { passed: 0, failed: 0 };

export function check(name: string, ok: boolean, detail = ""): void {
  if (ok) tally.passed++;
  else tally.failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"} ${name}${!ok && detail ? `: ${detail}` : ""}`);
}
