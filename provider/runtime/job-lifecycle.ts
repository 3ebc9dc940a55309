// The exactly-once lifecycle of a job resource: create (claim → submit → record → wait), update (resume or
// nothing), read (refresh, keeping what cannot be proved gone) and delete (clean up, then release the intent).
import {
  AbortError,
  AmbiguousSubmissionError,
  ConfigurationError,
  CredentialsError,
  DuplicateSubmissionError,
  JobFailedError,
  NotFoundError,
  RequestValidationError,
  VendorError,
  WaitTimeoutError,
} from "../../sdk/core/errors";
import { type DurationHint, durationHintOf } from "../../sdk/core/duration-hint";
import { observedFinishMs, type WaitProgress } from "../../sdk/core/waiter";
import type { AnyJobKind, JobContext, JobView } from "../job-kind";
import { describeHolder } from "../resource-holder";
import { clientsFor } from "./clients";
import { refusedRepeatSince, vendorStillDedups } from "./dedup-window";
import { intentDigest, intentKey, legacyIntentKey } from "./identity";
import { noteInState, noteKeyInState, RESUMED_BY_ANOTHER, resumedInRun } from "./in-state";
import { heldByAnother, holderOfProps, openIntentOf, takeHold } from "./intent-holder";
import { type Intent, type Ledger, LedgerError, OPEN_STATES } from "./ledger/ledger";
import { processLedger } from "./ledger/process-ledger";
import { repairHeldClaim } from "./ledger/repair-claim";
import { settleOrphansAtCreate, settleOrphansAtDelete } from "./orphans";
import { jobPlacement, placementOf, placementRecord } from "./placement";
import { progressLogger, statusOf, waitProgressLogger } from "./progress-log";
import { setting } from "./provider-config";
import { redactDeep, redactUrlQueries } from "./redaction";
import { requestFor, withKey } from "./request";
import { noteReturned } from "./returned-jobs";
import { cancelledWaitMessage, runCancellation } from "./run-cancellation";
import { spendGuard } from "./spend-guard";
import { outputValuesOf, storedContextInputs, storedInputsOf, storeKindInputs } from "./stored-inputs";

type Props = Record<string, unknown>;

/**
 * What to do when a submit without vendor deduplication failed after reaching the vendor and the job it
 * may have created cannot be found: `fail` (default) stops and asks a human; `resubmit` submits again so
 * the update can finish unattended, accepting a possible duplicate (counted in `ambiguousSubmissions`).
 */
export type AmbiguityPolicy = "fail" | "resubmit";

/** Ambiguous submissions of one intent (across runs: the ledger counts them) after which even `resubmit` stops. */
const MAX_AMBIGUOUS = 3;
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 30 * 60;
/** How long a runner waits for another live runner's claim on the same intent to settle (aigc:claimWaitSeconds). */
function claimWaitMs(): number {
  const v = setting("claimWaitSeconds");
  const n = v === undefined ? 60 : Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new ConfigurationError(`aigc:claimWaitSeconds must be a number of seconds (got ${v})`);
  return n * 1000;
}

export function ambiguityPolicy(inputs: Props): AmbiguityPolicy {
  const v =
    typeof inputs.onAmbiguousSubmission === "string" ? inputs.onAmbiguousSubmission : setting("ambiguousSubmission");
  if (v === undefined || v === "fail" || v === "resubmit") return v ?? "fail";
  throw new ConfigurationError(`aigc:ambiguousSubmission must be "fail" or "resubmit" (got ${JSON.stringify(v)})`);
}

/**
 * Thrown when a job exists but did not succeed (failed, or still running at the deadline): Pulumi records
 * the resource with this id and these properties, so the next `up` resumes it instead of submitting again.
 */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

const strip = (props: Props): Props => {
  const { __provider: _p, ...rest } = props;
  return rest;
};

/** A hook's context; `placement` defaults to the inputs' own (a stored job's may differ: ./placement.ts). */
function contextFor(kind: AnyJobKind, inputs: Props, key: string, placement = placementOf(inputs)): JobContext {
  return {
    placement,
    inputs,
    key,
    clients: clientsFor(placement),
    log: progressLogger(kind.name, inputs),
    heldElsewhere: async (vendorId) => {
      const holders = await (await processLedger()).list({ holding: vendorId });
      return holders.some((i) => i.key !== key && i.state !== "released" && i.state !== "void");
    },
  };
}

