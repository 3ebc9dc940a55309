import { describe, expect, it } from "vitest";
import {
  AbortError,
  JobFailedError,
  NotFoundError,
  TransientServerError,
  WaitTimeoutError,
} from "../../../sdk/core/errors";
import { scaledClock } from "../../../sdk/core/wait/wait-clock";
import { observedFinishMs, pollUntilDone, type WaitProgress } from "../../../sdk/core/wait/waiter";
import { VirtualClock } from "../../support/waiter-simulation";

const ctx = { vendor: "alibaba" as const, service: "ice", action: "QueryIProductionJob" };

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

  it("refuses an unusable expected duration before polling", async () => {
    let polls = 0;
    const observe = async () => {
      polls++;
      return { done: true, status: "Success", value: 1 };
    };
    await expect(pollUntilDone({ ...base, expectedDuration: { p50Ms: 0, p90Ms: 10 }, observe })).rejects.toThrow(
      /expectedDuration.p50Ms must be a positive number of ms \(got 0\)/,
    );
    await expect(pollUntilDone({ ...base, expectedDuration: { p50Ms: 20, p90Ms: 10 }, observe })).rejects.toThrow(
      /p90Ms must be at least p50Ms \(got p50Ms 20, p90Ms 10\)/,
    );
    expect(polls).toBe(0);
  });

  it("tells on the last event when the job finished: between the last running poll and this one", async () => {
    const clock = new VirtualClock();
    const events: WaitProgress[] = [];
    await pollUntilDone({
      ...base,
      clock,
      minDelayMs: 1000,
      maxDelayMs: 1000,
      observe: async () => ({ done: clock.now() >= 2500, status: "x", value: 0 }),
      onProgress: (e) => events.push(e),
    });
    expect(events.map((e) => e.elapsedMs)).toEqual([0, 1000, 2000, 3000]);
    expect(events.at(-1)!.finishedAfterMs).toBe(2000);
    expect(events.slice(0, -1).every((e) => e.finishedAfterMs === undefined)).toBe(true);
    expect(observedFinishMs(events.at(-1))).toBe(2500);
    expect(observedFinishMs(events.at(-2))).toBeUndefined(); // not over
    // The first poll found it done: it finished somewhere in the first 3 s, too wide to learn from.
    expect(observedFinishMs({ ...events.at(-1)!, finishedAfterMs: 0 })).toBeUndefined();
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
