// The waiter against simulated jobs on a virtual clock: polls per job and detection delay (finish seen minus
// finished) are measured for jobs of 3 s, 30 s and 300 s, with and without a learned history, with and without
// progress, and for jobs that run 4× longer than their history says. The bounds sit a little above what the
// waiter does today, and at the targets where it meets them: a regression fails here.
import { describe, expect, it } from "vitest";
import { makeRandom } from "../../../emulator/random";
import { type DurationHint, durationHintOf } from "../../../sdk/core/wait/duration-hint";
import {
  durationsAround,
  pollsOfHalvingWaiter,
  type SimBatch,
  type SimJob,
  simulateBatch,
} from "../../support/waiter-simulation";

const LATENCIES = [3_000, 30_000, 300_000] as const;
/** Job durations vary around their median like this (log-normal σ): p90 is 1.29 × p50. */
const SPREAD = 0.2;
/** Tencent and aicontent report progress (the emulator's rises linearly after 10% queued); VOD none. */
const WITH_PROGRESS: Omit<SimJob, "durationMs"> = { progress: "linear" };
const WITHOUT_PROGRESS: Omit<SimJob, "durationMs"> = { progress: "none", reportsQueue: false };

/** 100 jobs around `medianMs`, and the hint that 20 earlier jobs of the same kind teach. */
function jobsAround(medianMs: number, spread = SPREAD): { durations: number[]; learned: DurationHint } {
  return {
    durations: durationsAround(medianMs, 100, spread, 7),
    learned: durationHintOf(durationsAround(medianMs, 20, spread, 3))!,
  };
}

/** Mean polls per job of the waiter before this one (half the time waited, 1–60 s) on the same jobs. */
function halvingWaiterPolls(durations: readonly number[]): number {
  const random = makeRandom(5);
  return durations.reduce((s, d) => s + pollsOfHalvingWaiter(d, random), 0) / durations.length;
}

const describeBatch = (b: SimBatch) =>
  `${b.pollsPerJob.toFixed(2)} polls, delay p50 ${(b.delayShareP50 * 100).toFixed(1)}% ` +
  `p90 ${(b.delayShareP90 * 100).toFixed(1)}%`;

describe("with a learned history", () => {
  /** Polls per job allowed for 3 s, 30 s and 300 s jobs. */
  const pollBounds = { progress: [3.8, 4.0, 4.3], none: [4.6, 5.2, 6.0] } as const;
  for (const [name, shape] of [
    ["progress", WITH_PROGRESS],
    ["none", WITHOUT_PROGRESS],
  ] as const) {
    for (const [i, latency] of LATENCIES.entries()) {
      const title = `${latency / 1000} s jobs, ${name === "progress" ? "with" : "without"} progress`;
      it(`${title}: seen within 10% of their latency (p90), in few polls`, async () => {
        const { durations, learned } = jobsAround(latency);
        const b = await simulateBatch(durations, shape, learned);
        expect(b.delayShareP90, describeBatch(b)).toBeLessThanOrEqual(0.1);
        expect(b.pollsPerJob, describeBatch(b)).toBeLessThanOrEqual(pollBounds[name][i]!);
      });
    }
  }

  it("300 s Tencent jobs of one duration: at most 5 polls each, seen within 4%", async () => {
    const durations = durationsAround(300_000, 100, 0, 7);
    const b = await simulateBatch(durations, WITH_PROGRESS, durationHintOf(durations.slice(0, 20)));
    expect(b.pollsPerJob, describeBatch(b)).toBeLessThanOrEqual(5);
    expect(b.delayShareP90, describeBatch(b)).toBeLessThanOrEqual(0.04);
  });

  it("a job still queued when it should be finishing is not polled as if it were about to", async () => {
    // ICE: Queuing, then Analysing with no progress. These jobs queue for three quarters of a run 4× too long.
    const { durations, learned } = jobsAround(30_000);
    const long = durations.map((d) => d * 4);
    const told = await simulateBatch(long, { progress: "none", queuedShare: 0.75 }, learned);
    const untold = await simulateBatch(long, { progress: "none", queuedShare: 0.75, reportsQueue: false }, learned);
    expect(told.pollsPerJob, `${describeBatch(told)} vs ${describeBatch(untold)}`).toBeLessThan(untold.pollsPerJob - 1);
  });
});

