// The official vendor SDKs, unchanged, against the emulator: every action in scope, and the failure cases
// (bad signature, expired timestamp, throttling, invalid parameter). They are the judge of fidelity.

import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import RPCClient from "@alicloud/pop-core";
import * as $Util from "@alicloud/tea-util";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import * as tencentcloud from "tencentcloud-sdk-nodejs-vod";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { admin, sleep, startTestEmulator } from "../support/emulator";

type TcClient = InstanceType<typeof tencentcloud.vod.v20180717.Client>;

let emu: RunningEmulator;
/** Strict about the ids callers bring: only the listed ones exist (for the vendors' not-found answers). */
let strict: RunningEmulator;
const SUB_APP = 251007502;
const VIDEO = "357a8748c5774a0e89d2726e6436aa01";
const TEMPLATE = "ef1a8842cb9f4d1bcea80cad902e4160";
const MODEL = "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b";

beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 200 });
  strict = await startTestEmulator({
    jobLatencyMs: 200,
    tencent: { subAppIds: [SUB_APP], fileIds: ["5145403720640671256"] },
    alibaba: { videoIds: [VIDEO], aiImageTemplateIds: [TEMPLATE], aiContentModelIds: [MODEL] },
  });
});
afterAll(async () => {
  await emu.close();
  await strict.close();
});
afterEach(() => vi.useRealTimers());

const hostOf = (e: RunningEmulator) => e.url.replace("http://", "");

function tencent(e: RunningEmulator = emu, secretKey?: string): TcClient {
  const c = e.credentials.tencent;
  return new tencentcloud.vod.v20180717.Client({
    credential: { secretId: c.secretId, secretKey: secretKey ?? c.secretKey },
    region: "ap-guangzhou",
    // Pointed at 127.0.0.1:<port>, the official SDK signs service "127" and host "127.0.0.1": the emulator
    // must take the service from the credential scope and strip the port (docs/vendor-notes/tencent-vod.md, signing).
    profile: { httpProfile: { endpoint: hostOf(e), protocol: "http://" } },
  });
}

function popCore(apiVersion: string, e: RunningEmulator = emu, secret?: string) {
  const c = e.credentials.alibaba;
  return new RPCClient({
    accessKeyId: c.accessKeyId,
    accessKeySecret: secret ?? c.accessKeySecret,
    endpoint: e.url,
    apiVersion,
  });
}

async function openapi(
  p: {
    action: string;
    version: string;
    style: "RPC" | "ROA";
    pathname?: string;
    method?: string;
    query?: Record<string, string>;
    body?: Record<string, unknown>;
    bodyType?: string;
  },
  e: RunningEmulator = emu,
  secret?: string,
): Promise<{ statusCode: number; body: unknown }> {
  const c = e.credentials.alibaba;
  const client = new OpenApi(
    new $OpenApi.Config({
      accessKeyId: c.accessKeyId,
      accessKeySecret: secret ?? c.accessKeySecret,
      endpoint: hostOf(e),
      protocol: "HTTP",
    }),
  );
  const params = new $OpenApi.Params({
    action: p.action,
    version: p.version,
    protocol: "HTTP",
    pathname: p.pathname ?? "/",
    method: p.method ?? "POST",
    authType: "AK",
    style: p.style,
    reqBodyType: p.style === "ROA" ? "json" : "formData",
    bodyType: p.bodyType ?? "json",
  });
  return (await client.callApi(
    params,
    new $OpenApi.OpenApiRequest({ query: p.query ?? {}, ...(p.body ? { body: p.body } : {}) }),
    new $Util.RuntimeOptions({}),
  )) as never;
}

/** Polls with a plain loop (no sdk code): the official client only. */
async function until<T>(fn: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (done(v) || Date.now() > end) return v;
    await sleep(50);
  }
}

