import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AbortError,
  AmbiguousSubmissionError,
  AuthenticationError,
  CredentialsError,
  DuplicateSubmissionError,
  InvalidParameterError,
  JobFailedError,
  NetworkError,
  NotFoundError,
  RequestValidationError,
  ThrottlingError,
  TransientServerError,
  WaitTimeoutError,
} from "../../../sdk/core/errors";
import { TencentVodClient } from "../../../sdk/tencent/tencent-vod-client";
import { type ScriptedServer, startScriptedServer } from "../../support/scripted-server";

const SECRET = "UnitTestSecretKey0000000000000000";
const TOKEN = "unit-test-sts-token-0001";
const creds = { secretId: "AKIDUNITTEST000000000000000000000000", secretKey: SECRET, token: TOKEN };

const ok = (fields: Record<string, unknown>) => ({
  json: { Response: { ...fields, RequestId: "11111111-2222-4333-8444-555555555555" } },
});
const err = (Code: string, Message = "msg") => ({
  json: { Response: { Error: { Code, Message }, RequestId: "rid-err" } },
});

const tryOn = {
  SubAppId: 251007502,
  SceneInfo: { Type: "ai_try_on" as const, AiTryOnConfig: { Model: "WAND-tryon-1.0-lite" as const } },
  FileInfos: [{ Type: "Url" as const, Url: "https://example.com/model.png" }],
};

