// A wait's poll is bounded by the wait: Ctrl-C stops a poll in flight at once (even one that ignores its signal,
// like a batched poll shared by many waits), and a poll the vendor keeps throttling ends at the wait's deadline,
// not at the end of the sdk's 5-minute throttling budget.
import { describe, expect, it } from "vitest";
import { AbortError, WaitTimeoutError } from "../../../sdk/core/errors";
import { LAST_POLL_MS } from "../../../sdk/core/wait/bounded-poll";
import { scaledClock } from "../../../sdk/core/wait/wait-clock";
import { pollUntilDone } from "../../../sdk/core/wait/waiter";

const ctx = { vendor: "alibaba" as const, service: "ice", action: "QueryIProductionJob" };
const base = { context: ctx, jobId: "job-1", minDelayMs: 1, maxDelayMs: 2, initialDelayMs: 0 };
/** A poll stuck in the sdk's throttled retries: it settles only when its signal fires. */
const throttledPoll = (signal: AbortSignal | undefined) =>
  new Promise<never>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
/** A poll that ignores its signal (a batch poll other waits share). */
const deafPoll = () => new Promise<never>(() => {});

describe("pollUntilDone bounds each poll", () => {
  it("a poll throttled past the deadline ends the wait at the deadline (WaitTimeoutError)", async () => {
    const started = performance.now();
    const err = await pollUntilDone({ ...base, timeoutMs: 1_500, observe: throttledPoll }).catch((x) => x);
    const took = performance.now() - started;
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(took).toBeGreaterThanOrEqual(1_400);
    expect(took).toBeLessThan(2_500);
  });

  it("a poll made at the deadline still gets its first attempt's time", async () => {
    let polls = 0;
    const started = performance.now();
    const err = await pollUntilDone({
      ...base,
      timeoutMs: 50,
      observe: async () => {
        polls++;
        await new Promise((r) => setTimeout(r, 200)); // longer than what is left of the wait, shorter than LAST_POLL_MS
        return { done: polls >= 2, status: "Running", value: 1 };
      },
    }).catch((x) => x);
    // The first poll (200 ms) outlived the 50 ms wait: it was answered, not cut off; the wait then timed out.
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as WaitTimeoutError).lastStatus).toBe("Running");
    expect(performance.now() - started).toBeLessThan(LAST_POLL_MS);
  });

  it("a scaled clock's deadline is in its time: 20 s at ×100 ends the wait within LAST_POLL_MS (real)", async () => {
    const started = performance.now();
    const err = await pollUntilDone({ ...base, timeoutMs: 20_000, clock: scaledClock(100), observe: deafPoll }).catch(
      (x) => x,
    );
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(performance.now() - started).toBeLessThan(LAST_POLL_MS + 500);
  });

  it("Ctrl-C stops a poll in flight at once, even one that ignores its signal", async () => {
    const controller = new AbortController();
    const pending = pollUntilDone({ ...base, signal: controller.signal, observe: deafPoll }).catch((x) => x);
    await new Promise((r) => setTimeout(r, 50));
    const abortedAt = performance.now();
    controller.abort(new Error("Ctrl-C"));
    const err = await pending;
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).jobId).toBe("job-1");
    expect(performance.now() - abortedAt).toBeLessThan(50);
  });
});
