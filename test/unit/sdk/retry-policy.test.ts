import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  AmbiguousSubmissionError,
  AuthenticationError,
  ConfigurationError,
  DuplicateSubmissionError,
  InvalidParameterError,
  NetworkError,
  OperationFailedError,
  ServiceNotActivatedError,
  ThrottlingError,
  TimeoutError,
  TransientServerError,
  UnknownOutcomeError,
} from "../../../sdk/core/errors";
import { isAmbiguousSubmission, shouldRetry } from "../../../sdk/core/retry-policy";
import { executeWithRetry } from "../../../sdk/core/retry-scheduler";

const ctx = { vendor: "alibaba" as const, service: "ice", action: "SubmitIProductionJob" };
const e = {
  throttled: new ThrottlingError({ ...ctx, code: "Throttling.User", message: "flow control" }),
  transient: new TransientServerError({ ...ctx, code: "InternalError", message: "boom" }),
  refused: new NetworkError({ ...ctx, message: "ECONNREFUSED", phase: "connect", requestSent: false }),
  reset: new NetworkError({ ...ctx, message: "ECONNRESET", phase: "response", requestSent: true }),
  connectTimeout: new TimeoutError({ ...ctx, message: "t", phase: "connect", requestSent: false }),
  responseTimeout: new TimeoutError({ ...ctx, message: "t", phase: "response", requestSent: true }),
  invalid: new InvalidParameterError({ ...ctx, code: "InvalidParameter", message: "bad" }),
  skew: new AuthenticationError({ ...ctx, code: "AuthFailure.SignatureExpire", message: "late" }),
  auth: new AuthenticationError({ ...ctx, code: "InvalidAccessKeyId.NotFound", message: "who" }),
  dup: new DuplicateSubmissionError({
    ...ctx,
    code: "InvalidParameterValue.SessionId",
    message: "dup",
    sessionId: "s",
  }),
  abort: new AbortError(ctx),
  failedOperation: new OperationFailedError({ ...ctx, code: "FailedOperation", message: "failed" }),
  notActivated: new ServiceNotActivatedError({ ...ctx, code: "FailedOperation.InvalidVodUser", message: "no VOD" }),
  unknownOutcome: new UnknownOutcomeError({ ...ctx, code: "UNKNOWN_ERROR", message: "未知错误", httpStatus: 200 }),
};

describe("shouldRetry: the one retry decision", () => {
  const table: Array<[keyof typeof e, boolean, boolean]> = [
    // error, retry when idempotent, retry when paid submit
    ["throttled", true, true],
    ["transient", true, false],
    ["refused", true, true],
    ["reset", true, false],
    ["connectTimeout", true, true],
    ["responseTimeout", true, false],
    ["invalid", false, false],
    ["auth", false, false],
    ["dup", false, false],
    ["abort", false, false],
    ["failedOperation", false, false],
    ["notActivated", false, false],
    ["unknownOutcome", true, false],
  ];
  for (const [name, idem, paid] of table) {
    it(`${name}: idempotent=${idem}, paid-submit=${paid}`, () => {
      expect(shouldRetry(e[name], "idempotent", 1)).toBe(idem);
      expect(shouldRetry(e[name], "paid-submit", 1)).toBe(paid);
    });
  }
  it("retries a clock-skew rejection once, with a fresh signature", () => {
    expect(shouldRetry(e.skew, "paid-submit", 1)).toBe(true);
    expect(shouldRetry(e.skew, "paid-submit", 2)).toBe(false);
  });
  it("never retries things that are not vendor errors", () => {
    expect(shouldRetry(new TypeError("bug"), "idempotent", 1)).toBe(false);
  });
  it("classifies sent-then-failed paid submits as ambiguous", () => {
    expect(isAmbiguousSubmission(e.reset, "paid-submit")).toBe(true);
    expect(isAmbiguousSubmission(e.transient, "paid-submit")).toBe(true);
    expect(isAmbiguousSubmission(e.throttled, "paid-submit")).toBe(false);
    expect(isAmbiguousSubmission(e.refused, "paid-submit")).toBe(false);
    expect(isAmbiguousSubmission(e.reset, "idempotent")).toBe(false);
  });
  it("classifies answers that do not say what happened as ambiguous for paid submits", () => {
    expect(isAmbiguousSubmission(e.failedOperation, "paid-submit")).toBe(true);
    expect(isAmbiguousSubmission(e.unknownOutcome, "paid-submit")).toBe(true);
    expect(isAmbiguousSubmission(e.notActivated, "paid-submit")).toBe(false);
    expect(isAmbiguousSubmission(e.invalid, "paid-submit")).toBe(false);
  });
});

