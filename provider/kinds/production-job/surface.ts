// The program's side of this kind (KindSurface in ../../job-kind.ts): its type token, written here only, and
// its outputs, all that its resource class is built from. The rest of its declaration, ./kind.ts, is loaded by
// the provider process only.
import { defineKindSurface, output } from "../../job-kind";

/** `result` per FunctionName: Cover frames, VideoClip segments, music segments, audio quality, or `{}`. */
export type ProductionJobResult =
  | Array<{ score: number; time: string; url: string }>
  | { videoSummaryList: Array<{ startTime: string; endTime: string }> }
  | Array<{ start: number; end: number; title: string }>
  | Array<Record<string, string | number>>
  | Record<string, unknown>;

export const productionJobSurface = defineKindSurface({
  name: "alibaba:ProductionJob",
  outputs: {
    /** The ICE JobId (also the resource id). */
    jobId: output<string>(),
    /** Accessible URLs of the outputs; they may carry OSS signatures, so they are secret. */
    outputUrls: output<string[]>({ secret: true }),
    /** Generated object paths, e.g. `out/launch-cover-00001.jpg`. */
    outputFiles: output<string[]>(),
    /** Media ids, for `output.type` Media. */
    outputMediaIds: output<string[]>(),
    /** The job's Result, decoded and typed by FunctionName; URL queries in it are redacted. */
    result: output<ProductionJobResult>({ echoesInputs: true }),
    /** The Result JSON text as ICE returned it; URL queries in it are redacted. */
    rawResult: output<string>({ echoesInputs: true }),
    createTime: output<string>(),
    finishTime: output<string>(),
  },
});
