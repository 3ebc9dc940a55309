// The emulator's vendor error answers, as tests trigger them (fault kinds through the admin API, and
// `emulator:error=` directives in a submit's own text), read by our sdk; and ICE ClientToken semantics.

import type { RunningEmulator } from "pulumi-aigc/emulator";
import {
  AlibabaAiContentClient,
  AlibabaIceClient,
  AlibabaVodClient,
  AmbiguousSubmissionError,
  AuthenticationError,
  IdempotentParameterMismatchError,
  NotFoundError,
  OperationFailedError,
  ServiceNotActivatedError,
  TencentVodClient,
  TransientServerError,
  UnknownOutcomeError,
  type VendorError,
} from "pulumi-aigc/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestEmulator } from "../support/emulator";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 60_000 });
});
afterAll(() => emu.close());
afterEach(() => admin(emu, "faults", {}));

const once = { retries: 0 };
const tencent = () =>
  new TencentVodClient({ endpoint: emu.url, credentials: emu.credentials.tencent, subAppId: 251007502, retry: once });
const vod = () => new AlibabaVodClient({ endpoint: emu.url, credentials: emu.credentials.alibaba, retry: once });
const ice = () => new AlibabaIceClient({ endpoint: emu.url, credentials: emu.credentials.alibaba, retry: once });
const aic = () => new AlibabaAiContentClient({ endpoint: emu.url, credentials: emu.credentials.alibaba, retry: once });
const fail = <T>(p: Promise<T>) =>
  p.then(
    () => expect.unreachable("the call succeeded"),
    (e: VendorError) => e,
  );
const outpainting = (SessionContext?: string) => ({
  SceneInfo: { Type: "outpainting" as const },
  FileInfos: [{ Type: "Url" as const, Url: "https://example.com/a.png" }],
  ...(SessionContext ? { SessionContext } : {}),
});
const cover = (extra: Record<string, string> = {}) => ({
  FunctionName: "Cover" as const,
  Input: { Type: "OSS" as const, Media: "oss://bucket/in.mp4" },
  Output: { Type: "OSS" as const, Media: "oss://bucket/out.jpg" },
  ...extra,
});
const jobsWith = async (text: string) =>
  (await admin<{ jobs: Array<{ userData?: string; name?: string; prompt?: string }> }>(emu, "jobs")).jobs.filter((j) =>
    [j.userData, j.name, j.prompt].some((t) => t?.includes(text)),
  );

describe("fault kinds, one per failure a vendor can answer", () => {
  const read = {
    tencent: () => fail(tencent().describeTasks({})),
    vod: () => fail(vod().getAIImageJobs({ JobIds: "0123456789abcdef0123456789abcdef" })),
    ice: () => fail(ice().queryIProductionJob({ JobId: "0123456789abcdef0123456789abcdef" })),
    aicontent: () => fail(aic().personalizedtxt2imgQueryInferenceJobInfo({ inferenceJobId: "1" })),
  };
  const ACTIONS = [
    "DescribeTasks",
    "GetAIImageJobs",
    "QueryIProductionJob",
    "Personalizedtxt2imgQueryInferenceJobInfo",
  ];
  const table: Array<
    [kind: string, service: keyof typeof read, cls: new (...a: never[]) => Error, code: string, status: number]
  > = [
    ["gatewayError", "tencent", TransientServerError, "HTTP502", 502],
    ["gatewayError", "ice", TransientServerError, "HTTP502", 502],
    ["gatewayError", "aicontent", TransientServerError, "HTTP502", 502],
    ["internalError", "tencent", TransientServerError, "InternalError", 200],
    ["internalError", "vod", TransientServerError, "InternalError", 500],
    ["internalError", "aicontent", UnknownOutcomeError, "UNKNOWN_ERROR", 500],
    ["serviceUnavailable", "tencent", TransientServerError, "ServiceUnavailable", 200],
    ["serviceUnavailable", "vod", TransientServerError, "ServiceUnAvailable", 503],
    ["serviceUnavailable", "ice", TransientServerError, "ServiceUnavailable", 503],
    ["failedOperation", "tencent", OperationFailedError, "FailedOperation", 200],
    ["failedOperation", "aicontent", UnknownOutcomeError, "UNKNOWN_ERROR", 200],
    ["unauthorized", "tencent", AuthenticationError, "UnauthorizedOperation", 200],
    ["unauthorized", "ice", AuthenticationError, "Forbidden.RAM", 403],
    ["unauthorized", "aicontent", AuthenticationError, "Forbidden.RAM", 403],
    ["serverError", "tencent", TransientServerError, "HTTP502", 502],
  ];
  for (const [kind, service, cls, code, status] of table) {
    it(`${kind} on ${service}: [${code}] HTTP ${status}`, async () => {
      await admin(emu, "faults", { [kind]: 1, actions: ACTIONS });
      const e = await read[service]();
      expect(e).toBeInstanceOf(cls);
      expect([e.code, e.httpStatus]).toEqual([code, status]);
      const stats = await admin<{ faults: Record<string, number> }>(emu, "stats");
      expect(stats.faults[kind]).toBeGreaterThan(0);
    });
  }

  it("a kind the vendor has no equivalent for is never injected (FailedOperation on ICE)", async () => {
    await admin(emu, "faults", { failedOperation: 1, actions: ["QueryIProductionJob"] });
    const before = (await admin<{ faults: Record<string, number> }>(emu, "stats")).faults.failedOperation ?? 0;
    const e = await read.ice();
    expect(e).toBeInstanceOf(NotFoundError); // processed normally: the job does not exist
    expect((await admin<{ faults: Record<string, number> }>(emu, "stats")).faults.failedOperation ?? 0).toBe(before);
  });

  it("a paid submit answered FailedOperation is ambiguous, and the emulator created nothing", async () => {
    await admin(emu, "faults", { failedOperation: 1, actions: ["CreateSceneAigcImageTask"] });
    const e = await fail(tencent().createSceneAigcImageTask(outpainting("fault-fo-1")));
    expect(e).toBeInstanceOf(AmbiguousSubmissionError);
    expect(e.cause).toBeInstanceOf(OperationFailedError);
    expect(await jobsWith("fault-fo-1")).toHaveLength(0);
  });
});

