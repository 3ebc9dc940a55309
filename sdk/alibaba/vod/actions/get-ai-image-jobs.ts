import { z } from "zod";
import { respString } from "../../../core/schema-helpers";
import { defineAlibabaAction } from "../../action";
import { AIImageJob } from "../models";

/** The most JobIds one GetAIImageJobs call accepts. */
export const MAX_JOB_IDS_PER_CALL = 10;

/** GetAIImageJobs: status and results of up to 10 AI image jobs (comma-separated JobIds). */
export const GetAIImageJobsRequest = z.strictObject({
  JobIds: z
    .string()
    .min(1)
    .refine((s) => s.split(",").every((id) => id.trim().length > 0), {
      message: "must be comma-separated non-empty ids",
    })
    .refine((s) => s.split(",").length <= MAX_JOB_IDS_PER_CALL, {
      message: `must list at most ${MAX_JOB_IDS_PER_CALL} ids per call`,
    }),
});
export type GetAIImageJobsRequest = z.input<typeof GetAIImageJobsRequest>;

/** AIImageJobList is a plain array (older metadata wrapped it in {AIImageJob: [...]}; both are accepted). */
export const GetAIImageJobsResponse = z.looseObject({
  RequestId: respString,
  AIImageJobList: z.preprocess(
    (v) =>
      v && typeof v === "object" && !Array.isArray(v) && "AIImageJob" in v
        ? (v as { AIImageJob: unknown }).AIImageJob
        : (v ?? []),
    z.array(AIImageJob),
  ),
});
export type GetAIImageJobsResponse = z.output<typeof GetAIImageJobsResponse>;

export const GetAIImageJobs = defineAlibabaAction({
  name: "GetAIImageJobs",
  service: "vod",
  request: GetAIImageJobsRequest,
  response: GetAIImageJobsResponse,
  kind: "read",
  vendorRateLimit: 50,
});
