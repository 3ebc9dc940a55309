import { z } from "zod";
import { jsonStringField, respString } from "../../../core/schema-helpers";
import { defineAlibabaAction } from "../../action";
import { utf8Bytes } from "../../models";
import { VodUserDataContent } from "../models";

/** A VOD id as the API page types it: a string (the ids VOD issues happen to be 32 hex characters). */
const VodId = z.string().min(1);

/**
 * SubmitAIImageJob: starts an AI image job (smart covers / GIFs) on a VOD video with an AIImage template.
 * Asynchronous (GetAIImageJobs). Paid; the API has no idempotency token. Regions: cn-beijing and cn-shanghai
 * only (`VOD_AI_IMAGE_REGIONS`).
 */
export const SubmitAIImageJobRequest = z.strictObject({
  VideoId: VodId.describe("The id of the VOD video the images are made from."),
  AITemplateId: VodId.describe(
    "An AI template of type AIImage (AddAITemplate), which says what to make (gif, png...).",
  ),
  UserData: jsonStringField(VodUserDataContent)
    .refine((s) => utf8Bytes(s) <= 512, { message: "must be at most 512 bytes once serialized" })
    .optional()
    .describe(
      "At most 512 bytes of JSON with `MessageCallback` and/or `Extend`, returned with the job. The provider adds " +
        "its idempotency key under `Extend`, which counts towards the limit.",
    ),
  AIPipelineId: z
    .string()
    .optional()
    .describe("A dedicated AI pipeline (granted by ticket); left out or empty, the default pipeline runs the job."),
});
export type SubmitAIImageJobRequest = z.input<typeof SubmitAIImageJobRequest>;

export const SubmitAIImageJobResponse = z.looseObject({ RequestId: respString, JobId: z.string().min(1) });
export type SubmitAIImageJobResponse = z.output<typeof SubmitAIImageJobResponse>;

export const SubmitAIImageJob = defineAlibabaAction({
  name: "SubmitAIImageJob",
  service: "vod",
  request: SubmitAIImageJobRequest,
  response: SubmitAIImageJobResponse,
  kind: "submit",
  vendorRateLimit: 50,
});
