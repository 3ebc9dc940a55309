// Exactly once, scenario by scenario (issue 11: S1–S6, S8–S12), with the real Pulumi CLI against the real
// emulator and a file ledger. The team scenario on PostgreSQL (S7) is in team-pipeline.test.ts.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
import {
  backendFilesText,
  createAigcStack,
  failureText,
  ledgerIntents,
  setOverrides,
  submissions,
  type TestStack,
} from "../../harness";
import { admin, sleep, startTestEmulator } from "../support/emulator";

type Job = { id: string; kind: string; stage: string; sessionId?: string; request?: Record<string, unknown> };
const jobs = async (emu: RunningEmulator) => (await admin<{ jobs: Job[] }>(emu, "jobs")).jobs;
const requests = async (emu: RunningEmulator) =>
  (await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests;
const elements = async (emu: RunningEmulator, subAppId = 251007502) =>
  (
    await new TencentVodClient({
      endpoint: emu.url,
      credentials: emu.credentials.tencent,
    }).describeAigcAdvancedCustomElements({ SubAppId: subAppId, Limit: 300 })
  ).ElementSet.map((e) => e.Id);

/** Starts `pulumi up` as a shell would, returning the child and everything it prints. */
function spawnUp(t: TestStack): { child: ChildProcess; output: () => string; exited: Promise<unknown> } {
  const child = spawn(t.cli, ["up", "--yes", "--skip-preview", "--non-interactive"], {
    cwd: t.projectDir,
    env: { ...process.env, ...t.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  child.stdout!.on("data", (d) => (printed += d));
  child.stderr!.on("data", (d) => (printed += d));
  return { child, output: () => printed, exited: new Promise((r) => child.once("exit", r)) };
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

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
    expect(await jobs(emu)).toHaveLength(1);
  });

  it("S2: destroy, then re-create identical inputs in the dedup window: one new job, a new TaskId", async () => {
    await admin(emu, "reset", {});
    const t = await stack("s2");
    const first = (await t.stack.up()).outputs.tryonTaskId!.value;
    await t.stack.destroy();
    const second = (await t.stack.up()).outputs.tryonTaskId!.value;
    expect(second).not.toBe(first);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 2 });
    const keys = new Set((await jobs(emu)).map((j) => j.sessionId));
    expect(keys.size).toBe(2);
  });

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
  });

  it("S3: a user-set sessionId fails at preview, naming the property and why, with no vendor call", async () => {
    await admin(emu, "reset", {});
    const t = await stack("s3", { sessionId: "my-own-key" });
    const text = await failureText((onOutput) => t.stack.preview({ onOutput }));
    expect(text).toMatch(/property sessionId value \{my-own-key\} has a problem: is set by the provider/);
    expect(text).toMatch(/put your own text in sessionContext/);
    expect(await requests(emu)).toBe(0);
  });

  it("S6: an in-place change on a finished task the vendor has expired makes no vendor call", async () => {
    await admin(emu, "reset", {});
    const t = await stack("s6");
    const taskId = (await t.stack.up()).outputs.tryonTaskId!.value as string;
    await admin(emu, `jobs/${taskId}`, { action: "expire" });
    const before = await requests(emu);
    await setOverrides(t, { tryon: { waitTimeoutSeconds: 120, idempotencyScope: "renamed/tryon" } });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(await requests(emu)).toBe(before);
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

describe("Tencent AIGC subjects", () => {
  let emu: RunningEmulator;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 400 });
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
  });

  it("S4: replacing a subject never deletes the element the new resource holds", async () => {
    const t = await createAigcStack("s4", emu, { only: ["subject"] });
    stacks.push(t);
    const first = (await t.stack.up()).outputs.subjectElementId!.value as string;
    // A changed input: a new subject; the old one's element is deleted.
    await setOverrides(t, { subject: { elementDescription: "second take" } });
    const second = (await t.stack.up()).outputs.subjectElementId!.value as string;
    expect(second).not.toBe(first);
    expect(await elements(emu)).toEqual(expect.arrayContaining([second]));
    expect(await elements(emu)).not.toContain(first);
    // The replacement adopts the very element the old resource holds: deleting the old one must leave it.
    await setOverrides(t, { subject: { elementDescription: "second take", adoptElementId: second } });
    const adopted = await t.stack.up();
    expect(adopted.outputs.subjectElementId!.value).toBe(second);
    expect(await elements(emu)).toContain(second);
    expect(adopted.stdout + adopted.stderr).toMatch(new RegExp(`element ${second} is held by another resource`));
  });

  it("S5: a no-wait subject refreshed after its task expired keeps its element; destroy deletes it", async () => {
    const t = await createAigcStack("s5", emu, {
      only: ["subject"],
      overrides: { subject: { waitForCompletion: false } },
    });
    stacks.push(t);
    const up = await t.stack.up();
    expect(up.outputs.subjectElementId!.value).toBe("");
    const taskId = up.outputs.subjectTaskId!.value as string;
    await until("the element task to finish", async () =>
      (await jobs(emu)).some((j) => j.id === taskId && j.stage === "done"),
    );
    await admin(emu, `jobs/${taskId}`, { action: "expire" });
    const refresh = await t.stack.refresh();
    expect(refresh.stdout + refresh.stderr).toMatch(
      /is no longer shown by Tencent; its element is \d+ \(by name and time\)/,
    );
    // Refresh does not re-run the program, so the stack's exports keep the old value: read the resource.
    const state = await t.stack.exportStack();
    const subject = state.deployment.resources.find((r: { type: string }) => r.type.endsWith("AigcSubject"));
    const elementId = subject.outputs.elementId as string;
    expect(elementId).toMatch(/^\d{18}$/);
    expect(await elements(emu)).toContain(elementId);
    await t.stack.destroy();
    expect(await elements(emu)).not.toContain(elementId);
  });
});

