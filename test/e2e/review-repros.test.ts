// Adversarial review of the ownership, orphan and placement merges (issue 19), with the real Pulumi CLI against
// real emulators over loopback HTTP. Each test reproduces a hole the review found (findings 1-4: a resource moved
// under a component, `up --replace`, retainOnDelete, a stack-config endpoint change) and states what must hold
// now that it is fixed. Live elements and submissions are counted at the emulator.

import type { RunningEmulator } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, submissions, type TestStack } from "../../harness";
import { startTestEmulator, vendorRequests } from "../support/emulator";

const PROGRAM = "dist/harness/programs/subjects.js";

describe("review: live elements another resource (or the user) keeps", () => {
  let emu: RunningEmulator;
  let second: RunningEmulator;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    [emu, second] = await Promise.all([startTestEmulator(), startTestEmulator()]);
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
    await second?.close();
  });

  const elementsAt = async (at: RunningEmulator) =>
    (
      await new TencentVodClient({
        endpoint: at.url,
        credentials: at.credentials.tencent,
      }).describeAigcAdvancedCustomElements({ SubAppId: 251007502, Limit: 300 })
    ).ElementSet.map((e) => e.Id);
  const paidAt = async (at: RunningEmulator) => (await submissions(at)).CreateAigcAdvancedCustomElement ?? 0;

  async function subjectStack(name: string, subjects: object): Promise<TestStack> {
    const t = await createAigcStack(name, emu, {
      program: PROGRAM,
      config: { "fixture:subjects": JSON.stringify(subjects) },
    });
    stacks.push(t);
    return t;
  }
  const setSubjects = (t: TestStack, subjects: object) =>
    t.stack.setConfig("fixture:subjects", { value: JSON.stringify(subjects) });

  // Three ways a resource's old side leaves the stack while its job must stay live, in one stack (three CLI runs):
  // - `m` moves under a component (a new URN, the same name and scope): the new URN resumes the job, then the
  //   engine deletes the old URN, which must leave the element (the holder names the parents: the intent moved);
  // - `r` is replaced with unchanged inputs (`pulumi up --replace <urn>`): the new side derives the same key and
  //   resumes the job (Pulumi calls neither Diff nor Check with the old state for a targeted replace, so the
  //   provider cannot tell it from a retry after a crash: resuming is what never pays twice), then the engine
  //   deletes the old side, which must leave the element it resumed (a new job takes a resubmitToken);
  // - `k` has `retainOnDelete`: replaced, its first element stays, as asked; replaced again, that retained element is
  //   no orphan (its create returned: the user kept it) and must survive.
  it("old sides that leave the stack (moved, --replace, retainOnDelete) leave live elements live", async () => {
    const retain = { __retainOnDelete: true };
    const t = await subjectStack("rv-kept", { m: {}, r: {}, k: retain });
    const before = await paidAt(emu);
    const first = await t.stack.up();
    const idOf = (r: { outputs: Record<string, { value: unknown }> }, n: string) => r.outputs[`${n}ElementId`]!.value;
    const [m, r, k] = ["m", "r", "k"].map((n) => idOf(first, n) as string);
    const urn = (await t.stack.exportStack()).deployment.resources.find(
      (x: { type: string; urn: string }) => x.type.endsWith("tencent:AigcSubject") && x.urn.endsWith("::r"),
    ).urn as string;
    await setSubjects(t, { m: { __parent: "g" }, r: {}, k: { ...retain, elementDescription: "second" } });
    const second = await t.stack.up({ replace: [urn] });
    expect(idOf(second, "m")).toBe(m); // the new URN resumed the job: nothing paid
    expect(idOf(second, "r")).toBe(r); // the replacement resumed the job: nothing paid
    expect(await paidAt(emu)).toBe(before + 4); // three, then k's replacement
    expect(await elementsAt(emu)).toEqual(expect.arrayContaining([m, r, k, idOf(second, "k")]));
    await setSubjects(t, { m: { __parent: "g" }, r: {}, k: { ...retain, elementDescription: "third" } });
    const third = await t.stack.up();
    expect(third.stdout + third.stderr).not.toMatch(/cleaned up job/);
    expect(await elementsAt(emu)).toEqual(expect.arrayContaining([m, r, k, idOf(third, "k")]));
    expect(await paidAt(emu)).toBe(before + 5);
  });

  // A job's placement is fixed at submit only when the resource's own `endpoint`/`region` inputs name it
  // (provider/runtime/placement.ts). A job placed by the stack config (`aigc:endpoint`, `aigc:region`,
  // `aigc:tencentRegion`, `aigc:alibabaRegion`, the per-service endpoints, PULUMI_AIGC_ENDPOINT) records
  // `placement: {}` in the ledger and nothing in the state: a config change moves every later look.
  it("a stack-config endpoint change: refresh keeps the subject, the next up pays nothing", async () => {
    const t = await subjectStack("rv-config-endpoint", { s: {} });
    const before = await paidAt(emu);
    const first = await t.stack.up();
    const element = first.outputs.sElementId!.value as string;
    const secondBefore = await vendorRequests(second);
    await t.stack.setConfig("aigc:endpoint", { value: second.url });
    // A refresh runs the provider with the config its state recorded: the first `up` after the change records
    // the new one (the subject shows no diff: nothing in its inputs changed).
    await t.stack.up();
    const refresh = await t.stack.refresh();
    // Observed: the refresh asks the second emulator, finds no element, drops the subject and releases its intent.
    expect(refresh.summary.resourceChanges?.delete ?? 0).toBe(0);
    // Observed when the line above is skipped: this up submits a second subject to the second emulator (paid
    // twice), and the first element stays live at the first one, held by nothing.
    await t.stack.up();
    expect(await paidAt(emu)).toBe(before + 1);
    expect(await paidAt(second)).toBe(0);
    expect(await elementsAt(emu)).toContain(element);
    expect(await vendorRequests(second)).toBe(secondBefore);
  });
});
