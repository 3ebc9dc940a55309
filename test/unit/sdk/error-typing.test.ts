// The vendors' error answers become typed errors, against a scripted loopback server: each mapping, how it is
// retried, and whether a paid submit answered that way is reported as possibly having created a job.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AlibabaAiContentClient } from "../../../sdk/alibaba/alibaba-aicontent-client";
import { AlibabaIceClient } from "../../../sdk/alibaba/alibaba-ice-client";
import { AlibabaVodClient } from "../../../sdk/alibaba/alibaba-vod-client";
import {
  AmbiguousSubmissionError,
  AuthenticationError,
  IdempotentParameterMismatchError,
  InvalidParameterError,
  NotFoundError,
  OperationFailedError,
  ServiceNotActivatedError,
  TransientServerError,
  UnknownOutcomeError,
} from "../../../sdk/core/errors";
import { TencentVodClient } from "../../../sdk/tencent/tencent-vod-client";
import { type ScriptedServer, startScriptedServer } from "../../support/scripted-server";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const retry = { retries: 3, minDelayMs: 1, maxDelayMs: 3 };
const tencent = () =>
  new TencentVodClient({
    endpoint: server.url,
    credentials: { secretId: "AKIDUNIT", secretKey: "unit-secret" },
    subAppId: 251007502,
    retry,
  });
const alibabaCreds = { accessKeyId: "LTAI5tUnit", accessKeySecret: "unit-secret" };
const vod = () => new AlibabaVodClient({ endpoint: server.url, credentials: alibabaCreds, retry });
const ice = () => new AlibabaIceClient({ endpoint: server.url, credentials: alibabaCreds, retry });
const aic = () => new AlibabaAiContentClient({ endpoint: server.url, credentials: alibabaCreds, retry });

const tcError = (Code: string) => ({
  json: { Response: { Error: { Code, Message: "vendor text" }, RequestId: "rid" } },
});
const tcOk = (fields: Record<string, unknown>) => ({ json: { Response: { ...fields, RequestId: "rid-ok" } } });
const rpcError = (status: number, Code: string) => ({
  status,
  json: { RequestId: "RID", HostId: "ice.cn-shanghai.aliyuncs.com", Code, Message: "vendor text" },
});
const aicEnvelope = (status: number, errCode: string) => ({
  status,
  json: { requestId: "a-rid", success: false, errCode, errMessage: "未知错误", httpStatusCode: status, data: null },
});
const aicJob = { requestId: "a-ok", success: true, data: { id: "7", jobStatus: "NOT_START" } };
const scene = {
  SceneInfo: { Type: "outpainting" as const },
  FileInfos: [{ Type: "Url" as const, Url: "https://example.com/a.png" }],
};
const cover = {
  FunctionName: "Cover" as const,
  Input: { Type: "OSS" as const, Media: "oss://bucket/in.mp4" },
  Output: { Type: "OSS" as const, Media: "oss://bucket/out.jpg" },
};