describe("cold starts (no history)", () => {
  for (const latency of LATENCIES) {
    it(`${latency / 1000} s jobs: no more polls than the halving waiter, seen within about half of it`, async () => {
      const { durations } = jobsAround(latency);
      const baseline = halvingWaiterPolls(durations);
      for (const shape of [WITH_PROGRESS, WITHOUT_PROGRESS]) {
        const b = await simulateBatch(durations, shape);
        expect(b.pollsPerJob, describeBatch(b)).toBeLessThanOrEqual(baseline);
        expect(b.delayShareMax, describeBatch(b)).toBeLessThanOrEqual(0.65);
        expect(b.longestPauseMs).toBeLessThanOrEqual(60_000);
      }
    });
  }

  it("linear progress alone gets 30 s and 300 s jobs seen within about 10% (p90)", async () => {
    for (const latency of [30_000, 300_000]) {
      const b = await simulateBatch(jobsAround(latency).durations, WITH_PROGRESS);
      expect(b.delayShareP90, describeBatch(b)).toBeLessThanOrEqual(0.11);
    }
  });

  it("progress that is not linear costs at most a few more polls, and never a long oversleep", async () => {
    for (const latency of LATENCIES) {
      const { durations } = jobsAround(latency);
      const baseline = halvingWaiterPolls(durations);
      for (const progress of ["front-loaded", "back-loaded"] as const) {
        const b = await simulateBatch(durations, { progress });
        expect(b.pollsPerJob, `${progress}: ${describeBatch(b)}`).toBeLessThanOrEqual(baseline * 1.1);
        expect(b.delayShareMax, `${progress}: ${describeBatch(b)}`).toBeLessThanOrEqual(0.65);
      }
    }
  });
});

describe("jobs that run 4× their learned p50", () => {
  for (const latency of LATENCIES) {
    const title = `${latency / 1000} s history: never stalled (late: a poll a minute at least)`;
    it(`${title}, seen promptly with progress`, async () => {
      const { durations, learned } = jobsAround(latency);
      const long = durations.map((d) => d * 4);
      const withProgress = await simulateBatch(long, WITH_PROGRESS, learned);
      const without = await simulateBatch(long, WITHOUT_PROGRESS, learned);
      for (const b of [withProgress, without]) {
        // Only on the way to an expected finish may a pause reach half the learned p90.
        expect(b.longestPauseMs, describeBatch(b)).toBeLessThanOrEqual(Math.max(60_000, learned.p90Ms / 2));
        expect(b.delayShareMax, describeBatch(b)).toBeLessThanOrEqual(0.65);
      }
      expect(without.delayMaxMs, describeBatch(without)).toBeLessThanOrEqual(60_000);
      expect(withProgress.delayShareMax, describeBatch(withProgress)).toBeLessThanOrEqual(0.1);
    });
  }

  it("cost fewer polls than the halving waiter once jobs are long, and about as many when short", async () => {
    for (const latency of LATENCIES) {
      const { durations, learned } = jobsAround(latency);
      const long = durations.map((d) => d * 4);
      const baseline = halvingWaiterPolls(long);
      const withProgress = await simulateBatch(long, WITH_PROGRESS, learned);
      const without = await simulateBatch(long, WITHOUT_PROGRESS, learned);
      expect(withProgress.pollsPerJob, describeBatch(withProgress)).toBeLessThanOrEqual(baseline);
      // Without progress, the window of a short job is swept in 250 ms steps before it is known to be late.
      const allowance = latency === 3_000 ? 2 : latency === 30_000 ? 1.2 : 0.8;
      expect(without.pollsPerJob, describeBatch(without)).toBeLessThanOrEqual(baseline * allowance);
    }
  });
});
