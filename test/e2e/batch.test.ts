// End-to-end, the real Pulumi CLI against the real emulator: one tencent.SceneAigcImageTaskSet whose items are
// added, changed, removed and left alone across updates (one job per added or changed item, none for the others,
// never a replacement of the batch), validated per item at preview; then `pulumi up` SIGKILLed mid-batch and
// recovered by another runner on the shared ledger (0 duplicates, 0 lost), and an item edited after a crash.
import { spawn } from "node:child_process";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAigcStack,
  failureText,
  ledgerIntents,
  runnerProcesses,
  submissions,
  type TestStack,
} from "../../harness";
import { admin, advanceClock, sleep, startTestEmulator, until, vendorRequests } from "../support/emulator";

const PROGRAM = "dist/harness/programs/batch-stack.js";
const CREATE = "CreateSceneAigcImageTask";

/** Sets the batch's items (item key → prompt). */
const setItems = (t: TestStack, items: Record<string, string>) =>
  t.stack.setConfig("batch:items", { value: JSON.stringify(items) });

/** The task id of each item, from the stack's outputs. */
async function taskIds(t: TestStack): Promise<Record<string, string>> {
  return (await t.stack.outputs()).taskIds!.value as Record<string, string>;
}

describe("a SceneAigcImageTaskSet: item-level diffs", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 300 });
    t = await createAigcStack("batch", emu, { program: PROGRAM });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("submits one job per item, then only for added and changed items; releases removed ones", async () => {
    await setItems(t, { a: "red mug", b: "blue mug", c: "green mug" });
    const first = await t.stack.up();
    expect(first.outputs.counts!.value).toEqual({ total: 3, succeeded: 3, failed: 0, unfinished: 0 });
    expect((await submissions(emu))[CREATE]).toBe(3);
    const before = await taskIds(t);

    // Preview: one line says what happens per item; nothing is submitted.
    await setItems(t, { a: "red mug", b: "blue mug, side view", d: "white mug" });
    const preview = await t.stack.preview();
    expect(preview.stdout).toContain("+1 item, ~1 replaced, -1 released (1 unchanged)");
    expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
    expect((await submissions(emu))[CREATE]).toBe(3);

    const second = await t.stack.up();
    expect(second.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect((await submissions(emu))[CREATE]).toBe(5);
    const after = await taskIds(t);
    expect(Object.keys(after).sort()).toEqual(["a", "b", "d"]);
    expect(after.a).toBe(before.a);
    expect(after.b).not.toBe(before.b);
    // The removed item's and the replaced item's old intents are released; the others are open.
    const states = new Map(ledgerIntents(t).map((i) => [i.jobId, i.state]));
    expect(states.get(before.c)).toBe("released");
    expect(states.get(before.b)).toBe("released");
    expect(states.get(after.b)).toBe("submitted");

    // No change: no update, no vendor call at all.
    const requests = await vendorRequests(emu);
    const third = await t.stack.up();
    expect(third.summary.resourceChanges).toEqual({ same: 2 });
    expect(await vendorRequests(emu)).toBe(requests);
  });

  it("refuses a bad item at preview, naming the item and the property", async () => {
    await t.stack.setConfig("batch:bad", { value: "sku-42" });
    const text = await failureText((onOutput) => t.stack.preview({ onOutput }));
    expect(text).toMatch(/items\["sku-42"\]\.sceneInfo\.type/);
    await t.stack.removeConfig("batch:bad");
    expect((await submissions(emu))[CREATE]).toBe(5);
  });

  it("destroy releases every item", async () => {
    await t.stack.destroy();
    expect(ledgerIntents(t).filter((i) => i.state !== "released")).toEqual([]);
  });
});

