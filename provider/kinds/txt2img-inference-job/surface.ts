// The program's side of this kind (KindSurface in ../../job-kind.ts): its type token, written here only, and
// its outputs, all that its resource class is built from. The rest of its declaration, ./kind.ts, is loaded by
// the provider process only.
import { defineKindSurface, output } from "../../job-kind";

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
