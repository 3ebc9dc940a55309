// Batch program: one tencent.SceneAigcImageTaskSet of scene AIGC images. Its items come from `batch:items` (a
// JSON object of item key → prompt: a changed prompt is a changed item) or, for drills and benches, `batch:n`
// items `sku-0` … `sku-<n-1>`. `batch:bad` adds an item with an invalid scene type (preview must refuse it).
import * as pulumi from "@pulumi/pulumi";
import { tencent } from "pulumi-aigc";

const cfg = new pulumi.Config("batch");
const SUB_APP = 251007502;
const prompts: Record<string, string> = cfg.getObject<Record<string, string>>("items") ?? {};
const n = cfg.getNumber("n") ?? 0;
for (let i = 0; i < n; i++) prompts[`sku-${i}`] ??= `catalog shot ${i}`;

type Items = tencent.SceneAigcImageTaskSetArgs["items"];
const items: Record<string, unknown> = {};
for (const [key, prompt] of Object.entries(prompts)) {
  items[key] = {
    subAppId: SUB_APP,
    sceneInfo: { type: "product_image", productImageConfig: { prompt } },
    fileInfos: [{ type: "Url", url: `https://assets.example.com/${encodeURIComponent(key)}.png` }],
    outputConfig: { storageMode: "Permanent" },
  };
}
if (cfg.get("bad")) {
  items[cfg.require("bad")] = {
    subAppId: SUB_APP,
    sceneInfo: { type: "no_such_scene" },
    fileInfos: [{ type: "Url", url: "https://assets.example.com/bad.png" }],
  };
}

const catalog = new tencent.SceneAigcImageTaskSet("catalog", {
  items: items as Items,
  waitTimeoutSeconds: cfg.getNumber("waitTimeoutSeconds") ?? 1800,
  waitForCompletion: cfg.getBoolean("waitForCompletion") ?? true,
});

export const counts = catalog.counts;
export const taskIds = catalog.items.apply((all) =>
  Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.taskId ?? ""])),
);
