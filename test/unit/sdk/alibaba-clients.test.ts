import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AlibabaAiContentClient } from "../../../sdk/alibaba/alibaba-aicontent-client";
import { AlibabaIceClient } from "../../../sdk/alibaba/alibaba-ice-client";
import { AlibabaVodClient } from "../../../sdk/alibaba/alibaba-vod-client";
import { parseIProductionResult } from "../../../sdk/alibaba/ice/iproduction-result";
import {
  AmbiguousSubmissionError,
  AuthenticationError,
  CredentialsError,
  InvalidParameterError,
  JobFailedError,
  NotFoundError,
  RequestValidationError,
  ThrottlingError,
  TransientServerError,
  VendorError,
} from "../../../sdk/core/errors";
import { type ScriptedServer, startScriptedServer } from "../../support/scripted-server";

const SECRET = "UnitAlibabaSecret000000000000";
const TOKEN = "CAIS.unit+token/abc=";
const creds = { accessKeyId: "LTAI5tUnitKeyId0001", accessKeySecret: SECRET, securityToken: TOKEN };
const fast = { retries: 3, minDelayMs: 1, maxDelayMs: 3 };
const wait = { minDelayMs: 1, maxDelayMs: 3, initialDelayMs: 0 };

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const vod = (extra = {}) => new AlibabaVodClient({ endpoint: server.url, credentials: creds, retry: fast, ...extra });
const ice = (extra = {}) => new AlibabaIceClient({ endpoint: server.url, credentials: creds, retry: fast, ...extra });
const aic = (extra = {}) =>
  new AlibabaAiContentClient({ endpoint: server.url, credentials: creds, retry: fast, ...extra });

const rpcError = (status: number, Code: string, Message = "denied", headers?: Record<string, string>) => ({
  status,
  headers,
  json: {
    RequestId: "6F4B-RID",
    HostId: "vod.cn-shanghai.aliyuncs.com",
    Code,
    Message,
    Recommend: "https://api.aliyun.com/troubleshoot",
  },
});
const VIDEO = "357a8748c5774a0e89d2726e6436aa01";
const TEMPLATE = "ef1a8842cb9f4d1bcea80cad902e4160";
const iceJob = {
  FunctionName: "Cover" as const,
  Input: { Type: "OSS" as const, Media: "oss://bucket/in.mp4" },
  Output: { Type: "OSS" as const, Media: "oss://bucket/out/{index}.jpg" },
};