const scopeOf = (inputs: Props) => (typeof inputs.idempotencyScope === "string" ? inputs.idempotencyScope : "");

/**
 * The resource's outputs: its stored inputs (./stored-inputs.ts: names and digests, not the inputs themselves),
 * the kind's outputs (redacted where they echo inputs) and the common ones.
 */
function outputsOf(kind: AnyJobKind, stored: Props, view: JobView<Props>, key: string, ambiguous: number): Props {
  const own: Props = {};
  for (const [name, value] of Object.entries(view.outputs)) {
    // Only declared outputs: a view built from stored outputs (a refresh that keeps them) holds stored inputs too.
    if (!(name in kind.outputs)) continue;
    own[name] = kind.outputs[name]?.echoesInputs ? redactDeep(value) : value;
  }
  const out: Props = {
    ...stored,
    ...own,
    [kind.idOutput]: view.jobId,
    status: view.status,
    // 100 once the job has ended, successfully or not: update() reads it to know there is nothing to wait for.
    progress: view.done ? 100 : Math.min(99, view.progress ?? 0),
    errorCode: view.failure?.code ?? "",
    errorMessage: view.failure ? redactUrlQueries(view.failure.message) : "",
    vendorState: view.vendorState,
    idempotencyKey: key,
    ambiguousSubmissions: ambiguous,
  };
  // Outputs travel as protobuf Structs, which cannot hold undefined: an absent value is an absent key.
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

function waitOptions(inputs: Props, initialDelayMs?: number) {
  const seconds =
    typeof inputs.waitTimeoutSeconds === "number" ? inputs.waitTimeoutSeconds : DEFAULT_WAIT_TIMEOUT_SECONDS;
  return { timeoutMs: seconds * 1000, ...(initialDelayMs !== undefined ? { initialDelayMs } : {}) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The vendor gave a job id that the ledger could not record: it must still reach the stack. */
class UnrecordedJobError extends Error {
  constructor(
    readonly jobId: string,
    readonly key: string,
    readonly ambiguous: number,
    cause: unknown,
  ) {
    super(
      `job ${jobId} was submitted but the ledger could not record it (${(cause as Error).message}); its id is saved ` +
        "in the stack: run `pulumi up` again to resume it",
      { cause },
    );
  }
}

/** A job id this create obtained, with the ledger intent that holds it. */
interface Obtained {
  readonly jobId: string;
  readonly key: string;
  readonly ambiguous: number;
  /** When this runner sent the submit that created the job (unset for resumed, recovered, adopted jobs). */
  readonly submittedAtMs?: number | undefined;
}

/**
 * Errors after which the vendor certainly created nothing: bad input or configuration caught before
 * sending, and error answers from the vendor that say so (throttling, auth, invalid parameter...).
 * Everything else — ambiguous failures, unknown outcomes, unreadable answers, bugs — may have left a job.
 */
function createdNothing(err: unknown): boolean {
  if (err instanceof RequestValidationError || err instanceof CredentialsError || err instanceof ConfigurationError) {
    return true;
  }
  if (!(err instanceof VendorError) || err instanceof AmbiguousSubmissionError) return false;
  if (err.code === "MalformedResponse") return false;
  // A transient or unknown outcome (an InternalError, an unknown error, a generic FailedOperation) may have run.
  return err.notExecuted || !(err.retryable || err.mayHaveExecuted);
}

/** The job-obtaining state machine of one create, against the ledger. */
class Submission {
  constructor(
    private readonly kind: AnyJobKind,
    private readonly ledger: Ledger,
    private readonly ctx: JobContext,
    private readonly request: Props,
    private intent: Intent,
  ) {}

  private get key(): string {
    return this.intent.key;
  }

  /** Resolves with the job of this intent: resumed, recovered, or submitted exactly once. */
  async obtain(): Promise<Obtained> {
    for (let round = 0; round < 1_000; round++) {
      const i = this.intent;
      if ((i.state === "submitted" || i.state === "adopted") && i.jobId) {
        if (round === 0) this.ctx.log(`resuming job ${i.jobId}, submitted by an earlier run (ledger ${this.key})`);
        return { jobId: i.jobId, key: this.key, ambiguous: i.ambiguous };
      }
      const { status, info } = await this.ledger.ownerStatus(i);
      if (status === "live") {
        this.intent = await this.awaitOwner(info);
        continue;
      }
      if (status !== "self") {
        const mine = await this.ledger.takeOver(this.key, i.owner);
        if (!mine) {
          this.intent = await this.reread();
          continue;
        }
        this.intent = mine;
      }
      // This runner holds the claim.
      if (this.intent.state === "void" || this.intent.attempts === 0) return this.submit();
      return this.recoverThenResubmit(new Date(Date.parse(this.intent.submittedAt ?? this.intent.createdAt) - 60_000));
    }
    throw new LedgerError(`intent ${this.key} keeps changing under this runner; stopping without submitting`);
  }

  private async reread(): Promise<Intent> {
    const cur = await this.ledger.get(this.key);
    if (!cur) throw new LedgerError(`intent ${this.key} disappeared from the ledger (${this.ledger.location})`);
    return cur;
  }

  /** Another live runner holds the claim: wait for it to settle, never submit meanwhile. */
  private async awaitOwner(info: { host: string; pid: number; startedAt: string } | undefined): Promise<Intent> {
    const waitMs = claimWaitMs();
    const deadline = Date.now() + waitMs;
    this.ctx.log(
      `another runner (${info ? `${info.host} pid ${info.pid}` : "unknown"}) is submitting this job ` +
        `(ledger ${this.key}); ` +
        "waiting for it",
    );
    for (;;) {
      await sleep(Math.min(500, waitMs));
      runCancellation.throwIfCancelled(`${this.kind.name} (ledger ${this.key}, claimed by another runner)`);
      const cur = await this.reread();
      const owner = await this.ledger.ownerStatus(cur);
      if (cur.state !== this.intent.state || cur.owner !== this.intent.owner || owner.status !== "live") return cur;
      if (Date.now() > deadline) {
        throw new LedgerError(
          `${this.kind.name}: another runner ` +
            `(${info ? `${info.host} pid ${info.pid}, since ${info.startedAt}` : "unknown"}) ` +
            `holds the claim on this job (ledger ${this.ledger.location}, intent ${this.key}, ` +
            `state ${cur.state}) and ` +
            `has not finished submitting it after ${waitMs / 1000} s. Nothing was submitted here. Let that ` +
            "update finish (or stop it), then run `pulumi up` again; `npx pulumi-aigc ledger show " +
            `${this.key}\` shows the intent`,
        );
      }
    }
  }

  /** Sends the request once, with the intent recorded as sent before it leaves. */
  private async submit(): Promise<Obtained> {
    if (runCancellation.cancelled) {
      // Ctrl-C came first: leave the claim to the next run, which submits it as this one would have.
      await this.ledger.update(this.key, { owner: undefined });
      runCancellation.throwIfCancelled(`${this.kind.name} "${nameOf(this.ctx)}" (ledger ${this.key})`);
    }
    spendGuard.charge(`${this.kind.name} "${nameOf(this.ctx)}"`);
    this.intent = await this.ledger.update(this.key, {
      state: "claimed",
      attempts: this.intent.attempts + 1,
      submittedAt: new Date().toISOString(),
    });
    const sentAt = Date.now();
    let jobId: string;
    try {
      jobId = await this.kind.submit(this.ctx, withKey(this.kind, this.request, this.key));
    } catch (err) {
      return this.afterFailedSubmit(err);
    }
    return this.record(jobId, `submitted job ${jobId}`, sentAt);
  }

  private async afterFailedSubmit(err: unknown): Promise<Obtained> {
    if (err instanceof DuplicateSubmissionError) {
      // The vendor saw this key before: an earlier attempt of this very intent. Find that task.
      const found = await this.kind.recover(this.ctx, this.request, refusedRepeatSince(this.kind, this.intent));
      if ("jobId" in found)
        return this.record(found.jobId, `the vendor already had this submission; using its task ${found.jobId}`);
      await this.ledger.update(this.key, { state: "ambiguous", owner: undefined });
      if ("mismatch" in found) throw this.mismatchError(found.mismatch);
      throw new Error(
        `${this.kind.name}: the vendor refused a repeated submission (SessionId ${this.key}, ` +
          `${err.requestId ? `RequestId ${err.requestId}` : "no RequestId"}) but the earlier task could not be ` +
          `found (${found.notFound}). It was submitted within the last days and may be running; set ` +
          `${this.kind.adoptInputs[0]} to its id, or set resubmitToken to submit a new one.`,
      );
    }
    if (err instanceof AmbiguousSubmissionError) {
      const since = new Date(Date.parse(this.intent.submittedAt ?? this.intent.createdAt) - 60_000);
      const found = await this.kind.recover(this.ctx, this.request, since);
      if ("jobId" in found) {
        return this.record(
          found.jobId,
          `the submit failed ambiguously (${redactUrlQueries(err.vendorMessage)}); found its job ${found.jobId}`,
        );
      }
      this.intent = await this.ledger.update(this.key, { state: "ambiguous", ambiguous: this.intent.ambiguous + 1 });
      if ("mismatch" in found) throw this.mismatchError(found.mismatch);
      return this.onAmbiguity(found.notFound, err);
    }
    if (createdNothing(err)) {
      await this.ledger.update(this.key, { state: "void", owner: undefined });
    } else {
      // Not provably harmless (an unknown outcome, an unreadable answer, a bug after the request left).
      await this.ledger.update(this.key, {
        state: "ambiguous",
        ambiguous: this.intent.ambiguous + 1,
        owner: undefined,
      });
    }
    throw err;
  }

  /** A claim taken over from a dead runner, or an earlier ambiguous attempt: the job may exist. */
  private async recoverThenResubmit(since: Date): Promise<Obtained> {
    const found = await this.kind.recover(this.ctx, this.request, since);
    if ("jobId" in found) return this.record(found.jobId, `recovered job ${found.jobId} of an earlier attempt`);
    if ("mismatch" in found) throw this.mismatchError(found.mismatch);
    // A deduplicating vendor refuses a repeat: submitting the same key again is safe, inside its window only.
    const dedup = vendorStillDedups(this.kind, this.intent);
    if (dedup.holds) return this.submit();
    return this.onAmbiguity(this.kind.dedupedByVendor ? `${found.notFound}; ${dedup.why}` : found.notFound);
  }

  private async onAmbiguity(why: string, cause?: VendorError): Promise<Obtained> {
    const n = this.intent.ambiguous;
    if (ambiguityPolicy(this.ctx.inputs) === "fail" || n >= MAX_AMBIGUOUS) {
      await this.ledger.update(this.key, { owner: undefined });
      throw new Error(
        `${this.kind.name}: a job may have been created by the submission of this resource (ledger ${this.key}, ` +
          `marker ${this.key})${cause ? `: ${redactUrlQueries(cause.message)}` : ""}. It was not submitted again, to ` +
          `avoid paying twice, and could not be identified (${why}). Check the vendor console; then set ` +
          `${this.kind.adoptInputs[0]} to the job's id to adopt it, or set resubmitToken to any new value to submit ` +
          `a new job${n >= MAX_AMBIGUOUS ? ` (${n} ambiguous submissions so far: resubmitting stops here)` : ""}.`,
      );
    }
    this.ctx.log(
      `WARNING possible duplicate: a submission of this resource (marker ${this.key}) may have created a job ` +
        `that cannot be identified (${why}); submitting again because onAmbiguousSubmission is "resubmit"`,
    );
    return this.submit();
  }

  private mismatchError(m: { jobId: string; differences: readonly string[] }): Error {
    return new Error(
      `${this.kind.name}: the vendor has job ${m.jobId} under this resource's idempotency key ${this.key}, but its ` +
        `recorded input differs from this resource's (${m.differences.join("; ")}). It was not adopted and ` +
        `nothing was submitted. Adopt it deliberately with ${this.kind.adoptInputs[0]}, or set resubmitToken to ` +
        "submit a new job",
    );
  }

  /**
   * Records the job id in the ledger before anything else can fail; if even that fails, the id still reaches
   * the stack (a partial state) so it is never lost.
   */
  private async record(jobId: string, note: string, submittedAtMs?: number): Promise<Obtained> {
    try {
      this.intent = await this.ledger.update(this.key, {
        state: "submitted",
        jobId,
        owner: undefined,
        placement: this.ctx.placement,
        returned: false, // until the create hands it to the engine (./returned-jobs.ts)
      });
    } catch (err) {
      throw new UnrecordedJobError(jobId, this.key, this.intent.ambiguous, err);
    }
    // A plain submit is routine: a status line on the job's row. How a job was found again is worth keeping.
    (submittedAtMs === undefined ? this.ctx.log : statusOf(this.ctx.log))(note);
    return { jobId, key: this.key, ambiguous: this.intent.ambiguous, submittedAtMs };
  }
}

const nameOf = (ctx: JobContext) => scopeOf(ctx.inputs).split("/").pop() ?? "";

/**
 * The intent of a create: this resource's open intent for the same request (a retry, a crash, another runner),
 * else a new one at the scope's current epoch. Intents imported from a 0.1 journal are found by their old key.
 */
async function claimIntent(kind: AnyJobKind, ledger: Ledger, inputs: Props, request: Props): Promise<Intent> {
  const scope = scopeOf(inputs);
  const token = typeof inputs.resubmitToken === "string" ? inputs.resubmitToken : undefined;
  const legacy = await ledger.get(legacyIntentKey(scope, kind.name, request, token));
  if (legacy && legacy.state !== "released" && legacy.state !== "void") return legacy;
  const digest = intentDigest(kind.name, request, token);
  const holder = holderOfProps(inputs);
  const resumed = holder && openIntentOf(await openIntents(ledger, scope), digest, holder);
  if (resumed) return resumed;
  for (let attempt = 0; attempt < 5; attempt++) {
    const epoch = await ledger.epoch(scope);
    const key = intentKey(ledger.id, scope, digest, epoch);
    const placement = placementOf(inputs);
    const res = await ledger.claim({ key, scope, kind: kind.name, epoch, digest, placement, holder: holder?.text });
    // A tombstone under this key means a release landed between reading the epoch and claiming: read it again.
    if (res.intent.state !== "released") return res.intent;
  }
  throw new LedgerError(`the epoch of ${scope} keeps changing (concurrent destroys?); stopping without submitting`);
}

/** The open intents of one scope. */
async function openIntents(ledger: Ledger, scope: string): Promise<Intent[]> {
  return (await ledger.list({ scopePrefix: scope, states: OPEN_STATES })).filter((i) => i.scope === scope);
}

/** Durations of this many finished jobs of the same profile (the newest) make the waiter's hint. */
const DURATION_HISTORY = 20;

/** What finished jobs of the same kind, region and model say about this job's duration (nothing when unknown). */
async function expectedDuration(kind: AnyJobKind, ctx: JobContext): Promise<DurationHint | undefined> {
  const profile = kind.profile?.(ctx.inputs);
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

/** Waits for the job, turning an unsuccessful end into a ResourceInitError that keeps the job id in state. */
async function settle(kind: AnyJobKind, ctx: JobContext, got: Obtained, initialDelayMs?: number): Promise<Props> {
  const inputs = ctx.inputs as Props;
  const stored = storeKindInputs(kind, inputs);
  const record = (view: JobView<Props>) => outputsOf(kind, stored, view, got.key, got.ambiguous);
  if (inputs.waitForCompletion === false) return record(await kind.observe(ctx, got.jobId));
  const hint = await expectedDuration(kind, ctx);
  let lastEvent: WaitProgress | undefined;
  const waitStartedAt = Date.now();
  let view: JobView<Props>;
  const logProgress = waitProgressLogger(ctx.log);
  const running = runCancellation.track(got.jobId, `${kind.name} "${nameOf(ctx)}"`);
  try {
    view = await kind.wait(ctx, got.jobId, {
      ...waitOptions(inputs, initialDelayMs),
      expectedDuration: hint,
      signal: runCancellation.signal,
      onProgress: (p: WaitProgress) => {
        lastEvent = p;
        running.status(p.status);
        logProgress(p);
      },
    });
  } catch (err) {
    if (err instanceof AbortError && runCancellation.cancelled) {
      // Ctrl-C: no last look at the vendor (the engine is waiting for this step); the last poll's status will do.
      const message = cancelledWaitMessage(kind.name, got.jobId, lastEvent?.status ?? "running");
      const last = { jobId: got.jobId, status: lastEvent?.status ?? "UNKNOWN", done: false, outputs: {} };
      throw new ResourceInitError(message, got.jobId, record(last), [message]);
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
      throw new ResourceInitError(message, got.jobId, record(last), [message]);
    }
    if (err instanceof JobFailedError) {
      const failure = { code: err.code, message: err.taskMessage };
      const last = await kind
        .observe(ctx, got.jobId)
        .catch(() => ({ jobId: got.jobId, status: err.status, done: true, outputs: {}, failure }) as JobView<Props>);
      await noteOutcome(kind, ctx, got, { ...last, done: true, failure: last.failure ?? failure });
      throw failedError(
        kind,
        got.jobId,
        record({ ...last, done: true, failure: last.failure ?? failure }),
        err.requestId,
      );
    }
    throw err;
  } finally {
    running.done();
  }
  await noteOutcome(kind, ctx, got, {
    ...view,
    durationMs: view.durationMs ?? observedDurationMs(got, waitStartedAt, lastEvent),
  });
  return record(view);
}

function failedError(kind: AnyJobKind, jobId: string, outputs: Props, requestId?: string): ResourceInitError {
  const message =
    `${kind.name} ${jobId} failed at the vendor: [${outputs.errorCode}] ${outputs.errorMessage}` +
    `${requestId ? ` (RequestId: ${requestId})` : ""}. ` +
    "Change its inputs (or set resubmitToken) and run `pulumi up` to submit a new job";
  return new ResourceInitError(message, jobId, outputs, [message]);
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
        profile: kind.profile?.(ctx.inputs),
      },
    });
  } catch (err) {
    ctx.log(`could not note the job's outcome in the ledger (${(err as Error).message}); continuing`);
  }
}

