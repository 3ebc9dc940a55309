import { describe, expect, it } from "vitest";
import {
  AbortError,
  JobFailedError,
  NotFoundError,
  TransientServerError,
  WaitTimeoutError,
} from "../../sdk/core/errors";
import { scaledClock } from "../../sdk/core/wait-clock";
import { nextPollDelay, pollUntilDone } from "../../sdk/core/waiter";

const ctx = { vendor: "alibaba" as const, service: "ice", action: "QueryIProductionJob" };

describe("nextPollDelay", () => {
  it("stays within [min, max] and grows with elapsed time", () => {
    for (const r of [0, 0.5, 0.999]) {
      expect(nextPollDelay(0, 1000, 60000, () => r)).toBeGreaterThanOrEqual(1000);
      expect(nextPollDelay(0, 1000, 60000, () => r)).toBeLessThanOrEqual(1200);
      expect(nextPollDelay(10_000, 1000, 60000, () => r)).toBeGreaterThanOrEqual(4000);
      expect(nextPollDelay(10_000, 1000, 60000, () => r)).toBeLessThanOrEqual(6000);
      expect(nextPollDelay(10_000_000, 1000, 60000, () => r)).toBeGreaterThanOrEqual(48000);
      expect(nextPollDelay(10_000_000, 1000, 60000, () => r)).toBeLessThanOrEqual(60000);
    }
  });

  it("needs polls that grow with log(latency), not latency", () => {
    const polls = (latencyMs: number) => {
      let t = 1000;
      let n = 1;
      while (t < latencyMs) {
        t += nextPollDelay(t, 1000, 60000, () => 0.5);
        n++;
      }
      return n;
    };
    const p3 = polls(3_000);
    const p30 = polls(30_000);
    const p300 = polls(300_000);
    expect(p3).toBeLessThanOrEqual(4);
    expect(p30).toBeLessThanOrEqual(10);
    expect(p300).toBeLessThanOrEqual(16);
    // Each extra decade of latency costs about the same number of polls (log-scale), far from ×10 per decade.
    expect(p300 - p30).toBeLessThanOrEqual(p30 - p3 + 3);
    expect(p300 / p3).toBeLessThan(10);
  });
});

describe("pollUntilDone", () => {
  const base = { context: ctx, jobId: "job-1", minDelayMs: 1, maxDelayMs: 2, initialDelayMs: 0 };

  it("returns the value of the first done observation", async () => {
    const statuses = ["Queuing", "Analysing", "Success"];
    let i = 0;
    const seen: string[] = [];
    const v = await pollUntilDone({
      ...base,
      observe: async () => {
        const status = statuses[i++]!;
        return { done: status === "Success", status, value: `v-${status}` };
      },
      onProgress: (p) => seen.push(p.status),
    });
    expect(v).toBe("v-Success");
    expect(seen).toEqual(statuses);
  });

  it("throws the observation's failure", async () => {
    const failure = new JobFailedError({
      ...ctx,
      code: "Fail",
      message: "bad input",
      jobId: "job-1",
      status: "Fail",
      job: {},
    });
    await expect(
      pollUntilDone({ ...base, observe: async () => ({ done: true, status: "Fail", value: 1, failure }) }),
    ).rejects.toBe(failure);
  });

  it("times out with the job id and the last status", async () => {
    const e = await pollUntilDone({
      ...base,
      timeoutMs: 30,
      observe: async () => ({ done: false, status: "Analysing", value: 0 }),
    }).catch((x) => x);
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect(e.jobId).toBe("job-1");
    expect(e.lastStatus).toBe("Analysing");
    expect(e.message).toMatch(/did not finish within 30 ms/);
  });

  it("aborts promptly with the job id", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const e = await pollUntilDone({
      ...base,
      minDelayMs: 10_000,
      maxDelayMs: 10_000,
      initialDelayMs: 10_000,
      signal: ac.signal,
      observe: async () => ({ done: false, status: "x", value: 0 }),
    }).catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(e.jobId).toBe("job-1");
  });

  it("tolerates transient poll errors but not permanent ones", async () => {
    let n = 0;
    const v = await pollUntilDone({
      ...base,
      observe: async () => {
        if (n++ < 2) throw new TransientServerError({ ...ctx, code: "InternalError", message: "" });
        return { done: true, status: "Success", value: "ok" };
      },
    });
    expect(v).toBe("ok");
    const gone = new NotFoundError({ ...ctx, code: "InvalidParameter.ResourceNotFound", message: "" });
    await expect(pollUntilDone({ ...base, observe: async () => Promise.reject(gone) })).rejects.toBe(gone);
  });
});

describe("scaledClock", () => {
  it("runs its time and its sleeps faster by the scale", async () => {
    const clock = scaledClock(1000);
    const before = clock.now();
    await clock.sleep(20_000); // 20 s of clock time: 20 ms of real time
    expect(clock.now() - before).toBeGreaterThanOrEqual(19_999);
    expect(() => scaledClock(0)).toThrow(/positive/);
  });
});
