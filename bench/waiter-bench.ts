// The sdk's waiter against the emulator: polls per job and detection delay (finish seen minus finished) for jobs
// of 3 s, 30 s and 300 s, each latency in three batches: cold (no history), with the history the cold batch
// taught (p50/p90 of its durations: the vendor's for Tencent, as observed for VOD, as the provider records
// them), and jobs that run 4× that learned p50.
//
// Time: the emulator runs job lifecycles `timeScale` times faster, and so does the waiter's clock
// (`scaledClock`), the client's rate limits and every duration; all figures are in job time, as if the jobs
// ran for their full latency. The scale is moderate (a median job takes 6 s of wall time) because request
// latency is scaled too: 10 ms on a busy machine is 0.5 s of job time at ×50, already half a cold first pause.
// A job was created between its submit's sending and its answer, and seen done between the sending and the
// answer of the poll that found it done: the delay is taken between the midpoints, and its uncertainty (half
// of both round trips, in job time) is reported beside it.
import {
  AlibabaVodClient,
  closeTransport,
  type DurationHint,
  durationHintOf,
  observedFinishMs,
  scaledClock,
  TencentVodClient,
  type WaitClock,
  type WaitOptions,
  type WaitProgress,
} from "pulumi-aigc/sdk";
import { alibabaVodActions, tencentActions, underVendorLimit } from "pulumi-aigc/sdk/internal";
import { type EmulatorProcess, spawnEmulator } from "../harness";
import { percentile, round } from "./percentile";

/** The services measured: Tencent VOD (progress, one DescribeTaskDetail per poll); VOD (batched polls). */
export type WaiterService = "tencent-vod" | "alibaba-vod";
/** What the waiter knew: nothing, the cold batch's durations, or those durations for jobs 4× longer. */
export type WaiterHistory = "cold" | "learned" | "overrun";

/** One batch of jobs waited for together. Times in job seconds. */
export interface WaiterRun {
  readonly service: WaiterService;
  /** The median duration the batch was made around (the overrun batch: 4× the learned p50). */
  readonly latencySeconds: number;
  readonly history: WaiterHistory;
  /** The hint the waiter was given. */
  readonly hint?: { readonly p50Seconds: number; readonly p90Seconds: number } | undefined;
  readonly timeScale: number;
  readonly jobs: number;
  /** The waiter's polls per job. */
  readonly pollsPerJob: number;
  /** Vendor calls the polls made, per job (VOD: up to 10 jobs per GetAIImageJobs). */
  readonly callsPerJob: number;
  /** Finish seen minus finished. */
  readonly detectionDelay: { readonly p50Seconds: number; readonly p90Seconds: number; readonly maxSeconds: number };
  /** How far a job's delay may be off either way (p90 over the jobs): half the round trips, in job time. */
  readonly delayUncertaintySeconds: number;
  /** The same as a share of each job's duration. */
  readonly detectionDelayShare: { readonly p50: number; readonly p90: number };
  readonly wallSeconds: number;
}

/** Job durations vary log-normally around the median with this σ (p90 = 1.29 × p50). */
export const DURATION_SPREAD = 0.2;
/** Jobs per batch: VOD batches their polls by 10. */
const JOBS = 20;
/** Wall seconds a median job takes: the time scale is the latency over this (at least 1). */
const WALL_SECONDS_PER_JOB = 6;

/** The standard normal quantile, by a rational approximation (error below 5e-4). */
function normalQuantile(p: number): number {
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  const z =
    t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t ** 3);
  return p < 0.5 ? -z : z;
}

/** `n` durations spread log-normally around `medianMs` at evenly spaced quantiles, in a shuffled order. */
export function durationsAround(medianMs: number, n = JOBS, spread = DURATION_SPREAD): number[] {
  const sorted = Array.from({ length: n }, (_, i) => medianMs * Math.exp(spread * normalQuantile((i + 0.5) / n)));
  // A fixed interleaving, so that long and short jobs are submitted side by side.
  return sorted.map((_, i) => Math.round(sorted[(i * 7) % n]!));
}

interface JobResult {
  readonly durationMs: number;
  readonly polls: number;
  /** Job ms from finish to the poll that showed it done. */
  readonly delayMs: number;
  /** How far `delayMs` may be off either way: half of the submit's and of that poll's round trips. */
  readonly uncertaintyMs: number;
  /** What the provider would record: the vendor's duration where it reports one, else as observed. */
  readonly learnedMs: number | undefined;
}

