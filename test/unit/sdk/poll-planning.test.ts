// The pieces the waiter plans its polls with: the duration hint, the expected finish window, the pause.
import { describe, expect, it } from "vitest";
import { durationHintOf } from "../../../sdk/core/wait/duration-hint";
import { finishWindow, historyWindow, progressWindow } from "../../../sdk/core/wait/finish-window";
import { nextPollDelay, pollPhase } from "../../../sdk/core/wait/poll-schedule";

const limits = { minDelayMs: 250, maxDelayMs: 60_000 };
const JITTERS = [0, 0.5, 0.999];

describe("durationHintOf", () => {
  it("gives the median and 90th percentile of the usable durations", () => {
    expect(durationHintOf([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110])).toEqual({ p50Ms: 60, p90Ms: 100 });
    expect(durationHintOf([3000, 0, -5, Number.NaN, 1000, 2000])).toEqual({ p50Ms: 2000, p90Ms: 2800 });
  });

  it("gives nothing for fewer than three durations: one odd job must not set the plan", () => {
    expect(durationHintOf([])).toBeUndefined();
    expect(durationHintOf([1000, 2000, 0])).toBeUndefined();
  });
});

describe("the expected finish window", () => {
  it("from history: p10 to p90, with p10 as far below the median as p90 above it", () => {
    const w = historyWindow({ p50Ms: 100_000, p90Ms: 150_000 });
    expect(w.basis).toBe("history");
    expect(w.toMs).toBeCloseTo(150_000, 0);
    expect(w.fromMs).toBeCloseTo(100_000 ** 2 / 150_000, 0);
  });

  it("from history: never narrower than 0.88–1.14 × the median, even around identical durations", () => {
    const w = historyWindow({ p50Ms: 30_000, p90Ms: 30_000 });
    expect(w.fromMs).toBeCloseTo(30_000 * 0.88, -2);
    expect(w.toMs).toBeCloseTo(30_000 * 1.137, -2);
  });

  it("from progress: needs two sightings of the job running, then carries the rate on to 100%", () => {
    expect(progressWindow([{ atMs: 10_000, progress: 20 }])).toBeUndefined();
    expect(
      progressWindow([
        { atMs: 5_000, progress: 0, queued: true },
        { atMs: 10_000, progress: 20 },
      ]),
    ).toBe(undefined);
    const w = progressWindow([
      { atMs: 10_000, progress: 10 },
      { atMs: 20_000, progress: 30 },
    ])!;
    // 20 points in 10 s: the last 70 take 35 s, give or take a quarter and the rounding of whole points.
    expect(w.basis).toBe("progress");
    expect(w.fromMs).toBeCloseTo(20_000 + 35_000 * (1 - 0.25 - 1 / 20), 0);
    expect(w.toMs).toBeCloseTo(20_000 + 35_000 * (1 + 0.25 + 1 / 20), 0);
  });

  it("from progress: reads the recent rate, so a job that slows down is expected later", () => {
    const slowing = [
      { atMs: 10_000, progress: 10 },
      { atMs: 20_000, progress: 50 },
      { atMs: 40_000, progress: 60 },
    ];
    const w = progressWindow(slowing)!;
    // 10 points in the last 20 s: 40 more points take 80 s.
    expect((w.fromMs + w.toMs) / 2).toBeCloseTo(40_000 + 80_000, -3);
  });

  it("progress, being about this very job, wins over history", () => {
    const hint = { p50Ms: 30_000, p90Ms: 40_000 };
    const sightings = [
      { atMs: 10_000, progress: 10 },
      { atMs: 20_000, progress: 30 },
    ];
    expect(finishWindow(hint, sightings)?.basis).toBe("progress");
    expect(finishWindow(hint, sightings.slice(0, 1))?.basis).toBe("history");
    expect(finishWindow(undefined, sightings.slice(0, 1))).toBeUndefined();
  });

  it("a job still queued when it should be finishing has outlived its history", () => {
    const hint = { p50Ms: 30_000, p90Ms: 40_000 };
    expect(finishWindow(hint, [{ atMs: 10_000, queued: true }])?.basis).toBe("history");
    expect(finishWindow(hint, [{ atMs: 28_000, queued: true }])).toBeUndefined();
    expect(finishWindow(hint, [{ atMs: 28_000, queued: false }])?.basis).toBe("history");
  });
});

