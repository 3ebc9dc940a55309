// Fault drills: exactly-once under injected faults, an emulator killed and restarted mid-update, and
// `pulumi up` SIGKILLed at three moments. Shared by `npm run drill` (N = 50) and the e2e suite (small N).
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createAigcStack } from "./aigc-stack";
import { type EmulatorProcess, spawnEmulator } from "./emulator-process";
import { freePort } from "./free-port";
import { startPostgres } from "./postgres-server";
import { killRunner, ledgerIntents, type TestStack } from "./pulumi-workspace";
import { type Audit, auditStack } from "./stack-audit";
import { writeYamlJobProject, yamlHostEnv } from "./yaml-project";

const PROJECTS = path.join(".pulumi-aigc", "drill");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one drill measured: faults injected, `up` runs until complete, and the audit of jobs vs resources. */
export interface DrillResult {
  readonly scenario: string;
  readonly jobs: number;
  /** Faults the emulator injected, per kind. */
  readonly faultsInjected: Record<string, number>;
  /** `pulumi up` runs it took until the stack was complete (a user re-runs a failed update). */
  readonly upRuns: number;
  readonly completed: boolean;
  /** What a user typed to recover, if anything beyond re-running `pulumi up`. */
  readonly recovery: string;
  readonly audit: Audit;
  /** `WARNING possible duplicate` lines the provider printed. */
  readonly duplicateWarnings: number;
  readonly errors: string[];
}

/** How a drill's program declares its jobs: dynamic resources (Node) or the provider plugin (YAML). */
export type Face = "dynamic" | "plugin";

async function jobStack(
  name: string,
  emu: EmulatorProcess,
  n: number,
  extra: { backendUrl?: string; ledger?: string } = {},
  face: Face = "dynamic",
): Promise<TestStack> {
  const program =
    face === "plugin"
      ? { projectDir: writeYamlJobProject(PROJECTS, name, n, "mixed"), env: yamlHostEnv() }
      : { program: "dist/harness/programs/job-stack.js" };
  return createAigcStack(name, emu, {
    ...program,
    config: {
      "bench:n": String(n),
      "bench:mix": "mixed",
      "aigc:ambiguousSubmission": "resubmit",
      // Drills resubmit after ambiguous failures: the spend guard is set high enough, and explicitly.
      "aigc:maxSubmissionsPerUpdate": String(spendCap(n)),
    },
    projectsDir: PROJECTS,
    ...extra,
  });
}

/** The spend guard the drills run with: room for every job and its possible resubmissions. */
export const spendCap = (n: number) => Math.max(100, n * 4);

/** Runs `up` until it succeeds (at most `runs` times), collecting the output a user would read. */
async function upUntilComplete(
  t: TestStack,
  n: number,
  runs: number,
): Promise<{ upRuns: number; completed: boolean; output: string; errors: string[] }> {
  let output = "";
  const errors: string[] = [];
  for (let i = 1; i <= runs; i++) {
    try {
      await t.stack.up({ parallel: n, onOutput: (s) => (output += s) });
      return { upRuns: i, completed: true, output, errors };
    } catch (err) {
      const lines = output.split("\n").filter((l) => /error:/.test(l) && !/update failed/.test(l));
      errors.push(`run ${i}: ${lines.slice(-3).join(" | ") || (err as Error).message.split("\n")[0]}`);
    }
  }
  return { upRuns: runs, completed: false, output, errors };
}

/** Distinct `WARNING possible duplicate` lines (the CLI prints each diagnostic twice: inline and in its summary). */
const warnings = (output: string) =>
  new Set(
    output
      .split("\n")
      .filter((l) => l.includes("WARNING possible duplicate"))
      .map((l) => l.trim().replace(/^.*?\[pulumi-aigc\]/, "")),
  ).size;

