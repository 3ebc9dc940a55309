// Our sdk against the real emulator over loopback HTTP: persistence, faults, recovery, admin API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import {
  AlibabaIceClient,
  AmbiguousSubmissionError,
  type CreateSceneAigcImageTaskCall,
  DuplicateSubmissionError,
  NotFoundError,
  TencentVodClient,
  ThrottlingError,
} from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestEmulator } from "../support/emulator";

const fast = { minDelayMs: 20, maxDelayMs: 50 };
const scene: CreateSceneAigcImageTaskCall = {
  SceneInfo: { Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-flash" } },
  FileInfos: [{ Type: "Url", Url: "https://example.com/model.png" }],
};
const tencent = (emu: RunningEmulator, extra = {}) =>
  new TencentVodClient({
    endpoint: emu.url,
    credentials: emu.credentials.tencent,
    subAppId: 251007502,
    retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  });
const ice = (emu: RunningEmulator, extra = {}) =>
  new AlibabaIceClient({
    endpoint: emu.url,
    credentials: emu.credentials.alibaba,
    retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  });
const cover = {
  FunctionName: "Cover" as const,
  Input: { Type: "OSS" as const, Media: "oss://bucket/in.mp4" },
  Output: { Type: "OSS" as const, Media: "oss://bucket/out/c.jpg" },
};

describe("persistence", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "emu-state-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps jobs, sessions and progress across a restart", async () => {
    const stateFile = join(dir, "state.jsonl");
    const first = await startTestEmulator({ stateFile, jobLatencyMs: 600 });
    const { TaskId } = await tencent(first).createSceneAigcImageTask({ ...scene, SessionId: "persist-1" });
    const { JobId } = await ice(first).submitIProductionJob(cover);
    await first.close();

    const second = await startTestEmulator({ stateFile, jobLatencyMs: 600 });
    try {
      const task = await tencent(second).waitForTask(TaskId, fast);
      expect(task.Status).toBe("FINISH");
      expect((await ice(second).waitForIProductionJob(JobId, fast)).Status).toBe("Success");
      // The SessionId is still remembered: no second task.
      await expect(
        tencent(second).createSceneAigcImageTask({ ...scene, SessionId: "persist-1" }),
      ).rejects.toBeInstanceOf(DuplicateSubmissionError);
      const { jobs } = await admin<{ jobs: Array<{ id: string }> }>(second, "jobs");
      expect(jobs.map((j) => j.id).sort()).toEqual([JobId, TaskId].sort());
    } finally {
      await second.close();
    }
  });
});

