import { z } from "zod";
import { jsonStringField, respString } from "../../../core/schema-helpers";
import { defineAlibabaAction } from "../../action";
import { Hex32Id, utf8Bytes } from "../../models";
import { VodUserDataContent } from "../models";

/**
 * SubmitAIImageJob: starts an AI image job (smart covers / GIFs) on a VOD video with an AIImage template.
 * Asynchronous (GetAIImageJobs). Paid; the API has no idempotency token. Regions: cn-beijing, cn-shanghai.
 */
export const SubmitAIImageJobRequest = z.strictObject({
  VideoId: Hex32Id,
  /** An AI template of type AIImage. */
  AITemplateId: Hex32Id,
  /** JSON text ≤ 512 bytes with MessageCallback and/or Extend (a structured value is serialized). */
  UserData: jsonStringField(VodUserDataContent)
    .refine((s) => utf8Bytes(s) <= 512, { message: "must be at most 512 bytes once serialized" })
    .optional(),
  AIPipelineId: Hex32Id.optional(),
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
