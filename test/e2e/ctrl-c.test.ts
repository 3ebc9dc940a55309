// End-to-end, the real Pulumi CLI against the real emulator: Ctrl-C (SIGINT to `pulumi up`) while every create
// waits for a 10-minute job. The update stops within seconds, not when the jobs end; each job id is in the state
// (no pending operation) and in the ledger; the provider says which jobs still run; nothing is submitted after the
// signal, and the next `up` resumes every job without submitting any. First, Ctrl-C while the vendor throttles
// every submit (retried for up to 5 minutes): the update stops within seconds, submits nothing, leaves every claim
// void (never executed: not ambiguous, even for Alibaba), and the next `up` submits each job once.

import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, ledgerIntents, ONE_EACH, submissions, type TestStack } from "../../harness";
import { spawnUp } from "../support/background-up";
import { admin, advanceClock, sleep, startTestEmulator, until } from "../support/emulator";

/** A loaded 2-core machine can be slow; the measured figure is printed, the bound only catches a real hang. */
const GENEROUS_EXIT_MS = 20_000;
const JOB_LATENCY_MS = 600_000;

describe("Ctrl-C during `pulumi up`", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: JOB_LATENCY_MS });
    t = await createAigcStack("ctrlc", emu);
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("stops submits the vendor keeps throttling within seconds; nothing submitted, no claim ambiguous", async () => {
    const creates = Object.keys(ONE_EACH);
    await admin(emu, "faults", { throttle: 1, actions: creates });
    const throttled = async () => (await admin<{ throttled: Record<string, number> }>(emu, "stats")).throttled;
    const up = spawnUp(t);
    try {
      await until("every submit throttled and being retried", async () => {
        if (up.child.exitCode !== null) throw new Error(`pulumi up ended before the signal:\n${up.output()}`);
        const seen = await throttled();
        return creates.every((a) => (seen[a] ?? 0) >= 2);
      });
      const signalledAt = Date.now();
      up.child.kill("SIGINT");
      const exited = await Promise.race([up.exited.then(() => true), sleep(GENEROUS_EXIT_MS).then(() => false)]);
      const exitMs = Date.now() - signalledAt;
      if (!exited) {
        up.child.kill("SIGKILL");
        await up.exited;
      }
      const printed = up.output();
      console.log(`pulumi up exited ${exitMs} ms after SIGINT with every submit throttled`);
      expect(exited, `pulumi up still running ${GENEROUS_EXIT_MS} ms after SIGINT:\n${printed}`).toBe(true);
      expect(up.child.exitCode).not.toBe(0);
      expect(await submissions(emu)).toEqual({});
      // Each create says so, naming its ledger intent (the engine repeats a failed step's message).
      const said = printed.matchAll(
        /\(ledger (\S+)\): the update was cancelled before the vendor executed \w+ \(it was/g,
      );
      expect(new Set([...said].map((m) => m[1])).size).toBe(creates.length);
      // Every claim is void (the sdk knew no attempt was executed): the next `up` submits, it does not recover.
      const intents = ledgerIntents(t);
      expect(intents.map((i) => i.state)).toEqual(creates.map(() => "void"));
      expect(intents.every((i) => i.jobId === undefined)).toBe(true);
    } finally {
      await admin(emu, "faults", {});
      if (up.child.exitCode === null) up.child.kill("SIGKILL");
    }
  });

  it("stops the waits within seconds, keeps every job id, submits nothing after; next up resumes them", async () => {
    const up = spawnUp(t);
    const jobs = Object.keys(ONE_EACH).length;
    await until("every job submitted and waited for", async () => {
      if (up.child.exitCode !== null) throw new Error(`pulumi up ended before the signal:\n${up.output()}`);
      return ledgerIntents(t).filter((i) => i.state === "submitted").length >= jobs;
    });
    await sleep(1_500); // every create is inside its wait now (the first poll comes after 1 s at the latest)
    const signalledAt = Date.now();
    up.child.kill("SIGINT");
    const exited = await Promise.race([up.exited.then(() => true), sleep(GENEROUS_EXIT_MS).then(() => false)]);
    const exitMs = Date.now() - signalledAt;
    if (!exited) {
      up.child.kill("SIGKILL");
      await up.exited;
    }
    const printed = up.output();
    console.log(`pulumi up exited ${exitMs} ms after SIGINT (exit code ${up.child.exitCode})`);
    expect(exited, `pulumi up still running ${GENEROUS_EXIT_MS} ms after SIGINT:\n${printed}`).toBe(true);
    expect(up.child.exitCode).not.toBe(0);

    // Nothing was submitted after the signal, and the provider said what still runs and what to do.
    expect(await submissions(emu)).toEqual(ONE_EACH);
    expect(printed).toMatch(/\^C received; cancelling/);
    expect(printed).toMatch(
      new RegExp(
        `cancelled: stopped waiting; ${jobs} jobs still running at the vendor: .*the next \`pulumi up\` resumes`,
      ),
    );
    expect(printed.match(/is still \S+ at the vendor: the update was cancelled while waiting for it/g)).toHaveLength(
      jobs,
    );

    // Every job id is in the state as a created resource (a partial state, no pending operation) and in the ledger.
    const deployment = (await t.stack.exportStack()).deployment;
    expect(deployment.pending_operations ?? []).toHaveLength(0);
    const stateIds = deployment.resources
      .filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic"))
      .map((r: { id: string }) => r.id)
      .sort();
    const ledgerIds = ledgerIntents(t)
      .map((i) => i.jobId)
      .sort();
    expect(stateIds).toHaveLength(jobs);
    expect(stateIds).toEqual(ledgerIds);
    // Progress is on each job's own row (issue 22 item 5), not on the stack's.
    for (const id of stateIds) {
      expect(printed).toMatch(
        new RegExp(`^ \\+  pulumi-nodejs:dynamic/\\S+ \\S+ creating \\([\\d.]+s\\) submitted job ${id}$`, "m"),
      );
    }

    // The next up (no `pulumi cancel` needed: the update ended cleanly) resumes every job, submitting none.
    await advanceClock(emu, JOB_LATENCY_MS);
    const next = await t.stack.up();
    expect(next.summary.result).toBe("succeeded");
    expect(next.outputs.coverStatus!.value).toBe("Success");
    // One status line per job at its end, on its row; nothing repeated under Diagnostics.
    for (const id of stateIds) {
      expect(next.stdout).toMatch(
        new RegExp(
          `^ ~  pulumi-nodejs:dynamic/\\S+ \\S+ updat(?:ing|ed) \\([\\d.]+s\\) job ${id} \\S+ after \\d+ s$`,
          "m",
        ),
      );
    }
    expect(next.stdout).not.toMatch(/Diagnostics:/);
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });
});