/** 10% 5xx, 10% throttling, 5% connection resets (half after the job was recorded), 5% slow answers. */
export async function faultDrill(n: number, latencyMs = 3000): Promise<DrillResult> {
  const emu = await spawnEmulator([
    "--latency",
    String(latencyMs),
    "--fault-server-error",
    "0.1",
    "--fault-throttle",
    "0.1",
    "--fault-reset-before",
    "0.025",
    "--fault-reset-after",
    "0.025",
    "--fault-slow",
    "0.05",
    "--fault-slow-ms",
    "2000",
    "--fault-seed",
    "20261121",
  ]);
  const t = await jobStack("drill-faults", emu, n);
  try {
    const run = await upUntilComplete(t, n, 3);
    const stats = await emu.admin<{ faults: Record<string, number> }>("stats");
    return {
      scenario: "10% 5xx, 10% throttling, 5% resets (half after recording), 5% slow",
      jobs: n,
      faultsInjected: stats.faults,
      upRuns: run.upRuns,
      completed: run.completed,
      recovery: run.upRuns > 1 ? "re-ran pulumi up" : "none",
      audit: await auditStack(t, emu, n),
      duplicateWarnings: warnings(run.output),
      errors: run.errors,
    };
  } finally {
    await t.cleanup();
    await emu.stop();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error("drill: the moment to strike never came");
}

const submitted = async (emu: EmulatorProcess) => (await emu.admin<{ jobs: unknown[] }>("jobs")).jobs.length;

/** The emulator (the vendor) is SIGKILLed mid-update and restarted 3 s later from its persisted state. */
export async function emulatorRestartDrill(n: number, latencyMs = 5000): Promise<DrillResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drill-emu-"));
  const args = ["--latency", String(latencyMs), "--state-file", path.join(dir, "state.jsonl")];
  const port = await freePort();
  let emu = await spawnEmulator(args, port);
  const t = await jobStack("drill-restart", emu, n);
  try {
    let output = "";
    const first = t.stack.up({ parallel: n, onOutput: (s) => (output += s) }).then(
      () => true,
      () => false,
    );
    await waitFor(async () => (await submitted(emu)) >= Math.ceil(n / 2), 120_000);
    await emu.stop("SIGKILL");
    await sleep(3_000);
    emu = await spawnEmulator(args, port);
    const firstOk = await first;
    const rest = firstOk
      ? { upRuns: 0, completed: true, output: "", errors: [] as string[] }
      : await upUntilComplete(t, n, 2);
    return {
      scenario: "emulator SIGKILLed mid-update, restarted from its state file 3 s later",
      jobs: n,
      faultsInjected: { emulatorKills: 1 },
      upRuns: 1 + rest.upRuns,
      completed: firstOk || rest.completed,
      recovery: firstOk ? "none: the update rode through the outage" : "re-ran pulumi up",
      audit: await auditStack(t, emu, n),
      duplicateWarnings: warnings(output + rest.output),
      errors: rest.errors,
    };
  } finally {
    await t.cleanup();
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** When `sigkillDrill` kills `pulumi up`, judged from the emulator's jobs. */
export type KillMoment = "half submitted" | "all submitted" | "half finished";

/**
 * `pulumi up` SIGKILLed at a given moment, then the documented recovery: `pulumi cancel`, `pulumi up`. `face`:
 * the jobs as dynamic resources (a Node program) or through the provider plugin (a YAML program).
 */
export async function sigkillDrill(
  n: number,
  moment: KillMoment,
  latencyMs = 6000,
  face: Face = "dynamic",
): Promise<DrillResult> {
  const emu = await spawnEmulator(["--latency", String(latencyMs)]);
  const t = await jobStack(
    `drill-kill-${face === "plugin" ? "plugin-" : ""}${moment.replace(/ /g, "-")}`,
    emu,
    n,
    {},
    face,
  );
  try {
    const child = spawn(t.cli, ["up", "--yes", "--skip-preview", "--non-interactive", "--parallel", String(n)], {
      cwd: t.projectDir,
      env: { ...process.env, ...t.env },
      stdio: "ignore",
    });
    const exited = new Promise((r) => child.once("exit", r));
    const finished = async () =>
      (await emu.admin<{ jobs: Array<{ stage: string }> }>("jobs")).jobs.filter((j) => j.stage === "done").length;
    // "All submitted" is judged by the runner too: every job id in its ledger. The vendor alone counts a job the
    // moment it accepts it, before the runner reads the answer; a kill in between is an ambiguous submission (the
    // drills resubmit those, and a kind the vendor cannot deduplicate may then run twice), which is not this moment.
    const recorded = () => ledgerIntents(t).filter((i) => i.state === "submitted").length;
    const moments: Record<KillMoment, () => Promise<boolean>> = {
      "half submitted": async () => (await submitted(emu)) >= Math.ceil(n / 2),
      "all submitted": async () => (await submitted(emu)) >= n && recorded() >= n,
      "half finished": async () => (await finished()) >= Math.ceil(n / 2),
    };
    await waitFor(async () => child.exitCode !== null || (await moments[moment]()), 180_000);
    if (child.exitCode !== null) throw new Error("drill: pulumi up ended before it could be killed");
    child.kill("SIGKILL");
    await exited;
    await t.stack.cancel();
    const run = await upUntilComplete(t, n, 2);
    return {
      scenario: `pulumi up SIGKILLed when ${moment}${face === "plugin" ? " (YAML program, aigc plugin)" : ""}`,
      jobs: n,
      faultsInjected: { sigkill: 1 },
      upRuns: 1 + run.upRuns,
      completed: run.completed,
      recovery: "pulumi cancel, pulumi up",
      audit: await auditStack(t, emu, n),
      duplicateWarnings: warnings(run.output),
      errors: run.errors,
    };
  } finally {
    await t.cleanup();
    await emu.stop();
  }
}

/** The ledger's intents as the operator command lists them (`pulumi-aigc ledger ls --json`). */
function ledgerStates(url: string): string[] {
  const cli = path.join(__dirname, "..", "provider", "cli", "pulumi-aigc.js");
  const out = execFileSync(process.execPath, [cli, "ledger", "ls", "--json", "--all"], {
    env: { ...process.env, PULUMI_AIGC_LEDGER: url },
    encoding: "utf8",
  });
  return (JSON.parse(out) as Array<{ state: string }>).map((i) => i.state);
}

/** The number of intents holding a job id in the ledger `t`'s runner would read (`ledger ls`, no --ledger). */
function recordedByRunner(t: TestStack): number {
  const cli = path.join(__dirname, "..", "provider", "cli", "pulumi-aigc.js");
  const env: NodeJS.ProcessEnv = { ...process.env, ...t.env };
  delete env.PULUMI_AIGC_LEDGER;
  const out = execFileSync(process.execPath, [cli, "ledger", "ls", "--json", "--all"], {
    cwd: t.projectDir,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return (JSON.parse(out) as Array<{ state: string }>).filter((i) => i.state === "submitted").length;
}

/**
 * Runs runner `a`'s `pulumi up` in a process of its own and kills the runner (its whole process tree, as when its
 * machine dies) once `allRecorded` says every job was submitted and recorded.
 * @throws Error when the update ends before it could be killed.
 */
async function upThenKillRunner(a: TestStack, n: number, allRecorded: () => boolean): Promise<void> {
  const child = spawn(a.cli, ["up", "--yes", "--skip-preview", "--non-interactive", "--parallel", String(n)], {
    cwd: a.projectDir,
    env: { ...process.env, ...a.env },
    stdio: "ignore",
  });
  const exited = new Promise((r) => child.once("exit", r));
  await waitFor(async () => child.exitCode !== null || allRecorded(), 180_000);
  if (child.exitCode !== null) throw new Error("drill: pulumi up ended before it could be killed");
  killRunner(a);
  await exited;
}

/**
 * S13/S14 (issue 19): two runners share a state backend (`file://` in the temp dir, or `postgres://`) and set
 * no aigc:ledger, so the ledger is the one beside the state. Runner A is killed (its whole process tree) once
 * every job was submitted and recorded; runner B, with its own HOME and work directory, runs `pulumi cancel` and
 * `pulumi up`.
 */
export async function sharedBackendDrill(n: number, backend: "file" | "postgres", latencyMs = 6000) {
  const pg = backend === "postgres" ? await startPostgres() : undefined;
  const emu = await spawnEmulator(["--latency", String(latencyMs)]);
  const backendUrl = pg ? await pg.createDatabase("drill_state") : undefined;
  const a = await jobStack(`drill-${backend}-state`, emu, n, backendUrl ? { backendUrl } : {});
  return killedRunnerDrill(a, n, () => recordedByRunner(a) >= n, {
    scenario: `two runners on a ${backend}:// state backend, no aigc:ledger: runner A killed when all submitted`,
    recovery: "runner B (fresh PULUMI_HOME): pulumi cancel, pulumi up",
    stop: async () => {
      await emu.stop();
      await pg?.stop();
    },
    emu,
  });
}

/**
 * A team pipeline on PostgreSQL (state and ledger in one database): runner A is killed (with its language host
 * and providers, as when its machine dies) right after every job was submitted and recorded; runner B, with
 * its own HOME and work directory, runs `pulumi cancel` and `pulumi up`.
 */
export async function teamDrill(n: number, latencyMs = 6000): Promise<DrillResult> {
  const pg = await startPostgres();
  const emu = await spawnEmulator(["--latency", String(latencyMs)]);
  const url = await pg.createDatabase("drill");
  const a = await jobStack("drill-team", emu, n, { backendUrl: url, ledger: url });
  return killedRunnerDrill(a, n, () => ledgerStates(url).filter((s) => s === "submitted").length >= n, {
    scenario: "two runners on PostgreSQL: runner A killed when all submitted",
    recovery: "runner B: pulumi cancel, pulumi up",
    stop: async () => {
      await emu.stop();
      await pg.stop();
    },
    emu,
  });
}

/**
 * Runner A's `pulumi up` killed once `allRecorded`, then runner B (its own HOME and work directory) runs `pulumi
 * cancel` and `pulumi up` until complete; the stacks are cleaned up and `d.stop` stops the servers either way.
 */
async function killedRunnerDrill(
  a: TestStack,
  n: number,
  allRecorded: () => boolean,
  d: { scenario: string; recovery: string; emu: EmulatorProcess; stop(): Promise<void> },
): Promise<DrillResult> {
  let b: TestStack | undefined;
  try {
    await upThenKillRunner(a, n, allRecorded);
    b = await a.anotherRunner();
    await b.stack.cancel();
    const run = await upUntilComplete(b, n, 2);
    return {
      scenario: d.scenario,
      jobs: n,
      faultsInjected: { "runner killed": 1 },
      upRuns: 1 + run.upRuns,
      completed: run.completed,
      recovery: d.recovery,
      audit: await auditStack(b, d.emu, n),
      duplicateWarnings: warnings(run.output),
      errors: run.errors,
    };
  } finally {
    await b?.cleanup();
    await a.cleanup();
    await d.stop();
  }
}
