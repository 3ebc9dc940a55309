import {
  type InferenceJob,
  inferenceOutcome,
  Personalizedtxt2imgAddInferenceJobRequest,
  type WaitOptions,
} from "../../../sdk";
import { aiContentClient } from "../clients";
import type { JobContext, JobKind, JobView } from "../job-kind";

function view(ctx: JobContext, job: InferenceJob): JobView {
  const outcome = inferenceOutcome(job.jobStatus);
  const client = aiContentClient(ctx.placement);
  return {
    jobId: job.id,
    status: job.jobStatus,
    done: outcome !== "running",
    progress: typeof job.jobTrainProgress === "number" ? Math.round(job.jobTrainProgress * 100) : undefined,
    failure: outcome === "failed" ? { code: job.jobStatus, message: "inference job failed" } : undefined,
    outputs: {
      jobStatus: job.jobStatus,
      promptId: job.promptId,
      resultImageIds: job.resultImageUrl,
      // Image ids become QueryImageAsset addresses (fetching one needs a signed GET: the sdk does it).
      resultImageUrls: job.resultImageUrl.map((id) => client.imageAssetUrl(job, id)),
      createTime: job.createTime,
    },
  };
}

/** aicontent createTime is zone-less local time (Asia/Shanghai, alibaba.md §6). */
const aicTimeMs = (t: string) => Date.parse(`${t.slice(0, 23)}+08:00`);

/** alibaba.Txt2ImgInferenceJob: Personalizedtxt2imgAddInferenceJob → QueryInferenceJobInfo. */
export const txt2ImgInferenceJobKind: JobKind = {
  name: "alibaba:Txt2ImgInferenceJob",
  request: Personalizedtxt2imgAddInferenceJobRequest,
  idOutput: "jobId",
  adoptInput: "adoptJobId",
  providerInputs: [],
  dedupedByVendor: false,
  goneWhenMissing: false,
  prepare: (wire) => wire, // the API has no field for a marker
  async submit(ctx, request) {
    return (
      await aiContentClient(ctx.placement).personalizedtxt2imgAddInferenceJob(request as never, { marker: ctx.key })
    ).data.id;
  },
  async recover(ctx, request, since) {
    // Inference jobs carry no prompt or user data: report candidates, never guess which one is ours.
    const jobs = await aiContentClient(ctx.placement).findInferenceJobs(String(request.modelId));
    const candidates = jobs.filter((j) => aicTimeMs(j.createTime) >= since.getTime());
    return {
      notFound:
        candidates.length === 0
          ? `model ${String(request.modelId)} has no inference job created since ${since.toISOString()}`
          : `candidate jobs on model ${String(request.modelId)}: ` +
            candidates.map((j) => `${j.id} (${j.createTime}, ${j.jobStatus})`).join(", "),
    };
  },
  async observe(ctx, jobId) {
    return view(
      ctx,
      (await aiContentClient(ctx.placement).personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: jobId })).data,
    );
  },
  async wait(ctx, jobId, options: WaitOptions) {
    const job = await aiContentClient(ctx.placement).waitForInferenceJob(jobId, {
      ...options,
      onProgress: (p) => ctx.log(`${jobId} ${p.status} ${p.progress ?? 0}% (${Math.round(p.elapsedMs / 1000)} s)`),
    });
    return view(ctx, job);
  },
};
