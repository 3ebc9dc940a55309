import { z } from "zod";
import { jsonStringField, respString } from "../../../core/schema-helpers";
import { defineAlibabaAction } from "../../action";
import { Hex32Id } from "../../models";
import { IPRODUCTION_FUNCTIONS, IProductionInput, IProductionOutput, IProductionScheduleConfig } from "../models";

/** UserData: free text returned verbatim, ≤ 256 characters (a structured value is serialized to JSON). */
export const IProductionUserData = z
  .union([z.string(), z.record(z.string(), z.unknown()).transform((v) => JSON.stringify(v))])
  .pipe(z.string().max(256));

/**
 * SubmitIProductionJob: an intelligent production job (covers, clips, delogo, captions, audio analysis...).
 * Asynchronous (QueryIProductionJob). Paid; the API has NO idempotency token (no ClientToken).
 */
export const SubmitIProductionJobRequest = z.strictObject({
  FunctionName: z
    .enum(IPRODUCTION_FUNCTIONS)
    .describe("The algorithm to run: covers, clips, logo or text removal, captions, audio analysis..."),
  Input: jsonStringField(IProductionInput).describe("The source: an OSS object or a media asset."),
  Output: jsonStringField(IProductionOutput).describe("Where the result goes: an OSS object or a media asset."),
  Name: z.string().max(100).optional().describe("The job's name, up to 100 characters."),
  TemplateId: Hex32Id.optional().describe("A template of the function (32 hexadecimal characters)."),
  JobParams: jsonStringField(z.record(z.string(), z.unknown()))
    .optional()
    .describe('The algorithm\'s own parameters, e.g. `{"Model":"gif"}` for Cover.'),
  ModelId: z.string().optional().describe("Normally empty; VideoDetext accepts `algo-video-detext-new`."),
  ScheduleConfig: jsonStringField(IProductionScheduleConfig)
    .optional()
    .describe("The pipeline and priority of the job."),
  UserData: IProductionUserData.optional().describe(
    "Up to 256 characters returned with the job as they are. The provider adds its idempotency key here, which " +
      "counts towards the limit.",
  ),
});
export type SubmitIProductionJobRequest = z.input<typeof SubmitIProductionJobRequest>;

export const SubmitIProductionJobResponse = z.looseObject({ RequestId: respString, JobId: z.string().min(1) });
export type SubmitIProductionJobResponse = z.output<typeof SubmitIProductionJobResponse>;

export const SubmitIProductionJob = defineAlibabaAction({
  name: "SubmitIProductionJob",
  service: "ice",
  request: SubmitIProductionJobRequest,
  response: SubmitIProductionJobResponse,
  kind: "submit",
  vendorRateLimit: 100,
});
