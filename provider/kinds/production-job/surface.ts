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
  description:
    "An Alibaba Cloud ICE intelligent production job (SubmitIProductionJob): covers, clips, logo and text " +
    "removal, captions, audio analysis... The API has no idempotency token: the provider marks each job in " +
    "its UserData and looks for the mark before submitting again.",
  outputs: {
    jobId: output<string>({ description: "The ICE JobId (also the resource id)." }),
    outputUrls: output<string[]>({
      secret: true,
      type: { items: "string" },
      description: "Accessible URLs of the outputs; they may carry OSS signatures, so they are secret.",
    }),
    outputFiles: output<string[]>({
      type: { items: "string" },
      description: "Generated object paths, e.g. `out/launch-cover-00001.jpg`.",
    }),
    outputMediaIds: output<string[]>({ type: { items: "string" }, description: "Media ids, for `output.type` Media." }),
    result: output<ProductionJobResult>({
      echoesInputs: true,
      type: "json",
      description: "The job's Result, decoded by FunctionName; URL queries in it are redacted.",
    }),
    rawResult: output<string>({
      echoesInputs: true,
      description: "The Result JSON text as ICE returned it; URL queries in it are redacted.",
    }),
    createTime: output<string>({ description: "When ICE created the job (ISO 8601)." }),
    finishTime: output<string>({ description: "When the job finished (ISO 8601; empty while it runs)." }),
  },
});
