// Exactly once for Tencent scene tasks (issue 11: S1, S2, S3, S6, S9, S12), with the real Pulumi CLI against the
// real emulator and a file ledger. Subjects (S4, S5) are in exactly-once-subjects.test.ts, Alibaba jobs and a
// shared ledger (S8, S10, S11) in exactly-once-alibaba.test.ts, the team scenario on PostgreSQL (S7) in
// team-pipeline.test.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backendFilesText,
  createAigcStack,
  failureText,
  ledgerIntents,
  setOverrides,
  submissions,
  type TestStack,
} from "../../harness";
import { admin, emulatorJobs, startTestEmulator, vendorRequests } from "../support/emulator";

describe("Tencent scene tasks", () => {
  let emu: RunningEmulator;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 400 });
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
  });
  const stack = async (name: string, overrides: Record<string, unknown> = {}) => {
    const t = await createAigcStack(name, emu, { only: ["tryon"], overrides: { tryon: overrides } });
    stacks.push(t);
    return t;
  };

  it("S1: a lost create answer in a non-default application gives one task, and the update completes", async () => {
    await admin(emu, "reset", {});
    const t = await stack("s1", { subAppId: 1500000001 });
    await admin(emu, "faults", { resetAfter: 1, actions: ["CreateSceneAigcImageTask"], maxFaults: 1 });
    const up = await t.stack.up();
    await admin(emu, "faults", {});
    expect(up.outputs.tryonTaskId!.value).toMatch(/^1500000001-SceneAigcImageTask-/);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1 });
    expect(await emulatorJobs(emu)).toHaveLength(1);
  });

  it("S2: destroy, then re-create identical inputs in the dedup window: one new job, a new TaskId", async () => {
    await admin(emu, "reset", {});
    const t = await stack("s2");
    const first = (await t.stack.up()).outputs.tryonTaskId!.value;
    await t.stack.destroy();
    const second = (await t.stack.up()).outputs.tryonTaskId!.value;
    expect(second).not.toBe(first);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 2 });
    const keys = new Set((await emulatorJobs(emu)).map((j) => j.sessionId));
    expect(keys.size).toBe(2);
  });

  // S6 goes on with this stack (right after, before the next reset): its finished task is the one the vendor expires.
  let tokens: { t: TestStack; taskId: string } | undefined;
  it("S2: resubmitToken A → B → A submits three jobs", async () => {
    await admin(emu, "reset", {});
    const t = await stack("s2-token", { resubmitToken: "A" });
    const ids = [(await t.stack.up()).outputs.tryonTaskId!.value];
    for (const token of ["B", "A"]) {
      await setOverrides(t, { tryon: { resubmitToken: token } });
      ids.push((await t.stack.up()).outputs.tryonTaskId!.value);
    }
    expect(new Set(ids).size).toBe(3);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 3 });
    tokens = { t, taskId: ids[2] as string };
  });

  it("S6: an in-place change on a finished task the vendor has expired makes no vendor call", async () => {
    if (!tokens) throw new Error("runs on the stack of the resubmitToken scenario, which failed");
    const { t, taskId } = tokens;
    await admin(emu, `jobs/${taskId}`, { action: "expire" });
    const before = await vendorRequests(emu);
    await setOverrides(t, {
      tryon: { resubmitToken: "A", waitTimeoutSeconds: 120, idempotencyScope: "renamed/tryon" },
    });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(await vendorRequests(emu)).toBe(before);
  });

  it("S3: a user-set sessionId fails at preview, naming the property and why, with no vendor call", async () => {
    await admin(emu, "reset", {});
    const t = await stack("s3", { sessionId: "my-own-key" });
    const text = await failureText((onOutput) => t.stack.preview({ onOutput }));
    expect(text).toMatch(/property sessionId value \{my-own-key\} has a problem: is set by the provider/);
    expect(text).toMatch(/put your own text in sessionContext/);
    expect(await vendorRequests(emu)).toBe(0);
  });

  it("S9: a corrupt ledger entry fails the update naming it, and nothing is submitted", async () => {
    await admin(emu, "reset", {});
    const t = await stack("s9");
    // A first attempt the vendor refuses leaves an intent behind (void: nothing was created).
    await admin(emu, "faults", { unauthorized: 1, actions: ["CreateSceneAigcImageTask"] });
    await failureText((onOutput) => t.stack.up({ onOutput }));
    await admin(emu, "faults", {});
    const [intent] = ledgerIntents(t);
    expect(intent?.state).toBe("void");
    const file = path.join(t.ledgerDir, "intents", `${intent!.key}.json`);
    fs.writeFileSync(file, '{"key": "truncat');
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toContain(`${intent!.key}.json is unreadable`);
    expect(await submissions(emu)).toEqual({});
    fs.rmSync(file);
    await t.stack.up();
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1 });
  });

  it("S12: a secret presigned input URL reaches no output in the state on disk", async () => {
    await admin(emu, "reset", {});
    const t = await createAigcStack("s12", emu, { only: ["tryon", "subject"] });
    stacks.push(t);
    const presigned = "https://bucket.oss-cn-shanghai.aliyuncs.com/in/model.png?Expires=1767225600&Signature=S3cr3tSig";
    await t.stack.setConfig("fixture:secretUrl", { value: presigned, secret: true });
    const up = await t.stack.up();
    // The vendor echoes the URL (the element's info); the output keeps the URL but not its signature.
    expect(JSON.stringify(up.outputs.subjectElementInfo!.value)).toContain("model.png?<redacted>");
    const atRest = backendFilesText(t);
    expect(atRest).toContain("tencent:AigcSubject"); // the scan does see the state
    expect(atRest).not.toContain("S3cr3tSig");
  });
});
