// ICE job states: docs/vendor-notes/alibaba-job-echo-and-outcomes.md; what a waiter reads from them:
// docs/vendor-notes/job-progress-and-durations.md.
import type { JobOutcome } from "../../core/wait/job-outcome";
import { isIProductionJobDone } from "./models";

/** The fields of a QueryIProductionJob answer that decide its outcome (Code and Message when ICE sends them). */
export interface IProductionJobState {
  readonly Status: string;
  readonly Result?: string | undefined;
}

/**
 * Reads one QueryIProductionJob answer: done at Success, Fail (or Failed, Canceled, Cancelled); anything
 * done but Success failed; queued at Queuing (ICE reports no progress, but Analysing means it started). The
 * failure code is the job's `Code` when it has a non-empty one, else its `Status`; the message its `Message`,
 * else its `Result`. One rule, used by the waiter and the provider.
 */
export function iProductionJobOutcome(job: IProductionJobState): JobOutcome {
  const done = isIProductionJobDone(job.Status);
  if (!done) return { done, status: job.Status, queued: job.Status === "Queuing" };
  if (job.Status === "Success") return { done, status: job.Status };
  const extra = job as { Code?: unknown; Message?: unknown };
  const code = typeof extra.Code === "string" && extra.Code ? extra.Code : job.Status;
  const message =
    typeof extra.Message === "string" && extra.Message ? extra.Message : job.Result || "production job failed";
  return { done, status: job.Status, failure: { code, message } };
}