describe("tencentcloud-sdk-nodejs-vod against the emulator", () => {
  it("creates a scene AIGC image task and reads it back through DescribeTaskDetail and DescribeTasks", async () => {
    const c = tencent();
    const created = await c.CreateSceneAigcImageTask({
      SubAppId: SUB_APP,
      SceneInfo: { Type: "product_image", ProductImageConfig: { Prompt: "白色大理石台面", OutputImageCount: 2 } },
      FileInfos: [{ FileId: "5145403720640671256" }],
      OutputConfig: { StorageMode: "Permanent", AspectRatio: "4:3" },
      SessionId: "conf-scene-1",
      SessionContext: "ctx",
    });
    expect(created.TaskId).toMatch(/^251007502-SceneAigcImageTask-[0-9a-f]{32}t$/);
    expect(created.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    const detail = await until(
      () => c.DescribeTaskDetail({ TaskId: created.TaskId!, SubAppId: SUB_APP }),
      (d) => d.Status === "FINISH",
    );
    expect(detail.TaskType).toBe("SceneAigcImageTask");
    expect(detail.ProcedureTask).toBeNull();
    expect(detail.CreateAigcAdvancedCustomElementTask).toBeNull();
    const task = detail.SceneAigcImageTask!;
    expect(task.ErrCode).toBe(0);
    expect(task.Progress).toBe(100);
    expect(task.SessionId).toBe("conf-scene-1");
    expect(task.Output!.FileInfos).toHaveLength(2);
    expect(task.Output!.FileInfos![0]!.FileId).toMatch(/^\d{19}$/);
    const image = await fetch(task.Output!.FileInfos![0]!.FileUrl!);
    expect(image.headers.get("content-type")).toBe("image/png");
    const list = await c.DescribeTasks({ SubAppId: SUB_APP, Limit: 100 });
    expect(list.TaskSet!.find((t) => t.TaskId === created.TaskId)?.SessionId).toBe("conf-scene-1");
  });

  it("creates, lists and deletes an AIGC subject", async () => {
    const c = tencent();
    const created = await c.CreateAigcAdvancedCustomElement({
      SubAppId: SUB_APP,
      ElementName: "model-a",
      ReferenceType: "image_refer",
      ElementImageList: JSON.stringify({
        frontal_image: "https://example.com/f.png",
        refer_images: [{ image_url: "https://example.com/s.png" }],
      }),
      TagList: '[{"tag_id": "o_101"}]',
    });
    const detail = await until(
      () => c.DescribeTaskDetail({ TaskId: created.TaskId!, SubAppId: SUB_APP }),
      (d) => d.Status === "FINISH",
    );
    const el = detail.CreateAigcAdvancedCustomElementTask!;
    expect(el.ErrCodeExt).toBe("");
    const elementId = el.Output!.InfoList![0]!.ElementId!;
    expect(elementId).toMatch(/^\d{18}$/);
    expect(el.Output!.InfoList![0]!.ElementInfo).toContain(`"element_id":${elementId}`);
    const listed = await c.DescribeAigcAdvancedCustomElements({ SubAppId: SUB_APP, Offset: 0, Limit: 10 });
    expect(listed.ElementSet!.map((e) => e.Id)).toContain(elementId);
    await c.DeleteAigcAdvancedCustomElement({ SubAppId: SUB_APP, ElementId: elementId });
    const after = await c.DescribeAigcAdvancedCustomElements({ SubAppId: SUB_APP });
    expect(after.ElementSet!.map((e) => e.Id)).not.toContain(elementId);
    await expect(c.DeleteAigcAdvancedCustomElement({ SubAppId: SUB_APP, ElementId: elementId })).rejects.toMatchObject({
      code: "InvalidParameterValue",
    });
  });

  it("answers a repeated SessionId with InvalidParameterValue.SessionId and no new task", async () => {
    const c = tencent();
    const req = {
      SubAppId: SUB_APP,
      SceneInfo: { Type: "outpainting" },
      FileInfos: [{ Type: "Url", Url: "https://example.com/x.png" }],
      SessionId: "conf-dup-1",
    };
    await c.CreateSceneAigcImageTask(req);
    await expect(c.CreateSceneAigcImageTask(req)).rejects.toMatchObject({ code: "InvalidParameterValue.SessionId" });
  });

  // The last column: run against the strict emulator (not-found answers need a list of the ids that exist).
  const rejects: Array<[string, Record<string, unknown>, string, "strict"?]> = [
    ["SessionId over 50 characters", { SessionId: "s".repeat(51) }, "InvalidParameterValue.SessionIdTooLong"],
    [
      "SessionContext over 1000 characters",
      { SessionContext: "c".repeat(1001) },
      "InvalidParameterValue.SessionContextTooLong",
    ],
    ["an unknown SubAppId", { SubAppId: 42 }, "InvalidParameterValue.SubAppId", "strict"],
    ["a SubAppId that cannot exist", { SubAppId: 0 }, "InvalidParameterValue.SubAppId"],
    [
      "an unknown FileId",
      { FileInfos: [{ Type: "File", FileId: "1234567890123456789" }] },
      "InvalidParameterValue.FileId",
      "strict",
    ],
    [
      "a FileId that cannot exist",
      { FileInfos: [{ Type: "File", FileId: "3704211***509819" }] },
      "InvalidParameterValue.FileId",
    ],
    ["a missing SubAppId", { SubAppId: undefined }, "MissingParameter"],
    ["an unknown parameter", { Colour: "red" }, "UnknownParameter"],
    ["TasksPriority out of range", { TasksPriority: 11 }, "InvalidParameterValue"],
    ["a missing SceneInfo", { SceneInfo: undefined }, "MissingParameter"],
  ];
  for (const [what, patch, code, mode] of rejects) {
    it(`rejects ${what} with ${code}${mode ? ` (${mode})` : ""}`, async () => {
      const base = {
        SubAppId: SUB_APP,
        SceneInfo: { Type: "outpainting" },
        FileInfos: [{ Type: "Url", Url: "https://example.com/x.png" }],
      };
      const client = tencent(mode === "strict" ? strict : emu);
      await expect(client.CreateSceneAigcImageTask({ ...base, ...patch } as never)).rejects.toMatchObject({ code });
    });
  }

  it("answers an unknown TaskId with InvalidParameterValue.TaskId", async () => {
    await expect(
      tencent().DescribeTaskDetail({ TaskId: `${SUB_APP}-SceneAigcImageTask-${"0".repeat(32)}t`, SubAppId: SUB_APP }),
    ).rejects.toMatchObject({
      code: "InvalidParameterValue.TaskId",
    });
  });

  it("rejects a bad signature with AuthFailure.SignatureFailure", async () => {
    await expect(tencent(emu, "not-the-secret").DescribeTasks({ SubAppId: SUB_APP })).rejects.toMatchObject({
      code: "AuthFailure.SignatureFailure",
    });
  });

  it("rejects an expired timestamp with AuthFailure.SignatureExpire", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 10 * 60_000);
    await expect(tencent().DescribeTasks({ SubAppId: SUB_APP })).rejects.toMatchObject({
      code: "AuthFailure.SignatureExpire",
    });
  });

  it("throttles above the vendor's rate with RequestLimitExceeded", async () => {
    const slow = await startTestEmulator({ rateLimits: { tencentDefault: 2 } });
    try {
      const c = tencent(slow);
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => c.DescribeTasks({ SubAppId: SUB_APP })));
      const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "ok"));
      expect(codes.filter((x) => x === "ok").length).toBe(2);
      expect(codes.filter((x) => x === "RequestLimitExceeded").length).toBe(4);
    } finally {
      await slow.close();
    }
  });
});

