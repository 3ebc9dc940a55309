import { z } from "zod";
import { defineAlibabaAction } from "../../action";
import { aiContentEnvelope, InferenceJob } from "../models";

/** Personalizedtxt2imgQueryInferenceJobInfo: one inference job's status and result image ids. */
export const Personalizedtxt2imgQueryInferenceJobInfoRequest = z.strictObject({
  inferenceJobId: z.string().min(1),
});
export type Personalizedtxt2imgQueryInferenceJobInfoRequest = z.input<
  typeof Personalizedtxt2imgQueryInferenceJobInfoRequest
>;

export const Personalizedtxt2imgQueryInferenceJobInfoResponse = aiContentEnvelope(InferenceJob);
export type Personalizedtxt2imgQueryInferenceJobInfoResponse = z.output<
  typeof Personalizedtxt2imgQueryInferenceJobInfoResponse
>;

export const Personalizedtxt2imgQueryInferenceJobInfo = defineAlibabaAction({
  name: "Personalizedtxt2imgQueryInferenceJobInfo",
  service: "aicontent",
  request: Personalizedtxt2imgQueryInferenceJobInfoRequest,
  response: Personalizedtxt2imgQueryInferenceJobInfoResponse,
  kind: "read",
  vendorRateLimit: 20,
  roa: { method: "GET", path: "/api/v1/personalizedtxt2img/queryInferenceJobInfo" },
});