describe("a SceneAigcImageTaskSet whose `pulumi up` is SIGKILLed mid-batch, recovered on a shared ledger", () => {
  const N = 6;
  let emu: RunningEmulator;
  let t: TestStack;
  let b: TestStack;
  beforeAll(async () => {
    // Jobs that cannot finish before the kill; the emulator's clock finishes them afterwards.
    emu = await startTestEmulator({ jobLatencyMs: 600_000 });
    t = await createAigcStack("batch-kill", emu, { program: PROGRAM, config: { "batch:n": String(N) } });
    // Another runner (its own HOME and work directory) sharing the first one's ledger.
    b = await t.anotherRunner({ PULUMI_AIGC_LEDGER: `file://${t.ledgerDir}` });
  });
  afterAll(async () => {
    await b?.cleanup();
    await t?.cleanup();
    await emu?.close();
  });

  /**
   * Runs runner A's `pulumi up` and SIGKILLs it once the ledger holds every item's job id (mid-batch: none ended).
   * Its provider process survives the CLI and stops by itself once it sees the engine gone (engine-watchdog.ts,
   * within seconds): until then it owns the items' intents, and a live owner's create may still hand its job to
   * its engine, so another run neither reports nor marks those jobs (unreturned-jobs.ts). Runner B starts after.
   */
  async function killUpMidBatch(): Promise<void> {
    const child = spawn(t.cli, ["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: t.projectDir,
      env: { ...process.env, ...t.env },
      stdio: "ignore",
    });
    const exited = new Promise((r) => child.once("exit", r));
    const deadline = Date.now() + 90_000;
    const recorded = () => ledgerIntents(t).filter((i) => i.state === "submitted").length;
    while (Date.now() < deadline && child.exitCode === null && recorded() < N) await sleep(100);
    if (child.exitCode !== null) throw new Error(`pulumi up ended (exit ${child.exitCode}) before it could be killed`);
    child.kill("SIGKILL");
    await exited;
    await until("runner A's provider process to stop by itself", () => runnerProcesses(t).length === 0, 90_000);
    await advanceClock(emu, 600_000);
  }

  it("another runner resumes every item's job: 0 submitted twice, 0 lost", async () => {
    await killUpMidBatch();
    expect((await submissions(emu))[CREATE]).toBe(N);
    await b.stack.cancel();
    const up = await b.stack.up();
    expect(up.outputs.counts!.value).toEqual({ total: N, succeeded: N, failed: 0, unfinished: 0 });
    expect((await submissions(emu))[CREATE]).toBe(N);
    const ids = Object.values(await taskIds(b));
    expect(new Set(ids).size).toBe(N);
    const submitted = new Set(
      ledgerIntents(t)
        .filter((i) => i.state === "submitted")
        .map((i) => i.jobId),
    );
    for (const id of ids) expect(submitted.has(id)).toBe(true);
  });

  it("an item edited after the crash gets one new job; its crashed job is reported, not lost", async () => {
    await b.stack.destroy();
    await admin(emu, "reset", {});
    await killUpMidBatch();
    const crashed = new Map(
      ledgerIntents(t)
        .filter((i) => i.state === "submitted")
        .map((i) => [i.scope, i.jobId]),
    );
    await setItems(b, { "sku-0": "catalog shot 0, edited" });
    await b.stack.cancel();
    // The edited item's new job would take the 600 s the waiter learnt from the first test: not waited for here.
    await b.stack.setConfig("batch:waitForCompletion", { value: "false" });
    let printed = "";
    const up = await b.stack.up({ onOutput: (s) => (printed += s) });
    expect(up.outputs.counts!.value).toEqual({ total: N, succeeded: N - 1, failed: 0, unfinished: 1 });
    // Every unedited item resumed its job; the edited one submitted exactly one more.
    expect((await submissions(emu))[CREATE]).toBe(N + 1);
    const ids = await taskIds(b);
    const oldSku0 = [...crashed.entries()].find(([scope]) => scope.endsWith("/sku-0"))![1];
    expect(ids["sku-0"]).not.toBe(oldSku0);
    for (const [key, id] of Object.entries(ids)) {
      if (key !== "sku-0") expect([...crashed.values()]).toContain(id);
    }
    // The crashed job of the edited item is named (a scene task cannot be cancelled) and kept in the ledger.
    expect(printed).toContain(`job ${oldSku0}`);
    const old = ledgerIntents(t).find((i) => i.jobId === oldSku0) as { state: string; holder?: string } | undefined;
    expect(old?.state).toBe("submitted");
    expect(old?.holder).toMatch(/^orphan:/);
  });
});