describe("faults and recovery", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  it("a reset after the task was recorded: the retry meets the SessionId, and the task is found by it", async () => {
    await admin(emu, "faults", { resetAfter: 1, maxFaults: 1, actions: ["CreateSceneAigcImageTask"] });
    const client = tencent(emu);
    const started = new Date(Date.now() - 1000);
    const err = await client.createSceneAigcImageTask({ ...scene, SessionId: "reset-after-1" }).catch((e) => e);
    await admin(emu, "faults", {});
    expect(err).toBeInstanceOf(DuplicateSubmissionError);
    const found = await client.findTaskBySessionId("reset-after-1", { createdAfter: started });
    expect(found?.TaskId).toMatch(/SceneAigcImageTask/);
    const { jobs } = await admin<{ jobs: Array<{ sessionId?: string }> }>(emu, "jobs");
    expect(jobs.filter((j) => j.sessionId === "reset-after-1")).toHaveLength(1);
  });

  it("a reset after an ICE job was recorded: the sdk does not resubmit and says a job may exist", async () => {
    await admin(emu, "faults", { resetAfter: 1, maxFaults: 1, actions: ["SubmitIProductionJob"] });
    const err = await ice(emu)
      .submitIProductionJob({ ...cover, UserData: "marker-77" }, { marker: "marker-77" })
      .catch((e) => e);
    await admin(emu, "faults", {});
    expect(err).toBeInstanceOf(AmbiguousSubmissionError);
    const { jobs } = await admin<{ jobs: Array<{ userData?: string }> }>(emu, "jobs");
    expect(jobs.filter((j) => j.userData === "marker-77")).toHaveLength(1);
  });

  it("injected throttling is retried within its budget, then reported with its deadline", async () => {
    await admin(emu, "faults", { throttle: 1, actions: ["QueryIProductionJob"] });
    const before = await admin<{ throttled: Record<string, number> }>(emu, "stats");
    const e = await ice(emu, { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, throttleBudgetMs: 2_500 } })
      .queryIProductionJob({ JobId: "x" })
      .catch((x) => x);
    await admin(emu, "faults", {});
    expect(e).toBeInstanceOf(ThrottlingError);
    expect(e.message).toMatch(/throttling budget ran out at \d{4}-\d\d-\d\dT/);
    const after = await admin<{ throttled: Record<string, number>; faults: Record<string, number> }>(emu, "stats");
    // Retried, and no flood: each throttle backs off and slows the adaptive rate limit (how far depends on the
    // rate this process measured before; the unit tests count the retries exactly).
    const throttled = (after.throttled.QueryIProductionJob ?? 0) - (before.throttled.QueryIProductionJob ?? 0);
    expect(throttled).toBeGreaterThanOrEqual(2);
    expect(throttled).toBeLessThan(40);
  });

  it("the fault dice are reproducible with a seed and respect the ratio", async () => {
    await admin(emu, "faults", { serverError: 0.3, seed: 7, actions: ["DescribeTasks"] });
    const raw = tencent(emu, { retry: { retries: 0 } });
    const run = async () => {
      const out: boolean[] = [];
      for (let i = 0; i < 40; i++)
        out.push(
          await raw.describeTasks({}).then(
            () => true,
            () => false,
          ),
        );
      return out;
    };
    const a = await run();
    await admin(emu, "faults", { serverError: 0.3, seed: 7, actions: ["DescribeTasks"] });
    const b = await run();
    await admin(emu, "faults", {});
    expect(a).toEqual(b);
    const failures = a.filter((x) => !x).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(22);
  });
});

describe("admin API and clock", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({
      jobLatencyMs: 3_600_000,
      alibaba: { aiContentModelIds: ["girl_6dcc62b4-4019-11ef-a7fd-954b0578482b"] },
    });
  });
  afterAll(() => emu.close());

  it("advances the clock, finishes and expires jobs on request", async () => {
    const c = tencent(emu);
    const { TaskId } = await c.createSceneAigcImageTask(scene);
    expect((await c.describeTaskDetail({ TaskId })).Status).toBe("WAITING");
    await admin(emu, "clock", { advanceMs: 1_800_000 });
    const mid = await c.describeTaskDetail({ TaskId });
    expect(mid.Status).toBe("PROCESSING");
    expect(mid.SceneAigcImageTask?.Progress).toBeGreaterThan(40);
    await admin(emu, `jobs/${TaskId}`, { action: "finish" });
    expect((await c.describeTaskDetail({ TaskId })).Status).toBe("FINISH");
    await admin(emu, `jobs/${TaskId}`, { action: "expire" });
    await expect(c.describeTaskDetail({ TaskId })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("counts requests and submissions per action, and resets (keeping configured fixtures)", async () => {
    await admin(emu, "reset", {});
    // The clock's state and the configured (strict) model list survive a reset; jobs do not.
    expect((await admin<{ records: Record<string, number> }>(emu, "stats")).records).toEqual({ clock: 1, aicModel: 1 });
    await tencent(emu).createSceneAigcImageTask(scene);
    const s = await admin<{
      requests: Record<string, number>;
      submissions: Record<string, number>;
      totals: { requests: number };
    }>(emu, "stats");
    expect(s.requests).toEqual({ CreateSceneAigcImageTask: 1 });
    expect(s.submissions).toEqual({ CreateSceneAigcImageTask: 1 });
    expect(s.totals.requests).toBe(1);
  });
});

describe("time scale", () => {
  it("runs job lifecycles faster than real time", async () => {
    const emu = await startTestEmulator({ jobLatencyMs: 20_000, timeScale: 200 });
    try {
      const c = ice(emu);
      const { JobId } = await c.submitIProductionJob(cover);
      const t0 = Date.now();
      expect((await c.waitForIProductionJob(JobId, fast)).Status).toBe("Success");
      expect(Date.now() - t0).toBeLessThan(2_000);
    } finally {
      await emu.close();
    }
  });
});