describe("validation before any network call", () => {
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    [
      "imageNumber 0",
      () => aic().personalizedtxt2imgAddInferenceJob({ modelId: "m", prompt: "a <special-token>", imageNumber: 0 }),
      /imageNumber: must be at least 1 \(got 0\)/,
    ],
    [
      "a seed that is not an integer",
      () => aic().personalizedtxt2imgAddInferenceJob({ modelId: "m", prompt: "a <special-token>", seed: 0.5 }),
      /seed: must be an integer/,
    ],
    [
      "prompt without the placeholder",
      () => aic().personalizedtxt2imgAddInferenceJob({ modelId: "m", prompt: "a girl in the snow" }),
      /prompt: must contain the subject placeholder <special-token>/,
    ],
    [
      "ICE Input Type other than OSS|Media",
      () => ice().submitIProductionJob({ ...iceJob, Input: { Type: "URL" as never, Media: "x" } }),
      /Input\.Type: must be one of "OSS", "Media" \(got "URL"\)/,
    ],
    [
      "ICE OSS media that is not an OSS address",
      () => ice().submitIProductionJob({ ...iceJob, Input: { Type: "OSS", Media: "https://example.com/a.mp4" } }),
      /Input\.Media: must be oss:\/\/bucket\/object/,
    ],
    [
      "JobParams that is not JSON",
      () => ice().submitIProductionJob({ ...iceJob, JobParams: "{Model:gif" }),
      /JobParams: must be a valid JSON string/,
    ],
    [
      "Priority outside 1..10",
      () => ice().submitIProductionJob({ ...iceJob, ScheduleConfig: { Priority: 11 } }),
      /ScheduleConfig\.Priority: must be at most 10/,
    ],
    [
      "ICE UserData over 256 characters",
      () => ice().submitIProductionJob({ ...iceJob, UserData: "u".repeat(257) }),
      /UserData: must be at most 256 characters/,
    ],
    [
      "VOD UserData over 512 bytes",
      () =>
        vod().submitAIImageJob({
          VideoId: VIDEO,
          AITemplateId: TEMPLATE,
          UserData: { Extend: { k: "é".repeat(300) } },
        }),
      /UserData: must be at most 512 bytes/,
    ],
    [
      "VOD UserData without MessageCallback or Extend",
      () => vod().submitAIImageJob({ VideoId: VIDEO, AITemplateId: TEMPLATE, UserData: "{}" }),
      /UserData: must contain MessageCallback and\/or Extend/,
    ],
    [
      "an empty VOD VideoId",
      () => vod().submitAIImageJob({ VideoId: "", AITemplateId: TEMPLATE }),
      /VideoId: must not be empty \(got ""\)/,
    ],
    [
      "ICE Output Type OSS without Media",
      () => ice().submitIProductionJob({ ...iceJob, Output: { Type: "OSS" } }),
      /Output\.Media: is required when Type is OSS/,
    ],
    [
      "unknown FunctionName",
      () => ice().submitIProductionJob({ ...iceJob, FunctionName: "Dance" as never }),
      /FunctionName: must be one of "Cover", "VideoClip"/,
    ],
  ];
  for (const [name, call, message] of cases) {
    it(`rejects ${name}`, async () => {
      const e = (await call().catch((x) => x)) as Error;
      expect(e).toBeInstanceOf(RequestValidationError);
      expect(e.message).toMatch(message);
      expect(server.requests).toHaveLength(0);
    });
  }
});

describe("wire format", () => {
  it("sends ICE object parameters as JSON strings in the query (V3)", async () => {
    server.script({ json: { RequestId: "R", JobId: "j1" } });
    await ice().submitIProductionJob({ ...iceJob, JobParams: { Model: "gif" }, UserData: { orderId: 7 } });
    const url = new URL(server.requests[0]!.url, "http://x");
    expect(url.searchParams.get("Input")).toBe('{"Type":"OSS","Media":"oss://bucket/in.mp4"}');
    expect(url.searchParams.get("JobParams")).toBe('{"Model":"gif"}');
    expect(url.searchParams.get("UserData")).toBe('{"orderId":7}');
    expect(server.requests[0]!.headers["x-acs-action"]).toBe("SubmitIProductionJob");
    expect(server.requests[0]!.headers["x-acs-security-token"]).toBe(TOKEN);
  });

  it("sends aicontent POST bodies as JSON and GET parameters in the query", async () => {
    server.script({ json: { requestId: "r", success: true, data: { id: "9", jobStatus: "NOT_START" } } });
    await aic().personalizedtxt2imgAddInferenceJob({ modelId: "m1", prompt: "a <special-token>", imageNumber: 2 });
    await aic().personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: "9" });
    expect(server.requests[0]!.url).toBe("/api/v1/personalizedtxt2img/addInferenceJob");
    expect(JSON.parse(server.requests[0]!.body.toString())).toEqual({
      modelId: "m1",
      prompt: "a <special-token>",
      imageNumber: 2,
    });
    expect(server.requests[1]!.url).toBe("/api/v1/personalizedtxt2img/queryInferenceJobInfo?inferenceJobId=9");
    expect(server.requests[1]!.method).toBe("GET");
  });

  it("returns image asset bytes as they come", async () => {
    server.handle(() => ({ status: 200, text: "PNGDATA" }));
    const bytes = await aic().personalizedtxt2imgQueryImageAsset({ modelId: "m", promptId: "p", imageId: "0000.png" });
    expect(bytes.toString()).toBe("PNGDATA");
  });

  it("builds image asset addresses on the endpoint, leaving absolute URLs alone", () => {
    const c = aic();
    expect(c.imageAssetUrl({ modelId: "m 1", promptId: "p" }, "0000.png")).toBe(
      `${server.url}/api/v1/personalizedtxt2img/queryImageAsset?imageId=0000.png&modelId=m%201&promptId=p`,
    );
    expect(c.imageAssetUrl({ modelId: "m", promptId: "p" }, "https://cdn/x.png")).toBe("https://cdn/x.png");
  });
});

