// Issue 19 items 3 and 4, with the real Pulumi CLI against real emulators over loopback HTTP:
// S18: a job stays where it was submitted: an in-place `endpoint` change, then refresh and destroy, find and delete
//      it there (two emulators on two ports; the second is never called).
// S17: a claim without a job id older than Tencent's SessionId dedup window is never resubmitted on the strength
//      of the SessionId: it is looked up, and reported as ambiguous.
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAigcStack,
  failureText,
  killRunner,
  ledgerIntents,
  setOverrides,
  submissions,
  type TestStack,
} from "../../harness";
import { admin, advanceClock, emulatorJobs, startTestEmulator, until, vendorRequests } from "../support/emulator";

const DAY = 86_400_000;
const elements = async (emu: RunningEmulator) =>
  (
    await new TencentVodClient({
      endpoint: emu.url,
      credentials: emu.credentials.tencent,
    }).describeAigcAdvancedCustomElements({ SubAppId: 251007502, Limit: 300 })
  ).ElementSet.map((e) => e.Id);

describe("placement and dedup windows", () => {
  let first: RunningEmulator;
  let second: RunningEmulator;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    [first, second] = await Promise.all([
      startTestEmulator({ jobLatencyMs: 300 }),
      startTestEmulator({ jobLatencyMs: 300 }),
    ]);
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await first?.close();
    await second?.close();
  });

  it("S18: after an in-place endpoint change, refresh and destroy find the job where it lives", async () => {
    const t = await createAigcStack("s18", first, {
      only: ["subject"],
      overrides: { subject: { endpoint: first.url } },
    });
    stacks.push(t);
    const up = await t.stack.up();
    const taskId = up.outputs.subjectTaskId!.value as string;
    const elementId = up.outputs.subjectElementId!.value as string;
    expect(await elements(first)).toContain(elementId);

    await setOverrides(t, { subject: { endpoint: second.url } });
    const preview = await t.stack.preview();
    expect(preview.stdout + preview.stderr).toContain(
      `WARNING placement change: job ${taskId} stays where it was submitted (endpoint ${first.url}`,
    );
    expect(preview.stdout + preview.stderr).toContain(`new placement (endpoint ${second.url}`);
    const moved = await t.stack.up();
    expect(moved.summary.resourceChanges).toMatchObject({ update: 1 });

    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.delete ?? 0).toBe(0);
    // The subject is still in the stack, holding its element: the next `up` has nothing to create, nothing to pay.
    const held = (await t.stack.exportStack()).deployment.resources.find((r: { type: string }) =>
      r.type.endsWith("tencent:AigcSubject"),
    );
    expect(held?.outputs).toMatchObject({ elementId, endpoint: second.url, __placement: { endpoint: first.url } });
    expect(await submissions(first)).toEqual({ CreateAigcAdvancedCustomElement: 1 });

    await t.stack.destroy();
    expect(await elements(first)).not.toContain(elementId);
    expect(await vendorRequests(second)).toBe(0);
  });

  it("S17: a claim with no job id, older than Tencent's window: 0 new submissions, reported as ambiguous", async () => {
    const emu = first;
    await admin(emu, "reset", {});
    const t = await createAigcStack("s17", emu, { only: ["tryon"] });
    stacks.push(t);
    // Every create answer is lost after the emulator recorded the task: the runner retries under its SessionId...
    await admin(emu, "faults", { resetAfter: 1, actions: ["CreateSceneAigcImageTask"] });
    const running = t.stack.up().catch(() => "killed");
    await until(
      "the first create to reach the emulator",
      async () => (await submissions(emu)).CreateSceneAigcImageTask === 1,
    );
    // ...and dies mid-retry: the ledger holds a claim with no job id.
    killRunner(t);
    expect(await running).toBe("killed");
    await admin(emu, "faults", {});
    const [claim] = ledgerIntents(t);
    expect(claim).toMatchObject({ state: "claimed" });
    expect(claim?.jobId).toBeUndefined();

    // Four days later: the vendor has forgotten the SessionId and no longer lists the task.
    await advanceClock(emu, 4 * DAY);
    // The provider measures the claim's age on this machine's clock: the ledger entry is aged by as much.
    const file = path.join(t.ledgerDir, "intents", `${claim!.key}.json`);
    const entry = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const k of ["createdAt", "submittedAt", "updatedAt"]) {
      if (entry[k]) entry[k] = new Date(Date.parse(entry[k]) - 4 * DAY).toISOString();
    }
    fs.writeFileSync(file, JSON.stringify(entry));

    await t.stack.cancel();
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(/a job may have been created by the submission of this resource/);
    expect(text).toMatch(/first attempt was 4 d 0 h ago, beyond the 3 d 0 h during which the vendor refuses/);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1 });
    expect(await emulatorJobs(emu)).toHaveLength(1);
  });
});