/** When a request left and when its answer came, real ms. */
type RoundTrip = readonly [sent: number, answered: number];

/** A scaled clock that notes when each of its sleeps ends: the waiter sends its next poll right then. */
function wakingClock(timeScale: number): { clock: WaitClock; lastWake: () => number } {
  const scaled = scaledClock(timeScale);
  let wokeAt = performance.now();
  return {
    clock: {
      now: () => scaled.now(),
      sleep: async (ms, signal) => {
        await scaled.sleep(ms, signal);
        wokeAt = performance.now();
      },
    },
    lastWake: () => wokeAt,
  };
}

/** Waits for one job on its own waking clock: the round trip of the poll that found it done, and the events. */
async function timedWait<T>(
  timeScale: number,
  wait: WaitOptions,
  waitFor: (options: WaitOptions) => Promise<T>,
): Promise<{ value: T; seen: RoundTrip; last: WaitProgress | undefined }> {
  const { clock, lastWake } = wakingClock(timeScale);
  let last: WaitProgress | undefined;
  const value = await waitFor({ ...wait, clock, onProgress: (p) => (last = p) });
  return { value, seen: [lastWake(), performance.now()], last };
}

/** The measures of one job from its submit's round trip and the done poll's, in job time. */
function measured(durationMs: number, timeScale: number, submit: RoundTrip, seen: RoundTrip) {
  const mid = (r: RoundTrip) => (r[0] + r[1]) / 2;
  const half = (r: RoundTrip) => (r[1] - r[0]) / 2;
  return {
    delayMs: (mid(seen) - mid(submit)) * timeScale - durationMs,
    uncertaintyMs: (half(seen) + half(submit)) * timeScale,
  };
}

/** Submits one job that runs `durationMs` of job time, waits for it, and measures. */
type RunJob = (durationMs: number, index: number, wait: WaitOptions) => Promise<JobResult>;

function tencentJob(emu: EmulatorProcess, timeScale: number): { run: RunJob; pollAction: string } {
  const limits = tencentActions;
  const client = new TencentVodClient({
    endpoint: emu.url,
    credentials: emu.credentials.tencent,
    subAppId: 251007502,
    rateLimits: {
      CreateSceneAigcImageTask: underVendorLimit(limits.CreateSceneAigcImageTask.vendorRateLimit * timeScale),
      DescribeTaskDetail: underVendorLimit(limits.DescribeTaskDetail.vendorRateLimit * timeScale),
    },
  });
  const run: RunJob = async (durationMs, index, wait) => {
    const sent = performance.now();
    const { TaskId } = await client.createSceneAigcImageTask({
      SceneInfo: { Type: "outpainting" },
      FileInfos: [{ Type: "Url", Url: `https://example.com/in-${index}.png` }],
      SessionContext: `emulator:latency=${durationMs}`,
    });
    const submit: RoundTrip = [sent, performance.now()];
    const w = await timedWait(timeScale, wait, (o) => client.waitForTask(TaskId, o));
    return {
      durationMs,
      polls: w.last?.polls ?? 0,
      ...measured(durationMs, timeScale, submit, w.seen),
      // Tencent reports both times (whole seconds): the provider records their difference.
      learnedMs: Date.parse(w.value.FinishTime) - Date.parse(w.value.CreateTime),
    };
  };
  return { run, pollAction: "DescribeTaskDetail" };
}

function vodJob(emu: EmulatorProcess, timeScale: number): { run: RunJob; pollAction: string } {
  const client = new AlibabaVodClient({
    endpoint: emu.url,
    credentials: emu.credentials.alibaba,
    rateLimits: {
      SubmitAIImageJob: underVendorLimit(alibabaVodActions.SubmitAIImageJob.vendorRateLimit * timeScale),
      GetAIImageJobs: underVendorLimit(alibabaVodActions.GetAIImageJobs.vendorRateLimit * timeScale),
    },
  });
  const run: RunJob = async (durationMs, _index, wait) => {
    const sent = performance.now();
    const { JobId } = await client.submitAIImageJob({
      VideoId: "357a8748c5774a0e89d2726e6436aa01",
      AITemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
      UserData: JSON.stringify({ Extend: { note: `emulator:latency=${durationMs}` } }),
    });
    const submit: RoundTrip = [sent, performance.now()];
    const w = await timedWait(timeScale, wait, (o) => client.waitForAIImageJob(JobId, o));
    const last = w.last;
    return {
      durationMs,
      polls: last?.polls ?? 0,
      ...measured(durationMs, timeScale, submit, w.seen),
      // VOD reports no finish time: the provider records midway between the last poll that saw the job running
      // and the one that saw it done (from its submit, which the wait follows at once).
      learnedMs: observedFinishMs(last),
    };
  };
  return { run, pollAction: "GetAIImageJobs" };
}

