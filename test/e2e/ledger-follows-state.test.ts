// Issue 19 item 1: the ledger follows the state. Two runners with their own PULUMI_HOMEs and work directories share
// a state backend and set no aigc:ledger: runner A is SIGKILLed right after submitting one job of each kind, and
// runner B's `pulumi cancel` + `pulumi up` completes all five with no duplicate, on a file:// backend (S13) and a
// postgres:// backend (S14). A pipeline whose state is in a backend that cannot hold a ledger (an s3:// bucket on
// a loopback S3 server) is refused at preview with no vendor call unless it accepts a machine-local ledger (S15).
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAigcStack,
  failureText,
  killRunner,
  ONE_EACH,
  type PostgresServer,
  repoRoot,
  startPostgres,
  submissions,
  type TestStack,
} from "../../harness";
import { type S3Server, startS3Server } from "../../harness/s3-server";
import { admin, advanceClock, sleep, startTestEmulator, vendorRequests } from "../support/emulator";

/** `pulumi-aigc ledger ls --json --all` run in the runner's project directory with its environment, no --ledger. */
function ledgerLs(t: TestStack): { intents: Array<{ state: string }>; note: string } {
  const cli = path.join(repoRoot, "dist/provider/cli/pulumi-aigc.js");
  const env = { ...process.env, ...t.env };
  delete env.PULUMI_AIGC_LEDGER;
  const r = spawnSync(process.execPath, [cli, "ledger", "ls", "--json", "--all"], {
    cwd: t.projectDir,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`ledger ls failed: ${r.stderr}`);
  return { intents: JSON.parse(r.stdout), note: r.stderr.trim() };
}

describe("the ledger follows the state: a second runner finishes a killed update", () => {
  let emu: RunningEmulator;
  let pg: PostgresServer | undefined;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    // Jobs that cannot finish before runner A is killed; the emulator's clock finishes them afterwards.
    emu = await startTestEmulator({ jobLatencyMs: 600_000 });
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
    await pg?.stop();
  });

  /** Runner A's `pulumi up`, SIGKILLed with its whole process tree once its ledger holds every job id. */
  async function killAfterSubmissions(a: TestStack): Promise<void> {
    const child = spawn(a.cli, ["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: a.projectDir,
      env: { ...process.env, ...a.env },
      stdio: "ignore",
    });
    const exited = new Promise((r) => child.once("exit", r));
    const deadline = Date.now() + 90_000;
    while (ledgerLs(a).intents.filter((i) => i.state === "submitted").length < Object.keys(ONE_EACH).length) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("runner A did not submit every job");
      await sleep(200);
    }
    killRunner(a); // the machine dies: the CLI, its language host and its providers
    await exited;
    expect(await submissions(emu)).toEqual(ONE_EACH);
    await advanceClock(emu, 600_000);
  }

  /** Runner B: its own HOME and work directory, the same backend, no aigc:ledger. */
  async function runnerBCompletes(a: TestStack): Promise<TestStack> {
    const b = await a.anotherRunner();
    stacks.push(b);
    expect(b.env.PULUMI_HOME).not.toBe(a.env.PULUMI_HOME);
    expect(b.env.PULUMI_AIGC_LEDGER).toBeUndefined();
    // B reads A's intents before it runs anything: the ledger came with the state.
    expect(ledgerLs(b).intents.filter((i) => i.state === "submitted")).toHaveLength(5);
    await b.stack.cancel();
    const up = await b.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.coverStatus!.value).toBe("Success");
    expect(up.outputs.subjectElementId!.value).toMatch(/^\d{18}$/);
    expect(await submissions(emu)).toEqual(ONE_EACH); // 5 paid jobs for 5 resources
    return b;
  }

  it("S13: file:// backend, no aigc:ledger: B's cancel + up completes all 5 with 0 duplicates", async () => {
    const a = await createAigcStack("s13", emu);
    stacks.push(a);
    expect(a.env.PULUMI_AIGC_LEDGER).toBeUndefined();
    await killAfterSubmissions(a);
    const b = await runnerBCompletes(a);
    // The ledger is beside the state, where neither runner's PULUMI_HOME is.
    const backendDir = new URL(a.backendUrl).pathname;
    expect(fs.existsSync(path.join(backendDir, ".pulumi-aigc", "ledger", "ledger.json"))).toBe(true);
    for (const t of [a, b]) expect(fs.existsSync(path.join(t.env.PULUMI_HOME!, "pulumi-aigc", "ledger"))).toBe(false);
    const ls = ledgerLs(b);
    expect(ls.note).toBe(
      `pulumi-aigc: ledger ${path.join(backendDir, ".pulumi-aigc", "ledger")} (beside the stack's state backend ` +
        `${a.backendUrl} (from PULUMI_BACKEND_URL) (stack e2e))`,
    );
    expect(ls.intents.map((i) => i.state)).toEqual(Array(5).fill("submitted"));
  });

  it("S14: postgres:// backend, no aigc:ledger: B's cancel + up completes all 5 with 0 duplicates", async () => {
    await admin(emu, "reset", {});
    pg = await startPostgres();
    const url = `${await pg.createDatabase("s14")}&table=stacks_state`;
    const a = await createAigcStack("s14", emu, { backendUrl: url });
    stacks.push(a);
    await killAfterSubmissions(a);
    const b = await runnerBCompletes(a);
    // The ledger's own tables in the state's database, beside Pulumi's table.
    const tables = (await pg.query<{ t: string }>("SELECT tablename AS t FROM pg_tables", [], "s14")).map((r) => r.t);
    expect(tables).toContain("stacks_state");
    expect(tables.filter((t) => /ledger|intent/i.test(t)).length).toBeGreaterThan(0);
    const ls = ledgerLs(b);
    expect(ls.note).toMatch(
      /^pulumi-aigc: ledger postgres:\/\/.*\/s14\?sslmode=disable \(in the stack's state backend/,
    );
    expect(ls.intents.map((i) => i.state)).toEqual(Array(5).fill("submitted"));
  });
});