/** Partial-state properties must carry __provider: the dynamic-provider host does not add it there. */
function withProvider(err: ResourceInitError, rawInputs: Props): ResourceInitError {
  return new ResourceInitError(
    err.message,
    err.id,
    { ...err.properties, __provider: rawInputs.__provider },
    err.reasons,
  );
}

/** Adopts an existing job: nothing is submitted; the ledger records that this resource holds it. */
async function adopt(kind: AnyJobKind, inputs: Props, jobId: string): Promise<{ ctx: JobContext; got: Obtained }> {
  const ledger = await processLedger();
  const scope = scopeOf(inputs);
  const epoch = await ledger.epoch(scope);
  const key = intentKey(ledger.id, scope, intentDigest(kind.name, { adopt: jobId }, undefined), epoch);
  const ctx = contextFor(kind, inputs, key);
  const view = await kind.observe(ctx, jobId); // it must exist
  const res = await ledger.claim({
    key,
    scope,
    kind: kind.name,
    epoch,
    digest: `adopt:${jobId}`,
    state: "adopted",
    jobId,
    heldIds: view.heldIds,
    placement: ctx.placement,
    holder: holderOfProps(inputs)?.text,
  });
  if (!res.claimed && res.intent.state === "released") {
    throw new LedgerError(`the adoption record ${key} was released concurrently; run \`pulumi up\` again`);
  }
  ctx.log(`adopting existing job ${jobId}`);
  return { ctx, got: { jobId, key, ambiguous: 0 } };
}