describe("@alicloud/pop-core (RPC signature v1) against the emulator", () => {
  it("submits a VOD AI image job, polls GetAIImageJobs and lists the images", async () => {
    const vod = popCore("2017-03-21");
    const sub = (await vod.request(
      "SubmitAIImageJob",
      { VideoId: VIDEO, AITemplateId: TEMPLATE, UserData: JSON.stringify({ Extend: { key: "conf-1" } }) },
      { method: "POST" },
    )) as { JobId: string; RequestId: string };
    expect(sub.JobId).toMatch(/^[0-9a-f]{32}$/);
    expect(sub.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const jobs = await until(
      () =>
        vod.request("GetAIImageJobs", { JobIds: sub.JobId }, { method: "POST" }) as Promise<{
          AIImageJobList: Array<{ Status: string; AIImageResult: string; UserData: string }>;
        }>,
      (r) => r.AIImageJobList[0]?.Status === "success",
    );
    const job = jobs.AIImageJobList[0]!;
    expect(job.UserData).toContain("conf-1");
    const images = JSON.parse(job.AIImageResult) as Array<{ Score: number; Url: string }>;
    expect(images.length).toBeGreaterThan(0);
    expect((await fetch(images[0]!.Url)).status).toBe(200);
    const infos = (await vod.request("ListAIImageInfo", { VideoId: VIDEO }, { method: "POST" })) as {
      AIImageInfoList: Array<{ JobId: string }>;
    };
    expect(infos.AIImageInfoList.some((i) => i.JobId === sub.JobId)).toBe(true);
  });

  it("submits, queries and cancels ICE production jobs", async () => {
    const ice = popCore("2020-11-09");
    const input = JSON.stringify({ Type: "OSS", Media: "oss://bucket/in.mp4" });
    const cover = (await ice.request(
      "SubmitIProductionJob",
      { FunctionName: "Cover", Input: input, Output: JSON.stringify({ Type: "OSS", Media: "oss://bucket/out/c.jpg" }) },
      { method: "POST" },
    )) as { JobId: string };
    const done = await until(
      () =>
        ice.request("QueryIProductionJob", { JobId: cover.JobId }, { method: "POST" }) as Promise<{
          Status: string;
          Result: string;
          OutputUrls: string[];
        }>,
      (r) => r.Status === "Success",
    );
    expect(JSON.parse(done.Result)[0]).toMatchObject({
      Score: expect.any(Number),
      Time: expect.any(String),
      Url: expect.stringMatching(/\.jpg$/),
    });
    expect(done.OutputUrls.length).toBe(3);
    const slow = (await ice.request(
      "SubmitIProductionJob",
      {
        FunctionName: "VideoClip",
        Name: "emulator:latency=60000",
        Input: input,
        Output: JSON.stringify({ Type: "OSS", Media: "oss://bucket/out/clip.mp4" }),
      },
      { method: "POST" },
    )) as { JobId: string };
    const cancelled = (await ice.request("CancelIProductionJob", { JobId: slow.JobId }, { method: "POST" })) as {
      Message: string;
    };
    expect(cancelled.Message).toBe("Success");
    const after = (await ice.request("QueryIProductionJob", { JobId: slow.JobId }, { method: "POST" })) as {
      Status: string;
      FinishTime: string;
    };
    expect(after.Status).toBe("Fail");
    expect(after.FinishTime).not.toBe("");
  });

  const errors: Array<[string, () => Promise<unknown>, string]> = [
    [
      "a bad signature",
      () => popCore("2020-11-09", emu, "wrong").request("QueryIProductionJob", { JobId: "x" }, { method: "POST" }),
      "SignatureDoesNotMatch",
    ],
    [
      "a missing parameter",
      () => popCore("2017-03-21").request("SubmitAIImageJob", { VideoId: VIDEO }, { method: "POST" }),
      "MissingParameter",
    ],
    [
      "an invalid parameter",
      () =>
        popCore("2020-11-09").request(
          "SubmitIProductionJob",
          { FunctionName: "Dance", Input: "{}", Output: "{}" },
          { method: "POST" },
        ),
      "InvalidParameter",
    ],
    [
      "an unknown video (strict)",
      () =>
        popCore("2017-03-21", strict).request(
          "SubmitAIImageJob",
          { VideoId: "0".repeat(32), AITemplateId: TEMPLATE },
          { method: "POST" },
        ),
      "InvalidVideo.NotFound",
    ],
    [
      "a VideoId that cannot exist",
      () =>
        popCore("2017-03-21").request(
          "SubmitAIImageJob",
          { VideoId: "video-1", AITemplateId: TEMPLATE },
          {
            method: "POST",
          },
        ),
      "InvalidVideo.NotFound",
    ],
    [
      "an unknown job",
      () => popCore("2020-11-09").request("QueryIProductionJob", { JobId: "f".repeat(32) }, { method: "POST" }),
      "InvalidParameter.ResourceNotFound",
    ],
  ];
  for (const [what, call, code] of errors) {
    it(`answers ${what} with ${code}`, async () => {
      await expect(call()).rejects.toMatchObject({ code });
    });
  }

  it("rejects an expired timestamp with InvalidTimeStamp.Expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 30 * 60_000);
    await expect(
      popCore("2020-11-09").request("QueryIProductionJob", { JobId: "x" }, { method: "POST" }),
    ).rejects.toMatchObject({ code: "InvalidTimeStamp.Expired" });
  });

  it("throttles above the vendor's rate with Throttling.User", async () => {
    const slow = await startTestEmulator({ rateLimits: { alibabaIce: 2 } });
    try {
      const ice = popCore("2020-11-09", slow);
      const r = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          ice.request("QueryIProductionJob", { JobId: "f".repeat(32) }, { method: "POST" }),
        ),
      );
      const codes = r.map((x) => (x.status === "rejected" ? (x.reason as { code: string }).code : "ok"));
      expect(codes.filter((c) => c === "Throttling.User").length).toBe(3);
    } finally {
      await slow.close();
    }
  });
});

