import * as pulumi from "@pulumi/pulumi";
import { alibaba } from "pulumi-aigc";

const cfg = new pulumi.Config("example");

// Cover extraction from a video in OSS; `result` is typed for Cover: [{ score, time, url }].
const cover = new alibaba.ProductionJob("cover", {
  functionName: "Cover",
  input: { type: "OSS", media: cfg.get("input") ?? "oss://launch-media/videos/launch.mp4" },
  output: { type: "OSS", media: cfg.get("output") ?? "oss://launch-media/covers/launch.jpg" },
  name: "launch-cover",
});

export const jobId = cover.jobId;
export const status = cover.status;
export const result = cover.result;
export const outputUrls = cover.outputUrls;