describe("nextPollDelay", () => {
  const window = { fromMs: 270_000, toMs: 330_000, basis: "history" as const };

  it("cold: half the time waited, at least 1 s, ±20%", () => {
    expect(pollPhase(10_000, undefined)).toBe("cold");
    for (const r of JITTERS) {
      expect(nextPollDelay(0, undefined, limits, () => r)).toBeGreaterThanOrEqual(1000);
      expect(nextPollDelay(0, undefined, limits, () => r)).toBeLessThanOrEqual(1200);
      expect(nextPollDelay(10_000, undefined, limits, () => r)).toBeGreaterThanOrEqual(4000);
      expect(nextPollDelay(10_000, undefined, limits, () => r)).toBeLessThanOrEqual(6000);
      expect(nextPollDelay(10_000_000, undefined, limits, () => r)).toBe(60_000);
    }
  });

  it("approach: straight to the window's start, a little early rather than late", () => {
    expect(pollPhase(0, window)).toBe("approach");
    for (const r of JITTERS) {
      const d = nextPollDelay(100_000, window, { ...limits, maxDelayMs: 1e9 }, () => r);
      expect(d).toBeGreaterThanOrEqual(170_000 * 0.95);
      expect(d).toBeLessThanOrEqual(170_000);
    }
    // The longest pause still holds.
    expect(nextPollDelay(100_000, window, limits, () => 0.5)).toBe(60_000);
  });

  it("near: steps of 8% of the time waited, then the window's end", () => {
    expect(pollPhase(280_000, window)).toBe("near");
    for (const r of JITTERS) {
      const d = nextPollDelay(280_000, window, limits, () => r);
      expect(d).toBeGreaterThanOrEqual(280_000 * 0.08 * 0.8);
      expect(d).toBeLessThanOrEqual(280_000 * 0.08 * 1.2);
      const end = nextPollDelay(320_000, window, limits, () => r);
      expect(end).toBeGreaterThanOrEqual(10_000);
      expect(end).toBeLessThanOrEqual(11_000);
    }
  });

  it("late: backs off the later the job is, to half the time waited, within the longest pause", () => {
    expect(pollPhase(330_000, window)).toBe("late");
    const at = (t: number) => nextPollDelay(t, window, { ...limits, maxDelayMs: 1e9 }, () => 0.5);
    expect(at(330_000)).toBeCloseTo(330_000 * 0.08, -2);
    expect(at(396_000) / 396_000).toBeGreaterThan(at(330_000) / 330_000);
    expect(at(1_000_000)).toBe(500_000);
    expect(nextPollDelay(1_000_000, window, limits, () => 0.5)).toBe(60_000);
  });

  it("a longer pause is allowed only before the window's end (maxAheadMs); late, maxDelayMs holds", () => {
    const both = { minDelayMs: 250, maxDelayMs: 60_000, maxAheadMs: 200_000 };
    expect(nextPollDelay(100_000, window, both, () => 0)).toBe(170_000);
    expect(nextPollDelay(1_000_000, window, both, () => 0.5)).toBe(60_000);
    expect(nextPollDelay(1_000_000, undefined, both, () => 0.5)).toBe(60_000);
  });

  it("a window placed by progress never makes a pause longer than the time already waited", () => {
    const far = { fromMs: 900_000, toMs: 1_100_000, basis: "progress" as const };
    expect(nextPollDelay(50_000, far, { ...limits, maxDelayMs: 1e9 }, () => 0.5)).toBe(50_000);
  });

  it("frugal (no history): progress moves a poll to the window's end, or postpones it, never adds one", () => {
    const soon = { fromMs: 27_000, toMs: 33_000, basis: "progress" as const };
    // The cold poll would come at 30 s + 15 s; the window ends at 33 s: poll there instead.
    expect(nextPollDelay(30_000, soon, limits, () => 0, true)).toBe(3_000);
    const later = { fromMs: 80_000, toMs: 120_000, basis: "progress" as const };
    // The window starts after the cold poll would come: no sooner than that.
    expect(nextPollDelay(30_000, later, limits, () => 0.5, true)).toBe(30_000);
    // A window that starts before the cold poll does not bring the poll forward.
    const wide = { fromMs: 32_000, toMs: 90_000, basis: "progress" as const };
    expect(nextPollDelay(30_000, wide, limits, () => 0.5, true)).toBe(15_000);
  });

  it("stays within [minDelayMs, maxDelayMs]", () => {
    for (const r of JITTERS) {
      for (const t of [0, 10, 2_000, 299_000, 331_000, 10_000_000]) {
        for (const w of [undefined, window]) {
          const d = nextPollDelay(t, w, { minDelayMs: 500, maxDelayMs: 7_000 }, () => r);
          expect(d).toBeGreaterThanOrEqual(500);
          expect(d).toBeLessThanOrEqual(7_000);
        }
      }
    }
  });
});
