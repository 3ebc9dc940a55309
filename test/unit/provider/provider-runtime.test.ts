import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { alibaba, tencent } from "../../../provider";
import { type Camelize, type CamelKey, camelKey } from "../../../provider/casing";
import { COMMON_INPUTS, COMMON_OUTPUTS } from "../../../provider/job-kind";
import { BUILTIN_KIND_NAMES } from "../../../provider/kinds";
import { aiImageJobKind } from "../../../provider/kinds/ai-image-job/kind";
import { aigcSubjectKind } from "../../../provider/kinds/aigc-subject/kind";
import { productionJobKind } from "../../../provider/kinds/production-job/kind";
import { sceneAigcImageTaskKind } from "../../../provider/kinds/scene-aigc-image-task/kind";
import { txt2ImgInferenceJobKind } from "../../../provider/kinds/txt2img-inference-job/kind";
import { withMarker } from "../../../provider/kinds/user-data-marker";
import { checkInputs as checkResult } from "../../../provider/runtime/check";
import { diffJob } from "../../../provider/runtime/diff";
import { canonicalJson, intentDigest, intentKey } from "../../../provider/runtime/identity";
import { configureFrom } from "../../../provider/runtime/provider-config";
import { wireRequest } from "../../../provider/runtime/request";
import { UNKNOWN } from "../../../provider/runtime/unknowns";
import { camelPath } from "../../../provider/runtime/wire-mapping";
import type { CreateSceneAigcImageTaskRequest } from "../../../sdk/tencent/actions";

const checkInputs = (kind: Parameters<typeof checkResult>[0], news: Record<string, unknown>) =>
  checkResult(kind, news).failures;
// The registry loads each declaration with require() on first use, which vitest cannot transform: the built
// registry is checked against these in test/integration/provider-runtime-loading.test.ts.
const KINDS = [sceneAigcImageTaskKind, aigcSubjectKind, aiImageJobKind, productionJobKind, txt2ImgInferenceJobKind];

describe("camelCase mapping", () => {
  it("maps names mechanically, at type level and at run time", () => {
    expectTypeOf<CamelKey<"SubAppId">>().toEqualTypeOf<"subAppId">();
    expectTypeOf<CamelKey<"AITemplateId">>().toEqualTypeOf<"aiTemplateId">();
    expectTypeOf<CamelKey<"AiTryOnConfig">>().toEqualTypeOf<"aiTryOnConfig">();
    expectTypeOf<CamelKey<"AIImageResult">>().toEqualTypeOf<"aiImageResult">();
    expectTypeOf<CamelKey<"URL">>().toEqualTypeOf<"url">();
    expectTypeOf<CamelKey<"frontal_image">>().toEqualTypeOf<"frontal_image">();
    expectTypeOf<Camelize<CreateSceneAigcImageTaskRequest>["sceneInfo"]["type"]>().toEqualTypeOf<
      | "ai_try_on"
      | "product_image"
      | "outpainting"
      | "change_clothes"
      | "change_clothes_under"
      | "change_clothes_top_wear"
      | "change_clothes_bottom_wear"
      | "change_clothes_full_wear"
    >();
    for (const [wire, camel] of [
      ["SubAppId", "subAppId"],
      ["AITemplateId", "aiTemplateId"],
      ["AIPipelineId", "aiPipelineId"],
      ["AiTryOnConfig", "aiTryOnConfig"],
      ["URL", "url"],
      ["CallbackURL", "callbackURL"],
      ["modelId", "modelId"],
      ["frontal_image", "frontal_image"],
    ]) {
      expect(camelKey(wire!)).toBe(camel);
    }
  });

  it("builds wire requests recursively, inside arrays and inside JSON-string fields", () => {
    const wire = wireRequest(sceneAigcImageTaskKind, {
      subAppId: 1,
      sceneInfo: {
        type: "ai_try_on",
        aiTryOnConfig: { model: "WAND-tryon-1.0-pro", clothesFileInfos: [{ type: "Url", url: "https://x/c.png" }] },
      },
      outputConfig: { encodeConfig: { format: "PNG", quality: 90 } },
      waitForCompletion: false,
      idempotencyScope: "p/s/t/n",
    });
    expect(wire).toEqual({
      SubAppId: 1,
      SceneInfo: {
        Type: "ai_try_on",
        AiTryOnConfig: { Model: "WAND-tryon-1.0-pro", ClothesFileInfos: [{ Type: "Url", Url: "https://x/c.png" }] },
      },
      OutputConfig: { EncodeConfig: { Format: "PNG", Quality: 90 } },
    });
    const vod = wireRequest(aiImageJobKind, {
      videoId: "v",
      aiTemplateId: "t",
      userData: { messageCallback: { callbackURL: "https://cb" }, extend: { MyKey: 1 } },
    });
    // VOD's UserData is JSON text on the wire: its vendor fields get wire names, the user's Extend keys do not.
    expect(vod).toEqual({
      VideoId: "v",
      AITemplateId: "t",
      UserData: { MessageCallback: { CallbackURL: "https://cb" }, Extend: { MyKey: 1 } },
    });
  });

  it("names issue paths the way the user wrote them", () => {
    const schema = sceneAigcImageTaskKind.request;
    expect(camelPath(schema, ["SceneInfo", "AiTryOnConfig", "ClothesFileInfos", 2, "Url"])).toBe(
      "sceneInfo.aiTryOnConfig.clothesFileInfos[2].url",
    );
    expect(camelPath(aigcSubjectKind.request, ["ElementImageList", "refer_images", 0, "image_url"])).toBe(
      "elementImageList.refer_images[0].image_url",
    );
    expect(camelPath(aiImageJobKind.request, ["UserData", "MessageCallback", "CallbackURL"])).toBe(
      "userData.messageCallback.callbackURL",
    );
  });
});

