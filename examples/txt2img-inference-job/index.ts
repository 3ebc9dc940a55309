import * as pulumi from "@pulumi/pulumi";
import { alibaba } from "pulumi-aigc";

const cfg = new pulumi.Config("example");

// Images of a trained subject; the prompt names it with the literal token <special-token>.
const portrait = new alibaba.Txt2ImgInferenceJob("portrait", {
  modelId: cfg.get("modelId") ?? "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
  prompt: "a photo of a <special-token> on a beach at sunset",
  imageNumber: 2,
  seed: 42,
});

export const jobId = portrait.jobId;
export const jobStatus = portrait.jobStatus;
export const resultImageIds = portrait.resultImageIds;
export const resultImageUrls = portrait.resultImageUrls;
