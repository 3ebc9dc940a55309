// The retry scheduler and the rate limiter under an abort signal: a throttled call stops at once (its budget is
// minutes), a create's attempt on the wire is finished and its answer kept, and the AbortError says whether any
// attempt may have been executed.
import { describe, expect, it } from "vitest";
import {
  AbortError,
  AmbiguousSubmissionError,
  ThrottlingError,
  TimeoutError,
  type VendorError,
} from "../../../sdk/core/errors";
import { TokenBucket } from "../../../sdk/core/rate-limiter";
import { executeWithRetry } from "../../../sdk/core/retry-scheduler";

const ctx = { vendor: "alibaba" as const, service: "ice", action: "SubmitIProductionJob" };
const throttled = () => new ThrottlingError({ ...ctx, code: "Throttling.User", message: "flow control" });
const responseTimeout = () => new TimeoutError({ ...ctx, message: "t", phase: "response", requestSent: true });
/** The defaults' throttling budget (5 min) with quick backoffs: only the signal can end these calls soon. */
const budgeted = { retries: 4, minDelayMs: 20, maxDelayMs: 50, throttleBudgetMs: 300_000 };
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("executeWithRetry with a signal", () => {
  it("stops a paid submit throttled within its 5-min budget at once, not executed, sending nothing more", async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = executeWithRetry(
      async () => {
        calls++;
        throw throttled();
      },
      { context: ctx, idempotency: "paid-submit", retry: budgeted, signal: controller.signal, finishInFlight: true },
    ).catch((x) => x);
    await tick(150);
    const sent = calls;
    expect(sent).toBeGreaterThanOrEqual(2); // it was retrying the throttle
    const abortedAt = performance.now();
    controller.abort(new Error("Ctrl-C"));
    const err = await pending;
    expect(performance.now() - abortedAt).toBeLessThan(50);
    expect(err).toBeInstanceOf(AbortError);
    expect(err).not.toBeInstanceOf(AmbiguousSubmissionError);
    expect((err as AbortError).notExecuted).toBe(true);
    expect((err as AbortError).mayHaveExecuted).toBe(false);
    await tick(100);
    expect(calls).toBe(sent);
  });

  it("finishes a create's attempt that is on the wire when the signal fires, and keeps its answer", async () => {
    const controller = new AbortController();
    let calls = 0;
    const result = await executeWithRetry(
      async (n) => {
        calls++;
        if (n === 1) throw throttled();
        controller.abort(new Error("Ctrl-C")); // while the second attempt is in flight
        await tick(30);
        return "job-1";
      },
      { context: ctx, idempotency: "paid-submit", retry: budgeted, signal: controller.signal, finishInFlight: true },
    );
    expect(result).toBe("job-1");
    expect(calls).toBe(2);
  });

  it("without finishInFlight (a read), a signal during a successful attempt is still an AbortError", async () => {
    const controller = new AbortController();
    const err = await executeWithRetry(
      async () => {
        controller.abort(new Error("Ctrl-C"));
        return 1;
      },
      { context: ctx, idempotency: "idempotent", retry: budgeted, signal: controller.signal },
    ).catch((x) => x);
    expect(err).toBeInstanceOf(AbortError);
  });

  it("a paid submit whose attempt in flight fails ambiguously after the signal is reported ambiguous", async () => {
    const controller = new AbortController();
    const err = await executeWithRetry(
      async () => {
        controller.abort(new Error("Ctrl-C"));
        throw responseTimeout();
      },
      { context: ctx, idempotency: "paid-submit", retry: budgeted, signal: controller.signal, finishInFlight: true },
    ).catch((x) => x);
    expect(err).toBeInstanceOf(AmbiguousSubmissionError);
  });

  it("a deduplicated create stopped after an attempt that may have run does not say it was not executed", async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = executeWithRetry(
      async (n) => {
        calls++;
        throw n === 1 ? responseTimeout() : throttled();
      },
      { context: ctx, idempotency: "idempotent", retry: budgeted, signal: controller.signal, finishInFlight: true },
    ).catch((x) => x);
    await tick(150);
    controller.abort(new Error("Ctrl-C"));
    const err = (await pending) as VendorError;
    expect(err).toBeInstanceOf(AbortError);
    expect(err.notExecuted).toBe(false);
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it("a signal fired before the call sends nothing and says so", async () => {
    const controller = new AbortController();
    controller.abort(new Error("Ctrl-C"));
    let calls = 0;
    const err = await executeWithRetry(
      async () => {
        calls++;
        return 1;
      },
      { context: ctx, idempotency: "paid-submit", retry: budgeted, signal: controller.signal, finishInFlight: true },
    ).catch((x) => x);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).notExecuted).toBe(true);
    expect(calls).toBe(0);
  });
});

describe("TokenBucket with a signal", () => {
  it("drops a throttled retry waiting at the head of the queue on abort; the callers behind it go on", async () => {
    const bucket = new TokenBucket({ perSecond: 2, burst: 1 });
    await bucket.acquire(); // the only token
    const controller = new AbortController();
    const retry = bucket.acquire(controller.signal, ctx, true).catch((x) => x);
    const behind = bucket.acquire(undefined, ctx);
    expect(bucket.pending).toBe(2);
    const abortedAt = performance.now();
    controller.abort(new Error("Ctrl-C"));
    const err = await retry;
    expect(performance.now() - abortedAt).toBeLessThan(20);
    expect(err).toBeInstanceOf(AbortError);
    expect(bucket.pending).toBe(1);
    await behind; // served with the next token (within ~500 ms), not stalled by the dropped waiter
    expect(bucket.pending).toBe(0);
  });

  it("a slowed adaptive bucket does not hold an aborted caller until its next token", async () => {
    const bucket = new TokenBucket({ perSecond: 10, adaptive: true });
    for (let i = 0; i < 5; i++) bucket.throttled(); // the vendor kept refusing: the rate is far down
    expect(bucket.rate).toBeLessThan(5); // and its tokens are spent: the next caller queues
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal, ctx, true).catch((x) => x);
    await tick(10);
    const abortedAt = performance.now();
    controller.abort(new Error("Ctrl-C"));
    expect(await waiting).toBeInstanceOf(AbortError);
    expect(performance.now() - abortedAt).toBeLessThan(20);
  });
});