describe("Tencent FailedOperation family", () => {
  it("FailedOperation is an OperationFailedError: not retried, and it may have executed", async () => {
    server.script(tcError("FailedOperation"), tcOk({ TaskType: "SceneAigcImageTask", Status: "FINISH" }));
    const e = await tencent()
      .describeTaskDetail({ TaskId: "t" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(OperationFailedError);
    expect(e.retryable).toBe(false);
    expect(e.mayHaveExecuted).toBe(true);
    expect(e.notExecuted).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("an undocumented FailedOperation sub-code is generic too", async () => {
    server.script(tcError("FailedOperation.TaskBacklog"));
    const e = await tencent()
      .describeTaskDetail({ TaskId: "t" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(OperationFailedError);
    expect(e.code).toBe("FailedOperation.TaskBacklog");
  });

  it("FailedOperation on a paid create without SessionId is an ambiguous submission, sent once", async () => {
    server.script(tcError("FailedOperation"), tcOk({ TaskId: "never" }));
    const e = await tencent()
      .createSceneAigcImageTask(scene)
      .catch((x) => x);
    expect(e).toBeInstanceOf(AmbiguousSubmissionError);
    expect(e.cause).toBeInstanceOf(OperationFailedError);
    expect(e.mayHaveExecuted).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("FailedOperation on a create with SessionId: OperationFailedError (the SessionId guards a repeat)", async () => {
    server.script(tcError("FailedOperation"), tcOk({ TaskId: "never" }));
    const e = await tencent()
      .createSceneAigcImageTask({ ...scene, SessionId: "s-1" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(OperationFailedError);
    expect(e.mayHaveExecuted).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("FailedOperation.InvalidVodUser means VOD is not activated: final, nothing executed", async () => {
    server.script(tcError("FailedOperation.InvalidVodUser"), tcOk({ TaskId: "never" }));
    const e = await tencent()
      .createSceneAigcImageTask(scene)
      .catch((x) => x);
    expect(e).toBeInstanceOf(ServiceNotActivatedError);
    expect(e.notExecuted).toBe(true);
    expect(e.mayHaveExecuted).toBe(false);
    expect(e.retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("UnauthorizedOperation is an AuthenticationError", async () => {
    server.script(tcError("UnauthorizedOperation"));
    const e = await tencent()
      .describeTasks({})
      .catch((x) => x);
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.mayHaveExecuted).toBe(false);
  });
});

describe("Alibaba codes", () => {
  it("IdempotentParameterMismatch has its own class (an invalid-parameter error), not retried", async () => {
    server.script(rpcError(400, "IdempotentParameterMismatch"));
    const e = await ice()
      .queryIProductionJob({ JobId: "j", ClientToken: "tok-1" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(IdempotentParameterMismatchError);
    expect(e).toBeInstanceOf(InvalidParameterError);
    expect(e.httpStatus).toBe(400);
    expect(server.requests).toHaveLength(1);
  });

  it("IMAGE_NOT_FOUND is a NotFoundError", async () => {
    server.script(aicEnvelope(404, "IMAGE_NOT_FOUND"));
    const e = await aic()
      .personalizedtxt2imgQueryImageAsset({ modelId: "m", promptId: "p", imageId: "0009.png" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.code).toBe("IMAGE_NOT_FOUND");
  });

  it("aicontent success:false with UNKNOWN_ERROR on HTTP 200 is an unknown outcome: a read retries it", async () => {
    server.script(aicEnvelope(200, "UNKNOWN_ERROR"), { json: aicJob });
    const res = await aic().personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: "7" });
    expect(res.data.id).toBe("7");
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.script(aicEnvelope(200, "UNKNOWN_ERROR"));
    const e = await aic()
      .personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: "7" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(UnknownOutcomeError);
    expect(e.httpStatus).toBe(200);
    expect(e.mayHaveExecuted).toBe(true);
    expect(server.requests).toHaveLength(4);
  });

  it("ServiceUnavailable on a read is transient and retried", async () => {
    server.script(rpcError(503, "ServiceUnavailable"), rpcError(503, "ServiceUnavailable"));
    const e = await ice()
      .queryIProductionJob({ JobId: "j" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(TransientServerError);
    expect(e.notExecuted).toBe(false);
    expect(server.requests).toHaveLength(4);
  });
});

describe("a paid submit whose outcome is unknown is ambiguous, never retried blindly", () => {
  // The scripted server would accept a second attempt: a client that retried would create a second, paid job.
  it("ServiceUnavailable (HTTP 503) on ICE and VOD submits", async () => {
    server.script(rpcError(503, "ServiceUnavailable"), { json: { RequestId: "R", JobId: "second-job" } });
    const e = await ice()
      .submitIProductionJob(cover, { marker: "k-1" })
      .catch((x) => x);
    expect(e).toBeInstanceOf(AmbiguousSubmissionError);
    expect(e.marker).toBe("k-1");
    expect(e.message).toMatch(/a job may have been created.*ServiceUnavailable/);
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    server.script(rpcError(503, "ServiceUnAvailable"), { json: { RequestId: "R", JobId: "second-job" } });
    const v = await vod()
      .submitAIImageJob({ VideoId: "v", AITemplateId: "t" })
      .catch((x) => x);
    expect(v).toBeInstanceOf(AmbiguousSubmissionError);
    expect(server.requests).toHaveLength(1);
  });

  it("aicontent success:false with UNKNOWN_ERROR, on HTTP 200 and on HTTP 500", async () => {
    for (const status of [200, 500]) {
      server.requests.length = 0;
      server.script(aicEnvelope(status, "UNKNOWN_ERROR"), { json: aicJob });
      const e = await aic()
        .personalizedtxt2imgAddInferenceJob({ modelId: "m", prompt: "a <special-token>" }, { marker: "k-2" })
        .catch((x) => x);
      expect(e).toBeInstanceOf(AmbiguousSubmissionError);
      expect(e.cause).toBeInstanceOf(UnknownOutcomeError);
      expect(e.cause.httpStatus).toBe(status);
      expect(server.requests).toHaveLength(1);
    }
  });
});
