// How a batch works through its items: at most BATCH_CONCURRENCY at once, each counted as it ends, with one
// status line for the batch ("412/1000 finished") at most once a second.
//
// The pace of submissions and polls is the sdk's: every item's calls go through the process's shared clients,
// whose per-action rate limits queue a request until the account's budget allows it (../runtime/clients.ts), and
// whose connection pool bounds the sockets. The bound here keeps the work in flight (waiters, timers, ledger
// records) from growing with the batch: 10,000 items are 1,000 waits at a time, never 10,000.
import { type JobLog, statusOf } from "../runtime/progress-log";

/** Items worked on at once. At 18 submissions/s and a 3-minute job, 1,000 in flight still keep the vendor busy. */
export const BATCH_CONCURRENCY = 1000;
/** How often the batch's status line may change. */
export const BATCH_STATUS_EVERY_MS = 1000;

/** How an item ended, for the batch's count. */
export type ItemEnd = "finished" | "failed" | "unfinished";

/** The batch's count of items, logged as a status line. */
export class BatchProgress {
  private readonly ends: Record<ItemEnd, number> = { finished: 0, failed: 0, unfinished: 0 };
  private lastAt = 0;

  constructor(
    private readonly log: JobLog | ((line: string) => void),
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one item's end; says the count when a second has passed since the last line (or all are done). */
  note(end: ItemEnd): void {
    this.ends[end]++;
    const all = this.done === this.total;
    if (!all && this.now() - this.lastAt < BATCH_STATUS_EVERY_MS) return;
    this.lastAt = this.now();
    statusOf(this.log)(this.line());
  }

  /** Items ended so far. */
  get done(): number {
    return this.ends.finished + this.ends.failed + this.ends.unfinished;
  }

  /** "412/1000 finished, 3 failed, 2 unfinished". */
  line(): string {
    const { finished, failed, unfinished } = this.ends;
    return (
      `${finished}/${this.total} finished` +
      `${failed ? `, ${failed} failed` : ""}${unfinished ? `, ${unfinished} unfinished` : ""}`
    );
  }
}

/** Runs `work` on each of `list` with at most `limit` running at once; resolves when all have ended. Never rejects
 * for an item: `work` must turn its own failures into results. */
export async function forEachBounded<T>(
  list: readonly T[],
  work: (item: T) => Promise<void>,
  limit = BATCH_CONCURRENCY,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const item = list[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
}
