// The program's side of this kind (KindSurface in ../../job-kind.ts): its type token, written here only, and
// its outputs, all that its resource class is built from. The rest of its declaration, ./kind.ts, is loaded by
// the provider process only.
import type { AIImageResultItem } from "../../../sdk";
import type { Camelize } from "../../casing";
import { defineKindSurface, output } from "../../job-kind";

export const aiImageJobSurface = defineKindSurface({
  name: "alibaba:AiImageJob",
  description:
    "An Alibaba Cloud VOD AI image job (SubmitAIImageJob): images generated from a video by an AI template. " +
    "Alibaba does not deduplicate submissions: the provider marks each job in its UserData and looks for the " +
    "mark before submitting again.",
  outputs: {
    jobId: output<string>({ description: "The VOD JobId (also the resource id)." }),
    results: output<Camelize<AIImageResultItem>[]>({
      type: { items: "json" },
      description: "Generated images with their scores (`url`, `score`... per image).",
    }),
    resultUrls: output<string[]>({ type: { items: "string" }, description: "The URL of every generated image." }),
    code: output<string>({ description: "The job's Code (`Success`, or the failure code)." }),
    message: output<string>({
      echoesInputs: true,
      description: "The job's Message; URL queries in it are redacted.",
    }),
    creationTime: output<string>({ description: "When VOD created the job (ISO 8601)." }),
  },
});