/** Create: find or submit the job of this resource, exactly once, then wait for it. */
export async function createJob(kind: AnyJobKind, rawInputs: Props): Promise<{ id: string; outs: Props }> {
  const inputs = strip(rawInputs);
  const adopted = kind.adoptedJobId(inputs);
  let ctx: JobContext;
  let got: Obtained;
  if (adopted) {
    ({ ctx, got } = await adopt(kind, inputs, adopted));
  } else {
    const request = requestFor(kind, inputs);
    const ledger = await processLedger();
    const claimed = await claimIntent(kind, ledger, inputs, request);
    ctx = contextFor(kind, inputs, claimed.key);
    const intent = await takeHold(ledger, kind.name, claimed, holderOfProps(inputs), ctx.log);
    noteKeyInState(intent.key, intent);
    try {
      got = await new Submission(kind, ledger, ctx, request, intent).obtain();
    } catch (err) {
      if (!(err instanceof UnrecordedJobError)) throw err;
      const message = `${kind.name}: ${err.message}`;
      const view = { jobId: err.jobId, status: "UNKNOWN", done: false, outputs: {} };
      const outs = outputsOf(kind, storeKindInputs(kind, inputs), view, err.key, err.ambiguous);
      throw withProvider(new ResourceInitError(message, err.jobId, outs, [message]), rawInputs);
    }
    const log = ctx.log;
    await settleOrphans(kind, ledger, inputs, got.key, log).catch((e) =>
      log(`WARNING could not look for jobs of earlier crashed runs (${(e as Error).message}); continuing`),
    );
  }
  try {
    const outs = await settle(kind, ctx, got);
    await noteReturned(got.key, ctx.log);
    return { id: got.jobId, outs };
  } catch (err) {
    await noteReturned(got.key, ctx.log); // every path below hands the id to the engine (a partial state)
    if (err instanceof ResourceInitError) throw withProvider(err, rawInputs);
    // Any other failure after the job exists must still record its id.
    const message =
      `${kind.name} ${got.jobId}: ${redactUrlQueries((err as Error).message)}; ` +
      "its id is saved: run `pulumi up` again to resume";
    const outs = outputsOf(
      kind,
      storeKindInputs(kind, inputs),
      { jobId: got.jobId, status: "UNKNOWN", done: false, outputs: {} },
      got.key,
      got.ambiguous,
    );
    throw withProvider(new ResourceInitError(message, got.jobId, outs, [message]), rawInputs);
  }
}

