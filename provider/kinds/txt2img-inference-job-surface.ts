// The program's side of `alibaba:Txt2ImgInferenceJob` (KindSurface in ../job-kind.ts): its type token and its outputs,
// all that its resource class is built from. The rest of its declaration, ./txt2img-inference-job.ts, is loaded by the
// provider process only.
import { defineKindSurface, output } from "../job-kind";

export const txt2ImgInferenceJobSurface = defineKindSurface({
  name: "alibaba:Txt2ImgInferenceJob",
  outputs: {
    /** The inference job id (also the resource id). */
    jobId: output<string>(),
    /** NOT_START, WAIT_SCHEDULE, RUNNING, FINISHED (or FAILED). */
    jobStatus: output<string>(),
    promptId: output<string>(),
    /** Image resource ids (`0000.png`...). */
    resultImageIds: output<string[]>(),
    /**
     * QueryImageAsset addresses of the images (a signed GET fetches them; see the sdk's
     * personalizedtxt2imgQueryImageAsset).
     */
    resultImageUrls: output<string[]>(),
    createTime: output<string>(),
  },
});