describe("check: validation at preview time, before anything is sent", () => {
  const base = {
    subAppId: 251007502,
    sceneInfo: { type: "ai_try_on", aiTryOnConfig: { model: "WAND-tryon-1.0-lite" } },
    fileInfos: [{ type: "Url", url: "https://example.com/m.png" }],
    idempotencyScope: "p/s/tencent:SceneAigcImageTask/n",
  };

  it("accepts valid inputs", () => {
    expect(checkInputs(sceneAigcImageTaskKind, base)).toEqual([]);
  });

  it("names the property, the rule and the value", () => {
    const failures = checkInputs(sceneAigcImageTaskKind, {
      ...base,
      tasksPriority: 42,
      sceneInfo: { type: "ai_dance" },
      waitTimeoutSeconds: -1,
    });
    expect(failures).toContainEqual({ property: "tasksPriority", reason: "must be at most 10 (got 42)" });
    expect(failures).toContainEqual({
      property: "sceneInfo.type",
      reason: expect.stringMatching(/^must be one of "ai_try_on", .* \(got "ai_dance"\)$/),
    });
    expect(failures).toContainEqual({
      property: "waitTimeoutSeconds",
      reason: "must be an integer from 1 to 604800 (got -1)",
    });
  });

  it("tolerates values that are unknown during preview, including in cross-field rules", () => {
    expect(checkInputs(sceneAigcImageTaskKind, { ...base, fileInfos: UNKNOWN })).toEqual([]);
    expect(
      checkInputs(sceneAigcImageTaskKind, {
        ...base,
        sceneInfo: { type: UNKNOWN, aiTryOnConfig: { model: "WAND-tryon-1.0-lite" } },
      }),
    ).toEqual([]);
    expect(checkInputs(sceneAigcImageTaskKind, { ...base, fileInfos: [{ type: "Url", url: UNKNOWN }] })).toEqual([]);
    // ...but known mistakes next to unknown values are still reported.
    expect(checkInputs(sceneAigcImageTaskKind, { ...base, fileInfos: UNKNOWN, tasksPriority: 99 })).toEqual([
      { property: "tasksPriority", reason: "must be at most 10 (got 99)" },
    ]);
  });

  it("checks the request with the provider's marker added (VOD UserData limit)", () => {
    const near = {
      videoId: "357a8748c5774a0e89d2726e6436aa01",
      aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
      userData: { extend: { note: "x".repeat(470) } },
    };
    const failures = checkInputs(aiImageJobKind, near);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.property).toBe("userData");
    expect(failures[0]!.reason).toMatch(
      /must be at most 512 bytes once serialized once the provider adds its idempotency key/,
    );
  });

  it("skips vendor validation for adopted jobs, but not the provider's own inputs", () => {
    expect(checkInputs(productionJobKind, { adoptJobId: "abc" })).toEqual([]);
    expect(checkInputs(productionJobKind, { adoptJobId: "", functionName: "Cover" })).toContainEqual({
      property: "adoptJobId",
      reason: 'must be a non-empty string (got "")',
    });
  });

  it("rejects an http endpoint that is not loopback", () => {
    expect(checkInputs(productionJobKind, { adoptJobId: "x", endpoint: "http://ice.example.com" })[0]).toMatchObject({
      property: "endpoint",
      reason: expect.stringMatching(/plain http only on a loopback address/),
    });
  });
});

