import { z } from "zod";
import { defineAlibabaAction } from "../../action";
import { aiContentEnvelope, ModelTrainJob } from "../models";

/** Personalizedtxt2imgQueryModelTrainJobList: every trained model with the inference jobs run on it. */
export const Personalizedtxt2imgQueryModelTrainJobListRequest = z.strictObject({});
export type Personalizedtxt2imgQueryModelTrainJobListRequest = z.input<
  typeof Personalizedtxt2imgQueryModelTrainJobListRequest
>;

export const Personalizedtxt2imgQueryModelTrainJobListResponse = aiContentEnvelope(
  z
    .array(ModelTrainJob)
    .nullish()
    .transform((v) => v ?? []),
);
export type Personalizedtxt2imgQueryModelTrainJobListResponse = z.output<
  typeof Personalizedtxt2imgQueryModelTrainJobListResponse
>;

export const Personalizedtxt2imgQueryModelTrainJobList = defineAlibabaAction({
  name: "Personalizedtxt2imgQueryModelTrainJobList",
  service: "aicontent",
  request: Personalizedtxt2imgQueryModelTrainJobListRequest,
  response: Personalizedtxt2imgQueryModelTrainJobListResponse,
  kind: "read",
  vendorRateLimit: 20,
  roa: { method: "GET", path: "/api/v1/personalizedtxt2img/queryModelTrainJobList" },
});
