// aicontent personalized text-to-image request tables, written from the vendor's API pages as summarised in
// docs/vendor-notes/alibaba.md ("aicontent"). POST actions take a JSON body, GET actions query parameters.
import { int, looseObj, type ObjectRule, req, str } from "../validation/rules";

/** One aicontent action: its ROA method and path, and its request table. */
export interface RoaActionRules {
  readonly action: string;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly request: ObjectRule;
}

/** The literal token that stands for the trained subject in a prompt. */
export const SPECIAL_TOKEN = "<special-token>";

/** The service generates at most this many images per job; a larger imageNumber is lowered to it. */
export const MAX_IMAGES_PER_JOB = 10;
/** Seeds inside this range are used as given; any other value makes the service pick one. */
export const SEED_RANGE = [-1, 2147483647] as const;

const PREFIX = "/api/v1/personalizedtxt2img";
const roa = (action: string, method: "GET" | "POST", path: string, request: ObjectRule): RoaActionRules => ({
  action,
  method,
  path: `${PREFIX}/${path}`,
  request,
});

/** Every aicontent action the emulator serves. */
export const AICONTENT_RULES: readonly RoaActionRules[] = [
  roa(
    "Personalizedtxt2imgAddInferenceJob",
    "POST",
    "addInferenceJob",
    looseObj({
      modelId: req(str({ minLength: 1 })),
      prompt: req(
        str({
          minLength: 1,
          pattern: {
            regex: new RegExp(SPECIAL_TOKEN),
            rule: `must contain the subject placeholder ${SPECIAL_TOKEN}`,
          },
        }),
      ),
      // A count of images: the page gives no lower bound; above 10 the service lowers it, it does not refuse.
      imageNumber: int({ min: 1 }),
      // long: out-of-range values are replaced by a seed of the service's choice, not refused.
      seed: int(),
    }),
  ),
  roa(
    "Personalizedtxt2imgQueryInferenceJobInfo",
    "GET",
    "queryInferenceJobInfo",
    looseObj({ inferenceJobId: req(str()) }),
  ),
  roa(
    "Personalizedtxt2imgQueryImageAsset",
    "GET",
    "queryImageAsset",
    looseObj({
      modelId: req(str()),
      promptId: req(str()),
      imageId: req(str()),
      encodeFormat: str({ enum: ["base64"] }),
    }),
  ),
  roa("Personalizedtxt2imgQueryModelTrainJobList", "GET", "queryModelTrainJobList", looseObj({})),
];

/** The path prefix every personalizedtxt2img action shares. */
export const AICONTENT_PATH_PREFIX = `${PREFIX}/`;
