// E2E fixture: Tencent AIGC subjects named by the stack config, for the ownership scenarios (S16, S19).
// `fixture:subjects` (JSON) maps each resource name to the arguments it overrides (idempotencyScope,
// elementDescription, waitForCompletion...): renaming a resource or giving two the same scope is a config change.
import * as pulumi from "@pulumi/pulumi";
import { tencent } from "pulumi-aigc";

const subjects = new pulumi.Config("fixture").getObject<Record<string, Record<string, unknown>>>("subjects") ?? {};
const out: Record<string, pulumi.Output<unknown>> = {};

for (const [name, overrides] of Object.entries(subjects)) {
  const subject = new tencent.AigcSubject(name, {
    subAppId: 251007502,
    elementName: "owned",
    elementDescription: "ownership e2e",
    referenceType: "image_refer",
    elementImageList: {
      frontal_image: "https://example.com/front.png",
      refer_images: [{ image_url: "https://example.com/side.png" }],
    },
    ...overrides,
  } as tencent.AigcSubjectArgs);
  out[`${name}TaskId`] = subject.taskId;
  out[`${name}ElementId`] = subject.elementId;
}

export = out;