/** Cleans up (or reports) jobs this resource submitted in runs that crashed (./orphans.ts). */
async function settleOrphans(kind: AnyJobKind, ledger: Ledger, inputs: Props, key: string, log: (l: string) => void) {
  const holder = holderOfProps(inputs);
  if (!holder) return;
  const scope = { kind, ledger, holder, ownKey: key, contextFor: (i: Props, k: string) => contextFor(kind, i, k), log };
  await settleOrphansAtCreate(scope, await openIntents(ledger, scopeOf(inputs)), inputs);
}

/** A stored resource whose job has ended (successfully or not): nothing more will happen at the vendor. */
const hasEnded = (olds: Props) => olds.progress === 100;

/**
 * Update: only in-place inputs changed (wait settings, placement, scope), or an earlier run left the resource
 * unfinished. A job that has ended needs no vendor call at all; an unfinished one is waited for again.
 */
export async function updateJob(
  kind: AnyJobKind,
  id: string,
  rawOlds: Props,
  rawNews: Props,
): Promise<{ outs: Props }> {
  const olds = strip(rawOlds);
  const news = strip(rawNews);
  noteInState(olds);
  const key = typeof olds.idempotencyKey === "string" ? olds.idempotencyKey : "";
  const ambiguous = typeof olds.ambiguousSubmissions === "number" ? olds.ambiguousSubmissions : 0;
  // The job stays where it was submitted: new placement inputs apply to future jobs (./placement.ts).
  const placed = placementRecord(olds, news);
  const ctx = contextFor(kind, news, key, jobPlacement(olds));
  await repairHeldClaim(key, id, ctx.log);
  if (hasEnded(olds)) {
    const outs = {
      ...outputValuesOf(kind, olds),
      ...storeKindInputs(kind, news),
      ...placed,
      idempotencyKey: key,
      ambiguousSubmissions: ambiguous,
    };
    if (olds.errorCode) throw withProvider(failedError(kind, id, outs), rawNews);
    return { outs };
  }
  try {
    return { outs: { ...(await settle(kind, ctx, { jobId: id, key, ambiguous }, 0)), ...placed } };
  } catch (err) {
    if (!(err instanceof ResourceInitError)) throw err;
    const placedErr = new ResourceInitError(err.message, err.id, { ...err.properties, ...placed }, err.reasons);
    throw withProvider(placedErr, rawNews);
  }
}

