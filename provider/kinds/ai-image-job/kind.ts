// The sdk's modules, not its index: `check` loads this declaration, and must not load the clients' transport.
import type { AIImageJob } from "../../../sdk";
import { SubmitAIImageJobRequest } from "../../../sdk/alibaba/vod/actions";
import { aiImageJobEchoedRequest, diffAIImageJobInput } from "../../../sdk/alibaba/vod/ai-image-job-input-match";
import { aiImageJobOutcome } from "../../../sdk/alibaba/vod/ai-image-job-outcome";
import { aiImageResults } from "../../../sdk/alibaba/vod/ai-image-results";
import { NotFoundError } from "../../../sdk/core/errors";
import { camelizeKeys } from "../../casing";
import { defineJobKind, type JobContext, type KindView } from "../../job-kind";
import { alibabaRegion } from "../../runtime/clients";
import { markerOwnedField, withMarker } from "../user-data-marker";
import { aiImageJobSurface } from "./surface";

/** The marker goes into UserData.Extend, which GetAIImageJobs returns verbatim. */
function withKey<R extends { UserData?: unknown }>(request: R, key: string): R {
  const userData = withMarker(request.UserData, key, ["Extend"]);
  return userData ? { ...request, UserData: userData } : request;
}

type AiImageView = KindView<typeof aiImageJobSurface>;

function view(job: AIImageJob): AiImageView {
  const outcome = aiImageJobOutcome(job);
  const results = aiImageResults(job);
  return {
    jobId: job.JobId,
    status: outcome.status,
    done: outcome.done,
    failure: outcome.failure,
    outputs: {
      jobId: job.JobId,
      results: camelizeKeys(results),
      resultUrls: results.map((r) => r.Url),
      code: job.Code,
      message: job.Message,
      creationTime: job.CreationTime,
    },
  };
}

/** GetAIImageJobs of one job. @throws NotFoundError when VOD does not list it. */
async function getJob(ctx: JobContext, jobId: string): Promise<AIImageJob> {
  const job = (await ctx.clients.vod().getAIImageJobs({ JobIds: [jobId] })).AIImageJobList.find(
    (j) => j.JobId === jobId,
  );
  if (job) return job;
  throw new NotFoundError({
    vendor: "alibaba",
    service: "vod",
    action: "GetAIImageJobs",
    code: "JobNotFound",
    message: `GetAIImageJobs does not list job ${jobId}`,
  });
}

/**
 * `alibaba.AiImageJob`: an ApsaraVideo VOD AI image job (smart covers and GIFs of a video). SubmitAIImageJob has
 * no idempotency token: the provider marks the job in `UserData.Extend.pulumiAigcKey` and finds finished jobs
 * by that marker; polls of every job of the update are batched into GetAIImageJobs calls of up to 10 ids.
 */
export const aiImageJobKind = defineJobKind({
  ...aiImageJobSurface,
  request: SubmitAIImageJobRequest,
  idOutput: "jobId",
  adoptInputs: ["adoptJobId"],
  ownedFields: [markerOwnedField(["UserData", "Extend"])],
  dedupedByVendor: false,
  goneWhenMissing: false,
  withKey,
  async submit(ctx, request) {
    return (await ctx.clients.vod().submitAIImageJob(request, { marker: ctx.key, signal: ctx.signal })).JobId;
  },
  async recover(ctx, request) {
    const jobs = await ctx.clients.vod().findAIImageJobsByMarker(String(request.VideoId), ctx.key, {
      signal: ctx.signal,
    });
    const sent = withKey(request, ctx.key);
    const ours = jobs.filter((j) => diffAIImageJobInput(sent, j).length === 0);
    if (ours.length > 1) {
      ctx.log(`several jobs carry this resource's marker (${ours.map((j) => j.JobId).join(", ")}): adopting the first`);
    }
    if (ours[0]) return { jobId: ours[0].JobId };
    if (jobs[0]) return { mismatch: { jobId: jobs[0].JobId, differences: diffAIImageJobInput(sent, jobs[0]) } };
    return { notFound: "ListAIImageInfo lists no job with this marker (VOD lists only jobs that produced images)" };
  },
  async observe(ctx, jobId) {
    return view(await getJob(ctx, jobId));
  },
  async importLook(ctx, jobId) {
    const job = await getJob(ctx, jobId);
    return { view: view(job), request: aiImageJobEchoedRequest(job) };
  },
  async wait(ctx, jobId, options) {
    const job = await ctx.clients.vod().waitForAIImageJob(jobId, options);
    return view(job);
  },
  profile: (inputs) => `${alibabaRegion({ region: inputs.region })}|${inputs.aiTemplateId ?? ""}`,
});
