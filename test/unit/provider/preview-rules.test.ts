// Preview-time rules a new user trips on (issue 22 items 2 and 4, issue 19 item 7): regions per Alibaba service
// with a did-you-mean, unknown fields with a did-you-mean, errors that name the stack config keys and the
// endpoint, a once-per-run warning when a vendor has no credentials, and presigned URLs given in clear.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { regionOfHost, regionRefusal } from "../../../emulator/alibaba/service-regions";
import { type RunningEmulator, startEmulator } from "../../../emulator/server";
import { aiImageJobKind } from "../../../provider/kinds/ai-image-job/kind";
import { aigcSubjectKind } from "../../../provider/kinds/aigc-subject/kind";
import { productionJobKind } from "../../../provider/kinds/production-job/kind";
import { sceneAigcImageTaskKind } from "../../../provider/kinds/scene-aigc-image-task/kind";
import { txt2ImgInferenceJobKind } from "../../../provider/kinds/txt2img-inference-job/kind";
import { warnPresignedInputs } from "../../../provider/presigned-inputs";
import { checkInputs } from "../../../provider/runtime/check";
import { withFixHint } from "../../../provider/runtime/fix-hints";
import { onceWarnings, resetOnceWarnings } from "../../../provider/runtime/preview-warnings";
import { configureFrom } from "../../../provider/runtime/provider-config";
import { signatureQueryIn } from "../../../provider/runtime/redaction";
import { UNKNOWN } from "../../../provider/runtime/unknowns";
import { AlibabaVodClient } from "../../../sdk/alibaba/alibaba-vod-client";
import { alibabaRegionProblem } from "../../../sdk/alibaba/service-regions";
import { closestName, editDistance } from "../../../sdk/core/did-you-mean";
import {
  CredentialsError,
  InvalidParameterError,
  NetworkError,
  RequestValidationError,
} from "../../../sdk/core/errors";
import { TencentVodClient } from "../../../sdk/tencent/tencent-vod-client";

const config = (values: Record<string, string>) => configureFrom({ get: (k) => values[k] });
afterEach(() => config({}));

const VOD_JOB = { videoId: "357a8748c5774a0e89d2726e6436aa01", aiTemplateId: "ef1a8842cb9f4d1bcea80cad902e4160" };
const ICE_JOB = {
  functionName: "Cover",
  input: { type: "OSS", media: "oss://bucket/in.mp4" },
  output: { type: "OSS", media: "oss://bucket/out.jpg" },
};
const AIC_JOB = { modelId: "m", prompt: "a photo of a <special-token> on a beach" };
const TRY_ON = {
  subAppId: 251007502,
  sceneInfo: { type: "ai_try_on", aiTryOnConfig: { model: "WAND-tryon-1.0-lite" } },
  fileInfos: [{ type: "Url", url: "https://example.com/m.png" }],
};
const failuresOf = (kind: Parameters<typeof checkInputs>[0], news: Record<string, unknown>) =>
  checkInputs(kind, news).failures;