/** Refresh: re-reads the job. A job the vendor no longer returns is reported, and dropped only if truly gone. */
export async function readJob(kind: AnyJobKind, id: string, rawProps: Props): Promise<{ id?: string; props?: Props }> {
  const props = strip(rawProps);
  noteInState(props);
  const key = typeof props.idempotencyKey === "string" ? props.idempotencyKey : "";
  const ambiguous = typeof props.ambiguousSubmissions === "number" ? props.ambiguousSubmissions : 0;
  const ctx = contextFor(kind, storedContextInputs(kind, props), key);
  // Outputs of pulumi-aigc 0.1 (which echo every input) are rewritten with stored inputs here.
  const stored = storedInputsOf(kind, props);
  await repairHeldClaim(key, id, ctx.log);
  try {
    const view = await (kind.refresh ? kind.refresh(ctx, id, props) : kind.observe(ctx, id));
    const outs = outputsOf(kind, stored, view, key, ambiguous);
    if (view.heldIds?.length && key) await noteHeld(key, view.heldIds);
    return { id, props: { ...outs, __provider: rawProps.__provider } };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    if (kind.goneWhenMissing) {
      ctx.log(`${id} no longer exists at the vendor; removing it from the stack (${err.code})`);
      const ledger = await processLedger();
      // Another resource holds the intent now (a rename in flight): it is that resource's to release.
      if (key && !heldByAnother(await ledger.get(key), props)) await ledger.release(key);
      return {};
    }
    ctx.log(
      `${id} is no longer returned by the vendor (${err.code}: ${redactUrlQueries(err.vendorMessage)}); ` +
        "keeping its last known outputs. Vendors keep finished jobs visible for a limited time (Tencent: 3 days).",
    );
    return {
      id,
      props: { ...outputValuesOf(kind, props), ...stored, vendorState: "NOT_FOUND", __provider: rawProps.__provider },
    };
  }
}

