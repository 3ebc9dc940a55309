// Exactly once for Tencent AIGC subjects (issue 11: S4, S5), with the real Pulumi CLI against the real emulator:
// a replaced subject never deletes the element its successor holds; a subject whose task expired keeps its element.

import type { RunningEmulator } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, setOverrides, type TestStack } from "../../harness";
import { admin, emulatorJobs, startTestEmulator, until } from "../support/emulator";

const elements = async (emu: RunningEmulator, subAppId = 251007502) =>
  (
    await new TencentVodClient({
      endpoint: emu.url,
      credentials: emu.credentials.tencent,
    }).describeAigcAdvancedCustomElements({ SubAppId: subAppId, Limit: 300 })
  ).ElementSet.map((e) => e.Id);

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
      (await emulatorJobs(emu)).some((j) => j.id === taskId && j.stage === "done"),
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
