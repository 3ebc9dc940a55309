import {
  type AIImageJob,
  aiImageResults,
  NotFoundError,
  SubmitAIImageJobRequest,
  type WaitOptions,
} from "../../../sdk";
import { camelizeKeys } from "../../casing";
import { vodClient } from "../clients";
import type { JobKind, JobView } from "../job-kind";
import { withMarker } from "./user-data-marker";

function view(job: AIImageJob): JobView {
  const s = job.Status.toLowerCase();
  const done = s === "success" || s === "fail" || s === "failed";
  const results = aiImageResults(job);
  return {
    jobId: job.JobId,
    status: job.Status,
    done,
    failure:
      done && s !== "success" ? { code: job.Code || "Fail", message: job.Message || "AI image job failed" } : undefined,
    outputs: {
      results: camelizeKeys(results),
      resultUrls: results.map((r) => r.Url),
      code: job.Code,
      message: job.Message,
      creationTime: job.CreationTime,
    },
  };
}

/** alibaba.AiImageJob: SubmitAIImageJob → GetAIImageJobs (polls of all jobs batched, ≤ 10 ids a call). */
export const aiImageJobKind: JobKind = {
  name: "alibaba:AiImageJob",
  request: SubmitAIImageJobRequest,
  idOutput: "jobId",
  adoptInput: "adoptJobId",
  providerInputs: [],
  dedupedByVendor: false,
  goneWhenMissing: false,
  prepare(wire, key) {
    // The marker goes into UserData.Extend, which GetAIImageJobs returns verbatim.
    const userData = withMarker(wire.UserData, key, ["Extend"]);
    return userData ? { ...wire, UserData: userData } : wire;
  },
  async submit(ctx, request) {
    return (await vodClient(ctx.placement).submitAIImageJob(request as never, { marker: ctx.key })).JobId;
  },
  async recover(ctx, request) {
    const jobs = await vodClient(ctx.placement).findAIImageJobsByMarker(String(request.VideoId), ctx.key);
    if (jobs.length > 1)
      ctx.log(`several jobs carry this resource's marker (${jobs.map((j) => j.JobId).join(", ")}): adopting the first`);
    return jobs[0]
      ? { jobId: jobs[0].JobId }
      : { notFound: "ListAIImageInfo lists no job with this marker (VOD lists only jobs that produced images)" };
  },
  async observe(ctx, jobId) {
    const job = (await vodClient(ctx.placement).getAIImageJobs({ JobIds: [jobId] })).AIImageJobList.find(
      (j) => j.JobId === jobId,
    );
    if (!job)
      throw new NotFoundError({
        vendor: "alibaba",
        service: "vod",
        action: "GetAIImageJobs",
        code: "JobNotFound",
        message: `GetAIImageJobs does not list job ${jobId}`,
      });
    return view(job);
  },
  async wait(ctx, jobId, options: WaitOptions) {
    const job = await vodClient(ctx.placement).waitForAIImageJob(jobId, {
      ...options,
      onProgress: (p) => ctx.log(`${jobId} ${p.status} (${Math.round(p.elapsedMs / 1000)} s)`),
    });
    return view(job);
  },
};
