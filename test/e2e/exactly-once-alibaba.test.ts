// Exactly once for Alibaba jobs (issue 11: S8, S10, S11), with the real Pulumi CLI against the real emulator:
// a second runner on the same file ledger while the first holds the claim, a NotFound for a recorded job, and
// ambiguous answers to a paid submit.

import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, failureText, ledgerIntents, setOverrides, submissions, type TestStack } from "../../harness";
import { spawnUp } from "../support/background-up";
import { admin, startTestEmulator, until } from "../support/emulator";

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
    const b = await a.anotherRunner({ PULUMI_AIGC_LEDGER: `file://${a.ledgerDir}` });
    stacks.push(b);
    // Runner A's submit takes 24 s at the vendor: it holds the claim all that time, long enough for runner B's
    // `cancel` and `up` to reach the job on a loaded machine, and less than A's client waits for an answer (30 s).
    await admin(emu, "faults", { slow: 1, slowMs: 24_000, actions: ["SubmitIProductionJob"], maxFaults: 1 });
    const runA = spawnUp(a);
    try {
      await until("runner A to claim and send", () => ledgerIntents(a).some((i) => i.state === "claimed"));
      await b.stack.cancel(); // as a second pipeline would, after the first one's lock
      const up = await b.stack.up();
      expect(up.summary.result).toBe("succeeded");
      expect(up.stdout + up.stderr).toMatch(/another runner \(.* pid \d+\) is submitting this job/);
    } finally {
      await runA.exited; // its submit lands before the next scenario resets the emulator
    }
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