describe("S15: a pipeline whose ledger would be machine-local", () => {
  let emu: RunningEmulator;
  let s3: S3Server;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator();
    s3 = await startS3Server();
    t = await createAigcStack("s15", emu, { backendUrl: s3.backendUrl, env: s3.env });
  });
  afterAll(async () => {
    await t?.cleanup();
    await s3?.stop();
    await emu?.close();
  });

  const refusal = /this pipeline \(CI=true\) would keep its submission ledger on this machine only/;

  it("S15: CI=true, s3:// backend: preview and up fail with 0 vendor calls, name the fix; local proceeds", async () => {
    t.stack.workspace.envVars.CI = "true";
    const preview = await failureText((onOutput) => t.stack.preview({ onOutput }));
    expect(preview).toMatch(refusal);
    expect(preview).toContain("s3://pulumi-state");
    expect(preview).toContain("pulumi config set aigc:ledger postgres://");
    expect(preview).toContain("keep the state in a file:// or postgres:// backend");
    expect(preview).toContain("pulumi config set aigc:ledger local");
    // One refusal: the engine stops at the first resource's check, so no resource after it repeats the message.
    expect(preview).toMatch(/\n\s+1 errored\n/);
    expect(preview).not.toMatch(/\bat PipelineGate\.check\b/); // a message, not a stack trace
    const up = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(up).toMatch(refusal);
    expect(await vendorRequests(emu)).toBe(0);
    expect(await submissions(emu)).toEqual({});

    await t.stack.setConfig("aigc:ledger", { value: "local" });
    const accepted = await t.stack.preview();
    expect(accepted.changeSummary).toMatchObject({ create: 5 });
    expect(accepted.stdout + accepted.stderr).not.toMatch(/machine-local/);
    expect(await vendorRequests(emu)).toBe(0);
    await t.stack.removeConfig("aigc:ledger");
  });

  it("S15: without CI, the same stack previews with one warning", async () => {
    t.stack.workspace.envVars.CI = "false";
    const preview = await t.stack.preview();
    const out = preview.stdout + preview.stderr;
    const warnings = out.match(/WARNING the submission ledger is machine-local/g) ?? [];
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThanOrEqual(2); // once per run (the CLI may repeat it in its summary)
    expect(out).toContain("pulumi config set aigc:ledger local");
    expect(await vendorRequests(emu)).toBe(0);
  });
});
