// Issue 14: a sixth, toy job kind added by writing one declaration (test/fixtures/toy-kind/kind.ts). The real
// CLI previews, applies and destroys it against the emulator; the provider process finds the declaration
// through its module, and its class, validation, diff and exactly-once lifecycle all come from it.

import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, failureText, submissions, type TestStack } from "../../harness";
import { admin, startTestEmulator } from "../support/emulator";

describe("a toy kind declared in one file", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 300 });
    t = await createAigcStack("toy", emu, { program: "dist/test/fixtures/toy-kind/index.js" });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("validates its own inputs at preview, naming the property", async () => {
    await t.stack.setConfig("toy:prompt", { value: "" });
    const text = await failureText((onOutput) => t.stack.preview({ onOutput }));
    expect(text).toMatch(/property prompt value \{\} has a problem: must not be empty/);
    await t.stack.removeConfig("toy:prompt");
    expect((await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests).toBe(0);
  });

  it("is submitted once, waited for, exposes its outputs, and is a no-op the second time", async () => {
    const up = await t.stack.up();
    expect(up.outputs.taskId!.value).toMatch(/^251007502-SceneAigcImageTask-/);
    expect(up.outputs.imageUrls!.value).toHaveLength(2);
    expect(up.outputs.imageUrls!.secret).toBe(true);
    expect(up.outputs.status!.value).toBe("FINISH");
    expect((await t.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1 });
  });

  it("is destroyed like any kind", async () => {
    expect((await t.stack.destroy()).summary.resourceChanges).toEqual({ delete: 2 });
  });
});
