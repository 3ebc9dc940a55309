// The batch drill: one tencent.SceneAigcImageTaskSet of N items whose `pulumi up` is SIGKILLed mid-batch (half the
// items submitted), then recovered by another runner (its own HOME and work directory) sharing the first one's
// ledger: `pulumi cancel`, `pulumi up`. Audited item by item: one vendor job per item, none twice, none lost.
// Beside the per-resource drills (./drills.ts), whose DrillResult it returns.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { createAigcStack } from "./aigc-stack";
import { type DrillResult, spendCap } from "./drills";
import { type EmulatorProcess, spawnEmulator } from "./emulator-process";
import type { TestStack } from "./pulumi-workspace";

const PROJECTS = path.join(".pulumi-aigc", "drill");
const KIND = "tencent:SceneAigcImageTask";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type AdminJob = { id: string; kind: string };
const sceneJobs = async (emu: EmulatorProcess) =>
  (await emu.admin<{ jobs: AdminJob[] }>("jobs")).jobs.filter((j) => j.kind.includes("SceneAigcImage"));

/** Runs `a`'s `pulumi up` and SIGKILLs it (the CLI; its providers live on, as on a killed runner) mid-batch. */
async function killMidBatch(a: TestStack, emu: EmulatorProcess, n: number): Promise<void> {
  const child = spawn(a.cli, ["up", "--yes", "--skip-preview", "--non-interactive"], {
    cwd: a.projectDir,
    env: { ...process.env, ...a.env },
    stdio: "ignore",
  });
  const exited = new Promise((r) => child.once("exit", r));
  const end = Date.now() + 180_000;
  while (Date.now() < end && child.exitCode === null && (await sceneJobs(emu)).length < Math.ceil(n / 2)) {
    await sleep(50);
  }
  if (child.exitCode !== null) throw new Error("drill: pulumi up ended before it could be killed");
  child.kill("SIGKILL");
  await exited;
}

/** The batch's items against the vendor's jobs: duplicates, items without a known job, items missing. */
async function auditBatch(t: TestStack, emu: EmulatorProcess, n: number) {
  const jobs = await sceneJobs(emu);
  const known = new Set(jobs.map((j) => j.id));
  const state = await t.stack.exportStack();
  type Res = { type: string; outputs?: { items?: Record<string, { taskId?: string; ambiguousSubmissions?: number }> } };
  const batch = (state.deployment.resources as Res[] | undefined)?.find((r) => r.type.endsWith(`${KIND}Set`));
  const items = Object.values(batch?.outputs?.items ?? {});
  // What the state pays per item (inputs, outputs and the engine's own fields of the batch, divided by its items).
  const bytes = Math.round(JSON.stringify(batch ?? {}).length / Math.max(1, items.length));
  process.stderr.write(`[drill] batch state: ${bytes} bytes per item (${items.length} items)\n`);
  return {
    resources: { [KIND]: items.length },
    duplicates: { [KIND]: Math.max(0, jobs.length - items.length) },
    reportedAmbiguous: { [KIND]: items.reduce((s, i) => s + (i.ambiguousSubmissions ?? 0), 0) },
    resourcesWithoutJob: items.filter((i) => !i.taskId || !known.has(i.taskId)).length,
    missingResources: n - items.length,
  };
}

/** The batch drill (see the file comment) with `n` items of `latencyMs` each. */
export async function batchSigkillDrill(n: number, latencyMs = 6000): Promise<DrillResult> {
  const emu = await spawnEmulator(["--latency", String(latencyMs)]);
  const a = await createAigcStack("drill-batch", emu, {
    program: "dist/harness/programs/batch-stack.js",
    config: { "batch:n": String(n), "aigc:maxSubmissionsPerUpdate": String(spendCap(n)) },
    projectsDir: PROJECTS,
  });
  let b: TestStack | undefined;
  try {
    await killMidBatch(a, emu, n);
    b = await a.anotherRunner({ PULUMI_AIGC_LEDGER: `file://${a.ledgerDir}` });
    await b.stack.cancel();
    const errors: string[] = [];
    let upRuns = 1;
    let completed = false;
    for (; upRuns <= 3 && !completed; upRuns++) {
      completed = await b.stack.up().then(
        () => true,
        (err: Error) => {
          errors.push(err.message.split("\n").slice(-3).join(" | "));
          return false;
        },
      );
    }
    return {
      scenario: `one batch of ${n} items, pulumi up SIGKILLed mid-batch, another runner on the shared ledger`,
      jobs: n,
      faultsInjected: { sigkill: 1 },
      upRuns,
      completed,
      recovery: "runner B: pulumi cancel, pulumi up",
      audit: await auditBatch(b, emu, n),
      duplicateWarnings: 0,
      errors,
    };
  } finally {
    await b?.cleanup();
    await a.cleanup();
    await emu.stop();
  }
}
