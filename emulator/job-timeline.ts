/** When a job was created, how long it runs, and whether it was cancelled: its whole timeline. */
export interface JobTimeline {
  readonly createdAt: number;
  readonly latencyMs: number;
  readonly cancelledAt?: number | undefined;
}

export type JobStage = "queued" | "running" | "done" | "cancelled";

export interface JobPhase {
  readonly stage: JobStage;
  /** 0–100. */
  readonly progress: number;
  readonly startedAt: number | undefined;
  readonly finishedAt: number | undefined;
}

/** Share of a job's latency spent queued before it starts running. */
const QUEUED_SHARE = 0.1;

/**
 * A job's phase at `now`, computed from its timeline alone: queued for the first 10% of its latency, then
 * running with progress rising linearly, then done. State is a function of time, so nothing needs timers
 * and a restarted emulator continues every job where it was.
 */
export function jobPhase(t: JobTimeline, now: number): JobPhase {
  const startedAt = t.createdAt + t.latencyMs * QUEUED_SHARE;
  const finishedAt = t.createdAt + t.latencyMs;
  if (t.cancelledAt !== undefined && t.cancelledAt < finishedAt && now >= t.cancelledAt) {
    return {
      stage: "cancelled",
      progress: 0,
      startedAt: t.cancelledAt >= startedAt ? startedAt : undefined,
      finishedAt: t.cancelledAt,
    };
  }
  if (now >= finishedAt) return { stage: "done", progress: 100, startedAt, finishedAt };
  if (now < startedAt) return { stage: "queued", progress: 0, startedAt: undefined, finishedAt: undefined };
  const progress = Math.min(99, Math.floor(((now - startedAt) / Math.max(1, finishedAt - startedAt)) * 100));
  return { stage: "running", progress, startedAt, finishedAt: undefined };
}
