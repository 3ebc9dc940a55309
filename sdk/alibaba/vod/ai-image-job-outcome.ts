// VOD AI image job states: docs/vendor-notes/alibaba-job-echo-and-outcomes.md.
import type { JobOutcome } from "../../core/wait/job-outcome";
import { type AIImageJob, isAIImageJobDone } from "./models";

/**
 * Reads one GetAIImageJobs entry: done at `success` or `fail` (any case); a job that is done without
 * `success` failed with its Code and Message. VOD reports no progress for these jobs.
 */
export function aiImageJobOutcome(job: Pick<AIImageJob, "Status" | "Code" | "Message">): JobOutcome {
  const done = isAIImageJobDone(job.Status);
  const failed = done && job.Status.toLowerCase() !== "success";
  return {
    done,
    status: job.Status,
    failure: failed ? { code: job.Code || "Fail", message: job.Message || "AI image job failed" } : undefined,
  };
}
