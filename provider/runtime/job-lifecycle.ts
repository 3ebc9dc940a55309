import {
  AmbiguousSubmissionError,
  ConfigurationError,
  CredentialsError,
  DuplicateSubmissionError,
  JobFailedError,
  NotFoundError,
  RequestValidationError,
  VendorError,
  WaitTimeoutError,
} from "../../sdk";
import { parseEndpoint, parseRequest } from "../../sdk/internal";
import type { Placement } from "./clients";
import { idempotencyKey } from "./idempotency";
import type { JobContext, JobKind, JobView } from "./job-kind";
import { progressLogger } from "./progress-log";
import { setting } from "./provider-config";
import { readJournal, removeJournal, writeJournal } from "./submission-journal";
import { toWire } from "./wire-mapping";

/** Inputs every job resource takes besides its vendor fields. */
export const COMMON_INPUTS = [
  "waitForCompletion",
  "waitTimeoutSeconds",
  "region",
  "endpoint",
  "resubmitToken",
  "idempotencyScope",
  "onAmbiguousSubmission",
] as const;

/**
 * What to do when a submit without vendor deduplication failed after reaching the vendor and the job it
 * may have created cannot be found: `fail` (default) stops and asks a human; `resubmit` submits again so
 * the update can finish unattended, accepting a possible duplicate (counted in `ambiguousSubmissions`).
 */
export type AmbiguityPolicy = "fail" | "resubmit";

/** Ambiguous submissions in a row after which even `resubmit` gives up. */
const MAX_AMBIGUOUS_IN_A_ROW = 3;

export function ambiguityPolicy(inputs: Props): AmbiguityPolicy {
  const v =
    typeof inputs.onAmbiguousSubmission === "string" ? inputs.onAmbiguousSubmission : setting("ambiguousSubmission");
  if (v === undefined || v === "fail" || v === "resubmit") return v ?? "fail";
  throw new Error(`aigc:ambiguousSubmission must be "fail" or "resubmit" (got ${JSON.stringify(v)})`);
}

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 30 * 60;

/**
 * Thrown when a job exists but did not succeed (failed, or still running at the deadline): Pulumi records
 * the resource with this id and these properties, so the next `up` resumes it instead of submitting again.
 */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

type Props = Record<string, unknown>;

const strip = (props: Props): Props => {
  const { __provider: _p, ...rest } = props;
  return rest;
};

/** The vendor fields of the inputs (provider-only inputs removed), mapped to wire names. */
export function wireRequest(kind: JobKind, inputs: Props): Record<string, unknown> {
  const vendor: Props = {};
  const skip = new Set<string>([...COMMON_INPUTS, ...kind.providerInputs, kind.adoptInput, "__provider"]);
  for (const [k, v] of Object.entries(inputs)) if (!skip.has(k) && v !== undefined) vendor[k] = v;
  return toWire(kind.request, vendor) as Record<string, unknown>;
}

function placementOf(inputs: Props): Placement {
  const endpoint =
    typeof inputs.endpoint === "string" && inputs.endpoint ? parseEndpoint(inputs.endpoint).origin : undefined;
  return { region: typeof inputs.region === "string" && inputs.region ? inputs.region : undefined, endpoint };
}

function contextFor(kind: JobKind, inputs: Props, key: string): JobContext {
  return { placement: placementOf(inputs), inputs, key, log: progressLogger(kind.name, inputs) };
}

/**
 * The key, and the vendor request with the provider's additions (SessionId, UserData marker), validated
 * again by the sdk's schema: a marker that pushes UserData past the vendor's limit fails here.
 * @throws RequestValidationError
 */
function requestFor(kind: JobKind, inputs: Props): { key: string; request: Record<string, unknown> } {
  const parsed = parseRequest(kind.name, kind.request, wireRequest(kind, inputs)) as Record<string, unknown>;
  const scope = typeof inputs.idempotencyScope === "string" ? inputs.idempotencyScope : "";
  const token = typeof inputs.resubmitToken === "string" ? inputs.resubmitToken : undefined;
  const key = idempotencyKey(scope, kind.name, parsed, token);
  const prepared = parseRequest(
    `${kind.name} (with the provider's idempotency marker ${key})`,
    kind.request,
    kind.prepare(parsed, key),
  );
  return { key, request: prepared as Record<string, unknown> };
}

