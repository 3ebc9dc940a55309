// Obtaining the job of one create, exactly once: claim the resource's intent in the ledger (claimIntent), then
// the `Submission` state machine resumes its job, waits for another runner's claim, recovers what an earlier
// attempt may have created, or submits, recording the job id before anything else can fail. `adopt` obtains
// an existing job instead.
import {
  AbortError,
  AmbiguousSubmissionError,
  ConfigurationError,
  CredentialsError,
  DuplicateSubmissionError,
  RequestValidationError,
  VendorError,
} from "../../../sdk/core/errors";
import type { AnyJobKind, JobContext, JobView } from "../../job-kind";
import { refusedRepeatSince, vendorStillDedups } from "../dedup-window";
import { intentDigest, intentKey, legacyIntentKey } from "../identity";
import { holderOfProps, openIntentOf, takeHold } from "../intent-holder";
import { type Intent, type Ledger, LedgerError, OPEN_STATES } from "../ledger/ledger";
import { processLedger } from "../ledger/process-ledger";
import { placementAtCreate } from "../placement";
import { statusOf } from "../progress-log";
import { redactUrlQueries } from "../redaction";
import { withKey } from "../request";
import { RunCancelledError, runCancellation } from "../run-cancellation";
import { spendGuard } from "../spend-guard";
import { contextFor, nameOf, scopeOf } from "./job-context";
import { ambiguityPolicy, claimWaitMs, MAX_AMBIGUOUS } from "./settings";
import type { Props } from "./stored-state";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The vendor gave a job id that the ledger could not record: it must still reach the stack. */
export class UnrecordedJobError extends Error {
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
export interface Obtained {
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
  // Stopped between attempts: nothing ran only when the sdk knows every attempt went unexecuted (throttled).
  if (err instanceof AbortError) return err.notExecuted;
  if (err.code === "MalformedResponse") return false;
  // A transient or unknown outcome (an InternalError, an unknown error, a generic FailedOperation) may have run.
  return err.notExecuted || !(err.retryable || err.mayHaveExecuted);
}

/** The job-obtaining state machine of one create, against the ledger. */
export class Submission {
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
    // Counted in flight until recorded: a process whose engine is gone waits for it before it exits.
    return runCancellation.sending(() => this.send());
  }

  private async send(): Promise<Obtained> {
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
      if (err instanceof AbortError && runCancellation.cancelled) throw this.cancelledUnsent(err);
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
    // A dead runner's claim: its attempt may have made a job nobody can find, and nothing counted it (an
    // `ambiguous` intent's attempts are counted already). Counted here as an ambiguous submission is: the
    // output `ambiguousSubmissions`, and the stop at MAX_AMBIGUOUS.
    if (this.intent.state === "claimed") {
      this.intent = await this.ledger.update(this.key, { ambiguous: this.intent.ambiguous + 1 });
    }
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

  /** Ctrl-C stopped a submit that the vendor kept throttling: it was never executed, the next `up` sends it. */
  private cancelledUnsent(err: AbortError): Error {
    return new RunCancelledError(
      `${this.kind.name} "${nameOf(this.ctx)}" (ledger ${this.key}): the update was cancelled before the vendor ` +
        `executed ${err.action} (it was throttled, or waiting for the rate limit); nothing was submitted. The next ` +
        "`pulumi up` submits it (once)",
      { cause: err },
    );
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
        // Kept until the create hands the job to the engine (../returned-jobs.ts): another provider process of
        // the same deployment (an explicit provider instance) then sees a live owner, not a crashed run's job.
        owner: this.ledger.runner.id,
        placement: this.ctx.placement,
        returned: false, // until the create hands it to the engine (../returned-jobs.ts)
      });
    } catch (err) {
      throw new UnrecordedJobError(jobId, this.key, this.intent.ambiguous, err);
    }
    // A plain submit is routine: a status line on the job's row. How a job was found again is worth keeping.
    (submittedAtMs === undefined ? this.ctx.log : statusOf(this.ctx.log))(note);
    return { jobId, key: this.key, ambiguous: this.intent.ambiguous, submittedAtMs };
  }
}

/**
 * The intent of a create: this resource's open intent for the same request (a retry, a crash, another runner),
 * else a new one at the scope's current epoch. Intents imported from a 0.1 journal are found by their old key.
 */
export async function claimIntent(kind: AnyJobKind, ledger: Ledger, inputs: Props, request: Props): Promise<Intent> {
  const scope = scopeOf(inputs);
  const token = typeof inputs.resubmitToken === "string" ? inputs.resubmitToken : undefined;
  const legacy = await ledger.get(legacyIntentKey(scope, kind.name, request, token));
  if (legacy && OPEN_STATES.includes(legacy.state)) return legacy;
  const digest = intentDigest(kind.name, request, token);
  const holder = holderOfProps(inputs);
  const listed = holder && openIntentOf(await openIntents(ledger, scope), digest, holder);
  // The listing may be older than this run's start (a cached one): the intent is read again before it is resumed.
  const resumed = listed ? await ledger.get(listed.key) : undefined;
  if (resumed && OPEN_STATES.includes(resumed.state) && holder && openIntentOf([resumed], digest, holder)) {
    return resumed;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const epoch = await ledger.epoch(scope);
    const key = intentKey(ledger.id, scope, digest, epoch);
    const placement = placementAtCreate(kind.name, inputs);
    const res = await ledger.claim({ key, scope, kind: kind.name, epoch, digest, placement, holder: holder?.text });
    // A tombstone under this key means a release landed between reading the epoch and claiming: read it again.
    if (res.intent.state !== "released") return res.intent;
  }
  throw new LedgerError(`the epoch of ${scope} keeps changing (concurrent destroys?); stopping without submitting`);
}

/**
 * The open intents of one scope, from the ledger's cached listing (one directory read per run, not per item:
 * issue 21). It may miss an intent another runner made after it, which is safe for both callers: a create's resume
 * (a concurrent claim of the same request meets the same key in `claim`) and orphan cleanup (a missed orphan is
 * found by a later run); each re-reads an entry before acting on it.
 */
export async function openIntents(ledger: Ledger, scope: string): Promise<Intent[]> {
  const open = await ledger.list({ scopePrefix: scope, states: OPEN_STATES, cached: true });
  return open.filter((i) => i.scope === scope);
}

/**
 * Adopts an existing job: nothing is submitted; the ledger records that this resource holds it. `seen`: a look
 * at the job already made (an import's), else one is made here (the job must exist).
 * @throws IntentHeldError when another stack instance holds the adoption record.
 */
export async function adopt(
  kind: AnyJobKind,
  inputs: Props,
  jobId: string,
  seen?: JobView<unknown>,
): Promise<{ ctx: JobContext; got: Obtained; claimedNow: boolean }> {
  const ledger = await processLedger();
  const scope = scopeOf(inputs);
  const epoch = await ledger.epoch(scope);
  const key = intentKey(ledger.id, scope, intentDigest(kind.name, { adopt: jobId }, undefined), epoch);
  const ctx = contextFor(kind, inputs, key, placementAtCreate(kind.name, inputs));
  const view = seen ?? (await kind.observe(ctx, jobId)); // it must exist
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
  await takeHold(ledger, kind.name, res.intent, holderOfProps(inputs), ctx.log); // another stack's: refused
  ctx.log(`adopting existing job ${jobId}`);
  return { ctx, got: { jobId, key, ambiguous: 0 }, claimedNow: res.claimed };
}