describe("@alicloud/openapi-client (ACS3-HMAC-SHA256) against the emulator", () => {
  it("drives VOD and ICE over RPC style", async () => {
    const sub = await openapi({
      action: "SubmitAIImageJob",
      version: "2017-03-21",
      style: "RPC",
      query: { VideoId: VIDEO, AITemplateId: TEMPLATE },
    });
    const jobId = (sub.body as { JobId: string }).JobId;
    const got = await openapi({
      action: "GetAIImageJobs",
      version: "2017-03-21",
      style: "RPC",
      query: { JobIds: jobId },
    });
    expect((got.body as { AIImageJobList: Array<{ JobId: string }> }).AIImageJobList[0]!.JobId).toBe(jobId);
    const ice = await openapi({
      action: "SubmitIProductionJob",
      version: "2020-11-09",
      style: "RPC",
      query: {
        FunctionName: "AudioQualityAssessment",
        Input: JSON.stringify({ Type: "Media", Media: "0123456789abcdef0123456789abcdef" }),
        Output: JSON.stringify({ Type: "OSS", Media: "oss://bucket/out/a.json" }),
        Name: "测试 *x*",
      },
    });
    expect(ice.statusCode).toBe(200);
  });

  it("drives aicontent over ROA: submit, query, model list, image asset bytes", async () => {
    const add = await openapi({
      action: "Personalizedtxt2imgAddInferenceJob",
      version: "20240611",
      style: "ROA",
      pathname: "/api/v1/personalizedtxt2img/addInferenceJob",
      body: { modelId: MODEL, prompt: "a photo of a <special-token> in the snow", imageNumber: 14, seed: 42 },
    });
    const data = (add.body as { success: boolean; data: { id: string; jobStatus: string } }).data;
    expect((add.body as { success: boolean }).success).toBe(true);
    expect(data.jobStatus).toBe("NOT_START");
    const q = () =>
      openapi({
        action: "Personalizedtxt2imgQueryInferenceJobInfo",
        version: "20240611",
        style: "ROA",
        pathname: "/api/v1/personalizedtxt2img/queryInferenceJobInfo",
        method: "GET",
        query: { inferenceJobId: data.id },
      });
    const fin = (await until(q, (r) => (r.body as { data: { jobStatus: string } }).data.jobStatus === "FINISHED"))
      .body as { data: { resultImageUrl: string[]; promptId: string } };
    // imageNumber above 10 is clamped by the service, not refused.
    expect(fin.data.resultImageUrl).toHaveLength(10);
    const models = await openapi({
      action: "Personalizedtxt2imgQueryModelTrainJobList",
      version: "20240611",
      style: "ROA",
      pathname: "/api/v1/personalizedtxt2img/queryModelTrainJobList",
      method: "GET",
    });
    expect(
      (
        models.body as { data: Array<{ modelId: string; inferenceJobList: Array<{ id: string }> }> }
      ).data[0]!.inferenceJobList.map((j) => j.id),
    ).toContain(data.id);
    const asset = await openapi({
      action: "Personalizedtxt2imgQueryImageAsset",
      version: "20240611",
      style: "ROA",
      pathname: "/api/v1/personalizedtxt2img/queryImageAsset",
      method: "GET",
      bodyType: "string",
      query: { modelId: MODEL, promptId: fin.data.promptId, imageId: "0003.png", encodeFormat: "base64" },
    });
    expect(Buffer.from(String(asset.body), "base64").subarray(1, 4).toString()).toBe("PNG");
  });

  it("answers aicontent business errors in its own envelope", async () => {
    await expect(
      openapi(
        {
          action: "Personalizedtxt2imgAddInferenceJob",
          version: "20240611",
          style: "ROA",
          pathname: "/api/v1/personalizedtxt2img/addInferenceJob",
          body: { modelId: "nobody_1", prompt: "a <special-token>" },
        },
        strict,
      ),
    ).rejects.toMatchObject({ statusCode: 404, data: { errCode: "MODEL_NOT_FOUND", success: false } });
  });

  it("rejects a bad V3 signature with SignatureDoesNotMatch, and nonce replays are refused", async () => {
    await expect(
      openapi(
        { action: "QueryIProductionJob", version: "2020-11-09", style: "RPC", query: { JobId: "x" } },
        emu,
        "wrong",
      ),
    ).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 400,
    });
  });

  it("throttles aicontent with THROTTLING (HTTP 429)", async () => {
    const slow = await startTestEmulator({ rateLimits: { alibabaAiContent: 1 } });
    try {
      const q = () =>
        openapi(
          {
            action: "Personalizedtxt2imgQueryModelTrainJobList",
            version: "20240611",
            style: "ROA",
            pathname: "/api/v1/personalizedtxt2img/queryModelTrainJobList",
            method: "GET",
          },
          slow,
        );
      const r = await Promise.allSettled([q(), q(), q()]);
      expect(
        r.filter((x) => x.status === "rejected").map((x) => (x as PromiseRejectedResult).reason.statusCode),
      ).toEqual([429, 429]);
    } finally {
      await slow.close();
    }
  });
});

