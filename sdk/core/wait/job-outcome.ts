import { type CallContext, JobFailedError } from "../errors";
import type { JobObservation } from "./waiter";

/** How a job stands, as its service's outcome function reads one look at it. */
export interface JobOutcome {
  readonly done: boolean;
  /** The vendor's own status word (FINISH, success, Success, FINISHED...). */
  readonly status: string;
  /** 0–100 when the vendor reports progress. */
  readonly progress?: number | undefined;
  /** The vendor says the job has not started yet (it is queued). */
  readonly queued?: boolean | undefined;
  /** Set when the job ended without a usable result: the task-level code and message. */
  readonly failure?: { readonly code: string; readonly message: string } | undefined;
}

/** What a waiter knows about the poll that produced an outcome. */
export interface PolledJob<T> {
  readonly context: CallContext;
  readonly jobId: string;
  /** What the wait resolves with when the job succeeded. */
  readonly value: T;
  /** The job object as the vendor returned it (kept on JobFailedError). */
  readonly job: unknown;
  readonly requestId?: string | undefined;
}

/** One waiter observation: a failed outcome becomes the JobFailedError the wait rejects with. */
export function observationOf<T>(outcome: JobOutcome, polled: PolledJob<T>): JobObservation<T> {
  const failure = outcome.failure
    ? new JobFailedError({
        ...polled.context,
        code: outcome.failure.code,
        message: outcome.failure.message,
        requestId: polled.requestId,
        jobId: polled.jobId,
        status: outcome.status,
        job: polled.job,
      })
    : undefined;
  const { done, status, progress, queued } = outcome;
  return { done, status, progress, queued, value: polled.value, failure };
}