/** Records vendor objects a job turned out to hold (an element id found on refresh). */
async function noteHeld(key: string, heldIds: readonly string[]): Promise<void> {
  const ledger = await processLedger();
  const cur = await ledger.get(key);
  if (cur && cur.state !== "released" && heldIds.some((h) => !cur.heldIds?.includes(h))) {
    await ledger.update(key, { heldIds: [...new Set([...(cur.heldIds ?? []), ...heldIds])] });
  }
}

/**
 * Destroy: cleans up at the vendor where there is something to clean (elements, running jobs), leaving alone
 * what another live resource of the ledger holds, then releases the intent (the scope's next job gets a new
 * key). A failure to clean up fails the destroy: nothing live is dropped silently.
 */
export async function deleteJob(kind: AnyJobKind, id: string, rawProps: Props): Promise<void> {
  const props = strip(rawProps);
  const key = typeof props.idempotencyKey === "string" ? props.idempotencyKey : "";
  const ctx = contextFor(kind, storedContextInputs(kind, props), key);
  const ledger = await processLedger();
  const own = key ? await ledger.get(key) : undefined;
  if (resumedInRun(key)) return ctx.log(`job ${id} (intent ${key}) ${RESUMED_BY_ANOTHER}`);
  const other = heldByAnother(own, props);
  if (other) {
    ctx.log(
      `job ${id} (intent ${key}) is held by ${describeHolder(other)} now; leaving it and its vendor objects alone`,
    );
    return;
  }
  if (kind.remove) {
    const ids = new Set([
      id,
      ...(own?.heldIds ?? []),
      ...(typeof props.elementId === "string" ? [props.elementId] : []),
    ]);
    const shared = new Set<string>();
    for (const vendorId of ids) {
      if (!vendorId) continue;
      for (const other of await ledger.list({ holding: vendorId })) {
        if (other.key !== key && other.state !== "released" && other.state !== "void") shared.add(vendorId);
      }
    }
    await kind.remove(ctx, id, props, shared);
  }
  const holder = holderOfProps(props);
  if (holder) {
    const scope = { kind, ledger, holder, ownKey: key, contextFor: (i: Props, k: string) => contextFor(kind, i, k) };
    await settleOrphansAtDelete({ ...scope, log: ctx.log }, storedContextInputs(kind, props));
  }
  if (key) await ledger.release(key);
}
