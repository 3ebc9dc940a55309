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
  FunctionName: z.enum(IPRODUCTION_FUNCTIONS),
  /** Sent as a JSON string. */
  Input: jsonStringField(IProductionInput),
  /** Sent as a JSON string. */
  Output: jsonStringField(IProductionOutput),
  /** ≤ 100 characters. */
  Name: z.string().max(100).optional(),
  TemplateId: Hex32Id.optional(),
  /** Algorithm parameters as JSON (e.g. {"Model":"gif"}). */
  JobParams: jsonStringField(z.record(z.string(), z.unknown())).optional(),
  ModelId: z.string().optional(),
  /** Sent as a JSON string. */
  ScheduleConfig: jsonStringField(IProductionScheduleConfig).optional(),
  UserData: IProductionUserData.optional(),
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
