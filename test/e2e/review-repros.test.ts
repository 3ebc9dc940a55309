// Adversarial review of the ownership, orphan and placement merges (issue 19), with the real Pulumi CLI against
// real emulators over loopback HTTP. Each test states what must hold and is marked `it.fails`: it reproduces a
// hole the lead has not decided a fix for yet. When a fix lands, its test starts passing and vitest reports the
// `it.fails` as failed: remove the marker then. Live elements and submissions are counted at the emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
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

  // The holder is `<instance>|<project>/<stack>|<type>/<name>` and the default scope `<project>/<stack>/<type>/<name>`:
  // neither names the parent, so a resource moved under a component (a new URN, the same name) is the same holder.
  // The engine creates the new URN (which resumes the old intent: nothing paid), then deletes the old URN, whose
  // delete sees its own holder on the intent and deletes the element the new URN now holds.
  it("a resource moved under a component keeps its element (old URN's delete must not delete it)", async () => {
    const t = await subjectStack("rv-parent", { s: {} });
    const before = await paidAt(emu);
    const first = await t.stack.up();
    const element = first.outputs.sElementId!.value as string;
    expect(await elementsAt(emu)).toContain(element);
    await setSubjects(t, { s: { __parent: "g" } });
    const moved = await t.stack.up();
    expect(moved.outputs.sElementId!.value).toBe(element); // the new URN resumed the job: nothing paid
    expect(await paidAt(emu)).toBe(before + 1);
    // Observed: the old URN's delete logs "deleted element <id>": the stack now holds an element that is gone.
    expect(await elementsAt(emu)).toContain(element);
  });

  // Orphan detection (provider/runtime/orphans.ts) takes every open `submitted` intent of the resource that this run
  // has not seen in the state for a crashed create. A job the user deliberately kept outside the state looks the
  // same: `retainOnDelete` (the engine never calls Delete on a replacement's old side) or `pulumi state delete`.
  it("retainOnDelete: an element retained by a replacement survives the next replacement", async () => {
    const t = await subjectStack("rv-retain", { s: { __retainOnDelete: true } });
    const first = await t.stack.up();
    const retained = first.outputs.sElementId!.value as string;
    await setSubjects(t, { s: { __retainOnDelete: true, elementDescription: "second" } });
    await t.stack.up(); // replaced: the engine leaves the first element alone, as retainOnDelete asks
    expect(await elementsAt(emu)).toContain(retained);
    await setSubjects(t, { s: { __retainOnDelete: true, elementDescription: "third" } });
    const third = await t.stack.up();
    // Observed: "cleaned up job … of an earlier run that the stack does not hold": the retained element is deleted.
    expect(third.stdout + third.stderr).not.toMatch(/cleaned up job/);
    expect(await elementsAt(emu)).toContain(retained);
  });

  // A job's placement is fixed at submit only when the resource's own `endpoint`/`region` inputs name it
  // (provider/runtime/placement.ts). A job placed by the stack config (`aigc:endpoint`, `aigc:region`,
  // `aigc:tencentRegion`, `aigc:alibabaRegion`, the per-service endpoints, PULUMI_AIGC_ENDPOINT) records
  // `placement: {}` in the ledger and nothing in the state: a config change moves every later look.
  it.fails("a stack-config endpoint change: refresh keeps the subject, the next up pays nothing", async () => {
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

  // `pulumi up --replace <urn>` (or `replaceOnChanges` on an in-place input) replaces a resource whose inputs did not
  // change. The new side derives the same key (same scope, request and epoch: the old side is released only after),
  // so `claimIntent` resumes the old job instead of submitting; then the engine deletes the old side, whose delete
  // sees its own holder and deletes the element, and releases the intent the new side holds.
  it("`pulumi up --replace`: the stack ends holding a live element", async () => {
    const t = await subjectStack("rv-replace", { s: {} });
    const first = await t.stack.up();
    const urn = (await t.stack.exportStack()).deployment.resources.find((r: { type: string }) =>
      r.type.endsWith("tencent:AigcSubject"),
    ).urn as string;
    const replaced = await t.stack.up({ replace: [urn] });
    const held = replaced.outputs.sElementId!.value as string;
    // Observed: the replacement resumed the old job (same element id, nothing paid), and the old side's delete
    // logged "deleted element <that id>": the stack holds an element that no longer exists.
    expect(await elementsAt(emu)).toContain(held);
    expect(held).not.toBe(first.outputs.sElementId!.value);
  });
});
