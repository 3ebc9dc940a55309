import {
  MAX_IMAGE_NUMBER,
  type Personalizedtxt2imgAddInferenceJobRequest,
  SEED_RANGE,
} from "./actions/personalizedtxt2img-add-inference-job";

/**
 * What aicontent will do differently from what a valid Personalizedtxt2imgAddInferenceJob request literally
 * says, as sentences for a preview warning: an imageNumber above 10 is lowered to 10, and a seed outside
 * [−1, 2147483647] is replaced by a seed of the service's choice (both documented on the API page). Empty
 * when the request is taken as written. Pure: reads the request only; tolerates partial requests.
 */
export function personalizedtxt2imgAdjustments(req: Partial<Personalizedtxt2imgAddInferenceJobRequest>): string[] {
  const out: string[] = [];
  const n = req.imageNumber;
  if (typeof n === "number" && n > MAX_IMAGE_NUMBER) {
    out.push(`imageNumber ${n} is above ${MAX_IMAGE_NUMBER}: the service generates ${MAX_IMAGE_NUMBER} images.`);
  }
  const seed = req.seed;
  if (typeof seed === "number" && (seed < SEED_RANGE.min || seed > SEED_RANGE.max)) {
    out.push(
      `seed ${seed} is outside ${SEED_RANGE.min}..${SEED_RANGE.max}: the service replaces it with a seed of its ` +
        "choice, so the images are not reproducible.",
    );
  }
  return out;
}
