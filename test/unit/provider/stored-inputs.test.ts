// Outputs keep each input as a digest (or as itself where refresh and destroy read it), and diff on them
// decides exactly as it did on outputs that echoed every input.
import { describe, expect, it } from "vitest";
import { COMMON_OUTPUTS } from "../../../provider/job-kind";
import { aigcSubjectKind } from "../../../provider/kinds/aigc-subject/kind";
import { productionJobKind } from "../../../provider/kinds/production-job/kind";
import { sceneAigcImageTaskKind } from "../../../provider/kinds/scene-aigc-image-task/kind";
import { diffJob, diffStored } from "../../../provider/runtime/diff";
import {
  hasStoredInputs,
  INPUT_NAMES,
  inputDigest,
  outputValuesOf,
  storedContextInputs,
  storedInputsOf,
  storeKindInputs,
} from "../../../provider/runtime/stored-inputs";
import { UNKNOWN } from "../../../provider/runtime/unknowns";

type Props = Record<string, unknown>;

const inputs: Props = {
  functionName: "Cover",
  input: { type: "OSS", media: "oss://bucket/in/a-long-enough-object-name.mp4" },
  output: { type: "OSS", media: "oss://bucket/out/cover.jpg" },
  name: "launch",
  waitTimeoutSeconds: 1800,
  idempotencyScope: "proj/dev/alibaba:ProductionJob/cover",
  __provider: "exports.handler=()=>0",
};
const jobOutputs: Props = { jobId: "j1", status: "Success", outputUrls: ["u"], progress: 100, errorCode: "" };
/** Outputs as pulumi-aigc 0.1 stored them: every input echoed. */
const legacy: Props = { ...inputs, ...jobOutputs, __provider: "old" };
/** Outputs as this version stores them. */
const lean: Props = { ...storeKindInputs(productionJobKind, inputs), ...jobOutputs, __provider: "old" };

/** The changes a user can make, each with what diff must say. */
const CHANGES: Array<[string, Props, { changes: boolean; replaces: string[] }]> = [
  [
    "nothing but __provider and key order",
    { input: { media: (inputs.input as Props).media, type: "OSS" } },
    { changes: false, replaces: [] },
  ],
  ["a vendor field", { name: "x" }, { changes: true, replaces: ["name"] }],
  [
    "a nested vendor field",
    { output: { type: "OSS", media: "oss://bucket/out/other.jpg" } },
    { changes: true, replaces: ["output"] },
  ],
  ["a new vendor field", { templateId: "t1" }, { changes: true, replaces: ["templateId"] }],
  ["the resubmit token", { resubmitToken: "2" }, { changes: true, replaces: ["resubmitToken"] }],
  [
    "wait settings and placement",
    { waitTimeoutSeconds: 60, endpoint: "https://ice.cn-beijing.aliyuncs.com" },
    { changes: true, replaces: [] },
  ],
  ["the scope", { idempotencyScope: "proj/dev/alibaba:ProductionJob/renamed" }, { changes: true, replaces: [] }],
  ["a value not known yet (preview)", { input: UNKNOWN }, { changes: true, replaces: ["input"] }],
];

describe("stored inputs", () => {
  it("store names, digests of long values, and short values and placement as they are", () => {
    const stored = storeKindInputs(productionJobKind, inputs);
    expect(stored[INPUT_NAMES]).toEqual([
      "functionName",
      "idempotencyScope",
      "input",
      "name",
      "output",
      "waitTimeoutSeconds",
    ]);
    expect(stored).toMatchObject({ functionName: "Cover", name: "launch", waitTimeoutSeconds: 1800 });
    expect(stored.idempotencyScope).toBe(inputs.idempotencyScope);
    expect(stored.input).toBe(inputDigest(inputs.input));
    expect(stored.input).toMatch(/^[\w-]{12}$/);
    expect(JSON.stringify(stored)).not.toContain("oss://");
    expect(stored).not.toHaveProperty("__provider");
  });

  it("keep as they are the inputs a kind reads on refresh and destroy", () => {
    const subject = { elementName: "n", elementDescription: "a description longer than a digest", subAppId: 251007502 };
    const stored = storeKindInputs(aigcSubjectKind, {
      ...subject,
      elementImageList: { frontal_image: "https://x/f.png" },
    });
    expect(stored).toMatchObject(subject);
    const ctx = storedContextInputs(aigcSubjectKind, { ...stored, elementId: "e1" });
    expect(ctx).toEqual({ ...subject, elementId: "e1" });
    expect(storeKindInputs(sceneAigcImageTaskKind, { subAppId: 1 })).toMatchObject({ subAppId: 1 });
  });

  it("are read back from this version's outputs and computed from 0.1's", () => {
    expect(hasStoredInputs(lean)).toBe(true);
    expect(hasStoredInputs(legacy)).toBe(false);
    expect(storedInputsOf(productionJobKind, lean)).toEqual(storeKindInputs(productionJobKind, inputs));
    expect(storedInputsOf(productionJobKind, legacy)).toEqual(storeKindInputs(productionJobKind, inputs));
    expect(outputValuesOf(productionJobKind, legacy)).toEqual(jobOutputs);
    expect(Object.keys(COMMON_OUTPUTS)).toContain("progress");
  });
});

describe("diff on stored inputs", () => {
  for (const [what, change, expected] of CHANGES) {
    it(`${what}: the same answer as on outputs that echo the inputs`, () => {
      const news = { ...inputs, ...change, __provider: "new" };
      const want = { ...expected, deleteBeforeReplace: false };
      expect(diffJob(productionJobKind, legacy, news)).toEqual(want);
      expect(diffStored(lean, news)).toEqual(want);
      expect(diffJob(productionJobKind, lean, news)).toEqual(want);
    });
  }

  it("a removed input replaces; an in-place one removed updates", () => {
    const { name: _n, ...withoutName } = inputs;
    expect(diffStored(lean, withoutName).replaces).toEqual(["name"]);
    expect(diffJob(productionJobKind, legacy, withoutName).replaces).toEqual(["name"]);
    const { waitTimeoutSeconds: _w, ...withoutWait } = inputs;
    expect(diffStored(lean, withoutWait)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });
});