describe("error envelopes", () => {
  const mapped: Array<[number, string, new (...a: never[]) => Error]> = [
    [400, "Throttling.User", ThrottlingError],
    [429, "Throttling.Api", ThrottlingError],
    [400, "SignatureDoesNotMatch", AuthenticationError],
    [404, "InvalidAccessKeyId.NotFound", AuthenticationError],
    [400, "InvalidParameter", InvalidParameterError],
    [400, "MissingParameter", InvalidParameterError],
    [404, "InvalidParameter.ResourceNotFound", NotFoundError],
    [500, "InternalError", TransientServerError],
    [403, "Forbidden.RAM", AuthenticationError],
  ];
  for (const [status, code, cls] of mapped) {
    it(`RPC ${status} ${code} → ${cls.name}`, async () => {
      server.script(rpcError(status, code));
      const e = await ice({ retry: { retries: 0 } })
        .queryIProductionJob({ JobId: "j" })
        .catch((x) => x);
      expect(e).toBeInstanceOf(cls);
      expect(e.code).toBe(code);
      expect(e.requestId).toBe("6F4B-RID");
      expect(e.httpStatus).toBe(status);
      expect(e.message).toBe(`ice.QueryIProductionJob failed: [${code}] denied (RequestId: 6F4B-RID)`);
    });
  }

  it("maps the aicontent envelope (success:false) onto the same classes", async () => {
    server.script({
      status: 200,
      json: { requestId: "a-rid", success: false, errCode: "JOB_NOT_FOUND", errMessage: "no such job", data: null },
    });
    const e = await aic({ retry: { retries: 0 } })
      .personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: "1" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.code).toBe("JOB_NOT_FOUND");
    expect(e.requestId).toBe("a-rid");
    server.script({
      status: 200,
      json: { requestId: "b", success: false, errCode: "UNKNOWN_ERROR", errMessage: "未知错误", data: null },
    });
    const u = await aic({ retry: { retries: 0 } })
      .personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: "1" })
      .catch((x) => x);
    expect(u).toBeInstanceOf(VendorError);
    expect(u.message).toMatch(/\[UNKNOWN_ERROR\] 未知错误/);
  });

  it("redacts the secret and the STS token that a SignatureDoesNotMatch message echoes", async () => {
    server.script(
      rpcError(400, "SignatureDoesNotMatch", `server string to sign: POST&%2F&SecurityToken%3D${TOKEN} key ${SECRET}`),
    );
    const e = await ice({ retry: { retries: 0 } })
      .queryIProductionJob({ JobId: "j" })
      .catch((x) => x);
    const text = `${e.message}${e.stack}${JSON.stringify(e)}`;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
  });

  it("names the env variables when no credentials are configured", async () => {
    const saved = { ...process.env };
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    try {
      const e = await new AlibabaIceClient({ endpoint: server.url })
        .queryIProductionJob({ JobId: "j" })
        .catch((x) => x);
      expect(e).toBeInstanceOf(CredentialsError);
      expect(e.message).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    } finally {
      process.env = saved;
    }
  });
});