describe("Alibaba jobs and a shared ledger", () => {
  let emu: RunningEmulator;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 400 });
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
  });

  it("S8: while a live runner holds the claim, a second runner on the same ledger submits nothing", async () => {
    await admin(emu, "reset", {});
    const a = await createAigcStack("s8", emu, { only: ["cover"] });
    stacks.push(a);
    // Runner A's submit takes 8 s at the vendor: it holds the claim all that time.
    await admin(emu, "faults", { slow: 1, slowMs: 8_000, actions: ["SubmitIProductionJob"], maxFaults: 1 });
    const runA = spawnUp(a);
    await until("runner A to claim and send", () => ledgerIntents(a).some((i) => i.state === "claimed"));
    const b = await a.anotherRunner({ PULUMI_AIGC_LEDGER: `file://${a.ledgerDir}` });
    stacks.push(b);
    await b.stack.cancel(); // as a second pipeline would, after the first one's lock
    const up = await b.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.stdout + up.stderr).toMatch(/another runner \(.* pid \d+\) is submitting this job/);
    await runA.exited;
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1 });
  });

  it("S10: a NotFound for a job the ledger recorded never leads to a new submission", async () => {
    await admin(emu, "reset", {});
    const t = await createAigcStack("s10", emu, {
      only: ["cover"],
      overrides: { cover: { name: "emulator:latency=60000" } },
    });
    stacks.push(t);
    const run = spawnUp(t);
    await until("the job id in the ledger", () => ledgerIntents(t).some((i) => i.state === "submitted"));
    run.child.kill("SIGKILL");
    await run.exited;
    const [intent] = ledgerIntents(t);
    await admin(emu, `jobs/${intent!.jobId}`, { action: "expire" });
    await t.stack.cancel();
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(new RegExp(`${intent!.jobId}: .*its id is saved`));
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1 });
  });

  it("S11: ServiceUnavailable on a paid submit is ambiguous: reported, not retried; resubmit is a choice", async () => {
    await admin(emu, "reset", {});
    const t = await createAigcStack("s11", emu, { only: ["cover"] });
    stacks.push(t);
    await admin(emu, "faults", { serviceUnavailable: 1, actions: ["SubmitIProductionJob"], maxFaults: 1 });
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(/a job may have been created by the submission of this resource/);
    expect(text).toMatch(/ServiceUnavailable/);
    const stats = await admin<{ requests: Record<string, number> }>(emu, "stats");
    expect(stats.requests.SubmitIProductionJob).toBe(1); // sent once, not retried
    expect((await t.stack.up().catch((e) => e)).message).toMatch(/a job may have been created/); // stays stopped
    await setOverrides(t, { cover: { onAmbiguousSubmission: "resubmit" } });
    const up = await t.stack.up();
    expect(up.outputs.coverStatus!.value).toBe("Success");
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1 });
  });

  it("S11: aicontent's UNKNOWN_ERROR on a paid submit is ambiguous too", async () => {
    await admin(emu, "reset", {});
    const t = await createAigcStack("s11-aic", emu, { only: ["portrait"] });
    stacks.push(t);
    await admin(emu, "faults", { failedOperation: 1, actions: ["Personalizedtxt2imgAddInferenceJob"], maxFaults: 1 });
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(/a job may have been created/);
    expect(text).toMatch(/UNKNOWN_ERROR/);
    expect(await submissions(emu)).toEqual({});
  });
});
