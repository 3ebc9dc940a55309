import * as pulumi from "@pulumi/pulumi";
import { alibaba } from "pulumi-aigc";

const cfg = new pulumi.Config("example");

// Smart cover candidates of a VOD video, with an AI template of type AIImage.
const covers = new alibaba.AiImageJob("covers", {
  videoId: cfg.get("videoId") ?? "357a8748c5774a0e89d2726e6436aa01",
  aiTemplateId: cfg.get("aiTemplateId") ?? "ef1a8842cb9f4d1bcea80cad902e4160",
  userData: { extend: { campaign: "example" } },
});

export const jobId = covers.jobId;
export const status = covers.status;
export const resultUrls = covers.resultUrls;
