import { z } from "zod";
import { defineAlibabaAction } from "../../action";
import { aiContentEnvelope, InferenceJob, SPECIAL_TOKEN } from "../models";

/** Inference asks for at most this many images (the service clamps larger values silently; we refuse them). */
export const MAX_IMAGE_NUMBER = 10;

/**
 * Personalizedtxt2imgAddInferenceJob: generates images of a trained subject from a prompt. Asynchronous
 * (QueryInferenceJobInfo). Paid; no idempotency token and no user data field.
 */
export const Personalizedtxt2imgAddInferenceJobRequest = z.strictObject({
  modelId: z.string().min(1),
  /** English; the subject is written as the literal token `<special-token>`. */
  prompt: z
    .string()
    .min(1)
    .refine((p) => p.includes(SPECIAL_TOKEN), { message: `must contain the subject placeholder ${SPECIAL_TOKEN}` }),
  /** 1–10. */
  imageNumber: z.int().min(1).max(MAX_IMAGE_NUMBER).optional(),
  /** −1 (random) … 2147483647. */
  seed: z.int().min(-1).max(2147483647).optional(),
});
export type Personalizedtxt2imgAddInferenceJobRequest = z.input<typeof Personalizedtxt2imgAddInferenceJobRequest>;

export const Personalizedtxt2imgAddInferenceJobResponse = aiContentEnvelope(InferenceJob);
export type Personalizedtxt2imgAddInferenceJobResponse = z.output<typeof Personalizedtxt2imgAddInferenceJobResponse>;

export const Personalizedtxt2imgAddInferenceJob = defineAlibabaAction({
  name: "Personalizedtxt2imgAddInferenceJob",
  service: "aicontent",
  request: Personalizedtxt2imgAddInferenceJobRequest,
  response: Personalizedtxt2imgAddInferenceJobResponse,
  kind: "submit",
  vendorRateLimit: 20,
  roa: { method: "POST", path: "/api/v1/personalizedtxt2img/addInferenceJob" },
});