let server: ScriptedServer;
const client = (extra: Partial<ConstructorParameters<typeof TencentVodClient>[0]> = {}) =>
  new TencentVodClient({
    endpoint: server.url,
    credentials: creds,
    retry: { retries: 3, minDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe("request validation happens before any network call", () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "SessionId over 50 characters",
      { ...tryOn, SessionId: "s".repeat(51) },
      /SessionId: must be at most 50 characters \(got "s{20}/,
    ],
    ["TasksPriority outside -10..10", { ...tryOn, TasksPriority: 11 }, /TasksPriority: must be at most 10 \(got 11\)/],
    [
      "unknown scene Type",
      { ...tryOn, SceneInfo: { Type: "ai_dance" } },
      /SceneInfo\.Type: must be one of "ai_try_on", "product_image", "outpainting"/,
    ],
    [
      "ai_try_on without its config",
      { ...tryOn, SceneInfo: { Type: "ai_try_on" } },
      /SceneInfo\.AiTryOnConfig: is required when Type is ai_try_on/,
    ],
    [
      "try-on with two model photos",
      { ...tryOn, FileInfos: [tryOn.FileInfos[0], tryOn.FileInfos[0]] },
      /FileInfos: must have exactly 1 image for Type ai_try_on/,
    ],
    ["an unknown field", { ...tryOn, Prompt: "x" }, /Prompt: is not a known field \(got "x"\)/],
    ["no SubAppId (required by CreateSceneAigcImageTask)", { ...tryOn, SubAppId: undefined }, /SubAppId: is required/],
    [
      "OutputImageCount over 10",
      { ...tryOn, SceneInfo: { Type: "product_image", ProductImageConfig: { OutputImageCount: 11 } } },
      /OutputImageCount: must be at most 10/,
    ],
  ];
  for (const [name, req, message] of cases) {
    it(`rejects ${name}`, async () => {
      const e = await client()
        .createSceneAigcImageTask(req as never)
        .catch((x) => x);
      expect(e).toBeInstanceOf(RequestValidationError);
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(/^CreateSceneAigcImageTask request is invalid: /);
      expect(server.requests).toHaveLength(0);
    });
  }

  it("rejects ElementName over 20 characters and bad JSON-string content with nested paths", async () => {
    const e = await client()
      .createAigcAdvancedCustomElement({
        SubAppId: 1,
        ElementName: "n".repeat(21),
        ReferenceType: "image_refer",
        ElementImageList: JSON.stringify({ frontal_image: "f", refer_images: [] }),
      })
      .catch((x) => x);
    expect(e).toBeInstanceOf(RequestValidationError);
    expect(e.message).toMatch(/ElementName: must be at most 20 characters/);
    expect(e.message).toMatch(/ElementImageList\.refer_images: must be at least 1 item \(got \[\]\)/);
    expect(server.requests).toHaveLength(0);
  });

  it("requires Offset to be a multiple of Limit", async () => {
    const e = await client()
      .describeAigcAdvancedCustomElements({ SubAppId: 1, Offset: 5, Limit: 10 })
      .catch((x) => x);
    expect(e.message).toMatch(/Offset: must be a multiple of Limit \(10\) \(got 5\)/);
  });

  it("serializes structured JSON-string fields and fills the default SubAppId", async () => {
    server.script(ok({ TaskId: "t-1" }));
    await client({ subAppId: 42 }).createAigcAdvancedCustomElement({
      ReferenceType: "video_refer",
      ElementVideoList: { refer_videos: [{ video_url: "https://example.com/v.mp4" }] },
    });
    const body = JSON.parse(server.requests[0]!.body.toString());
    expect(body).toEqual({
      ReferenceType: "video_refer",
      ElementVideoList: '{"refer_videos":[{"video_url":"https://example.com/v.mp4"}]}',
      SubAppId: 42,
    });
  });
});

describe("error mapping", () => {
  const mapped: Array<[string, new (...a: never[]) => Error]> = [
    ["RequestLimitExceeded", ThrottlingError],
    ["RequestLimitExceeded.UinLimitExceeded", ThrottlingError],
    ["AuthFailure.SignatureFailure", AuthenticationError],
    ["UnauthorizedOperation", AuthenticationError],
    ["InternalError", TransientServerError],
    ["ResourceNotFound", NotFoundError],
    ["InvalidParameterValue.TaskId", NotFoundError],
    ["InvalidParameterValue.FileId", InvalidParameterError],
    ["UnknownParameter", InvalidParameterError],
  ];
  for (const [code, cls] of mapped) {
    it(`${code} → ${cls.name}`, async () => {
      server.script(err(code, "vendor says no"));
      const e = await client({ retry: { retries: 0 } })
        .describeTaskDetail({ TaskId: "x" })
        .catch((x) => x);
      expect(e).toBeInstanceOf(cls);
      expect(e.code).toBe(code);
      expect(e.requestId).toBe("rid-err");
      expect(e.action).toBe("DescribeTaskDetail");
      expect(e.message).toBe(`vod.DescribeTaskDetail failed: [${code}] vendor says no (RequestId: rid-err)`);
    });
  }

  it("never puts credentials in messages, even when the vendor echoes them", async () => {
    server.script(
      err("AuthFailure.SignatureFailure", `expected signature with key ${SECRET} token ${TOKEN} id ${creds.secretId}`),
    );
    const e = await client({ retry: { retries: 0 } })
      .describeTaskDetail({ TaskId: "x" })
      .catch((x) => x);
    const text = `${e.message} ${JSON.stringify(e)} ${e.stack}`;
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(creds.secretId);
    expect(text).toContain("AKID***");
  });

  it("names the env variables when no credentials are configured", async () => {
    const saved = { ...process.env };
    delete process.env.TENCENTCLOUD_SECRET_ID;
    delete process.env.TENCENTCLOUD_SECRET_KEY;
    try {
      const e = await new TencentVodClient({ endpoint: server.url })
        .describeTaskDetail({ TaskId: "x" })
        .catch((x) => x);
      expect(e).toBeInstanceOf(CredentialsError);
      expect(e.message).toMatch(/TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/);
      expect(server.requests).toHaveLength(0);
    } finally {
      process.env = saved;
    }
  });

  it("reads env credentials at call time, not at construction", async () => {
    const saved = { ...process.env };
    delete process.env.TENCENTCLOUD_SECRET_ID;
    const c = new TencentVodClient({ endpoint: server.url, retry: { retries: 0 } });
    process.env.TENCENTCLOUD_SECRET_ID = "AKIDLATE";
    process.env.TENCENTCLOUD_SECRET_KEY = "late-secret";
    try {
      server.script(ok({ TaskType: "SceneAigcImageTask", Status: "WAITING" }));
      await c.describeTaskDetail({ TaskId: "x" });
      expect(server.requests[0]!.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDLATE\//);
    } finally {
      process.env = saved;
    }
  });

  it("maps a gateway 502 with a non-JSON body to a transient error", async () => {
    server.script({ status: 502, text: "<html>bad gateway</html>" });
    const e = await client({ retry: { retries: 0 } })
      .describeTaskDetail({ TaskId: "x" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(TransientServerError);
    expect(e.httpStatus).toBe(502);
  });
});

describe("retries only where safe", () => {
  it("retries throttling until it passes", async () => {
    server.script(err("RequestLimitExceeded"), err("RequestLimitExceeded"), ok({ TaskId: "t-1" }));
    const seen: string[] = [];
    const res = await client({ onRetry: (e) => seen.push(e.code) }).createSceneAigcImageTask(tryOn);
    expect(res.TaskId).toBe("t-1");
    expect(server.requests).toHaveLength(3);
    expect(seen).toEqual(["RequestLimitExceeded", "RequestLimitExceeded"]);
  });

  it("retries reads on transient server errors and resets", async () => {
    server.script(err("InternalError"), { reset: true }, ok({ TaskType: "SceneAigcImageTask", Status: "PROCESSING" }));
    const res = await client().describeTaskDetail({ TaskId: "x" });
    expect(res.Status).toBe("PROCESSING");
    expect(server.requests).toHaveLength(3);
  });

  it("does not repeat a create without SessionId after an ambiguous failure", async () => {
    server.script({ reset: true }, ok({ TaskId: "never" }));
    const e = await client()
      .createSceneAigcImageTask(tryOn)
      .catch((x) => x);
    expect(e).toBeInstanceOf(AmbiguousSubmissionError);
    expect(e.message).toMatch(/a job may have been created/);
    expect(e.cause).toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it("repeats a create with SessionId, and reports the vendor's duplicate answer as its own class", async () => {
    server.script({ reset: true }, err("InvalidParameterValue.SessionId", "duplicate"));
    const e = await client()
      .createSceneAigcImageTask({ ...tryOn, SessionId: "sess-9" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(DuplicateSubmissionError);
    expect(e.sessionId).toBe("sess-9");
    expect(server.requests).toHaveLength(2);
    // Both attempts carried the same SessionId (and were signed afresh).
    const bodies = server.requests.map((r) => JSON.parse(r.body.toString()).SessionId);
    expect(bodies).toEqual(["sess-9", "sess-9"]);
  });

  it("does not retry invalid parameters", async () => {
    server.script(err("InvalidParameterValue"), ok({ TaskId: "t" }));
    await expect(client().createSceneAigcImageTask({ ...tryOn, SessionId: "s" })).rejects.toBeInstanceOf(
      InvalidParameterError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("retries a connection refused even for a paid create (nothing was sent)", async () => {
    const dead = new TencentVodClient({
      endpoint: "http://127.0.0.1:1",
      credentials: creds,
      retry: { retries: 1, minDelayMs: 1, maxDelayMs: 1 },
    });
    const e = await dead.createSceneAigcImageTask(tryOn).catch((x) => x);
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.requestSent).toBe(false);
    expect(e).not.toBeInstanceOf(AmbiguousSubmissionError);
  });

  it("stops retrying when the caller aborts", async () => {
    server.script({ delayMs: 2_000, reply: ok({}) });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await client()
      .describeTaskDetail({ TaskId: "x" }, { signal: ac.signal })
      .catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
  });
});

describe("waitForTask", () => {
  const detail = (Status: string, sub: Record<string, unknown>) =>
    ok({
      TaskType: "SceneAigcImageTask",
      Status,
      CreateTime: "",
      BeginProcessTime: "",
      FinishTime: "",
      SceneAigcImageTask: { TaskId: "t-1", Status: "PROCESSING", ErrCode: 0, Message: "", Progress: 0, ...sub },
      CreateAigcAdvancedCustomElementTask: null,
    });
  const fast = { minDelayMs: 1, maxDelayMs: 5, initialDelayMs: 0 };

  it("polls until FINISH and returns the expanded scene task", async () => {
    server.script(
      detail("WAITING", {}),
      detail("PROCESSING", { Progress: 50 }),
      detail("FINISH", {
        Status: "FINISH",
        Progress: 100,
        Output: { FileInfos: [{ FileUrl: "http://x/a.png", StorageMode: "Temporary" }] },
      }),
    );
    const progress: number[] = [];
    const task = await client().waitForTask("t-1", {
      ...fast,
      onProgress: (p) => p.progress !== undefined && progress.push(p.progress),
    });
    expect(task.TaskType).toBe("SceneAigcImageTask");
    expect(task.SceneAigcImageTask?.Output?.FileInfos[0]?.FileUrl).toBe("http://x/a.png");
    expect(progress).toEqual([0, 50, 100]);
    expect(server.requests).toHaveLength(3);
  });

  it("rejects with the task's ErrCode and Message when FINISH carries a failure", async () => {
    server.script(
      detail("FINISH", {
        Status: "FINISH",
        ErrCode: 70000,
        Message: "InvalidParameter.VoilationContent Input Prompt violates policy",
      }),
    );
    const e = await client()
      .waitForTask("t-1", fast)
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.code).toBe("70000");
    expect(e.jobId).toBe("t-1");
    expect(e.message).toMatch(/violates policy/);
  });

  it("reads an element failure from ErrCodeExt", async () => {
    server.script(
      ok({
        TaskType: "CreateAigcAdvancedCustomElement",
        Status: "FINISH",
        SceneAigcImageTask: null,
        CreateAigcAdvancedCustomElementTask: {
          TaskId: "e-1",
          Status: "FINISH",
          ErrCode: 0,
          ErrCodeExt: "FailedOperation",
          Message: "Video URL is invalid",
          Progress: 100,
        },
      }),
    );
    const e = await client()
      .waitForTask("e-1", fast)
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.code).toBe("FailedOperation");
  });

  it("times out with the TaskId, leaving the task to be waited for again", async () => {
    server.script(detail("PROCESSING", { Progress: 10 }));
    const e = await client()
      .waitForTask("t-slow", { ...fast, timeoutMs: 60 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect(e.jobId).toBe("t-slow");
    expect(e.lastStatus).toBe("PROCESSING");
  });

  it("keeps waiting through a transient poll failure", async () => {
    server.script(
      err("InternalError"),
      err("InternalError"),
      err("InternalError"),
      err("InternalError"),
      detail("FINISH", { Status: "FINISH", Output: { FileInfos: [{ FileUrl: "u" }] } }),
    );
    const task = await client({ retry: { retries: 1, minDelayMs: 1, maxDelayMs: 1 } }).waitForTask("t-1", fast);
    expect(task.Status).toBe("FINISH");
  });
});

describe("findTaskBySessionId", () => {
  it("scans DescribeTasks pages until the SessionId appears", async () => {
    server.script(
      ok({ TaskSet: [{ TaskId: "a", SessionId: "other" }], ScrollToken: "p2" }),
      ok({ TaskSet: [{ TaskId: "b", SessionId: "wanted" }], ScrollToken: "p3" }),
    );
    const hit = await client().findTaskBySessionId("wanted", { createdAfter: new Date("2026-01-01T00:00:00.123Z") });
    expect(hit?.TaskId).toBe("b");
    const first = JSON.parse(server.requests[0]!.body.toString());
    expect(first).toEqual({ Limit: 100, CreateTime: { After: "2026-01-01T00:00:00Z" } });
    expect(JSON.parse(server.requests[1]!.body.toString()).ScrollToken).toBe("p2");
  });
});