describe("did-you-mean", () => {
  it("measures edits and offers only close names", () => {
    expect(editDistance("cn-shangai", "cn-shanghai")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("modle", "model")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(closestName("cn-shangai", ["cn-beijing", "cn-shanghai"])).toBe("cn-shanghai");
    expect(closestName("outputConfg", ["sessionId", "outputConfig", "fileInfos"])).toBe("outputConfig");
    expect(closestName("OUTPUTCONFIG", ["outputConfig"])).toBe("outputConfig");
    expect(closestName("mars-1", ["cn-beijing", "cn-shanghai"])).toBeUndefined();
    expect(closestName("colour", ["sessionId", "outputConfig"])).toBeUndefined();
  });
});

describe("regions per Alibaba service (sdk table, from the vendor pages)", () => {
  const cases: Array<[string, "vod" | "ice" | "aicontent", string, string | undefined, RegExp | undefined]> = [
    ["VOD AI images in Shanghai", "vod", "cn-shanghai", undefined, undefined],
    ["VOD AI images in Hangzhou (VOD has none)", "vod", "cn-hangzhou", undefined, /use cn-beijing, cn-shanghai$/],
    ["ICE in Shenzhen", "ice", "cn-shenzhen", undefined, undefined],
    ["ICE on Mars", "ice", "mars-1", undefined, /^"mars-1" is not a region of ICE .*: use cn-shanghai, /],
    ["ICE Cover in US-West (not in its row)", "ice", "us-west-1", "Cover", /ICE offers Cover in .*not in "us-west-1"/],
    ["ICE VideoDetext in US-West", "ice", "us-west-1", "VideoDetext", undefined],
    ["ICE AudioMixing (not in the table) in US-West", "ice", "us-west-1", "AudioMixing", undefined],
    ["aicontent in Shanghai (the central endpoint)", "aicontent", "cn-shanghai", undefined, undefined],
    ["aicontent in Hangzhou", "aicontent", "cn-hangzhou", undefined, undefined],
    ["aicontent in Shenzhen", "aicontent", "cn-shenzhen", undefined, /not a region of aicontent/],
    ["a typo", "vod", "cn-shangai", undefined, /\(did you mean 'cn-shanghai'\?\)/],
  ];
  for (const [what, service, region, fn, problem] of cases) {
    it(what, () => {
      const got = alibabaRegionProblem(service, region, fn);
      if (problem) expect(got).toMatch(problem);
      else expect(got).toBeUndefined();
    });
  }
});

describe("check refuses a region the kind's service does not offer", () => {
  it("for each Alibaba kind, on the resource's region, with or without an endpoint", () => {
    expect(failuresOf(aiImageJobKind, { ...VOD_JOB, region: "cn-hangzhou" })).toEqual([
      { property: "region", reason: expect.stringMatching(/"cn-hangzhou" is not a region of VOD's AI image APIs/) },
    ]);
    expect(
      failuresOf(aiImageJobKind, { ...VOD_JOB, region: "cn-hangzhou", endpoint: "http://127.0.0.1:9" }),
    ).toHaveLength(1);
    expect(failuresOf(productionJobKind, { ...ICE_JOB, region: "mars-1" })[0]?.property).toBe("region");
    expect(failuresOf(productionJobKind, { ...ICE_JOB, region: "us-west-1" })[0]?.reason).toMatch(/Cover/);
    expect(failuresOf(txt2ImgInferenceJobKind, { ...AIC_JOB, region: "cn-shenzhen" })[0]?.property).toBe("region");
    expect(failuresOf(txt2ImgInferenceJobKind, { ...AIC_JOB, region: "cn-shanghai" })).toEqual([]);
    expect(failuresOf(aiImageJobKind, VOD_JOB)).toEqual([]);
  });

  it("on aigc:region and aigc:alibabaRegion, naming the key; the per-vendor key wins", () => {
    config({ "aigc:region": "cn-shangai" });
    expect(failuresOf(aiImageJobKind, VOD_JOB)).toEqual([
      {
        property: "aigc:region",
        reason: expect.stringMatching(/"cn-shangai" .*did you mean 'cn-shanghai'.*set aigc:alibabaRegion/),
      },
    ]);
    config({ "aigc:region": "ap-guangzhou", "aigc:alibabaRegion": "cn-beijing" });
    expect(failuresOf(aiImageJobKind, VOD_JOB)).toEqual([]);
    config({ "aigc:alibabaRegion": "mars-1" });
    expect(failuresOf(productionJobKind, ICE_JOB)[0]?.property).toBe("aigc:alibabaRegion");
    // The resource's own region wins over the config.
    expect(failuresOf(productionJobKind, { ...ICE_JOB, region: "cn-shanghai" })).toEqual([]);
  });

  it("leaves Tencent's region alone (VOD's APIs are global) and skips a region not known yet", () => {
    config({ "aigc:region": "mars-1" });
    expect(failuresOf(sceneAigcImageTaskKind, { ...TRY_ON, region: "mars-1" })).toEqual([]);
    expect(failuresOf(aiImageJobKind, { ...VOD_JOB, region: UNKNOWN })).toEqual([]);
  });
});

describe("an unknown field names the closest known one, as the user writes it", () => {
  it("at the top and nested, and guesses nothing for an unrelated name", () => {
    const top = failuresOf(sceneAigcImageTaskKind, { ...TRY_ON, outputConfg: {} });
    expect(top).toContainEqual({
      property: "outputConfg",
      reason: "is not a known field (did you mean 'outputConfig'?) (got {})",
    });
    const nested = failuresOf(sceneAigcImageTaskKind, {
      ...TRY_ON,
      sceneInfo: { type: "ai_try_on", aiTryOnConfig: { model: "WAND-tryon-1.0-lite", modle: "x" } },
    });
    expect(nested[0]?.reason).toMatch(/is not a known field \(did you mean 'model'\?\)/);
    const far = failuresOf(sceneAigcImageTaskKind, { ...TRY_ON, colour: "red" });
    expect(far[0]?.reason).toBe('is not a known field (got "red")');
  });

  it("in the sdk too, in the wire spelling, before any network call", async () => {
    const client = new TencentVodClient({
      endpoint: "http://127.0.0.1:9",
      credentials: { secretId: "i", secretKey: "k" },
    });
    const err = await client
      .createSceneAigcImageTask({
        SubAppId: 251007502,
        SceneInfo: { Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-lite" } },
        FileInfos: [{ Type: "Url", Url: "https://example.com/m.png" }],
        OutputConfg: {},
      } as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestValidationError);
    expect((err as Error).message).toMatch(/OutputConfg: is not a known field \(did you mean 'OutputConfig'\?\)/);
  });
});

describe("errors name the fix", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it("missing credentials: the stack config keys and the environment variables", async () => {
    delete process.env.TENCENTCLOUD_SECRET_ID;
    delete process.env.TENCENTCLOUD_SECRET_KEY;
    const client = new TencentVodClient({ endpoint: "http://127.0.0.1:9" });
    const err = await client.describeTaskDetail({ TaskId: "t" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    const hinted = withFixHint(err as Error, "tencent:AigcSubject", {});
    expect(hinted.message).toMatch(/aigc:tencentSecretId and aigc:tencentSecretKey/);
    expect(hinted.message).toMatch(/TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/);
    expect(withFixHint(new CredentialsError("none"), "alibaba:AiImageJob", {}).message).toMatch(
      /aigc:alibabaAccessKeyId and aigc:alibabaAccessKeySecret/,
    );
  });

  it("a refused connection: check aigc:endpoint, naming the endpoint without its query or credentials", async () => {
    config({ "aigc:endpoint": "http://user:pw@127.0.0.1:9/base?token=s3cr3t" });
    const client = new TencentVodClient({
      endpoint: "http://127.0.0.1:9",
      credentials: { secretId: "id", secretKey: "key" },
      retry: { retries: 0 },
    });
    const err = await client.describeTaskDetail({ TaskId: "t" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    const text = withFixHint(err as Error, "tencent:AigcSubject", {}).message;
    expect(text).toMatch(
      /\[NetworkError\] cannot connect .*Cannot reach http:\/\/127\.0\.0\.1:9\/base \(set by aigc:endpoint\): check/,
    );
    expect(text).not.toMatch(/s3cr3t|pw@/);
    // A partial-create error carrying the same text gets the hint too, in the reasons the engine prints; the
    // resource's own endpoint is named first.
    const text2 = "x: [NetworkError] cannot connect (ECONNREFUSED)";
    const partial = Object.assign(new Error(text2), { id: "j1", properties: {}, reasons: [text2] });
    const wrapped = withFixHint(partial, "alibaba:AiImageJob", { endpoint: "http://127.0.0.1:7" });
    expect(wrapped.message).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:7 \(set by endpoint\)/);
    expect(wrapped.reasons).toEqual([wrapped.message]);
    // With no endpoint set, the vendor's public endpoint for the resource's region is named.
    config({});
    const direct = withFixHint(new Error("[NetworkError] cannot connect (ENOTFOUND)"), "alibaba:ProductionJob", {
      region: "cn-beijing",
    });
    expect(direct.message).toMatch(/Cannot reach https:\/\/ice\.cn-beijing\.aliyuncs\.com: check the network/);
  });

  it("preview warns once per run when a kind's vendor has no credentials anywhere", () => {
    resetOnceWarnings();
    delete process.env.TENCENTCLOUD_SECRET_ID;
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    expect(onceWarnings(aigcSubjectKind.name)).toEqual([
      expect.stringMatching(/no Tencent Cloud credentials .*aigc:tencentSecretId/),
    ]);
    expect(onceWarnings(sceneAigcImageTaskKind.name)).toEqual([]);
    config({ "aigc:alibabaAccessKeyId": "id", "aigc:alibabaAccessKeySecret": "secret" });
    expect(onceWarnings(aiImageJobKind.name)).toEqual([]);
    resetOnceWarnings();
    config({});
    process.env.TENCENTCLOUD_SECRET_ID = "id";
    process.env.TENCENTCLOUD_SECRET_KEY = "key";
    expect(onceWarnings(aigcSubjectKind.name)).toEqual([]);
  });
});

describe("presigned input URLs given in clear", () => {
  it("are recognised by each vendor's signature query (one list, in redaction.ts)", () => {
    const signed = [
      "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a.png?q-sign-algorithm=sha1&q-signature=abc",
      "https://b.oss-cn-shanghai.aliyuncs.com/a.png?OSSAccessKeyId=x&Expires=1&Signature=abc",
      "https://b.oss-cn-shanghai.aliyuncs.com/a.png?x-oss-signature-version=OSS4&x-oss-signature=abc",
      "https://s3.amazonaws.com/b/a.png?X-Amz-Algorithm=AWS4&X-Amz-Signature=abc",
      "https://cdn.example.com/a.png?t=1&sign=abc",
      "see https://cdn.example.com/a.png?auth_key=1-0-0-abc in the text",
    ];
    for (const url of signed) expect(signatureQueryIn(url), url).toBeDefined();
    expect(signatureQueryIn("https://example.com/a.png?size=large")).toBeUndefined();
    expect(signatureQueryIn("https://example.com/a.png")).toBeUndefined();
  });

  it("draw a warning naming the property, never the URL; secret values draw none", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
    const clear = "https://b.oss-cn-shanghai.aliyuncs.com/a.png?Expires=1&Signature=5ecre7";
    warnPresignedInputs('tencent:SceneAigcImageTask "tryon"', {
      fileInfos: [{ type: "Url", url: clear }],
      sceneInfo: { aiTryOnConfig: { clothesFileInfos: [{ url: pulumi.secret(clear) }] } },
      elementImageList: { frontal_image: Promise.resolve(clear) },
      other: "https://example.com/a.png?size=1",
    });
    await new Promise((r) => setTimeout(r, 50));
    const messages = warn.mock.calls.map((c) => c[0]);
    warn.mockRestore();
    expect(messages.sort()).toEqual([
      expect.stringMatching(/^tencent:SceneAigcImageTask "tryon": elementImageList\.frontal_image holds a/),
      expect.stringMatching(/^tencent:SceneAigcImageTask "tryon": fileInfos\[0\]\.url holds .*Signature.*secret\(\)$/),
    ]);
    expect(messages.join("\n")).not.toMatch(/5ecre7|oss-cn-shanghai/);
  });
});

describe("the emulator refuses regions as the vendor would (its own table)", () => {
  it("reads the region from the host or from RegionId", () => {
    expect(regionOfHost("vod.cn-beijing.aliyuncs.com")).toBe("cn-beijing");
    expect(regionOfHost("ice-vpc.us-west-1.aliyuncs.com:443")).toBe("us-west-1");
    expect(regionOfHost("aicontent.aliyuncs.com")).toBe("cn-shanghai");
    expect(regionOfHost("127.0.0.1:8080")).toBeUndefined();
    expect(regionRefusal("vod", "SubmitAIImageJob", { regionId: "cn-hangzhou" })).toMatchObject({
      status: 400,
      code: "InvalidParameter",
      message: expect.stringMatching(/"RegionId" is not valid: SubmitAIImageJob is offered in cn-beijing, cn-shanghai/),
    });
    expect(regionRefusal("vod", "SubmitAIImageJob", { host: "vod.ap-southeast-1.aliyuncs.com" })).toMatchObject({
      status: 404,
      code: "InvalidAction.NotFound",
    });
    expect(regionRefusal("ice", "SubmitIProductionJob", { regionId: "us-west-1" }, "Cover")?.message).toMatch(
      /SubmitIProductionJob \(Cover\)/,
    );
    expect(regionRefusal("ice", "SubmitIProductionJob", { regionId: "us-west-1" }, "VideoDetext")).toBeUndefined();
    expect(regionRefusal("aicontent", "x", { host: "aicontent.cn-shenzhen.aliyuncs.com" })?.code).toBe(
      "InvalidAction.NotFound",
    );
    expect(regionRefusal("vod", "GetAIImageJobs", { regionId: "cn-beijing", host: "127.0.0.1:1" })).toBeUndefined();
  });

  describe("over HTTP, with the sdk pointed at it", () => {
    let emu: RunningEmulator;
    beforeAll(async () => {
      emu = await startEmulator({ port: 0, env: {} });
    });
    afterAll(() => emu.close());

    it("answers a RegionId VOD does not serve with 400 InvalidParameter, and submits nothing", async () => {
      const vod = (regionId: string) =>
        new AlibabaVodClient({
          endpoint: emu.url,
          regionId,
          signatureVersion: "v1",
          credentials: emu.credentials.alibaba,
          retry: { retries: 0 },
        });
      const err = await vod("cn-hangzhou")
        .getAIImageJobs({ JobIds: "j1" })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidParameterError);
      expect((err as InvalidParameterError).code).toBe("InvalidParameter");
      expect((err as Error).message).toMatch(/RegionId/);
      await expect(vod("cn-beijing").getAIImageJobs({ JobIds: "j1" })).resolves.toBeDefined();
    });
  });
});
