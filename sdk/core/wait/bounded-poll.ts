// One poll of a wait, bounded by the wait: the caller's abort stops it at once (a poll is a read: abandoning it
// costs nothing), and its retries (a throttled vendor is retried for minutes) never run past the wait's deadline.
import { sleep } from "../sleep";
import type { WaitClock } from "./wait-clock";

/**
 * The least real time a poll gets, even one made at the deadline: its first attempt, which may find the job done.
 * Past the deadline a wait therefore ends within this, or one attempt's response timeout, whichever is longer.
 */
export const LAST_POLL_MS = 1_000;

/** What a bounded poll came to: the observation, or the wait's deadline, which cut it off. */
export type BoundedPoll<T> = { readonly value: T } | { readonly pastDeadline: true };

/**
 * Runs `observe` with a signal that fires when `signal` does or when `remainingMs` of the clock's time have
 * passed (at least {@link LAST_POLL_MS} of real time; never, for a clock without `realMs`), and stops waiting
 * for it then.
 * @throws what `observe` throws; the signal's reason when `signal` fires.
 */
export async function boundedPoll<T>(
  observe: (signal: AbortSignal) => Promise<T>,
  o: { readonly signal: AbortSignal | undefined; readonly clock: WaitClock; readonly remainingMs: number },
): Promise<BoundedPoll<T>> {
  const poll = new AbortController();
  const timers = new AbortController();
  let pastDeadline = false;
  const onAbort = () => poll.abort(o.signal?.reason);
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener("abort", onAbort, { once: true });
  if (o.clock.realMs) {
    const ms = Math.max(o.clock.realMs(Math.max(0, o.remainingMs)), LAST_POLL_MS);
    sleep(ms, timers.signal).then(
      () => {
        pastDeadline = true;
        poll.abort(new Error("the wait's deadline passed during a poll"));
      },
      () => {}, // the poll ended first
    );
  }
  const stopped = new Promise<never>((_, reject) => {
    if (poll.signal.aborted) reject(poll.signal.reason);
    poll.signal.addEventListener("abort", () => reject(poll.signal.reason), { once: true });
  });
  const observed = observe(poll.signal);
  observed.catch(() => {}); // when the abort wins the race, the poll's own rejection is of no interest
  stopped.catch(() => {});
  try {
    return { value: await Promise.race([observed, stopped]) };
  } catch (err) {
    if (pastDeadline && !o.signal?.aborted) return { pastDeadline: true };
    throw err;
  } finally {
    timers.abort();
    o.signal?.removeEventListener("abort", onAbort);
  }
}
