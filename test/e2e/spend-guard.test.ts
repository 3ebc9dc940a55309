// Issue 15: the spend guard with the real CLI. 7 declared jobs with a cap of 5: the plan warns, the update
// submits 5, completes them, and stops with a clear message for the other 2; a raised cap submits the rest;
// adopted jobs and resumed waits never count, even with a cap of 0. The default cap (100) is the same code with
// another number (test/unit/provider/spend-guard-default.test.ts): 120 jobs here cost 45 s of CI for nothing more.

import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, failureText, submissions, type TestStack } from "../../harness";
import { admin, advanceClock, startTestEmulator } from "../support/emulator";

const sceneResources = async (t: TestStack) =>
  ((await t.stack.exportStack()).deployment.resources ?? []).filter((r: { type: string }) =>
    r.type.endsWith("tencent:SceneAigcImageTask"),
  );

describe("spend guard: aigc:maxSubmissionsPerUpdate", () => {
  let emu: RunningEmulator;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 1_000 });
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
  });

  it("7 jobs with a cap of 5: the plan warns, 5 are submitted and completed, the rest refused", async () => {
    const t = await createAigcStack("guard", emu, {
      program: "dist/harness/programs/job-stack.js",
      config: { "bench:n": "7", "aigc:maxSubmissionsPerUpdate": "5" },
    });
    stacks.push(t);
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ create: 8 });
    expect(preview.stdout + preview.stderr).toMatch(/WARNING spend guard: this plan submits more than 5 new jobs/);
    expect((await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests).toBe(0);

    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(/spend guard: tencent:SceneAigcImageTask "scene-\d+" was not submitted/);
    expect(text).toMatch(/this update has already submitted 5 job\(s\), the most .* allows \(5\)/);
    expect(text).toMatch(/pulumi config set aigc:maxSubmissionsPerUpdate 10/);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 5 });
    const created = await sceneResources(t);
    expect(created).toHaveLength(5);
    expect(created.every((r: { outputs: { status: string } }) => r.outputs.status === "FINISH")).toBe(true);

    await t.stack.setConfig("aigc:maxSubmissionsPerUpdate", { value: "10" });
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 7 });
  });
});

describe("spend guard: what is not a submission", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    // A job far longer than the 1 s wait; the emulator's clock, not the wall clock, then finishes it.
    emu = await startTestEmulator({ jobLatencyMs: 600_000 });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("adopted jobs and resumed waits do not count, even with a cap of 0", async () => {
    t = await createAigcStack("guard-resume", emu, {
      program: "dist/harness/programs/job-stack.js",
      config: { "bench:n": "1", "bench:waitTimeoutSeconds": "1", "aigc:maxSubmissionsPerUpdate": "1" },
    });
    // A job still running at the wait's deadline: its id is saved (a partial state).
    const timedOut = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(timedOut).toMatch(/its id is saved/);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1 });
    const [task] = (await admin<{ jobs: Array<{ id: string }> }>(emu, "jobs")).jobs;
    await advanceClock(emu, 600_000);

    await t.stack.setAllConfig({
      "aigc:maxSubmissionsPerUpdate": { value: "0" },
      "bench:waitTimeoutSeconds": { value: "60" },
      "bench:adoptTaskId": { value: task!.id },
    });
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1 });
  });
});
