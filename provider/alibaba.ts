// Alibaba Cloud resources: `import { alibaba } from "pulumi-aigc"`.
// The classes are built from the kinds' surfaces: a program never loads the request schemas or the hooks.
import { batchResource } from "./batch/batch-resource";
import { jobResource } from "./job-resource";
import type { aiImageJobKind } from "./kinds/ai-image-job/kind";
import { aiImageJobSurface } from "./kinds/ai-image-job/surface";
import type { productionJobKind } from "./kinds/production-job/kind";
import { productionJobSurface } from "./kinds/production-job/surface";
import type { txt2ImgInferenceJobKind } from "./kinds/txt2img-inference-job/kind";
import { txt2ImgInferenceJobSurface } from "./kinds/txt2img-inference-job/surface";

export type { ProductionJobResult } from "./kinds/production-job/surface";

/** An ApsaraVideo VOD AI image job (smart covers and GIFs of a video). */
export const AiImageJob = jobResource<typeof aiImageJobKind>(aiImageJobSurface);
export type AiImageJob = InstanceType<typeof AiImageJob>;
/** Arguments of {@link AiImageJob}: SubmitAIImageJob's fields in camelCase, plus the common ones. */
export type AiImageJobArgs = ConstructorParameters<typeof AiImageJob>[1];

/** An ICE intelligent production job (Cover, VideoClip, VideoDelogo, CaptionExtraction, audio analysis...). */
export const ProductionJob = jobResource<typeof productionJobKind>(productionJobSurface);
export type ProductionJob = InstanceType<typeof ProductionJob>;
/** Arguments of {@link ProductionJob}: SubmitIProductionJob's fields in camelCase, plus the common ones. */
export type ProductionJobArgs = ConstructorParameters<typeof ProductionJob>[1];

/** An aicontent personalized text-to-image inference job on a trained model. */
export const Txt2ImgInferenceJob = jobResource<typeof txt2ImgInferenceJobKind>(txt2ImgInferenceJobSurface);
export type Txt2ImgInferenceJob = InstanceType<typeof Txt2ImgInferenceJob>;
/** Arguments of {@link Txt2ImgInferenceJob}: Personalizedtxt2imgAddInferenceJob's fields, plus the common ones. */
export type Txt2ImgInferenceJobArgs = ConstructorParameters<typeof Txt2ImgInferenceJob>[1];

/** Many VOD AI image jobs in one resource, keyed by your own ids (docs/batches.md). */
export const AiImageJobSet = batchResource<typeof aiImageJobKind>(aiImageJobSurface);
export type AiImageJobSet = InstanceType<typeof AiImageJobSet>;
/** Arguments of {@link AiImageJobSet}: `items` of AiImageJob args, plus the batch-level inputs. */
export type AiImageJobSetArgs = ConstructorParameters<typeof AiImageJobSet>[1];

/** Many ICE production jobs in one resource, keyed by your own ids (docs/batches.md). */
export const ProductionJobSet = batchResource<typeof productionJobKind>(productionJobSurface);
export type ProductionJobSet = InstanceType<typeof ProductionJobSet>;
/** Arguments of {@link ProductionJobSet}: `items` of ProductionJob args, plus the batch-level inputs. */
export type ProductionJobSetArgs = ConstructorParameters<typeof ProductionJobSet>[1];

/** Many aicontent text-to-image inference jobs in one resource, keyed by your own ids (docs/batches.md). */
export const Txt2ImgInferenceJobSet = batchResource<typeof txt2ImgInferenceJobKind>(txt2ImgInferenceJobSurface);
export type Txt2ImgInferenceJobSet = InstanceType<typeof Txt2ImgInferenceJobSet>;
/** Arguments of {@link Txt2ImgInferenceJobSet}: `items` of Txt2ImgInferenceJob args, plus the batch-level inputs. */
export type Txt2ImgInferenceJobSetArgs = ConstructorParameters<typeof Txt2ImgInferenceJobSet>[1];
