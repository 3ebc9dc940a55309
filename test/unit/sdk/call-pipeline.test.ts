// The one call pipeline (invoke) as every client uses it: per-call options and `$metadata`, for both vendors
// and every protocol, against a scripted HTTP server.
import { describe, expect, it } from "vitest";
import {
  AbortError,
  AlibabaAiContentClient,
  AlibabaIceClient,
  AlibabaVodClient,
  AmbiguousSubmissionError,
  ConfigurationError,
  TencentVodClient,
  ThrottlingError,
  TimeoutError,
  TransientServerError,
} from "../../../sdk";
import { useScriptedServer } from "../../support/scripted-server";

const tencentCreds = {
  secretId: "AKIDPIPELINE0000000000000000000000000",
  secretKey: "PipelineSecretKey000000000000000",
};
const alibabaCreds = { accessKeyId: "LTAI5tPipelineKey01", accessKeySecret: "PipelineSecret000000000000000" };
const fast = { retries: 3, minDelayMs: 1, maxDelayMs: 3 };

const server = useScriptedServer();

const tencent = (extra = {}) =>
  new TencentVodClient({ endpoint: server.url, credentials: tencentCreds, retry: fast, ...extra });
const ice = (extra = {}) =>
  new AlibabaIceClient({ endpoint: server.url, credentials: alibabaCreds, retry: fast, ...extra });
const vod = (extra = {}) =>
  new AlibabaVodClient({ endpoint: server.url, credentials: alibabaCreds, retry: fast, ...extra });
const aic = (extra = {}) =>
  new AlibabaAiContentClient({ endpoint: server.url, credentials: alibabaCreds, retry: fast, ...extra });

const tencentOk = (fields: Record<string, unknown>, RequestId = "t-rid") => ({
  json: { Response: { ...fields, RequestId } },
});
const tencentErr = (Code: string) => ({ json: { Response: { Error: { Code, Message: "m" }, RequestId: "t-err" } } });
const rpcErr = (status: number, Code: string) => ({ status, json: { RequestId: "a-err", Code, Message: "m" } });
const iceJob = {
  FunctionName: "Cover" as const,
  Input: { Type: "OSS" as const, Media: "oss://bucket/in.mp4" },
  Output: { Type: "OSS" as const, Media: "oss://bucket/out.jpg" },
};

describe("$metadata", () => {
  it("reports the RequestId, the attempts, the HTTP status and the elapsed time of a Tencent call", async () => {
    server.script(tencentErr("RequestLimitExceeded"), tencentErr("RequestLimitExceeded"), tencentOk({ TaskSet: [] }));
    const res = await tencent().describeTasks();
    expect(res.$metadata.requestId).toBe("t-rid");
    expect(res.$metadata.attempts).toBe(3);
    expect(res.$metadata.httpStatus).toBe(200);
    expect(res.$metadata.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(server.requests).toHaveLength(3);
  });

  it("is the same for the RPC (ACS3 and v1) and ROA protocols", async () => {
    server.script({ json: { RequestId: "ice-rid", JobId: "j1" } });
    expect((await ice().submitIProductionJob(iceJob)).$metadata).toMatchObject({ requestId: "ice-rid", attempts: 1 });
    server.script({ json: { RequestId: "v1-rid", AIImageJobList: [] } });
    const v1 = await vod({ signatureVersion: "v1" }).getAIImageJobs({ JobIds: ["a"] });
    expect(v1.$metadata).toMatchObject({ requestId: "v1-rid", attempts: 1, httpStatus: 200 });
    server.script(rpcErr(503, "ServiceUnavailable"), {
      json: { requestId: "roa-rid", success: true, data: { id: "7", jobStatus: "NOT_START" } },
    });
    const roa = await aic().personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: "7" });
    expect(roa.$metadata).toMatchObject({ requestId: "roa-rid", attempts: 2, httpStatus: 200 });
  });

  it("is not enumerable: JSON, Object.keys, spreads and deep equality do not see it", async () => {
    server.script(tencentOk({ TaskId: "251007502-SceneAigcImageTask-0t" }));
    const res = await tencent().createSceneAigcImageTask({
      SubAppId: 251007502,
      SceneInfo: { Type: "outpainting" },
      FileInfos: [{ Type: "Url", Url: "https://example.com/in.png" }],
    });
    expect(res.$metadata.requestId).toBe("t-rid");
    expect(Object.keys(res)).not.toContain("$metadata");
    expect(JSON.stringify(res)).not.toContain("metadata");
    expect({ ...res }).not.toHaveProperty("$metadata");
    expect(res).toEqual({ TaskId: "251007502-SceneAigcImageTask-0t", RequestId: "t-rid" });
  });

  it("survives the clients' own post-processing (ICE ParsedResult, merged GetAIImageJobs pages)", async () => {
    server.script({
      json: { RequestId: "q-rid", JobId: "j", FunctionName: "VideoDelogo", Status: "Success", Result: "{}" },
    });
    const job = await ice().queryIProductionJob({ JobId: "j" });
    expect(job.ParsedResult).toEqual({ FunctionName: "VideoDelogo", Result: {} });
    expect(job.$metadata).toMatchObject({ requestId: "q-rid", attempts: 1 });

    let n = 0;
    server.handle(() => ({ json: { RequestId: `page-${++n}`, AIImageJobList: [] } }));
    const ids = Array.from({ length: 23 }, (_, i) => `job-${i}`);
    const merged = await vod().getAIImageJobs({ JobIds: ids });
    expect(merged.$metadata).toMatchObject({ requestId: "page-3", attempts: 3 });
  });

  it("rides on the image bytes, with the RequestId from x-acs-request-id", async () => {
    server.script({ json: "PNG", headers: { "x-acs-request-id": "img-rid" } });
    const image = await aic().personalizedtxt2imgQueryImageAsset({ modelId: "m", promptId: "p", imageId: "0000.png" });
    expect(Buffer.isBuffer(image)).toBe(true);
    expect(image.toString()).toBe('"PNG"');
    expect(image.$metadata).toMatchObject({ requestId: "img-rid", attempts: 1, httpStatus: 200 });
  });
});

