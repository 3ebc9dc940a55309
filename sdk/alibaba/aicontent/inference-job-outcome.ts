// Inference job states: docs/vendor-notes/alibaba-job-echo-and-outcomes.md; what a waiter reads from them:
// docs/vendor-notes/job-progress-and-durations.md.
import type { JobOutcome } from "../../core/wait/job-outcome";
import { type InferenceJob, inferenceOutcome } from "./models";

/**
 * Reads one inference job: done when FINISHED (or FAILED); queued at NOT_START and WAIT_SCHEDULE; progress
 * from `jobTrainProgress` (0..1) in percent; a failed job's code is its status (aicontent gives no task-level
 * code or message).
 */
export function inferenceJobOutcome(job: Pick<InferenceJob, "jobStatus" | "jobTrainProgress">): JobOutcome {
  const outcome = inferenceOutcome(job.jobStatus);
  const status = job.jobStatus.toUpperCase();
  return {
    done: outcome !== "running",
    status: job.jobStatus,
    queued: status === "NOT_START" || status === "WAIT_SCHEDULE",
    progress: typeof job.jobTrainProgress === "number" ? Math.round(job.jobTrainProgress * 100) : undefined,
    failure: outcome === "failed" ? { code: job.jobStatus, message: "inference job failed" } : undefined,
  };
}