describe("emulator:error directives in a submit's own text", () => {
  it("Tencent FailedOperation before or after the task exists", async () => {
    const before = await fail(tencent().createSceneAigcImageTask(outpainting("emulator:error=FailedOperation d-1")));
    expect(before).toBeInstanceOf(AmbiguousSubmissionError);
    expect(await jobsWith("d-1")).toHaveLength(0);
    const after = await fail(
      tencent().createSceneAigcImageTask(outpainting("emulator:error-after=FailedOperation d-2")),
    );
    expect(after).toBeInstanceOf(AmbiguousSubmissionError);
    expect(await jobsWith("d-2")).toHaveLength(1);
  });

  it("Tencent FailedOperation.InvalidVodUser and UnauthorizedOperation are final", async () => {
    const vodUser = await fail(
      tencent().createSceneAigcImageTask(outpainting("emulator:error=FailedOperation.InvalidVodUser")),
    );
    expect(vodUser).toBeInstanceOf(ServiceNotActivatedError);
    const cam = await fail(tencent().createSceneAigcImageTask(outpainting("emulator:error=UnauthorizedOperation")));
    expect(cam).toBeInstanceOf(AuthenticationError);
  });

  it("ICE Forbidden.RAM (403) and InternalError after the job was created", async () => {
    const ram = await fail(ice().submitIProductionJob(cover({ Name: "emulator:error=Forbidden.RAM" })));
    expect(ram).toBeInstanceOf(AuthenticationError);
    expect(ram.httpStatus).toBe(403);
    const internal = await fail(
      ice().submitIProductionJob(cover({ UserData: "emulator:error-after=InternalError d-3" }), { marker: "d-3" }),
    );
    expect(internal).toBeInstanceOf(AmbiguousSubmissionError);
    expect((internal as AmbiguousSubmissionError).marker).toBe("d-3");
    expect(await jobsWith("d-3")).toHaveLength(1);
  });

  it("aicontent UNKNOWN_ERROR on HTTP 200: the submit is ambiguous", async () => {
    const e = await fail(
      aic().personalizedtxt2imgAddInferenceJob({
        modelId: "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b",
        prompt: "a <special-token> emulator:error-after=UNKNOWN_ERROR d-4",
      }),
    );
    expect(e).toBeInstanceOf(AmbiguousSubmissionError);
    expect(e.cause).toBeInstanceOf(UnknownOutcomeError);
    expect((e.cause as VendorError).httpStatus).toBe(200);
    expect(await jobsWith("d-4")).toHaveLength(1);
  });
});

describe("ICE ClientToken on QueryIProductionJob and CancelIProductionJob", () => {
  it("the same token with the same parameters replays the first answer", async () => {
    const c = ice();
    const { JobId } = await c.submitIProductionJob(cover());
    const first = await c.queryIProductionJob({ JobId, ClientToken: "token-q-1" });
    await admin(emu, `jobs/${JobId}`, { action: "finish" });
    const replay = await c.queryIProductionJob({ JobId, ClientToken: "token-q-1" });
    const fresh = await c.queryIProductionJob({ JobId });
    expect(first.Status).toBe("Queuing");
    expect(replay.Status).toBe("Queuing");
    expect(replay.RequestId).toBe(first.RequestId);
    expect(fresh.Status).toBe("Success");
  });

  it("a repeated cancel with its token succeeds again instead of failing on the cancelled job", async () => {
    const c = ice();
    const { JobId } = await c.submitIProductionJob(cover());
    const a = await c.cancelIProductionJob({ JobId, ClientToken: "token-c-1" });
    const b = await c.cancelIProductionJob({ JobId, ClientToken: "token-c-1" });
    expect([a.Message, b.Message]).toEqual(["Success", "Success"]);
    expect(await fail(c.cancelIProductionJob({ JobId }))).toMatchObject({ code: "InvalidParameter" });
  });

  it("the same token with other parameters is IdempotentParameterMismatch (400)", async () => {
    const c = ice();
    const { JobId } = await c.submitIProductionJob(cover());
    await c.queryIProductionJob({ JobId, ClientToken: "token-m-1" });
    const other = await fail(
      c.queryIProductionJob({ JobId: "0123456789abcdef0123456789abcdef", ClientToken: "token-m-1" }),
    );
    expect(other).toBeInstanceOf(IdempotentParameterMismatchError);
    expect(other.httpStatus).toBe(400);
    // Another action is another request too.
    expect(await fail(c.cancelIProductionJob({ JobId, ClientToken: "token-m-1" }))).toBeInstanceOf(
      IdempotentParameterMismatchError,
    );
  });

  it("a token is forgotten after its lifetime (24 hours of emulator time)", async () => {
    const c = ice();
    const { JobId } = await c.submitIProductionJob(cover());
    await c.queryIProductionJob({ JobId, ClientToken: "token-l-1" });
    await admin(emu, "clock", { advanceMs: 24 * 3600_000 + 1 });
    const later = await c.queryIProductionJob({ JobId, ClientToken: "token-l-1" });
    expect(later.Status).toBe("Success");
  });
});
