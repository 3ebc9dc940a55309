// End-to-end, the real Pulumi CLI against the real emulator: `pulumi up` SIGKILLed once the vendor accepted every
// submission, then the documented recovery (`pulumi cancel`, `pulumi up`) by the same runner and by another one
// sharing the ledger. No job is submitted twice.
import { spawn } from "node:child_process";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, failureText, ledgerIntents, ONE_EACH, submissions, type TestStack } from "../../harness";
import { admin, advanceClock, sleep, startTestEmulator } from "../support/emulator";

describe("pulumi up killed with SIGKILL after the vendor accepted the submissions", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    // Jobs that cannot finish before the kill; the emulator's clock finishes them afterwards (no wall-clock wait).
    emu = await startTestEmulator({ jobLatencyMs: 600_000 });
    t = await createAigcStack("sigkill", emu);
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  /** Runs `pulumi up` as a user's shell would, and SIGKILLs it once every job was submitted. */
  async function killUpAfterSubmissions(): Promise<void> {
    const child = spawn(t.cli, ["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: t.projectDir,
      env: { ...process.env, ...t.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let printed = "";
    child.stdout.on("data", (d) => (printed += d));
    child.stderr.on("data", (d) => (printed += d));
    const exited = new Promise((r) => child.once("exit", r));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null) {
      // Killed once the ledger holds every job id: right after the submissions (see the drills for the rest).
      if (ledgerIntents(t).filter((i) => i.state === "submitted").length >= Object.keys(ONE_EACH).length) break;
      await sleep(100);
    }
    if (child.exitCode !== null)
      throw new Error(`pulumi up ended (exit ${child.exitCode}) before it could be killed:\n${printed}`);
    child.kill("SIGKILL");
    await exited;
    await advanceClock(emu, 600_000);
  }

  it("recovers with `pulumi cancel` and `pulumi up`: every job adopted, none submitted twice", async () => {
    await killUpAfterSubmissions();
    expect(await submissions(emu)).toEqual(ONE_EACH);
    const locked = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(locked).toMatch(/the stack is currently locked/);
    await t.stack.cancel();
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.coverStatus!.value).toBe("Success");
    expect(up.outputs.subjectElementId!.value).toMatch(/^\d{18}$/);
    expect(await submissions(emu)).toEqual(ONE_EACH);
    // Optional clean-up of the checkpoint's stale pending-create entries.
    await t.stack.refresh({ clearPendingCreates: true });
    expect((await t.stack.exportStack()).deployment.pending_operations ?? []).toHaveLength(0);
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });

  it("another runner sharing the ledger (its own HOME and project dir) recovers every job: none twice", async () => {
    await t.stack.destroy();
    await admin(emu, "reset", {});
    await killUpAfterSubmissions();
    const b = await t.anotherRunner({ PULUMI_AIGC_LEDGER: `file://${t.ledgerDir}` });
    try {
      await b.stack.cancel();
      const up = await b.stack.up();
      expect(up.summary.result).toBe("succeeded");
      // ICE and aicontent cannot be found through their APIs: the shared ledger is what finds them.
      expect(await submissions(emu)).toEqual(ONE_EACH);
    } finally {
      await b.cleanup();
    }
  });
});
