// The program's side of this kind (KindSurface in ../../job-kind.ts): its type token, written here only, and
// its outputs, all that its resource class is built from. The rest of its declaration, ./kind.ts, is loaded by
// the provider process only.
import type { AIImageResultItem } from "../../../sdk";
import type { Camelize } from "../../casing";
import { defineKindSurface, output } from "../../job-kind";

export const aiImageJobSurface = defineKindSurface({
  name: "alibaba:AiImageJob",
  outputs: {
    /** The VOD JobId (also the resource id). */
    jobId: output<string>(),
    /** Generated images with their scores. */
    results: output<Camelize<AIImageResultItem>[]>(),
    /** The URL of every generated image. */
    resultUrls: output<string[]>(),
    /** The job's Code (`Success`, or the failure code). */
    code: output<string>(),
    /** The job's Message; URL queries in it are redacted. */
    message: output<string>({ echoesInputs: true }),
    creationTime: output<string>(),
  },
});
