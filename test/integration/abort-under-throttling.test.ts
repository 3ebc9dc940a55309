// Our sdk against the real emulator over loopback HTTP while the vendor throttles every request: a create's signal
// stops its throttled retries (5-minute budget) at once with an AbortError that knows nothing was executed, and a
// wait whose polls are throttled ends at its own deadline.
import type { RunningEmulator } from "pulumi-aigc/emulator";
import {
  AbortError,
  AlibabaIceClient,
  type CreateSceneAigcImageTaskCall,
  TencentVodClient,
  WaitTimeoutError,
} from "pulumi-aigc/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { admin, emulatorJobs, sleep, startTestEmulator } from "../support/emulator";

/** Quick backoffs, the default throttling budget (5 min): only the signal can end a throttled call soon. */
const retry = { retries: 3, minDelayMs: 5, maxDelayMs: 20 };
const cover = {
  FunctionName: "Cover" as const,
  Input: { Type: "OSS" as const, Media: "oss://bucket/in.mp4" },
  Output: { Type: "OSS" as const, Media: "oss://bucket/out/c.jpg" },
};
const scene: CreateSceneAigcImageTaskCall = {
  SceneInfo: { Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-flash" } },
  FileInfos: [{ Type: "Url", Url: "https://example.com/model.png" }],
};
const throttledCount = async (emu: RunningEmulator, action: string) =>
  (await admin<{ throttled: Record<string, number> }>(emu, "stats")).throttled[action] ?? 0;

describe("an abort signal while the vendor throttles", () => {
  let emu: RunningEmulator;
  let ice: AlibabaIceClient;
  let tencent: TencentVodClient;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 600_000 });
    ice = new AlibabaIceClient({ endpoint: emu.url, credentials: emu.credentials.alibaba, retry });
    tencent = new TencentVodClient({
      endpoint: emu.url,
      credentials: emu.credentials.tencent,
      subAppId: 251007502,
      retry,
    });
  });
  afterEach(() => admin(emu, "faults", {}));
  afterAll(() => emu?.close());

  /** Runs `call` until the emulator has throttled `action` twice, aborts, and returns its error and delay. */
  async function abortWhileThrottled(action: string, call: (signal: AbortSignal) => Promise<unknown>) {
    await admin(emu, "faults", { throttle: 1, actions: [action] });
    const before = await throttledCount(emu, action);
    const controller = new AbortController();
    const pending = call(controller.signal).catch((x) => x);
    for (let i = 0; i < 100 && (await throttledCount(emu, action)) < before + 2; i++) await sleep(20);
    const abortedAt = performance.now();
    controller.abort(new Error("Ctrl-C"));
    const err = await pending;
    const stoppedMs = performance.now() - abortedAt;
    const seen = await throttledCount(emu, action);
    await sleep(200);
    expect(await throttledCount(emu, action), "a request was sent after the abort").toBe(seen);
    return { err, stoppedMs };
  }

  it("an Alibaba submit (no idempotency token) stops at once, not executed, and no job exists", async () => {
    const { err, stoppedMs } = await abortWhileThrottled("SubmitIProductionJob", (signal) =>
      ice.submitIProductionJob({ ...cover, UserData: "abort-1" }, { marker: "abort-1", signal }),
    );
    console.log(`SubmitIProductionJob stopped ${stoppedMs.toFixed(1)} ms after the abort`);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).notExecuted).toBe(true);
    expect(stoppedMs).toBeLessThan(500);
    expect(await emulatorJobs(emu)).toHaveLength(0);
  });

  it("a Tencent create with a SessionId stops at once, not executed", async () => {
    const { err, stoppedMs } = await abortWhileThrottled("CreateSceneAigcImageTask", (signal) =>
      tencent.createSceneAigcImageTask({ ...scene, SessionId: "abort-2" }, { signal }),
    );
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).notExecuted).toBe(true);
    expect(stoppedMs).toBeLessThan(500);
    expect(await emulatorJobs(emu)).toHaveLength(0);
  });

  it("a wait whose polls are throttled ends at its deadline, not at the end of the throttling budget", async () => {
    const { JobId } = await ice.submitIProductionJob(cover);
    await admin(emu, "faults", { throttle: 1, actions: ["QueryIProductionJob"] });
    const started = performance.now();
    const err = await ice.waitForIProductionJob(JobId, { timeoutMs: 1_500, initialDelayMs: 0 }).catch((x) => x);
    const took = performance.now() - started;
    console.log(`a throttled wait with a 1.5 s deadline ended after ${took.toFixed(0)} ms`);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(took).toBeLessThan(3_000);
  });
});
