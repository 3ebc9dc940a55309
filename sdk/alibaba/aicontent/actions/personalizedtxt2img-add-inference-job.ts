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
  modelId: z.string().min(1).describe("The id of the trained model (Personalizedtxt2imgAddModelTrainJob)."),
  prompt: z
    .string()
    .min(1)
    .refine((p) => p.includes(SPECIAL_TOKEN), { message: `must contain the subject placeholder ${SPECIAL_TOKEN}` })
    .describe(
      `An English prompt that writes the trained subject as the literal token ${SPECIAL_TOKEN}, e.g. ` +
        `"a photo of a ${SPECIAL_TOKEN} in the snow".`,
    ),
  imageNumber: z.int().min(1).optional().describe("How many images to make; above 10, the service makes 10."),
  seed: z
    .int()
    .optional()
    .describe("-1 (random) to 2147483647, used as given; any other value, or none, lets the service pick one."),
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
