import { z } from "zod";
import { defineAlibabaAction } from "../../action";
import { aiContentEnvelope, InferenceJob, SPECIAL_TOKEN } from "../models";

/** The most images one inference job generates: the service lowers a larger imageNumber to this. */
export const MAX_IMAGE_NUMBER = 10;

/** Seeds the service uses as given (−1 asks it to pick one); any other integer is replaced by its own choice. */
export const SEED_RANGE = { min: -1, max: 2147483647 } as const;

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
  /** How many images; above 10 the service generates 10 (`personalizedtxt2imgAdjustments` says so). */
  imageNumber: z.int().min(1).optional(),
  /** −1 (random) … 2147483647 are used as given; other values make the service pick a seed. */
  seed: z.int().optional(),
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