describe("vendor error answers, as the official SDKs read them", () => {
  afterEach(() => admin(emu, "faults", {}));

  it("Tencent FailedOperation and UnauthorizedOperation: HTTP 200 envelopes with code and RequestId", async () => {
    for (const [kind, code] of [
      ["failedOperation", "FailedOperation"],
      ["unauthorized", "UnauthorizedOperation"],
      ["internalError", "InternalError"],
    ] as const) {
      await admin(emu, "faults", { [kind]: 1, actions: ["DescribeTasks"] });
      const e = await tencent()
        .DescribeTasks({ SubAppId: SUB_APP })
        .catch((x) => x);
      expect(e).toMatchObject({ code });
      expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("the gateway's HTML 502 is an HTTP failure for the Tencent SDK, not a vendor code", async () => {
    await admin(emu, "faults", { gatewayError: 1, actions: ["DescribeTasks"] });
    const e = await tencent()
      .DescribeTasks({ SubAppId: SUB_APP })
      .catch((x) => x);
    expect(e.httpCode).toBe(502);
    expect(e.requestId).toBe("");
  });

  it("Alibaba Forbidden.RAM is a 403 with AccessDeniedDetail (openapi-client)", async () => {
    await admin(emu, "faults", { unauthorized: 1, actions: ["QueryIProductionJob"] });
    await expect(
      openapi({ action: "QueryIProductionJob", version: "2020-11-09", style: "RPC", query: { JobId: "x" } }),
    ).rejects.toMatchObject({
      code: "Forbidden.RAM",
      statusCode: 403,
      data: { AccessDeniedDetail: { AuthAction: "ice:QueryIProductionJob" } },
    });
  });

  it("VOD's ServiceUnAvailable (its own spelling) is a 503 (pop-core)", async () => {
    await admin(emu, "faults", { serviceUnavailable: 1, actions: ["GetAIImageJobs"] });
    await expect(
      popCore("2017-03-21").request("GetAIImageJobs", { JobIds: "x" }, { method: "POST" }),
    ).rejects.toMatchObject({ code: "ServiceUnAvailable" });
  });

  it("ICE ClientToken: a replay answers alike; other parameters: IdempotentParameterMismatch (pop-core)", async () => {
    const ice = popCore("2020-11-09");
    const input = JSON.stringify({ Type: "OSS", Media: "oss://bucket/in.mp4" });
    const { JobId } = (await ice.request(
      "SubmitIProductionJob",
      { FunctionName: "Cover", Input: input, Output: JSON.stringify({ Type: "OSS", Media: "oss://bucket/o.jpg" }) },
      { method: "POST" },
    )) as { JobId: string };
    const a = await ice.request("QueryIProductionJob", { JobId, ClientToken: "conf-token-1" }, { method: "POST" });
    const b = await ice.request("QueryIProductionJob", { JobId, ClientToken: "conf-token-1" }, { method: "POST" });
    expect(b).toEqual(a);
    await expect(
      ice.request("QueryIProductionJob", { JobId: "f".repeat(32), ClientToken: "conf-token-1" }, { method: "POST" }),
    ).rejects.toMatchObject({ code: "IdempotentParameterMismatch" });
  });
});