const seconds = (ms: number) => round(ms / 1000, 2);

async function batch(
  emu: EmulatorProcess,
  service: WaiterService,
  latencyMs: number,
  history: WaiterHistory,
  hint: DurationHint | undefined,
  timeScale: number,
): Promise<{ run: WaiterRun; learned: number[] }> {
  const job = service === "tencent-vod" ? tencentJob(emu, timeScale) : vodJob(emu, timeScale);
  const wait: WaitOptions = { expectedDuration: hint, timeoutMs: 24 * 3_600_000 };
  const t0 = performance.now();
  const results = await Promise.all(durationsAround(latencyMs).map((d, i) => job.run(d, i, wait)));
  const wallSeconds = round((performance.now() - t0) / 1000, 1);
  const stats = await emu.admin<{ requests: Record<string, number> }>("stats");
  const delays = results.map((r) => Math.max(0, r.delayMs));
  const shares = results.map((r) => Math.max(0, r.delayMs) / r.durationMs);
  return {
    run: {
      service,
      latencySeconds: seconds(latencyMs),
      history,
      hint: hint ? { p50Seconds: seconds(hint.p50Ms), p90Seconds: seconds(hint.p90Ms) } : undefined,
      timeScale,
      jobs: results.length,
      pollsPerJob: round(results.reduce((s, r) => s + r.polls, 0) / results.length, 2),
      callsPerJob: round((stats.requests[job.pollAction] ?? 0) / results.length, 2),
      detectionDelay: {
        p50Seconds: seconds(percentile(delays, 50)),
        p90Seconds: seconds(percentile(delays, 90)),
        maxSeconds: seconds(Math.max(...delays)),
      },
      delayUncertaintySeconds: seconds(
        percentile(
          results.map((r) => r.uncertaintyMs),
          90,
        ),
      ),
      detectionDelayShare: { p50: round(percentile(shares, 50), 3), p90: round(percentile(shares, 90), 3) },
      wallSeconds,
    },
    learned: results.flatMap((r) => (r.learnedMs === undefined ? [] : [r.learnedMs])),
  };
}

/**
 * The three batches of one service and latency: cold, with the history the cold batch taught, and jobs 4×
 * the learned p50 with that history.
 */
export async function measureWaiter(service: WaiterService, latencySeconds: number): Promise<WaiterRun[]> {
  const latencyMs = latencySeconds * 1000;
  const scaleFor = (ms: number) => Math.max(1, ms / 1000 / WALL_SECONDS_PER_JOB);
  const cold = await onEmulator(scaleFor(latencyMs), (emu, scale) =>
    batch(emu, service, latencyMs, "cold", undefined, scale),
  );
  const hint = durationHintOf(cold.learned);
  if (!hint) throw new Error(`${service}: the cold batch taught no durations`);
  const learned = await onEmulator(scaleFor(latencyMs), (emu, scale) =>
    batch(emu, service, latencyMs, "learned", hint, scale),
  );
  const overrunMs = 4 * hint.p50Ms;
  const overrun = await onEmulator(scaleFor(overrunMs), (emu, scale) =>
    batch(emu, service, overrunMs, "overrun", hint, scale),
  );
  return [cold.run, learned.run, overrun.run];
}

/** Runs `body` against a fresh emulator at `timeScale`, without the emulator's real-time rate limits. */
async function onEmulator<T>(timeScale: number, body: (emu: EmulatorProcess, scale: number) => Promise<T>): Promise<T> {
  // The client's rate limits are scaled with its clock; the emulator's own would count in real time.
  const emu = await spawnEmulator(["--time-scale", String(timeScale), "--no-rate-limits"]);
  try {
    return await body(emu, timeScale);
  } finally {
    await closeTransport();
    await emu.stop();
  }
}
