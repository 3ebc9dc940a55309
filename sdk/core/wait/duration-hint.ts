import { ConfigurationError } from "../errors";

/**
 * How long jobs like the one waited for usually take, from submission to finish: what the waiter plans its
 * polls around. Build one from the durations of finished jobs of the same kind, region and model with
 * `durationHintOf`.
 */
export interface DurationHint {
  /** Median duration, ms. */
  readonly p50Ms: number;
  /** 90th percentile, ms (at least `p50Ms`). */
  readonly p90Ms: number;
}

/** Fewest durations that make a hint: with fewer, one unusual job would set the plan of the next. */
export const MIN_DURATION_SAMPLES = 3;

/** The value at quantile `q` (0–1) of sorted values, interpolated linearly between neighbours. */
function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * The hint that durations of finished jobs (ms) give: their median and 90th percentile. Undefined with fewer
 * than `MIN_DURATION_SAMPLES` positive durations (the waiter then starts cold).
 */
export function durationHintOf(durationsMs: readonly number[]): DurationHint | undefined {
  const usable = durationsMs.filter((d) => Number.isFinite(d) && d > 0).sort((a, b) => a - b);
  if (usable.length < MIN_DURATION_SAMPLES) return undefined;
  return { p50Ms: quantile(usable, 0.5), p90Ms: quantile(usable, 0.9) };
}

/**
 * Checks a hint a caller passed.
 * @throws ConfigurationError naming the field, the rule and the value.
 */
export function checkDurationHint(hint: DurationHint): DurationHint {
  for (const field of ["p50Ms", "p90Ms"] as const) {
    const v = hint[field];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
      throw new ConfigurationError(`expectedDuration.${field} must be a positive number of ms (got ${v})`);
    }
  }
  if (hint.p90Ms < hint.p50Ms) {
    throw new ConfigurationError(
      `expectedDuration.p90Ms must be at least p50Ms (got p50Ms ${hint.p50Ms}, p90Ms ${hint.p90Ms})`,
    );
  }
  return hint;
}
