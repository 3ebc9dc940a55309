// Settling an obtained job: wait for it (with what finished jobs of its profile say about its duration), turn an
// unsuccessful end (Ctrl-C, the deadline, a failure at the vendor) into a ResourceInitError that keeps the job in
// the stack, and record how it ended in the ledger.

import { AbortError, JobFailedError, WaitTimeoutError } from "../../../sdk/core/errors";
import { type DurationHint, durationHintOf } from "../../../sdk/core/wait/duration-hint";
import { observedFinishMs, type WaitProgress } from "../../../sdk/core/wait/waiter";
import { type AnyJobKind, type JobContext, type JobView, profileOf } from "../../job-kind";
import { noteFirstLook } from "../held-ids";
import { processLedger } from "../ledger/process-ledger";
import { placementRecordAtCreate } from "../placement";
import { waitProgressLogger } from "../progress-log";
import { cancelledWaitMessage, runCancellation } from "../run-cancellation";
import { storeKindInputs } from "../stored-inputs";
import { nameOf } from "./job-context";
import { outputsOf } from "./job-outputs";
import { failedError, ResourceInitError } from "./resource-init-error";
import { waitOptions } from "./settings";
import type { Props } from "./stored-state";
import type { Obtained } from "./submission";

/** Durations of this many finished jobs of the same profile (the newest) make the waiter's hint. */
const DURATION_HISTORY = 20;

/** What finished jobs of the same kind, region and model say about this job's duration (nothing when unknown). */
async function expectedDuration(kind: AnyJobKind, ctx: JobContext): Promise<DurationHint | undefined> {
  const profile = profileOf(kind, ctx.inputs);
  if (!profile) return undefined;
  try {
    return durationHintOf(await (await processLedger()).durations(profile, DURATION_HISTORY));
  } catch (err) {
    ctx.log(`could not read past durations from the ledger (${(err as Error).message}); waiting without them`);
    return undefined;
  }
}

/**
 * Submit to finish as this runner saw it, for vendors that report no finish time (aicontent, VOD:
 * docs/vendor-notes/job-progress-and-durations.md): from its own submit to midway between the last poll that
 * found the job running and the one that found it done (`observedFinishMs`).
 */
function observedDurationMs(got: Obtained, waitStartedAt: number, last: WaitProgress | undefined) {
  const finishedMs = observedFinishMs(last);
  if (got.submittedAtMs === undefined || finishedMs === undefined) return undefined;
  return Math.round(waitStartedAt + finishedMs - got.submittedAtMs);
}

/** The outputs of a view of the job. */
type RecordOutputs = (view: JobView<Props>) => Props;

/** Waits for the job, turning an unsuccessful end into a ResourceInitError that keeps the job id in state. */
export async function settle(
  kind: AnyJobKind,
  ctx: JobContext,
  got: Obtained,
  initialDelayMs?: number,
): Promise<Props> {
  const inputs = ctx.inputs as Props;
  const stored = { ...storeKindInputs(kind, inputs), ...placementRecordAtCreate(inputs, ctx.placement) };
  const record: RecordOutputs = (view) => outputsOf(kind, stored, view, got.key, got.ambiguous);
  if (inputs.waitForCompletion === false) {
    return record(await noteFirstLook(ctx, got.key, await kind.observe(ctx, got.jobId)));
  }
  // Durations are learnt from submission to finish. A job this runner did not just submit (resumed after a crash,
  // recovered, adopted) has run for an unknown time, maybe longer than they say: planned from the start of this
  // wait, its first poll could come minutes after it finished (up to half the p90). It is looked at at once, then
  // waited for cold (polls at half the time waited).
  const fresh = got.submittedAtMs !== undefined;
  const hint = fresh ? await expectedDuration(kind, ctx) : undefined;
  let lastEvent: WaitProgress | undefined;
  const waitStartedAt = Date.now();
  let view: JobView<Props>;
  const logProgress = waitProgressLogger(ctx.log);
  const running = runCancellation.track(got.jobId, `${kind.name} "${nameOf(ctx)}"`);
  try {
    view = await kind.wait(ctx, got.jobId, {
      ...waitOptions(inputs, initialDelayMs ?? (fresh ? undefined : 0)),
      expectedDuration: hint,
      signal: runCancellation.signal,
      onProgress: (p: WaitProgress) => {
        lastEvent = p;
        running.status(p.status);
        logProgress(p);
      },
    });
  } catch (err) {
    throw await unsuccessfulEnd(kind, ctx, got, record, err, lastEvent);
  } finally {
    running.done();
  }
  await noteOutcome(kind, ctx, got, {
    ...view,
    durationMs: view.durationMs ?? observedDurationMs(got, waitStartedAt, lastEvent),
  });
  return record(view);
}

