// The program's side of this kind (KindSurface in ../../job-kind.ts): its type token, written here only, and
// its outputs, all that its resource class is built from. The rest of its declaration, ./kind.ts, is loaded by
// the provider process only.
import { defineKindSurface, output } from "../../job-kind";

export const txt2ImgInferenceJobSurface = defineKindSurface({
  name: "alibaba:Txt2ImgInferenceJob",
  description:
    "An Alibaba Cloud aicontent personalized text-to-image inference job (Personalizedtxt2imgAddInferenceJob) " +
    "on a trained model. The API has neither an idempotency token nor a user-data field: the ledger is what " +
    "finds a job again, and after an ambiguous failure the candidates are reported, never guessed.",
  outputs: {
    jobId: output<string>({ description: "The inference job id (also the resource id)." }),
    jobStatus: output<string>({ description: "NOT_START, WAIT_SCHEDULE, RUNNING, FINISHED (or FAILED)." }),
    promptId: output<string>({ description: "The id aicontent gave the job's prompt." }),
    resultImageIds: output<string[]>({
      type: { items: "string" },
      description: "Image resource ids (`0000.png`...).",
    }),
    resultImageUrls: output<string[]>({
      type: { items: "string" },
      description:
        "QueryImageAsset addresses of the images (a signed GET fetches them; see the sdk's " +
        "personalizedtxt2imgQueryImageAsset).",
    }),
    createTime: output<string>({ description: "When aicontent created the job." }),
  },
});
