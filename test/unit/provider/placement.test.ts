// A job's placement is fixed when it is submitted (provider/runtime/placement.ts): an in-place change of
// `endpoint` or `region` records where the job is, every later look goes there, and preview says so.
import { afterEach, describe, expect, it } from "vitest";
import { sceneAigcImageTaskKind } from "../../../provider/kinds/scene-aigc-image-task/kind";
import {
  JOB_PLACEMENT,
  jobPlacement,
  placementAtCreate,
  placementChangeWarning,
  placementRecord,
  placementRecordAtCreate,
} from "../../../provider/runtime/placement";
import { configureFrom } from "../../../provider/runtime/provider-config";
import { storedContextInputs, storedInputsOf, storeKindInputs } from "../../../provider/runtime/stored-inputs";
import { UNKNOWN } from "../../../provider/runtime/unknowns";

type Props = Record<string, unknown>;
const kind = sceneAigcImageTaskKind;
const first = "http://127.0.0.1:4001";
const second = "http://127.0.0.1:4002";
const inputs = (extra: Props = {}): Props => ({
  subAppId: 1500000001,
  sceneInfo: { type: "product_image" },
  idempotencyScope: "p/s/tencent:SceneAigcImageTask/cover",
  endpoint: first,
  region: "ap-guangzhou",
  ...extra,
});
/** Outputs as create writes them: the stored inputs and the job's own outputs. */
const outputs = (i: Props): Props => ({ ...storeKindInputs(kind, i), taskId: "1500000001-SceneAigcImageTask-1t" });

describe("a job's placement", () => {
  it("needs no record while the stored inputs say where the job is (state bytes)", () => {
    const olds = outputs(inputs());
    expect(placementRecord(olds, inputs({ waitTimeoutSeconds: 60 }))).toEqual({});
    expect(placementRecord(olds, inputs({ endpoint: `${first}/` }))).toEqual({}); // the same origin
    expect(jobPlacement(olds)).toEqual({ endpoint: first, region: "ap-guangzhou" });
  });

  it("is recorded from the old stored inputs when an in-place change moves the resource, then kept as it is", () => {
    const olds = outputs(inputs());
    const moved = placementRecord(olds, inputs({ endpoint: second }));
    expect(moved).toEqual({ [JOB_PLACEMENT]: { endpoint: first, region: "ap-guangzhou" } });
    const after = { ...outputs(inputs({ endpoint: second })), ...moved };
    expect(placementRecord(after, inputs({ endpoint: "http://127.0.0.1:4003", region: "ap-shanghai" }))).toEqual(moved);
    // From the stack's default endpoint to one of its own: the record names no endpoint (the stack's).
    const noOwn = outputs(inputs({ endpoint: undefined }));
    expect(placementRecord(noOwn, inputs({ endpoint: second }))).toEqual({
      [JOB_PLACEMENT]: { region: "ap-guangzhou" },
    });
  });

  it("refresh and destroy look where the job is, and a refresh keeps the record", () => {
    const moved = {
      ...outputs(inputs({ endpoint: second, region: "ap-shanghai" })),
      [JOB_PLACEMENT]: { endpoint: first, region: "ap-guangzhou" },
    };
    const ctxInputs = storedContextInputs(kind, moved);
    expect(ctxInputs).toMatchObject({ endpoint: first, region: "ap-guangzhou", subAppId: 1500000001 });
    expect(ctxInputs).not.toHaveProperty(JOB_PLACEMENT);
    expect(jobPlacement(moved)).toEqual({ endpoint: first, region: "ap-guangzhou" });
    // What refresh writes back: the stored inputs (the resource's own, for diff) and the record.
    expect(storedInputsOf(kind, moved)).toMatchObject({ endpoint: second, [JOB_PLACEMENT]: moved[JOB_PLACEMENT] });
    // Without a record (outputs of earlier versions), the stored inputs say where the job is, as before.
    expect(storedContextInputs(kind, outputs(inputs()))).toMatchObject({ endpoint: first });
  });

  it("an in-place move draws a preview warning naming the job, where it stays and the new placement", () => {
    const olds = outputs(inputs());
    const w = placementChangeWarning("1500000001-SceneAigcImageTask-1t", olds, inputs({ endpoint: second }));
    expect(w).toMatch(/^WARNING placement change: job 1500000001-SceneAigcImageTask-1t stays where it was submitted/);
    expect(w).toContain(`endpoint ${first}, region ap-guangzhou`);
    expect(w).toContain(`new placement (endpoint ${second}, region ap-guangzhou) applies to this resource's future`);
    expect(placementChangeWarning("id", olds, inputs({ waitTimeoutSeconds: 5 }))).toBeUndefined();
    expect(placementChangeWarning("id", olds, inputs({ region: UNKNOWN }))).toContain("a value known only at update");
  });
});

describe("a job placed by the stack config", () => {
  const config = (c: Record<string, string>) => configureFrom({ get: (k) => c[k] });
  afterEach(() => config({}));
  const own = inputs({ endpoint: undefined, region: undefined });

  it("is pinned at create: the ledger's placement and a compact record, nothing when the inputs say it all", () => {
    config({ "aigc:endpoint": `${first}/`, "aigc:region": "ap-guangzhou", "aigc:tencentRegion": "ap-singapore" });
    const at = placementAtCreate(kind.name, own);
    expect(at).toEqual({ endpoint: first, region: "ap-singapore" }); // the Tencent key over the generic one
    expect(placementRecordAtCreate(own, at)).toEqual({ [JOB_PLACEMENT]: { endpoint: first, region: "ap-singapore" } });
    const explicit = inputs();
    expect(placementRecordAtCreate(explicit, placementAtCreate(kind.name, explicit))).toEqual({});
    config({});
    expect(placementRecordAtCreate(own, placementAtCreate(kind.name, own))).toEqual({}); // nothing set it
  });

  it("a create that resumes an earlier attempt's job looks where that attempt sent it", () => {
    config({ "aigc:endpoint": second });
    const earlier = { jobId: "1500000001-SceneAigcImageTask-1t", attempts: 1, state: "submitted" as const };
    const intent = { ...earlier, placement: { endpoint: first } } as unknown as Parameters<typeof placementAtCreate>[2];
    expect(placementAtCreate(kind.name, own, intent)).toEqual({ endpoint: first });
    const fresh = { attempts: 0, state: "claimed", placement: { endpoint: first } } as unknown as typeof intent;
    expect(placementAtCreate(kind.name, own, fresh)).toEqual({ endpoint: second });
  });

  it("after a config change, refresh and destroy look where the job was sent; preview warns only on a move", () => {
    config({ "aigc:endpoint": first });
    const made = { ...outputs(own), ...placementRecordAtCreate(own, placementAtCreate(kind.name, own)) };
    config({ "aigc:endpoint": second });
    expect(jobPlacement(made)).toEqual({ endpoint: first });
    expect(storedContextInputs(kind, made)).toMatchObject({ endpoint: first });
    // An unrelated in-place change with the config unchanged since create: no warning.
    config({ "aigc:endpoint": first });
    expect(placementChangeWarning("id", made, { ...own, waitTimeoutSeconds: 5 }, kind.name)).toBeUndefined();
    // The same change after the config moved: the job stays where it was sent, and preview says so.
    config({ "aigc:endpoint": second });
    expect(placementChangeWarning("id", made, { ...own, waitTimeoutSeconds: 5 }, kind.name)).toContain(
      `stays where it was submitted (endpoint ${first}`,
    );
  });
});
