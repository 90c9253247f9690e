/**
 * Progress of a long test, printed every `everyMs` (10 s by default) as "done of total": a test
 * that runs for minutes must not look like a hang.
 */
export class Progress {
  private readonly start = Date.now();
  private last = Date.now();

  constructor(
    private readonly unit: string,
    private readonly total: number,
    private readonly everyMs = Number(process.env.PROGRESS_EVERY_MS ?? 10_000),
  ) {}

  /** Call after each item: prints when `everyMs` has passed since the last line (never on the last item). */
  tick(done: number, detail = ""): void {
    const now = Date.now();
    if (now - this.last < this.everyMs || done >= this.total) return;
    this.last = now;
    const seconds = ((now - this.start) / 1000).toFixed(0);
    console.log(`      … ${done} of ${this.total} ${this.unit}${detail ? `, ${detail}` : ""} (${seconds} s)`);
  }
}
