import * as pulumi from "@pulumi/pulumi";
import { tencent } from "pulumi-aigc";

const cfg = new pulumi.Config("example");

// Virtual try-on: a garment on a model photo. Submitted once (SessionId), waited for, result URLs as outputs.
const tryOn = new tencent.SceneAigcImageTask("tryOn", {
  subAppId: cfg.getNumber("subAppId") ?? 251007502,
  sceneInfo: {
    type: "ai_try_on",
    aiTryOnConfig: {
      model: "WAND-tryon-1.0-flash",
      clothesFileInfos: [{ type: "Url", url: cfg.get("garment") ?? "https://assets.example.com/jacket.png" }],
    },
  },
  fileInfos: [{ type: "Url", url: cfg.get("modelPhoto") ?? "https://assets.example.com/model.png" }],
  outputConfig: { storageMode: "Temporary", resolution: "2K" },
  waitTimeoutSeconds: 600,
});

export const taskId = tryOn.taskId;
export const status = tryOn.status;
// Temporary URLs carry a signature: a secret output (`pulumi stack output --show-secrets`).
export const resultUrls = tryOn.resultUrls;
