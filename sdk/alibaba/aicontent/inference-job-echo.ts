// What an aicontent inference job records of its request, for `pulumi import`:
// docs/vendor-notes/alibaba-job-echo-and-outcomes.md.
import type { Personalizedtxt2imgAddInferenceJobRequest } from "./actions";
import type { InferenceJob } from "./models";

/**
 * The request fields QueryInferenceJobInfo returns: the model only. The prompt is kept by id (`promptId`), not as
 * text, and imageNumber and seed are not returned.
 */
export function inferenceJobEchoedRequest(
  job: Pick<InferenceJob, "modelId">,
): Partial<Personalizedtxt2imgAddInferenceJobRequest> {
  return job.modelId ? { modelId: job.modelId } : {};
}
