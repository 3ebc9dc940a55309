// The emulator's own request tables and how each vendor answers the first broken rule: Tencent's
// UnknownParameter / MissingParameter / InvalidParameter / InvalidParameterValue[.X] (in HTTP 200), Alibaba's
// MissingParameter / InvalidParameter (HTTP 400), in the order the vendors check.
import { describe, expect, it } from "vitest";
import { rpcValidationError } from "../../../emulator/alibaba/rpc-api";
import { RPC_RULES } from "../../../emulator/alibaba/rpc-rules";
import { tencentValidationError } from "../../../emulator/tencent/request-errors";
import { TENCENT_RULES } from "../../../emulator/tencent/request-rules";
import { validateRequest } from "../../../emulator/validation/request-validator";

const scene = TENCENT_RULES.CreateSceneAigcImageTask!.request;
const tencentAnswer = (body: Record<string, unknown>, action = scene) => {
  const v = validateRequest(action, body, { wire: "json" })[0];
  return v ? tencentValidationError(v) : undefined;
};
const tryOn = {
  SubAppId: 251007502,
  SceneInfo: { Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-lite" } },
  FileInfos: [{ Type: "Url", Url: "https://example.com/m.png" }],
};

describe("Tencent answers", () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["an unknown key", { ...tryOn, Colour: "red" }, "UnknownParameter", /`Colour` is not recognized/],
    [
      "an unknown nested key",
      { ...tryOn, SceneInfo: { ...tryOn.SceneInfo, Mood: "calm" } },
      "UnknownParameter",
      /`SceneInfo\.Mood`/,
    ],
    ["a missing SubAppId", { ...tryOn, SubAppId: undefined }, "MissingParameter", /parameter `SubAppId`/],
    [
      "a missing nested Model",
      { ...tryOn, SceneInfo: { Type: "ai_try_on", AiTryOnConfig: {} } },
      "MissingParameter",
      /`SceneInfo\.AiTryOnConfig\.Model`/,
    ],
    ["a wrong JSON type", { ...tryOn, TasksPriority: "1" }, "InvalidParameter", /`TasksPriority` has an invalid type/],
    ["a value out of range", { ...tryOn, TasksPriority: 11 }, "InvalidParameterValue", /must be at most 10/],
    ["a long SessionId", { ...tryOn, SessionId: "s".repeat(51) }, "InvalidParameterValue.SessionIdTooLong", /50/],
    [
      "a long SessionContext",
      { ...tryOn, SessionContext: "c".repeat(1001) },
      "InvalidParameterValue.SessionContextTooLong",
      /1000/,
    ],
    ["a negative SubAppId", { ...tryOn, SubAppId: -1 }, "InvalidParameterValue.SubAppId", /at least 0/],
    [
      "a cross-field rule",
      { ...tryOn, SceneInfo: { Type: "product_image" } },
      "InvalidParameterValue",
      /`SceneInfo\.ProductImageConfig` is invalid: is required when Type is product_image/,
    ],
  ];
  for (const [what, body, code, message] of cases) {
    it(`${what} → ${code}`, () => {
      const e = tencentAnswer(body);
      expect(e?.code).toBe(code);
      expect(e?.message).toMatch(message);
    });
  }

  it("reports in the vendor's order: unknown, then missing, then type, then value", () => {
    const body = { Colour: 1, TasksPriority: "x", SessionId: "s".repeat(60) };
    expect(tencentAnswer(body)?.code).toBe("UnknownParameter");
    expect(tencentAnswer({ TasksPriority: "x", SessionId: "s".repeat(60) })?.code).toBe("MissingParameter");
    expect(tencentAnswer({ ...tryOn, TasksPriority: "x", SessionId: "s".repeat(60) })?.code).toBe("InvalidParameter");
    expect(tencentAnswer({ ...tryOn, SessionId: "s".repeat(60) })?.code).toBe("InvalidParameterValue.SessionIdTooLong");
  });

  it("checks JSON-text fields by their content, and their type as text", () => {
    const element = TENCENT_RULES.CreateAigcAdvancedCustomElement!.request;
    const bad = tencentAnswer({ ReferenceType: "image_refer", ElementImageList: '{"frontal_image":"f"}' }, element);
    expect(bad?.code).toBe("InvalidParameterValue");
    expect(bad?.message).toMatch(/`ElementImageList\.refer_images` is invalid: is required/);
    expect(tencentAnswer({ ElementImageList: { frontal_image: "f" } }, element)?.code).toBe("InvalidParameter");
    expect(tencentAnswer({ TagList: "[{" }, element)?.message).toMatch(/must be valid JSON text/);
  });

  it("DescribeTasks names a bad Status with its own code", () => {
    expect(tencentAnswer({ Status: "DONE" }, TENCENT_RULES.DescribeTasks!.request)?.code).toBe(
      "InvalidParameterValue.Status",
    );
  });
});

describe("Alibaba answers", () => {
  const submit = RPC_RULES.SubmitAIImageJob!.request;
  const answer = (params: Record<string, string>) => {
    const v = validateRequest(submit, params, { wire: "form" })[0];
    return v ? rpcValidationError(v) : undefined;
  };

  it("a missing or empty required parameter is MissingParameter (400)", () => {
    for (const params of [{ AITemplateId: "t" }, { VideoId: "", AITemplateId: "t" }] as Record<string, string>[]) {
      const e = answer(params);
      expect([e?.status, e?.code]).toEqual([400, "MissingParameter"]);
      expect(e?.message).toBe(
        'The input parameter "VideoId" that is mandatory for processing this request is not supplied.',
      );
    }
  });

  it("a bad value is InvalidParameter (400), naming the parameter and the rule", () => {
    const e = answer({ VideoId: "v", AITemplateId: "t", UserData: "{}" });
    expect([e?.status, e?.code]).toEqual([400, "InvalidParameter"]);
    expect(e?.message).toBe(
      'The specified parameter "UserData" is not valid: must contain MessageCallback and/or Extend.',
    );
  });

  it("ignores parameters the API does not define, as the gateway does", () => {
    expect(answer({ VideoId: "v", AITemplateId: "t", Colour: "red" })).toBeUndefined();
  });

  it("reads an ICE Output without Media as valid for Type Media only", () => {
    const ice = RPC_RULES.SubmitIProductionJob!.request;
    const base = { FunctionName: "Cover", Input: '{"Type":"OSS","Media":"oss://bucket/in.mp4"}' };
    expect(validateRequest(ice, { ...base, Output: '{"Type":"Media"}' }, { wire: "form" })).toEqual([]);
    expect(validateRequest(ice, { ...base, Output: '{"Type":"OSS"}' }, { wire: "form" })[0]?.path).toEqual([
      "Output",
      "Media",
    ]);
  });
});