function outputsOf(kind: JobKind, inputs: Props, view: JobView, key: string): Props {
  return {
    ...inputs,
    ...view.outputs,
    [kind.idOutput]: view.jobId,
    status: view.status,
    progress: view.progress ?? (view.done ? 100 : 0),
    errorCode: view.failure?.code ?? "",
    errorMessage: view.failure?.message ?? "",
    idempotencyKey: key,
    ambiguousSubmissions: readJournal(key)?.ambiguous ?? 0,
  };
}

function waitOptions(inputs: Props, initialDelayMs?: number) {
  const seconds =
    typeof inputs.waitTimeoutSeconds === "number" ? inputs.waitTimeoutSeconds : DEFAULT_WAIT_TIMEOUT_SECONDS;
  return { timeoutMs: seconds * 1000, ...(initialDelayMs !== undefined ? { initialDelayMs } : {}) };
}

/**
 * Finds or creates the job of this resource, exactly once:
 * - an explicit adopt input, or a job id this machine journaled for the same key, is used as is;
 * - an earlier attempt that left no id is recovered (Tencent: by SessionId; Alibaba: by marker where the
 *   API allows), and never resubmitted blindly when the vendor cannot deduplicate;
 * - otherwise the job is submitted, after journaling the intent and before anything else can fail.
 */
async function obtainJob(kind: JobKind, ctx: JobContext, request: Record<string, unknown>): Promise<string> {
  const adopt = kind.adoptedJobId ? kind.adoptedJobId(ctx.inputs) : ctx.inputs[kind.adoptInput];
  if (typeof adopt === "string" && adopt) {
    ctx.log(`adopting existing job ${adopt}`);
    return adopt;
  }
  const journal = readJournal(ctx.key);
  if (journal?.jobId) {
    try {
      await kind.observe(ctx, journal.jobId);
      ctx.log(`resuming job ${journal.jobId} submitted by an earlier run (${journal.startedAt})`);
      return journal.jobId;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      ctx.log(`journaled job ${journal.jobId} is unknown to the vendor; submitting anew`);
      removeJournal(ctx.key);
    }
  } else if (journal) {
    // An earlier attempt sent the request but never learned the job id (crash or ambiguous failure).
    const found = await kind.recover(ctx, request, new Date(Date.parse(journal.startedAt) - 60_000));
    if ("jobId" in found) {
      writeJournal({ ...journal, state: "submitted", jobId: found.jobId });
      ctx.log(`recovered job ${found.jobId} from an earlier attempt`);
      return found.jobId;
    }
    if (!kind.dedupedByVendor) {
      if (ambiguityPolicy(ctx.inputs) === "fail") throw ambiguityError(kind, ctx, journal.startedAt, found.notFound);
      warnResubmit(ctx, journal.startedAt, found.notFound);
    }
  }
  return submitOnce(kind, ctx, request, journal?.startedAt ?? new Date().toISOString(), journal?.ambiguous ?? 0);
}

function warnResubmit(ctx: JobContext, startedAt: string, why: string): void {
  ctx.log(
    `WARNING possible duplicate: the submission started at ${startedAt} (marker ${ctx.key}) ` +
      "may have created a job that cannot be " +
      `identified (${why}); submitting again because onAmbiguousSubmission is "resubmit"`,
  );
}

