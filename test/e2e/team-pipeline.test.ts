// S7 (issue 11): a team pipeline on PostgreSQL. Two runners share one database for the stack state (Pulumi's
// postgres:// backend) and the submission ledger (aigc:ledger), each with its own HOME and work directory.
// Runner A is killed right after submitting one job of each kind; runner B's `cancel` + `up` completes all five
// with no duplicate submission, ICE and aicontent (which no vendor API can find again) included.
import { execFileSync, spawn } from "node:child_process";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backendText,
  createAigcStack,
  killRunner,
  ONE_EACH,
  type PostgresServer,
  repoRoot,
  startPostgres,
  submissions,
  type TestStack,
} from "../../harness";
import { advanceClock, sleep, startTestEmulator } from "../support/emulator";

/** The ledger as the operator command shows it (`pulumi-aigc ledger ls --json`). */
function ledgerLs(url: string): Array<{ state: string; kind: string; jobId?: string }> {
  const out = execFileSync(
    process.execPath,
    [path.join(repoRoot, "dist/provider/cli/pulumi-aigc.js"), "ledger", "ls", "--json"],
    {
      env: { ...process.env, PULUMI_AIGC_LEDGER: url },
      encoding: "utf8",
    },
  );
  return JSON.parse(out);
}

describe("S7: two runners share PostgreSQL for state and ledger", () => {
  let pg: PostgresServer;
  let emu: RunningEmulator;
  let url: string;
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
    url = await pg.createDatabase("team");
    // Jobs that cannot finish before runner A is killed; the emulator's clock finishes them afterwards.
    emu = await startTestEmulator({ jobLatencyMs: 600_000 });
  });
  afterAll(async () => {
    for (const t of stacks) await t.cleanup();
    await emu?.close();
    await pg?.stop();
  });

  it("runner A killed right after its submissions: runner B's cancel + up completes all, none twice", async () => {
    const a = await createAigcStack("s7", emu, { backendUrl: url, ledger: url });
    stacks.push(a);
    const child = spawn(a.cli, ["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: a.projectDir,
      env: { ...process.env, ...a.env },
      stdio: "ignore",
    });
    const exited = new Promise((r) => child.once("exit", r));
    const deadline = Date.now() + 90_000;
    while (ledgerLs(url).filter((i) => i.state === "submitted").length < Object.keys(ONE_EACH).length) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("runner A did not submit every job");
      await sleep(200);
    }
    killRunner(a); // the machine dies: the CLI, its language host and its providers
    await exited;
    expect(await submissions(emu)).toEqual(ONE_EACH);
    await advanceClock(emu, 600_000);

    const b = await a.anotherRunner();
    stacks.push(b);
    expect(b.env.PULUMI_HOME).not.toBe(a.env.PULUMI_HOME);
    await b.stack.cancel();
    const up = await b.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.coverStatus!.value).toBe("Success");
    expect(up.outputs.portraitStatus!.value).toBe("FINISHED");
    expect(await submissions(emu)).toEqual(ONE_EACH);
    // Every intent holds its job; the state in the database holds every resource, and no credential.
    expect(ledgerLs(url).map((i) => i.state)).toEqual(Array(5).fill("submitted"));
    const atRest = await backendText(b);
    for (const id of ledgerLs(url).map((i) => i.jobId!)) expect(atRest).toContain(id);
    expect(atRest).not.toContain(emu.credentials.alibaba.accessKeySecret);
  });
});
