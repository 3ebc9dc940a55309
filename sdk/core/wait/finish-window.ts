import type { DurationHint } from "./duration-hint";

/** When a job is expected to finish, in ms since the wait began: most likely between `fromMs` and `toMs`. */
export interface FinishWindow {
  readonly fromMs: number;
  readonly toMs: number;
  /** What placed it: past durations of similar jobs, or this job's own progress. */
  readonly basis: "history" | "progress";
}

/** What one poll of a job that was not done yet saw, as far as its finish is concerned. */
export interface Sighting {
  /** When, in ms since the wait began. */
  readonly atMs: number;
  /** 0–100 when the vendor reports progress. */
  readonly progress?: number | undefined;
  /** The vendor says the job has not started yet (Tencent WAITING, ICE Queuing, aicontent WAIT_SCHEDULE...). */
  readonly queued?: boolean | undefined;
}

/** The 90th percentile of the standard normal distribution. */
const Z90 = 1.2816;
/**
 * The least spread (σ of log-normal durations) assumed for a profile, so that its window spans at least
 * 0.88–1.14 × the median: vendors report times in whole seconds, durations a runner observed are only known
 * between two polls, a few past jobs can look more alike than the next one will be.
 */
const MIN_SPREAD = 0.1;
/**
 * How far a finish predicted from progress may be off, as a share of the time left: no vendor documents how its
 * progress advances (docs/vendor-notes/job-progress-and-durations.md).
 */
const PROGRESS_ERROR = 0.25;
/** The rate is read over the last gain of at least this many points: recent, but not too coarse. */
const RATE_POINTS = 5;

/**
 * Where past durations put the finish: their middle 80% (p10 to p90), taking durations as log-normal, so that
 * p10 sits as far below the median as p90 above it.
 */
export function historyWindow(hint: DurationHint): FinishWindow {
  const spread = Math.max(MIN_SPREAD, Math.log(hint.p90Ms / hint.p50Ms) / Z90);
  return {
    fromMs: hint.p50Ms * Math.exp(-Z90 * spread),
    toMs: hint.p50Ms * Math.exp(Z90 * spread),
    basis: "history",
  };
}

/**
 * Where the job's own progress puts the finish: its recent rate — since the last sighting at least 5 points
 * lower, else since the first sighting of it running — carried on to 100%. Undefined until two sightings show
 * progress rising: one sighting cannot tell how long the job was queued before it started.
 */
export function progressWindow(sightings: readonly Sighting[]): FinishWindow | undefined {
  const last = sightings.at(-1);
  if (last?.progress === undefined || last.progress <= 0 || last.progress >= 100) return undefined;
  const lastProgress = last.progress;
  const running = sightings.filter((s) => s.progress !== undefined && s.progress > 0 && s.progress < lastProgress);
  const since = running.findLast((s) => s.progress! <= lastProgress - RATE_POINTS) ?? running[0];
  if (!since) return undefined;
  const gained = lastProgress - since.progress!;
  const leftMs = ((100 - lastProgress) * (last.atMs - since.atMs)) / gained;
  // Progress comes in whole percent: a gain of a few points says little about the rate.
  const error = PROGRESS_ERROR + 1 / gained;
  return {
    fromMs: last.atMs + leftMs * Math.max(0, 1 - error),
    toMs: last.atMs + leftMs * (1 + error),
    basis: "progress",
  };
}

/**
 * The expected finish of the job after these sightings: from its progress when it reports any (it is about this
 * very job), else from past durations; undefined when neither is known. A job still queued when it should be
 * finishing has outlived what past durations can tell: nothing is expected of it any more.
 */
export function finishWindow(hint: DurationHint | undefined, sightings: readonly Sighting[]): FinishWindow | undefined {
  const window = progressWindow(sightings) ?? (hint ? historyWindow(hint) : undefined);
  const last = sightings.at(-1);
  return window && last?.queued && last.atMs >= window.fromMs ? undefined : window;
}
