// Bench program: `bench:n` job resources, all scene AIGC images (`bench:mix` = scene) or the five kinds in
// turn (mixed). Every resource has its own name, so its own idempotency key.
import * as pulumi from "@pulumi/pulumi";
import { alibaba, tencent } from "pulumi-aigc";
import { kindAt } from "./stack-mix";

const cfg = new pulumi.Config("bench");
const n = cfg.requireNumber("n");
const mix = cfg.get("mix") ?? "scene";
const common = { waitTimeoutSeconds: cfg.getNumber("waitTimeoutSeconds") ?? 1800 };
const SUB_APP = 251007502;

for (let i = 0; i < n; i++) {
  const kind = kindAt(mix, i);
  const name = `${kind}-${i}`;
  switch (kind) {
    case "scene":
      new tencent.SceneAigcImageTask(name, {
        ...common,
        subAppId: SUB_APP,
        sceneInfo: { type: "product_image", productImageConfig: { prompt: `bench shot ${i}` } },
        fileInfos: [{ type: "Url", url: `https://assets.example.com/product-${i}.png` }],
      });
      break;
    case "subject":
      new tencent.AigcSubject(name, {
        ...common,
        subAppId: SUB_APP,
        elementName: `bench-${i}`,
        referenceType: "image_refer",
        elementImageList: {
          frontal_image: `https://assets.example.com/f-${i}.png`,
          refer_images: [{ image_url: `https://assets.example.com/s-${i}.png` }],
        },
      });
      break;
    case "gif":
      new alibaba.AiImageJob(name, {
        ...common,
        videoId: "357a8748c5774a0e89d2726e6436aa01",
        aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
        userData: { extend: { i } },
      });
      break;
    case "portrait":
      new alibaba.Txt2ImgInferenceJob(name, {
        ...common,
        modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
        prompt: `a photo of a <special-token>, take ${i}`,
      });
      break;
    default:
      new alibaba.ProductionJob(name, {
        ...common,
        functionName: "Cover",
        input: { type: "OSS", media: `oss://bench-media/in/${i}.mp4` },
        output: { type: "OSS", media: `oss://bench-media/out/${i}.jpg` },
        name,
      });
  }
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
