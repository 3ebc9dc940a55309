// Scale rows "N jobs as per-job resources" and "N jobs as one batch" (issue 21): one `pulumi up` of a catalog of
// N scene images against the emulator (Tencent's 20/s create limit on), timed against the vendor floor. The stack
// is thrown away afterwards without `destroy` (its state and ledger are temp files; the emulator forgets its jobs
// when it stops): destroying thousands of jobs would cost as long again and measures nothing asked.
import * as path from "node:path";
import { createAigcStack, type EmulatorEndpoint } from "../aigc-stack";
import type { EmulatorProcess } from "../emulator-process";
import type { TestStack } from "../pulumi-workspace";
import { checkpointBytes, type MachineLoad, machineLoad, round, timed, vendorDelta, vendorTotals } from "./measure";
import { vendorFloorSeconds } from "./vendor-floor";

/** Where the scale rows' generated projects go, under the repository. */
export const SCALE_PROJECTS = path.join(".pulumi-aigc", "bench-scale");

/** How a catalog declares its jobs: a resource per job, or one batch resource with an item per job. */
export type CatalogShape = "per-job" | "batch";

/** Where a row's submission ledger lives: the default file ledger beside the state, or a PostgreSQL database. */
export type LedgerKind = "file" | "postgres";

/**
 * A stack of the scene catalog program (harness/programs/scene-catalog.ts), wired to the emulator; its ledger is
 * the default file ledger, or `ledger` (an `aigc:ledger` URL such as a PostgreSQL database's).
 */
export function catalogStack(
  name: string,
  emu: EmulatorEndpoint,
  shape: CatalogShape,
  n: number,
  ledger?: string,
): Promise<TestStack> {
  return createAigcStack(name, emu, {
    program: "dist/harness/programs/scene-catalog.js",
    // The spend guard's default cap (100 submissions per update) would stop a larger catalog.
    config: {
      "bench:n": String(n),
      "bench:shape": shape,
      "aigc:maxSubmissionsPerUpdate": String(Math.max(100, n + 1)),
    },
    projectsDir: SCALE_PROJECTS,
    ...(ledger ? { ledger } : {}),
  });
}

/** The machine's load when a row started and when it ended. */
export interface LoadSpan {
  readonly before: MachineLoad;
  readonly after: MachineLoad;
}

/** One `pulumi up` of a catalog of N jobs, against the vendor floor. */
export interface CatalogRun {
  readonly shape: CatalogShape;
  readonly n: number;
  readonly ledger: LedgerKind;
  /** The command, as a user would type it. */
  readonly command: string;
  readonly jobLatencySeconds: number;
  readonly seconds: number;
  readonly floorSeconds: number;
  readonly ratioToFloor: number;
  /** CPU seconds of the `pulumi up` process tree (engine, language host, program, provider). */
  readonly cpuSeconds: number;
  /** Throttling errors the vendor answered. Target 0. */
  readonly throttlingErrors: number;
  /** Jobs the vendor created per intended job. Target exactly 1. */
  readonly submissionsPerJob: number;
  /** Vendor requests per job: the submit, the polls, any retry. */
  readonly requestsPerJob: number;
  /** Checkpoint bytes per job after the update (the engine rewrites them all after each step). */
  readonly stateBytesPerJob: number;
  readonly load: LoadSpan;
}

/**
 * `pulumi up` of a fresh catalog stack of N scene jobs: per-job resources with `--parallel N` (the way the
 * README recommends for them), or one batch resource with the plain command; on the default file ledger, or on
 * the ledger at `ledgerUrl` (a PostgreSQL database).
 */
export async function catalogRun(
  emu: EmulatorProcess,
  shape: CatalogShape,
  n: number,
  jobLatencySeconds: number,
  ledgerUrl?: string,
): Promise<CatalogRun> {
  const t = await catalogStack(`scale-${shape}-${n}`, emu, shape, n, ledgerUrl);
  try {
    const parallel = shape === "per-job" ? n : undefined;
    const before = machineLoad();
    const v0 = await vendorTotals(emu);
    const run = await timed(() => t.stack.up(parallel ? { parallel } : {}));
    const v = vendorDelta(v0, await vendorTotals(emu));
    const floor = vendorFloorSeconds(n, jobLatencySeconds);
    return {
      shape,
      n,
      ledger: ledgerUrl ? "postgres" : "file",
      command: parallel ? `pulumi up --parallel ${n}` : "pulumi up",
      jobLatencySeconds,
      seconds: round(run.seconds),
      floorSeconds: round(floor),
      ratioToFloor: round(run.seconds / floor, 3),
      cpuSeconds: round(run.cpuSeconds),
      throttlingErrors: v.throttled,
      submissionsPerJob: round(v.submissions / n, 3),
      requestsPerJob: round(v.requests / n, 2),
      stateBytesPerJob: Math.round(checkpointBytes(t) / n),
      load: { before, after: machineLoad() },
    };
  } finally {
    await t.cleanup();
  }
}
