import * as pulumi from "@pulumi/pulumi";
import { tencent } from "pulumi-aigc";

const cfg = new pulumi.Config("example");

// A reusable AIGC subject from a frontal photo and 1–3 other angles. Destroying it deletes the element.
const subject = new tencent.AigcSubject("subject", {
  subAppId: cfg.getNumber("subAppId") ?? 251007502,
  elementName: "brand-model",
  elementDescription: "Virtual model for product shots",
  referenceType: "image_refer",
  elementImageList: {
    frontal_image: cfg.get("frontalImage") ?? "https://assets.example.com/model-front.png",
    refer_images: [{ image_url: cfg.get("sideImage") ?? "https://assets.example.com/model-side.png" }],
  },
});

export const taskId = subject.taskId;
export const elementId = subject.elementId;
export const status = subject.status;