/** One submission (journaled before it leaves), with recovery when the vendor's answer is lost. */
async function submitOnce(
  kind: JobKind,
  ctx: JobContext,
  request: Record<string, unknown>,
  startedAt: string,
  ambiguous: number,
): Promise<string> {
  writeJournal({ key: ctx.key, kind: kind.name, state: "submitting", startedAt, ambiguous });
  let jobId: string;
  try {
    jobId = await kind.submit(ctx, request);
  } catch (err) {
    if (err instanceof DuplicateSubmissionError) {
      const found = await kind.recover(ctx, request, new Date(Date.parse(startedAt) - 3 * 24 * 3600_000));
      if ("jobId" in found) {
        writeJournal({ key: ctx.key, kind: kind.name, state: "submitted", jobId: found.jobId, startedAt, ambiguous });
        ctx.log(`the vendor already had this submission (SessionId ${ctx.key}); using its task ${found.jobId}`);
        return found.jobId;
      }
      throw new Error(
        `${kind.name}: the vendor refused a repeated submission (SessionId ${ctx.key}, ` +
          `${err.requestId ? `RequestId ${err.requestId}` : "no RequestId"}) ` +
          `but the earlier task could not be found (${found.notFound}). ` +
          "It was submitted within the last 3 days and may be running; " +
          `set ${kind.adoptInput} to its id, or set resubmitToken to submit a new one.`,
      );
    }
    if (err instanceof AmbiguousSubmissionError) {
      const found = await kind.recover(ctx, request, new Date(Date.parse(startedAt) - 60_000));
      if ("jobId" in found) {
        writeJournal({ key: ctx.key, kind: kind.name, state: "submitted", jobId: found.jobId, startedAt, ambiguous });
        ctx.log(`the submit failed ambiguously (${err.vendorMessage}); found the job it created: ${found.jobId}`);
        return found.jobId;
      }
      writeJournal({ key: ctx.key, kind: kind.name, state: "ambiguous", startedAt, ambiguous: ambiguous + 1 });
      if (ambiguityPolicy(ctx.inputs) === "fail" || ambiguous + 1 >= MAX_AMBIGUOUS_IN_A_ROW)
        throw ambiguityError(kind, ctx, startedAt, found.notFound, err);
      warnResubmit(ctx, startedAt, found.notFound);
      return submitOnce(kind, ctx, request, new Date().toISOString(), ambiguous + 1);
    }
    if (createdNothing(err)) {
      removeJournal(ctx.key);
    } else {
      // Not provably harmless (an unreadable answer, a bug after the request left): never assume nothing exists.
      writeJournal({ key: ctx.key, kind: kind.name, state: "ambiguous", startedAt, ambiguous: ambiguous + 1 });
    }
    throw err;
  }
  writeJournal({ key: ctx.key, kind: kind.name, state: "submitted", jobId, startedAt, ambiguous });
  return jobId;
}

/**
 * Errors after which the vendor certainly created nothing: bad input or configuration caught before
 * sending, and error answers from the vendor (throttling, auth, invalid parameter...). Everything else
 * — ambiguous failures, unreadable answers, unexpected errors — may have left a job behind.
 */
function createdNothing(err: unknown): boolean {
  if (err instanceof RequestValidationError || err instanceof CredentialsError || err instanceof ConfigurationError)
    return true;
  return err instanceof VendorError && !(err instanceof AmbiguousSubmissionError) && err.code !== "MalformedResponse";
}

function ambiguityError(kind: JobKind, ctx: JobContext, startedAt: string, why: string, cause?: VendorError): Error {
  return new Error(
    `${kind.name}: a job may have been created by the submission started at ${startedAt} (marker ${ctx.key})` +
      `${cause ? `: ${cause.message}` : ""}. It was not submitted again, to avoid paying twice, ` +
      `and could not be identified (${why}). ` +
      `Check the vendor console; then set ${kind.adoptInput} to the job's id to adopt it, ` +
      "or set resubmitToken to any new value to submit a new job.",
  );
}