describe("per-call options", () => {
  it("maxRetries overrides the client's retries for one call", async () => {
    server.script(tencentErr("InternalError"));
    const e = await tencent()
      .describeTaskDetail({ TaskId: "x" }, { maxRetries: 1 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(TransientServerError);
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.script(rpcErr(500, "InternalError"));
    const none = await ice()
      .queryIProductionJob({ JobId: "j" }, { maxRetries: 0 })
      .catch((x) => x);
    expect(none).toBeInstanceOf(TransientServerError);
    expect(server.requests).toHaveLength(1);
  });

  it("maxRetries never makes a paid submit retried after an ambiguous failure", async () => {
    server.script(rpcErr(500, "InternalError"), { json: { RequestId: "R", JobId: "never" } });
    const e = await ice()
      .submitIProductionJob(iceJob, { maxRetries: 5, marker: "mk-1" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(AmbiguousSubmissionError);
    expect(e.marker).toBe("mk-1");
    expect(server.requests).toHaveLength(1);
  });

  it("timeoutMs overrides the client's timeout for one call", async () => {
    // undici's timers have ~1 s resolution: a 1 s limit against a 2.5 s answer, on a client whose own is 60 s.
    server.script({ delayMs: 2_500, reply: { json: { RequestId: "R", JobId: "j", Status: "Queuing" } } });
    const e = await ice({ timeoutMs: 60_000 })
      .queryIProductionJob({ JobId: "j" }, { timeoutMs: 1_000, maxRetries: 0 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.requestSent).toBe(true);
  });

  it("signal aborts the wait for a rate-limit token", async () => {
    const ac = new AbortController();
    const slow = tencent({ rateLimits: { DescribeTaskDetail: { perSecond: 0.01, burst: 1 } } });
    server.script(tencentOk({ TaskType: "SceneAigcImageTask", Status: "WAITING" }));
    await slow.describeTaskDetail({ TaskId: "first" });
    setTimeout(() => ac.abort(), 20);
    const e = await slow.describeTaskDetail({ TaskId: "second" }, { signal: ac.signal }).catch((x) => x);
    expect(e).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects a bad per-call option before any request", async () => {
    for (const o of [{ timeoutMs: 0 }, { maxRetries: -1 }, { maxRetries: 1.5 }]) {
      const e = await tencent()
        .describeTaskDetail({ TaskId: "x" }, o)
        .catch((x) => x);
      expect(e).toBeInstanceOf(ConfigurationError);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("a throttled call is retried past its own maxRetries (not executed: the vendor is only busy)", async () => {
    server.script(rpcErr(400, "Throttling.User"), rpcErr(400, "Throttling.User"), { json: { RequestId: "R" } });
    await ice().cancelIProductionJob({ JobId: "j" }, { maxRetries: 1 });
    expect(server.requests).toHaveLength(3);
  });

  it("with no throttling budget, a throttled call retries with its own options", async () => {
    server.script(rpcErr(400, "Throttling.User"), rpcErr(400, "Throttling.User"), { json: { RequestId: "R" } });
    const e = await ice({ retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2, throttleBudgetMs: 0 } })
      .cancelIProductionJob({ JobId: "j" }, { maxRetries: 1 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(ThrottlingError);
    expect(server.requests).toHaveLength(2);
  });
});
