// Bench program: a catalog of `bench:n` scene AIGC product images, either one resource per job (`bench:shape` =
// per-job, as harness/programs/job-stack.ts declares them) or one batch resource holding every job as an item
// keyed by the user's own id (`batch`: tencent.SceneAigcImageTaskSet). Item i asks for the same image as job i of
// the per-job stack, so both shapes submit the same requests.
import * as pulumi from "@pulumi/pulumi";
import { tencent } from "pulumi-aigc";

const cfg = new pulumi.Config("bench");
const n = cfg.requireNumber("n");
const shape = cfg.get("shape") ?? "per-job";
const waitTimeoutSeconds = cfg.getNumber("waitTimeoutSeconds") ?? 1800;
const SUB_APP = 251007502;

/** The scene job of catalog entry i. */
const sceneJob = (i: number) => ({
  subAppId: SUB_APP,
  sceneInfo: { type: "product_image" as const, productImageConfig: { prompt: `bench shot ${i}` } },
  fileInfos: [{ type: "Url" as const, url: `https://assets.example.com/product-${i}.png` }],
});

if (shape === "batch") {
  const items: Record<string, ReturnType<typeof sceneJob>> = {};
  for (let i = 0; i < n; i++) items[`sku-${i}`] = sceneJob(i);
  new tencent.SceneAigcImageTaskSet("catalog", { items, waitTimeoutSeconds });
} else {
  for (let i = 0; i < n; i++) new tencent.SceneAigcImageTask(`scene-${i}`, { ...sceneJob(i), waitTimeoutSeconds });
}

export const jobs = n;