/**
 * The error a wait that did not end in success becomes: a ResourceInitError keeping the job in the stack for
 * Ctrl-C, the deadline and a failure at the vendor (noted in the ledger); any other error as it is.
 */
async function unsuccessfulEnd(
  kind: AnyJobKind,
  ctx: JobContext,
  got: Obtained,
  record: RecordOutputs,
  err: unknown,
  lastEvent: WaitProgress | undefined,
): Promise<unknown> {
  if (err instanceof AbortError && runCancellation.cancelled) {
    // Ctrl-C: no last look at the vendor (the engine is waiting for this step); the last poll's status will do.
    const message = cancelledWaitMessage(kind.name, got.jobId, lastEvent?.status ?? "running");
    const last = { jobId: got.jobId, status: lastEvent?.status ?? "UNKNOWN", done: false, outputs: {} };
    return new ResourceInitError(message, got.jobId, record(last), [message]);
  }
  if (err instanceof WaitTimeoutError) {
    const last = await kind
      .observe(ctx, got.jobId)
      .catch(
        () => ({ jobId: got.jobId, status: err.lastStatus ?? "UNKNOWN", done: false, outputs: {} }) as JobView<Props>,
      );
    const message =
      `${kind.name} ${got.jobId} is still ${last.status} after ${Math.round(err.timeoutMs / 1000)} s ` +
      "(waitTimeoutSeconds); its id is saved: run `pulumi up` again to keep waiting (nothing is submitted twice)";
    // The engine shows an init error's reasons, not its message: the reason is the whole story.
    return new ResourceInitError(message, got.jobId, record(last), [message]);
  }
  if (err instanceof JobFailedError) {
    const failure = { code: err.code, message: err.taskMessage };
    const last = await kind
      .observe(ctx, got.jobId)
      .catch(() => ({ jobId: got.jobId, status: err.status, done: true, outputs: {}, failure }) as JobView<Props>);
    await noteOutcome(kind, ctx, got, { ...last, done: true, failure: last.failure ?? failure });
    return failedError(
      kind,
      got.jobId,
      record({ ...last, done: true, failure: last.failure ?? failure }),
      err.requestId,
    );
  }
  return err;
}

/**
 * Keeps how the job ended in the ledger (the waiter learns durations from it: the vendor's where it reports
 * create and finish times, else as observed). Best effort: the id is known.
 */
async function noteOutcome(kind: AnyJobKind, ctx: JobContext, got: Obtained, view: JobView<Props>): Promise<void> {
  if (!got.key) return;
  try {
    const ledger = await processLedger();
    await ledger.update(got.key, {
      finishedAt: new Date().toISOString(),
      heldIds: view.heldIds,
      outcome: {
        status: view.status,
        failed: view.failure !== undefined,
        durationMs: view.durationMs,
        profile: profileOf(kind, ctx.inputs),
      },
    });
  } catch (err) {
    ctx.log(`could not note the job's outcome in the ledger (${(err as Error).message}); continuing`);
  }
}
