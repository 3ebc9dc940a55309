// Bench program: `bench:n` job resources, all scene AIGC images (`bench:mix` = scene) or the five kinds in
// turn (mixed), declared from ./job-args.ts. Every resource has its own name, so its own idempotency key.
import * as pulumi from "@pulumi/pulumi";
import { alibaba, tencent } from "pulumi-aigc";
import { jobAt } from "./job-args";
import type { StackKind } from "./stack-mix";

const cfg = new pulumi.Config("bench");
const n = cfg.requireNumber("n");
const mix = cfg.get("mix") ?? "scene";
const common = { waitTimeoutSeconds: cfg.getNumber("waitTimeoutSeconds") ?? 1800 };
const SUB_APP = 251007502;
const CLASSES: Record<StackKind, new (name: string, args: never) => unknown> = {
  scene: tencent.SceneAigcImageTask,
  subject: tencent.AigcSubject,
  gif: alibaba.AiImageJob,
  portrait: alibaba.Txt2ImgInferenceJob,
  cover: alibaba.ProductionJob,
};

for (let i = 0; i < n; i++) {
  const job = jobAt(mix, i, common.waitTimeoutSeconds);
  new CLASSES[job.kind](job.name, job.args as never);
}

// `bench:adoptTaskId`: one more scene resource that adopts an existing task instead of submitting one.
const adopt = cfg.get("adoptTaskId");
if (adopt) {
  new tencent.SceneAigcImageTask("adopted", {
    ...common,
    adoptTaskId: adopt,
    subAppId: SUB_APP,
    sceneInfo: { type: "product_image", productImageConfig: { prompt: "adopted" } },
    fileInfos: [{ type: "Url", url: "https://assets.example.com/adopted.png" }],
  });
}

export const resources = n;