describe("diff", () => {
  const olds = {
    functionName: "Cover",
    input: { type: "OSS", media: "oss://bucket/a.mp4" },
    output: { type: "OSS", media: "oss://bucket/o.jpg" },
    jobId: "j1",
    status: "Success",
    outputUrls: ["u"],
    __provider: "old",
  };
  const news = {
    functionName: "Cover",
    input: { media: "oss://bucket/a.mp4", type: "OSS" },
    output: { type: "OSS", media: "oss://bucket/o.jpg" },
    __provider: "new",
  };

  it("sees no change when only __provider and key order differ", () => {
    expect(diffJob(productionJobKind, olds, news)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
  it("replaces on a submitted input, updates in place on wait settings and placement", () => {
    expect(diffJob(productionJobKind, olds, { ...news, name: "x" }).replaces).toEqual(["name"]);
    expect(diffJob(productionJobKind, olds, { ...news, resubmitToken: "2" }).replaces).toEqual(["resubmitToken"]);
    expect(
      diffJob(productionJobKind, olds, {
        ...news,
        waitTimeoutSeconds: 60,
        endpoint: "https://ice.cn-beijing.aliyuncs.com",
      }),
    ).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });
  it("treats an unknown new value as a possible replacement", () => {
    expect(diffJob(productionJobKind, olds, { ...news, input: UNKNOWN }).replaces).toEqual(["input"]);
  });
});

describe("idempotency keys", () => {
  it("are deterministic, fit Tencent's SessionId, and change with ledger, scope, request, token and epoch", () => {
    const d = intentDigest("tencent:SceneAigcImageTask", { B: 1, A: [{ y: 2, x: 1 }] }, undefined);
    expect(d).toBe(intentDigest("tencent:SceneAigcImageTask", { A: [{ x: 1, y: 2 }], B: 1 }, undefined));
    expect(intentDigest("tencent:SceneAigcImageTask", { B: 2, A: [{ y: 2, x: 1 }] }, undefined)).not.toBe(d);
    expect(intentDigest("tencent:SceneAigcImageTask", { B: 1, A: [{ y: 2, x: 1 }] }, "1")).not.toBe(d);
    const scope = "proj/dev/tencent:SceneAigcImageTask/tryon";
    const k = intentKey("ledger-1", scope, d, 0);
    expect(k).toBe(intentKey("ledger-1", scope, d, 0));
    expect(k).toMatch(/^pa-[A-Za-z0-9_-]{40}$/);
    expect(k.length).toBeLessThanOrEqual(50);
    for (const other of [
      intentKey("ledger-2", scope, d, 0),
      intentKey("ledger-1", "proj/prod/tencent:SceneAigcImageTask/tryon", d, 0),
      intentKey("ledger-1", scope, "other-digest", 0),
      intentKey("ledger-1", scope, d, 1),
    ]) {
      expect(other).not.toBe(k);
    }
    expect(canonicalJson({ b: [2, { d: 1, c: undefined }], a: "x" })).toBe('{"a":"x","b":[2,{"d":1}]}');
  });
});

describe("UserData markers", () => {
  it("adds the marker to an object, nested where the vendor echoes it, and leaves free text alone", () => {
    expect(JSON.parse(withMarker('{"Extend":{"team":"a"}}', "pa-1", ["Extend"])!)).toEqual({
      Extend: { team: "a", pulumiAigcKey: "pa-1" },
    });
    expect(JSON.parse(withMarker(undefined, "pa-1")!)).toEqual({ pulumiAigcKey: "pa-1" });
    expect(withMarker("order 42", "pa-1")).toBeUndefined();
    expect(withMarker("[1,2]", "pa-1")).toBeUndefined();
  });
});

describe("resource kinds", () => {
  it("are the registry's built-in kinds", () => {
    expect(KINDS.map((k) => k.name).sort()).toEqual([...BUILTIN_KIND_NAMES].sort());
  });

  it("never give an output the name of an input (the diff would see a change on every run)", () => {
    for (const kind of KINDS) {
      const shape = (kind.request as unknown as { shape: Record<string, unknown> }).shape;
      const inputs = new Set([...Object.keys(shape).map(camelKey), ...Object.keys(COMMON_INPUTS), ...kind.adoptInputs]);
      for (const o of [...Object.keys(kind.outputs), ...Object.keys(COMMON_OUTPUTS), kind.idOutput]) {
        expect(inputs.has(o), `${kind.name}.${o}`).toBe(false);
      }
    }
  });

  it("derive the resource classes' argument and output types from one declaration", () => {
    type SceneArgs = tencent.SceneAigcImageTaskArgs;
    // Every field accepts a plain value or a Pulumi Output of the wire type, and nothing else.
    expectTypeOf<pulumi.Output<number>>().toExtend<NonNullable<SceneArgs["tasksPriority"]>>();
    expectTypeOf<42>().toExtend<SceneArgs["tasksPriority"]>();
    expectTypeOf<string>().not.toExtend<SceneArgs["tasksPriority"]>();
    const args: SceneArgs = {
      subAppId: 1,
      sceneInfo: { type: "ai_try_on", aiTryOnConfig: { model: "WAND-tryon-1.0-pro" } },
    };
    expectTypeOf(args.subAppId).toExtend<SceneArgs["subAppId"]>();
    const bad: SceneArgs = {
      subAppId: 1,
      // @ts-expect-error: not one of Tencent's try-on models
      sceneInfo: { type: "ai_try_on", aiTryOnConfig: { model: "WAND-x" } },
    };
    void bad;
    expectTypeOf<string>().toExtend<SceneArgs["adoptTaskId"]>();
    expectTypeOf<number>().toExtend<SceneArgs["waitTimeoutSeconds"]>();
    expectTypeOf<string>().toExtend<tencent.AigcSubjectArgs["adoptElementId"]>();
    expectTypeOf<string>().not.toExtend<tencent.SceneAigcImageTaskArgs["adoptElementId" & keyof SceneArgs]>();
    expectTypeOf<tencent.SceneAigcImageTask["resultUrls"]>().toEqualTypeOf<pulumi.Output<string[]>>();
    expectTypeOf<tencent.SceneAigcImageTask["taskId"]>().toEqualTypeOf<pulumi.Output<string>>();
    expectTypeOf<alibaba.ProductionJob["ambiguousSubmissions"]>().toEqualTypeOf<pulumi.Output<number>>();
    expectTypeOf<alibaba.AiImageJob["resultUrls"]>().toEqualTypeOf<pulumi.Output<string[]>>();
  });

  it("refuse the fields the provider owns, at check, naming why", () => {
    configureFrom({ get: () => undefined });
    expect(checkInputs(sceneAigcImageTaskKind, { ...sceneBase, sessionId: "mine" })).toContainEqual({
      property: "sessionId",
      reason: expect.stringMatching(/^is set by the provider: it is the resource's idempotency key.*sessionContext/),
    });
    expect(checkInputs(sceneAigcImageTaskKind, { ...sceneBase, sessionContext: "mine" })).toEqual([]);
    expect(
      checkInputs(aiImageJobKind, {
        videoId: "357a8748c5774a0e89d2726e6436aa01",
        aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
        userData: { extend: { pulumiAigcKey: "x" } },
      }),
    ).toContainEqual({
      property: "userData.extend.pulumiAigcKey",
      reason: expect.stringMatching(/^is set by the provider/),
    });
  });

  it("fill the configured default SubAppId before validating, and name the setting when there is none", () => {
    const { subAppId: _s, ...withoutApp } = sceneBase;
    configureFrom({ get: () => undefined });
    expect(checkInputs(sceneAigcImageTaskKind, withoutApp).some((f) => f.property === "subAppId")).toBe(
      sceneAigcImageTaskKind.request.safeParse(wireRequest(sceneAigcImageTaskKind, withoutApp)).success === false,
    );
    configureFrom({ get: (k) => (k === "aigc:tencentSubAppId" ? "251007502" : undefined) });
    expect(wireRequest(sceneAigcImageTaskKind, withoutApp).SubAppId).toBe(251007502);
    expect(checkInputs(sceneAigcImageTaskKind, withoutApp)).toEqual([]);
    configureFrom({ get: () => undefined });
  });
});

const sceneBase = {
  subAppId: 251007502,
  sceneInfo: { type: "ai_try_on", aiTryOnConfig: { model: "WAND-tryon-1.0-lite" } },
  fileInfos: [{ type: "Url", url: "https://example.com/m.png" }],
  idempotencyScope: "p/s/tencent:SceneAigcImageTask/n",
};