/** Waits for the job, turning an unsuccessful end into a ResourceInitError that keeps the job id in state. */
async function settle(
  kind: JobKind,
  ctx: JobContext,
  jobId: string,
  key: string,
  initialDelayMs?: number,
): Promise<Props> {
  const inputs = ctx.inputs;
  const record = (view: JobView) => outputsOf(kind, inputs, view, key);
  if (inputs.waitForCompletion === false) {
    return outputsOf(kind, inputs, await kind.observe(ctx, jobId), key);
  }
  let view: JobView;
  try {
    view = await kind.wait(ctx, jobId, waitOptions(inputs, initialDelayMs));
  } catch (err) {
    if (err instanceof WaitTimeoutError) {
      const last = await kind
        .observe(ctx, jobId)
        .catch(() => ({ jobId, status: err.lastStatus ?? "UNKNOWN", done: false, outputs: {} }) as JobView);
      const message =
        `${kind.name} ${jobId} is still ${last.status} after ${Math.round(err.timeoutMs / 1000)} s ` +
        "(waitTimeoutSeconds); " +
        "its id is saved: run `pulumi up` again to keep waiting (nothing is submitted twice)";
      // The engine shows an init error's reasons, not its message: the reason is the whole story.
      throw new ResourceInitError(message, jobId, record(last), [message]);
    }
    if (err instanceof JobFailedError) {
      const last = await kind.observe(ctx, jobId).catch(
        () =>
          ({
            jobId,
            status: err.status,
            done: true,
            outputs: {},
            failure: { code: err.code, message: err.taskMessage },
          }) as JobView,
      );
      const message =
        `${kind.name} ${jobId} failed at the vendor: [${err.code}] ${err.taskMessage}` +
        `${err.requestId ? ` (RequestId: ${err.requestId})` : ""}. ` +
        "Change its inputs (or set resubmitToken) and run `pulumi up` to submit a new job";
      throw new ResourceInitError(
        message,
        jobId,
        record({ ...last, failure: last.failure ?? { code: err.code, message: err.taskMessage } }),
        [message],
      );
    }
    throw err;
  }
  return outputsOf(kind, inputs, view, key);
}

export async function createJob(kind: JobKind, rawInputs: Props): Promise<{ id: string; outs: Props }> {
  const inputs = strip(rawInputs);
  const { key, request } = requestFor(kind, inputs);
  const ctx = contextFor(kind, inputs, key);
  const jobId = await obtainJob(kind, ctx, request);
  try {
    return { id: jobId, outs: await settle(kind, ctx, jobId, key) };
  } catch (err) {
    if (err instanceof ResourceInitError) throw withProvider(err, rawInputs);
    // Any other failure after the job exists must still record its id.
    const message =
      `${kind.name} ${jobId}: ${(err as Error).message}; ` + "its id is saved: run `pulumi up` again to resume";
    throw withProvider(
      new ResourceInitError(
        message,
        jobId,
        outputsOf(kind, inputs, { jobId, status: "UNKNOWN", done: false, outputs: {} }, key),
        [message],
      ),
      rawInputs,
    );
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

/** Update: wait settings or placement changed, or the resource was left unfinished by an earlier run. */
export async function updateJob(kind: JobKind, id: string, _olds: Props, rawNews: Props): Promise<{ outs: Props }> {
  const inputs = strip(rawNews);
  const { key } = requestFor(kind, inputs);
  const ctx = contextFor(kind, inputs, key);
  try {
    return { outs: await settle(kind, ctx, id, key, 0) };
  } catch (err) {
    if (err instanceof ResourceInitError) throw withProvider(err, rawNews);
    throw err;
  }
}

/** Refresh: re-reads the job. A job the vendor no longer returns is reported, and dropped only if truly gone. */
export async function readJob(kind: JobKind, id: string, rawProps: Props): Promise<{ id?: string; props?: Props }> {
  const props = strip(rawProps);
  const key = typeof props.idempotencyKey === "string" ? props.idempotencyKey : "";
  const ctx = contextFor(kind, props, key);
  try {
    const view = await (kind.refresh ? kind.refresh(ctx, id, props) : kind.observe(ctx, id));
    return { id, props: { ...rawProps, ...outputsOf(kind, props, view, key), __provider: rawProps.__provider } };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    if (kind.goneWhenMissing) {
      ctx.log(`${id} no longer exists at the vendor; removing it from the stack`);
      if (key) removeJournal(key);
      return {};
    }
    ctx.log(
      `${id} is no longer returned by the vendor (${err.code}: ${err.vendorMessage}); ` +
        "keeping its last known outputs. " +
        "Vendors keep finished jobs visible for a limited time (Tencent: 3 days).",
    );
    return { id, props: { ...rawProps, vendorState: "NOT_FOUND" } };
  }
}

/** Destroy: cleans up at the vendor where there is something to clean (elements, running jobs). */
export async function deleteJob(kind: JobKind, id: string, rawProps: Props): Promise<void> {
  const props = strip(rawProps);
  const key = typeof props.idempotencyKey === "string" ? props.idempotencyKey : "";
  const ctx = contextFor(kind, props, key);
  await kind.remove?.(ctx, id, props);
  if (key) removeJournal(key);
}

export { requestFor };