describe("executeWithRetry", () => {
  const fast = { retries: 3, minDelayMs: 1, maxDelayMs: 2 };
  it("turns a sent-then-failed paid submit into AmbiguousSubmissionError (with marker) after one attempt", async () => {
    let calls = 0;
    const err = await executeWithRetry(
      async () => {
        calls++;
        throw e.reset;
      },
      { context: ctx, idempotency: "paid-submit", retry: fast, marker: "aigc-key-1" },
    ).catch((x) => x);
    expect(calls).toBe(1);
    expect(err).toBeInstanceOf(AmbiguousSubmissionError);
    expect(err.marker).toBe("aigc-key-1");
    expect(err.cause).toBe(e.reset);
    expect(err.message).toMatch(/marker aigc-key-1/);
  });
  it("retries throttling for a paid submit and returns the eventual success", async () => {
    let calls = 0;
    const v = await executeWithRetry(
      async () => {
        if (++calls < 3) throw e.throttled;
        return "job-1";
      },
      { context: ctx, idempotency: "paid-submit", retry: fast },
    );
    expect(v).toBe("job-1");
    expect(calls).toBe(3);
  });
  it("retries throttling past the retry count (not executed) until the throttling budget runs out", async () => {
    let calls = 0;
    const err = await executeWithRetry(
      async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        throw e.throttled;
      },
      { context: ctx, idempotency: "paid-submit", retry: { ...fast, retries: 2, throttleBudgetMs: 150 } },
    ).catch((x) => x);
    // 2 retries would have stopped at 3 calls; the budget of 150 ms allows many more.
    expect(calls).toBeGreaterThan(5);
    expect(err).toBeInstanceOf(ThrottlingError);
    expect(err.deadline).toBeInstanceOf(Date);
    expect(err.message).toMatch(
      /Still throttled after \d+ retries over 0 min \(the throttling budget ran out at \d{4}-/,
    );
    expect(err.message).toMatch(/not executed/);
  });
  it("counts the throttling budget from the first failure, not from a first attempt that queued long", async () => {
    let calls = 0;
    const v = await executeWithRetry(
      async () => {
        calls++;
        // The first attempt queued behind a catalog's other calls for longer than the whole budget.
        if (calls === 1) await new Promise((r) => setTimeout(r, 200));
        if (calls < 4) throw e.throttled;
        return "job-1";
      },
      { context: ctx, idempotency: "paid-submit", retry: { ...fast, retries: 1, throttleBudgetMs: 100 } },
    );
    expect(v).toBe("job-1");
    expect(calls).toBe(4);
  });
  it("with a throttling budget of 0, throttling counts as an ordinary retry", async () => {
    let calls = 0;
    const err = await executeWithRetry(
      async () => {
        calls++;
        throw e.throttled;
      },
      { context: ctx, idempotency: "paid-submit", retry: { ...fast, retries: 2, throttleBudgetMs: 0 } },
    ).catch((x) => x);
    expect(calls).toBe(3);
    expect(err).toBe(e.throttled);
  });
  it("waits for a throttling error's retry-after hint", async () => {
    let calls = 0;
    const started = Date.now();
    await executeWithRetry(
      async () => {
        if (++calls === 1) throw new ThrottlingError({ ...ctx, code: "Throttling", message: "", retryAfterMs: 120 });
        return 1;
      },
      { context: ctx, idempotency: "idempotent", retry: fast },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
  it("waits for a retry-after hint on a later retry too, and reports each hint to onRetry", async () => {
    let calls = 0;
    const hints: number[] = [];
    const started = Date.now();
    await executeWithRetry(
      async () => {
        calls++;
        if (calls === 1) throw e.throttled;
        if (calls === 2) throw new ThrottlingError({ ...ctx, code: "Throttling", message: "", retryAfterMs: 120 });
        return 1;
      },
      { context: ctx, idempotency: "idempotent", retry: fast, onRetry: (_err, _n, hintMs) => hints.push(hintMs) },
    );
    expect(calls).toBe(3);
    expect(hints).toEqual([0, 120]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
  it("gives up after the configured retries with the last error", async () => {
    let calls = 0;
    const err = await executeWithRetry(
      async () => {
        calls++;
        throw e.transient;
      },
      { context: ctx, idempotency: "idempotent", retry: fast },
    ).catch((x) => x);
    expect(calls).toBe(4);
    expect(err).toBe(e.transient);
  });

  describe("the backoff schedule and the checks of the options", () => {
    afterEach(() => vi.restoreAllMocks());

    it("waits round(r × minDelayMs × 2^(n−1)) before the n-th retry, r in [1, 2), at most maxDelayMs", async () => {
      vi.spyOn(Math, "random").mockReturnValue(0.5);
      const waits: number[] = [];
      const realSetTimeout = globalThis.setTimeout;
      vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
        waits.push(ms ?? 0);
        return realSetTimeout(fn, 0);
      }) as typeof setTimeout);
      const retried: number[] = [];
      const err = await executeWithRetry(
        async () => {
          throw e.transient;
        },
        {
          context: ctx,
          idempotency: "idempotent",
          retry: { retries: 3, minDelayMs: 10, maxDelayMs: 25 },
          onRetry: (_err, attempt) => retried.push(attempt),
        },
      ).catch((x) => x);
      expect(err).toBe(e.transient);
      expect(waits).toEqual([15, 25, 25]);
      expect(retried).toEqual([1, 2, 3]);
    });

    it("refuses bad retry options before any attempt, naming the option and the value", async () => {
      let calls = 0;
      const attempt = async () => ++calls;
      const run = (retry: object) =>
        executeWithRetry(attempt, { context: ctx, idempotency: "idempotent", retry }).catch((x) => x);
      const refused = await run({ retries: -1 });
      expect(refused).toBeInstanceOf(ConfigurationError);
      expect(refused.message).toBe("retry.retries must be a number ≥ 0 or Infinity (got -1)");
      expect((await run({ retries: Number.NaN })).message).toMatch(/retry\.retries .* \(got NaN\)/);
      expect((await run({ minDelayMs: Number.POSITIVE_INFINITY })).message).toMatch(
        /retry\.minDelayMs must be a finite/,
      );
      expect((await run({ maxDelayMs: -5 })).message).toMatch(/retry\.maxDelayMs .* \(got -5\)/);
      expect(calls).toBe(0);
      expect(await run({ retries: 0, maxDelayMs: Number.POSITIVE_INFINITY })).toBe(1);
    });

    it("reports a signal that fired during a successful attempt as AbortError", async () => {
      const controller = new AbortController();
      const err = await executeWithRetry(
        async () => {
          controller.abort(new Error("stop"));
          return 1;
        },
        { context: ctx, idempotency: "idempotent", retry: fast, signal: controller.signal },
      ).catch((x) => x);
      expect(err).toBeInstanceOf(AbortError);
    });

    it("stops waiting between attempts when the signal fires", async () => {
      const controller = new AbortController();
      let calls = 0;
      const pending = executeWithRetry(
        async () => {
          calls++;
          throw e.transient;
        },
        {
          context: ctx,
          idempotency: "idempotent",
          retry: { retries: 5, minDelayMs: 60_000 },
          signal: controller.signal,
        },
      ).catch((x) => x);
      await new Promise((r) => setTimeout(r, 20));
      controller.abort();
      expect(await pending).toBeInstanceOf(AbortError);
      expect(calls).toBe(1);
    });

    it("turns a thrown non-error into a TypeError, not retried", async () => {
      let calls = 0;
      const err = await executeWithRetry(
        async () => {
          calls++;
          throw "text";
        },
        { context: ctx, idempotency: "idempotent", retry: fast },
      ).catch((x) => x);
      expect(err).toEqual(new TypeError("a call attempt threw a non-Error: text"));
      expect(calls).toBe(1);
    });
  });
});