describe("paid submits: no blind retry", () => {
  it("retries a throttled submit (not executed) and succeeds once", async () => {
    server.script(rpcError(400, "Throttling.User"), { json: { RequestId: "R", JobId: "job-1" } });
    const res = await ice().submitIProductionJob(iceJob);
    expect(res.JobId).toBe("job-1");
    expect(server.requests).toHaveLength(2);
  });

  it("does not repeat a submit answered ServiceUnavailable: the request may have run", async () => {
    for (const code of ["ServiceUnavailable", "ServiceUnAvailable"]) {
      server.requests.length = 0;
      server.script(rpcError(503, code), { json: { RequestId: "R", JobId: "never" } });
      const e = await vod()
        .submitAIImageJob({ VideoId: VIDEO, AITemplateId: TEMPLATE }, { marker: "m-503" })
        .catch((x) => x);
      expect(e).toBeInstanceOf(AmbiguousSubmissionError);
      expect(e.cause.code).toBe(code);
      expect(server.requests).toHaveLength(1);
    }
  });

  it("retries a read answered ServiceUnavailable", async () => {
    server.script(rpcError(503, "ServiceUnavailable"), {
      json: { RequestId: "R", JobId: "j", Status: "Queuing", FunctionName: "Cover" },
    });
    expect((await ice().queryIProductionJob({ JobId: "j" })).Status).toBe("Queuing");
    expect(server.requests).toHaveLength(2);
  });

  it("does not repeat a submit after an InternalError or a reset, and says a job may exist", async () => {
    for (const reply of [rpcError(500, "InternalError"), { reset: true as const }]) {
      server.requests.length = 0;
      server.script(reply, { json: { RequestId: "R", JobId: "never" } });
      const e = await ice()
        .submitIProductionJob(iceJob, { marker: "aigc-1234" })
        .catch((x) => x);
      expect(e).toBeInstanceOf(AmbiguousSubmissionError);
      expect(e.marker).toBe("aigc-1234");
      expect(e.message).toMatch(/a job may have been created.*marker aigc-1234/);
      expect(server.requests).toHaveLength(1);
    }
  });

  it("reports an unreadable answer to a submit as ambiguous (the vendor processed it)", async () => {
    server.script({ json: { RequestId: "R-ok-but-no-job-id" } });
    const e = await ice()
      .submitIProductionJob(iceJob, { marker: "m-9" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(AmbiguousSubmissionError);
    expect(e.cause.code).toBe("MalformedResponse");
    expect(e.requestId).toBe("R-ok-but-no-job-id");
    expect(server.requests).toHaveLength(1);
  });

  it("does retry reads after a reset", async () => {
    server.script({ reset: true }, { json: { RequestId: "R", JobId: "j", Status: "Queuing", FunctionName: "Cover" } });
    expect((await ice().queryIProductionJob({ JobId: "j" })).Status).toBe("Queuing");
  });

  it("honours x-acs-retry-after on throttling", async () => {
    server.script(rpcError(429, "Throttling", "slow down", { "x-acs-retry-after": "0.15" }), {
      json: { RequestId: "R", JobId: "j" },
    });
    const t0 = Date.now();
    await ice().submitIProductionJob(iceJob);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe("VOD GetAIImageJobs and batched waiting", () => {
  const job = (JobId: string, Status: string, extra = {}) => ({
    JobId,
    VideoId: VIDEO,
    Status,
    Code: Status === "success" ? "Success" : "",
    Message: "",
    CreationTime: "",
    TemplateId: TEMPLATE,
    TemplateConfig: "",
    UserData: "",
    AIImageResult: "",
    ...extra,
  });
  const answer = (ids: string[], status: (id: string) => string) => ({
    json: { RequestId: "R", AIImageJobList: ids.map((id) => job(id, status(id))) },
  });

  it("splits more than 10 ids into calls of at most 10 and merges the lists", async () => {
    server.handle((r) => answer(new URL(r.url, "http://x").searchParams.get("JobIds")!.split(","), () => "processing"));
    const ids = Array.from({ length: 23 }, (_, i) => `job-${i}`);
    const res = await vod().getAIImageJobs({ JobIds: ids });
    expect(res.AIImageJobList.map((j) => j.JobId)).toEqual(ids);
    expect(
      server.requests.map((r) => new URL(r.url, "http://x").searchParams.get("JobIds")!.split(",").length),
    ).toEqual([10, 10, 3]);
  });

  it("serves 25 concurrent waits with batched calls of ≤ 10 ids, and decodes AIImageResult", async () => {
    let round = 0;
    server.handle((r) => {
      round++;
      const ids = new URL(r.url, "http://x").searchParams.get("JobIds")!.split(",");
      return {
        json: {
          RequestId: "R",
          AIImageJobList: ids.map((id) =>
            round > 3
              ? job(id, "success", { AIImageResult: JSON.stringify([{ Score: 5.1, Url: `http://oss/${id}.gif` }]) })
              : job(id, "processing"),
          ),
        },
      };
    });
    const client = vod();
    const ids = Array.from({ length: 25 }, (_, i) => `job-${i}`);
    const results = await Promise.all(ids.map((id) => client.waitForAIImageJob(id, wait)));
    expect(results.map((r) => r.Results[0]?.Url)).toEqual(ids.map((id) => `http://oss/${id}.gif`));
    const sizes = server.requests.map((r) => new URL(r.url, "http://x").searchParams.get("JobIds")!.split(",").length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    // One call per ≤10 jobs per round instead of one per job: far fewer calls than 25 × rounds.
    expect(server.requests.length).toBeLessThan(25);
  });

  it("fails the wait with the job's Code and Message", async () => {
    server.handle(() => ({
      json: {
        RequestId: "R",
        AIImageJobList: [job("j-f", "fail", { Code: "InvalidVideo", Message: "video has no frames" })],
      },
    }));
    const e = await vod()
      .waitForAIImageJob("j-f", wait)
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.code).toBe("InvalidVideo");
    expect(e.message).toMatch(/video has no frames/);
  });

  it("reports a job the vendor never lists as not found", async () => {
    server.handle(() => ({ json: { RequestId: "R", AIImageJobList: [] } }));
    await expect(vod().waitForAIImageJob("ghost", wait)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("ICE results typed by FunctionName", () => {
  it("parses each documented shape and keeps the raw string", async () => {
    const cover = JSON.stringify([{ Score: 0.9, Time: "28278.25", Url: "cover/test-00001.jpg" }]);
    server.script({
      json: {
        RequestId: "R",
        JobId: "j",
        FunctionName: "Cover",
        Status: "Success",
        Result: cover,
        OutputUrls: ["https://b.oss/cover/test-00001.jpg"],
      },
    });
    const job = await ice().waitForIProductionJob("j", wait);
    expect(job.Result).toBe(cover);
    expect(job.ParsedResult).toEqual({
      FunctionName: "Cover",
      Result: [{ Score: 0.9, Time: "28278.25", Url: "cover/test-00001.jpg" }],
    });
    expect(
      parseIProductionResult("VideoClip", '{"VideoSummaryList":[{"StartTime":"0.28","EndTime":"5.28"}]}')?.FunctionName,
    ).toBe("VideoClip");
    expect(parseIProductionResult("MusicSegmentDetect", '[{"start":1.5,"end":9,"title":"副歌"}]')?.Result).toEqual([
      { start: 1.5, end: 9, title: "副歌" },
    ]);
    expect(parseIProductionResult("AudioQualityAssessment", '[{"MOS(0-5)":"4.1","Tag":"Valid"}]')?.Result).toEqual([
      { "MOS(0-5)": "4.1", Tag: "Valid" },
    ]);
    expect(parseIProductionResult("VideoDelogo", "{}")).toEqual({ FunctionName: "VideoDelogo", Result: {} });
    expect(parseIProductionResult("Cover", "not json")).toBeUndefined();
    expect(parseIProductionResult("Cover", '{"unexpected":1}')).toBeUndefined();
  });

  it("fails the wait when the job ends Fail", async () => {
    server.script({ json: { RequestId: "R", JobId: "j", FunctionName: "VideoClip", Status: "Fail", Result: "" } });
    const e = await ice()
      .waitForIProductionJob("j", wait)
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.status).toBe("Fail");
  });
});

describe("aicontent waiting", () => {
  it("reports progress from jobTrainProgress and returns result ids", async () => {
    server.script(
      {
        json: {
          requestId: "r",
          success: true,
          data: {
            id: "5",
            promptId: "p",
            modelId: "m",
            jobStatus: "WAIT_SCHEDULE",
            jobTrainProgress: 0,
            resultImageUrl: null,
            createTime: "",
          },
        },
      },
      {
        json: {
          requestId: "r",
          success: true,
          data: {
            id: "5",
            promptId: "p",
            modelId: "m",
            jobStatus: "RUNNING",
            jobTrainProgress: 0.5,
            resultImageUrl: null,
            createTime: "",
          },
        },
      },
      {
        json: {
          requestId: "r",
          success: true,
          data: {
            id: "5",
            promptId: "p",
            modelId: "m",
            jobStatus: "FINISHED",
            jobTrainProgress: 1,
            resultImageUrl: ["0000.png", "0001.png"],
            createTime: "",
          },
        },
      },
    );
    const progress: number[] = [];
    const job = await aic().waitForInferenceJob("5", {
      ...wait,
      onProgress: (p) => p.progress !== undefined && progress.push(p.progress),
    });
    expect(job.resultImageUrl).toEqual(["0000.png", "0001.png"]);
    expect(progress).toEqual([0, 50, 100]);
  });
});

describe("remaining methods", () => {
  it("finds VOD jobs by the marker in their UserData", async () => {
    server.handle((r) => {
      const action = r.headers["x-acs-action"];
      if (action === "ListAIImageInfo") {
        return {
          json: {
            RequestId: "R",
            AIImageInfoList: [
              { JobId: "a", VideoId: VIDEO },
              { JobId: "b", VideoId: VIDEO },
              { JobId: "a", VideoId: VIDEO },
            ],
          },
        };
      }
      return {
        json: {
          RequestId: "R",
          AIImageJobList: [
            { JobId: "a", Status: "success", UserData: '{"Extend":{"pulumiAigcKey":"k-1"}}' },
            { JobId: "b", Status: "success", UserData: '{"Extend":{"pulumiAigcKey":"k-2"}}' },
          ],
        },
      };
    });
    const hits = await vod().findAIImageJobsByMarker(VIDEO, "k-2");
    expect(hits.map((j) => j.JobId)).toEqual(["b"]);
    expect(new URL(server.requests[1]!.url, "http://x").searchParams.get("JobIds")).toBe("a,b");
  });

  it("cancels an ICE job", async () => {
    server.script({ json: { RequestId: "R", Message: "Success" } });
    const res = await ice().cancelIProductionJob({ JobId: "j-1" });
    expect(res.Message).toBe("Success");
    expect(server.requests[0]!.headers["x-acs-action"]).toBe("CancelIProductionJob");
  });

  it("lists a model's inference jobs", async () => {
    server.script({
      json: {
        requestId: "r",
        success: true,
        data: [
          { modelId: "m1", inferenceJobList: [{ id: "1", jobStatus: "FINISHED" }] },
          { modelId: "m2", inferenceJobList: null },
        ],
      },
    });
    expect((await aic().findInferenceJobs("m1")).map((j) => j.id)).toEqual(["1"]);
    expect(await aic().findInferenceJobs("m2")).toEqual([]);
  });

  it("times out a slow read with a TimeoutError (retried, then reported)", async () => {
    // undici's timers have ~1 s resolution: a 1 s limit against a 2.5 s answer.
    server.script({ delayMs: 2_500, reply: { json: { RequestId: "R" } } });
    const e = await ice({ timeoutMs: 1_000, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 1 } })
      .queryIProductionJob({ JobId: "j" })
      .catch((x) => x);
    expect(e.name).toBe("TimeoutError");
    expect(e.requestSent).toBe(true);
    expect(server.requests).toHaveLength(2);
  });
});
