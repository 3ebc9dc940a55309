// E2E fixture: Tencent AIGC subjects named by the stack config, for the ownership scenarios (S16, S19).
// `fixture:subjects` (JSON) maps each resource name to the arguments it overrides (idempotencyScope,
// elementDescription, waitForCompletion...): renaming a resource or giving two the same scope is a config change.
// Two keys are resource options, not arguments: `__parent` names a component the resource is created under (a
// refactor that moves it changes its URN, not its name), and `__retainOnDelete` sets that option.
import * as pulumi from "@pulumi/pulumi";
import { tencent } from "pulumi-aigc";

const subjects = new pulumi.Config("fixture").getObject<Record<string, Record<string, unknown>>>("subjects") ?? {};
const out: Record<string, pulumi.Output<unknown>> = {};
const groups = new Map<string, pulumi.ComponentResource>();
const group = (name: string) => {
  let g = groups.get(name);
  if (!g) {
    g = new pulumi.ComponentResource("fixture:index:Group", name);
    groups.set(name, g);
  }
  return g;
};

for (const [name, { __parent, __retainOnDelete, ...overrides }] of Object.entries(subjects)) {
  const opts: pulumi.CustomResourceOptions = {
    ...(typeof __parent === "string" ? { parent: group(__parent) } : {}),
    ...(__retainOnDelete === true ? { retainOnDelete: true } : {}),
  };
  const subject = new tencent.AigcSubject(
    name,
    {
      subAppId: 251007502,
      elementName: "owned",
      elementDescription: "ownership e2e",
      referenceType: "image_refer",
      elementImageList: {
        frontal_image: "https://example.com/front.png",
        refer_images: [{ image_url: "https://example.com/side.png" }],
      },
      ...overrides,
    } as tencent.AigcSubjectArgs,
    opts,
  );
  out[`${name}TaskId`] = subject.taskId;
  out[`${name}ElementId`] = subject.elementId;
}

export = out;
