// The sdk's modules, not its index: `check` loads this declaration, and must not load the clients' transport.
import type { InferenceJob } from "../../../sdk";
import { Personalizedtxt2imgAddInferenceJobRequest } from "../../../sdk/alibaba/aicontent/actions";
import { personalizedtxt2imgAdjustments } from "../../../sdk/alibaba/aicontent/inference-adjustments";
import { inferenceJobEchoedRequest } from "../../../sdk/alibaba/aicontent/inference-job-echo";
import { inferenceJobOutcome } from "../../../sdk/alibaba/aicontent/inference-job-outcome";
import { defineJobKind, type JobContext, type KindView } from "../../job-kind";
import { txt2ImgInferenceJobSurface } from "./surface";

type InferenceView = KindView<typeof txt2ImgInferenceJobSurface>;

function view(ctx: JobContext, job: InferenceJob): InferenceView {
  const outcome = inferenceJobOutcome(job);
  const client = ctx.clients.aicontent();
  return {
    jobId: job.id,
    status: outcome.status,
    done: outcome.done,
    progress: outcome.progress,
    failure: outcome.failure,
    outputs: {
      jobId: job.id,
      jobStatus: job.jobStatus,
      promptId: job.promptId,
      resultImageIds: job.resultImageUrl,
      // Image ids become QueryImageAsset addresses (fetching one needs a signed GET: the sdk does it).
      resultImageUrls: job.resultImageUrl.map((id) => client.imageAssetUrl(job, id)),
      createTime: job.createTime,
    },
  };
}

/** aicontent's createTime is zone-less local time in China (UTC+8): see docs/vendor-notes/alibaba.md. */
const aicTimeMs = (t: string) => Date.parse(`${t.slice(0, 23)}+08:00`);

/**
 * `alibaba.Txt2ImgInferenceJob`: an aicontent personalized text-to-image inference job on a trained model. The
 * API has neither an idempotency token nor a user-data field, and lists jobs only per model: the ledger is what
 * finds a job again; after an ambiguous failure the candidates are reported, never guessed.
 */
export const txt2ImgInferenceJobKind = defineJobKind({
  ...txt2ImgInferenceJobSurface,
  request: Personalizedtxt2imgAddInferenceJobRequest,
  idOutput: "jobId",
  adoptInputs: ["adoptJobId"],
  ownedFields: [],
  dedupedByVendor: false,
  goneWhenMissing: false,
  withKey: (request) => request, // the API has no field for a marker
  adjustments: (request) => personalizedtxt2imgAdjustments(request),
  async submit(ctx, request) {
    const options = { marker: ctx.key, signal: ctx.signal };
    return (await ctx.clients.aicontent().personalizedtxt2imgAddInferenceJob(request, options)).data.id;
  },
  async recover(ctx, request, since) {
    // Inference jobs carry no prompt or user data: report candidates, never guess which one is ours.
    const jobs = await ctx.clients.aicontent().findInferenceJobs(String(request.modelId), { signal: ctx.signal });
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
    const res = await ctx.clients.aicontent().personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: jobId });
    return view(ctx, res.data);
  },
  async importLook(ctx, jobId) {
    const { data } = await ctx.clients.aicontent().personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: jobId });
    return { view: view(ctx, data), request: inferenceJobEchoedRequest(data) };
  },
  async wait(ctx, jobId, options) {
    const job = await ctx.clients.aicontent().waitForInferenceJob(jobId, options);
    return view(ctx, job);
  },
  profile: (inputs) => `${inputs.modelId ?? ""}|${inputs.imageNumber ?? 1}`,
});
