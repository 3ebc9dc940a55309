// An intent has one owner, and no job is orphaned (issue 19: S16 with each of 2a–2d, and S19), with the real
// Pulumi CLI against the real emulator. AIGC subjects are used: their elements are the live vendor objects that
// a stack could wrongly delete. Every stack shares one file ledger, as a team's runners would; submissions and
// live elements are counted at the emulator. Its jobs take 10 minutes of emulator time, so they are in flight
// until a test moves the emulator's clock.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAigcStack,
  failureText,
  killRunner,
  ledgerIntents,
  pulumiCommand,
  submissions,
  type TestStack,
} from "../../harness";
import { spawnUp } from "../support/background-up";
import { advanceClock, sleep, startTestEmulator } from "../support/emulator";

const PROGRAM = "dist/harness/programs/subjects.js";
const LATENCY_MS = 600_000;

describe("S16/S19: an intent has one owner; no orphans", () => {
  let emu: RunningEmulator;
  let ledgerDir: string;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: LATENCY_MS });
    ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aigc-ownership-ledger-"));
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
    fs.rmSync(ledgerDir, { recursive: true, force: true });
  });

  /** The live elements of the emulator's application. */
  const elements = async () =>
    (
      await new TencentVodClient({
        endpoint: emu.url,
        credentials: emu.credentials.tencent,
      }).describeAigcAdvancedCustomElements({ SubAppId: 251007502, Limit: 300 })
    ).ElementSet.map((e) => e.Id);
  const paid = async () => (await submissions(emu)).CreateAigcAdvancedCustomElement ?? 0;

  /** A stack of the subjects program on the shared ledger (its own file backend unless `backendUrl`). */
  async function subjectStack(name: string, subjects: object, more: { projectDir?: string; backendUrl?: string } = {}) {
    const t = await createAigcStack(name, emu, {
      ...(more.projectDir ? { projectDir: more.projectDir } : { program: PROGRAM }),
      backendUrl: more.backendUrl,
      env: { PULUMI_AIGC_LEDGER: `file://${ledgerDir}` },
      config: { "fixture:subjects": JSON.stringify(subjects) },
    });
    stacks.push(t);
    return t;
  }
  const inFlight = { waitForCompletion: false };

  it("S16 2b: two stacks setting the same idempotencyScope: the second is refused, deletes nothing", async () => {
    const subjects = { s: { ...inFlight, idempotencyScope: "team/shared-subject" } };
    const x = await subjectStack("s16b", subjects);
    const [before, live] = [await paid(), await elements()];
    await x.stack.up();
    await advanceClock(emu, LATENCY_MS);
    const [element] = (await elements()).filter((e) => !live.includes(e));
    expect(element).toMatch(/^\d{18}$/);
    // Another stack of the same project and name, in another backend: only its stack instance differs.
    const y = await subjectStack("s16b", subjects);
    const refused = await failureText((onOutput) => y.stack.up({ onOutput }));
    expect(refused).toMatch(/names a job that another stack holds/);
    expect(refused).toMatch(/its own idempotencyScope/);
    await y.stack.destroy();
    expect(await paid()).toBe(before + 1);
    expect(await elements()).toContain(element);
  });

  it("S16 2a: `stack rename dev prod`, then a new dev: it neither resumes nor deletes prod's job", async () => {
    const dev = await subjectStack("s16a", { s: inFlight });
    const [before, live] = [await paid(), await elements()];
    await dev.stack.up();
    await advanceClock(emu, LATENCY_MS);
    const [element] = (await elements()).filter((e) => !live.includes(e));
    execFileSync(dev.cli, ["stack", "rename", "prod", "--non-interactive"], {
      cwd: dev.projectDir,
      env: { ...process.env, ...dev.env },
    });
    // A new stack named like the old one: same default scope, same inputs, a new stack instance.
    const more = { projectDir: dev.projectDir, backendUrl: dev.backendUrl };
    const newDev = await subjectStack("s16a", { s: inFlight }, more);
    const refused = await failureText((onOutput) => newDev.stack.up({ onOutput }));
    expect(refused).toMatch(/names a job that another stack holds/);
    await newDev.stack.destroy();
    expect(await paid()).toBe(before + 1);
    expect(await elements()).toContain(element);
    // prod still holds its element: its destroy deletes it.
    const prod = await LocalWorkspace.selectStack(
      { stackName: "prod", workDir: dev.projectDir },
      { pulumiCommand: await pulumiCommand(), envVars: dev.env },
    );
    await prod.destroy();
    expect(await elements()).not.toContain(element);
  });

  it("S16 2c: renamed before seeing its job end: the new name holds the job, the old delete skips it", async () => {
    const scope = { ...inFlight, idempotencyScope: "s16c/subject" };
    const t = await subjectStack("s16c", { a: scope });
    const before = await paid();
    await t.stack.up();
    await advanceClock(emu, LATENCY_MS); // the job ends at the vendor; the stack has not seen it yet
    await setSubjects(t, { b: scope });
    const renamed = await t.stack.up();
    const element = renamed.outputs.bElementId!.value as string;
    expect(element).toMatch(/^\d{18}$/);
    expect(await elements()).toContain(element);
    expect(renamed.stdout + renamed.stderr).toMatch(/moves from tencent:AigcSubject\/a to tencent:AigcSubject\/b/);
    // The next update (with a refresh) keeps the job: nothing is paid again.
    await t.stack.up({ refresh: true });
    expect(await paid()).toBe(before + 1);
    expect(await elements()).toContain(element);
  });

  it("S16 2d: two resources of one program with the same scope are refused at preview, naming both", async () => {
    const scope = { ...inFlight, idempotencyScope: "s16d/subject" };
    const t = await subjectStack("s16d", { x: scope, y: scope });
    const before = await paid();
    const refused = await failureText((onOutput) => t.stack.preview({ onOutput }));
    expect(refused).toMatch(/tencent:AigcSubject\/y and tencent:AigcSubject\/x have the same idempotencyScope/);
    expect(refused).toContain('"s16d/subject"');
    expect(await paid()).toBe(before);
  });

  it("S19: inputs edited after a crash: the first job's element is deleted; destroy leaves none live", async () => {
    const t = await subjectStack("s19", { s: {} });
    const before = await paid();
    const liveBefore = await elements();
    const up = spawnUp(t);
    const deadline = Date.now() + 60_000;
    while (!ledgerIntents(t).some((i) => i.scope === "s19/e2e/tencent:AigcSubject/s" && i.state === "submitted")) {
      if (Date.now() > deadline || up.child.exitCode !== null) throw new Error(`up did not submit:\n${up.output()}`);
      await sleep(100);
    }
    killRunner(t);
    await up.exited;
    await advanceClock(emu, LATENCY_MS); // the first job made its element
    const first = (await elements()).filter((e) => !liveBefore.includes(e));
    expect(first).toHaveLength(1);
    await t.stack.cancel();
    await setSubjects(t, { s: { ...inFlight, elementDescription: "edited after the crash" } });
    const edited = await t.stack.up();
    expect(await elements()).not.toContain(first[0]);
    expect(edited.stdout + edited.stderr).toMatch(/cleaned up job \S+ of an earlier run that the stack does not hold/);
    await advanceClock(emu, LATENCY_MS);
    // A normal replacement: the engine diffs the old resource first, so its job is no orphan; the engine
    // deletes its element after the new one is created.
    await setSubjects(t, { s: { ...inFlight, elementDescription: "replaced" } });
    const replaced = await t.stack.up();
    expect(replaced.stdout + replaced.stderr).not.toMatch(/cleaned up job/);
    expect(replaced.stdout + replaced.stderr).toMatch(/deleted element/);
    await advanceClock(emu, LATENCY_MS);
    await t.stack.destroy();
    expect(await paid()).toBe(before + 3);
    expect((await elements()).filter((e) => !liveBefore.includes(e))).toEqual([]);
  });
});

/** Replaces the stack's subjects (names and overrides). */
async function setSubjects(t: TestStack, subjects: object): Promise<void> {
  await t.stack.setConfig("fixture:subjects", { value: JSON.stringify(subjects) });
}
