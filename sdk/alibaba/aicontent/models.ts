import { z } from "zod";
import { respString } from "../../core/schema-helpers";

/** The literal token that stands for the trained subject inside an inference prompt. */
export const SPECIAL_TOKEN = "<special-token>";

/** The aicontent response envelope around every JSON answer. */
export function aiContentEnvelope<S extends z.ZodType>(data: S) {
  return z.looseObject({
    requestId: respString,
    success: z.boolean(),
    errCode: z.string().nullish(),
    errMessage: z.string().nullish(),
    httpStatusCode: z.number().nullish(),
    data,
  });
}

/** An inference job (the `data` of AddInferenceJob and QueryInferenceJobInfo). */
export const InferenceJob = z.looseObject({
  /** Numeric string, e.g. "3220" (the page's sample writes it as a number: normalised to a string). */
  id: z.union([z.string(), z.number()]).transform(String),
  promptId: respString,
  modelId: respString,
  /** NOT_START → WAIT_SCHEDULE → (RUNNING) → FINISHED (or FAILED). */
  jobStatus: respString,
  /** 0..1 */
  jobTrainProgress: z.number().nullish(),
  /** Image resource ids such as "0000.png" (download with QueryImageAsset); null until finished. */
  resultImageUrl: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  createTime: respString,
  createUserId: z.string().nullish(),
});
export type InferenceJob = z.output<typeof InferenceJob>;

/** A model training job, with the inference jobs run on the model. */
export const ModelTrainJob = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  modelId: respString,
  name: respString,
  objectType: respString,
  jobStatus: respString,
  inferenceJobList: z
    .array(InferenceJob)
    .nullish()
    .transform((v) => v ?? []),
  createTime: respString,
});
export type ModelTrainJob = z.output<typeof ModelTrainJob>;

const SUCCESS = new Set(["FINISHED", "SUCCESS", "SUCCEEDED"]);
const FAILURE = new Set(["FAILED", "FAIL", "ERROR"]);
/** Terminal inference states: FINISHED (documented) and FAILED (assumed). */
export function inferenceOutcome(jobStatus: string): "running" | "succeeded" | "failed" {
  const s = jobStatus.toUpperCase();
  return SUCCESS.has(s) ? "succeeded" : FAILURE.has(s) ? "failed" : "running";
}
