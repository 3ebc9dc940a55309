// Scale row "K stacks on one account at once" (issue 21): K pipelines apply M scene jobs each at the same moment
// against one vendor account (one emulator, one rate limit), several runs over. Each run counts the vendor's
// throttling errors, requests per job, the stacks whose update failed and the jobs never submitted, and its wall
// time (until the last stack ends) against the floor of all K × M jobs on the one account.
import type { EmulatorProcess } from "../emulator-process";
import type { TestStack } from "../pulumi-workspace";
import { catalogStack, type LoadSpan } from "./catalog-row";
import { machineLoad, round, timed, vendorDelta, vendorTotals } from "./measure";
import { vendorFloorSeconds } from "./vendor-floor";

/** One run: K updates started together. */
export interface SharedAccountRun {
  readonly seconds: number;
  readonly ratioToFloor: number;
  readonly throttlingErrors: number;
  readonly requestsPerJob: number;
  /** Stacks whose `pulumi up` failed. Target 0. */
  readonly failedStacks: number;
  /** Jobs the vendor created, against K × M intended. */
  readonly submissions: number;
  /** The first error line of each failed stack (vendor codes and messages, no credentials). */
  readonly errors: readonly string[];
  readonly load: LoadSpan;
}

/** The row: every run, and the range of each figure. */
export interface SharedAccountRow {
  readonly stacks: number;
  readonly jobsPerStack: number;
  readonly jobLatencySeconds: number;
  readonly floorSeconds: number;
  readonly runs: readonly SharedAccountRun[];
  /** Runs in which at least one stack failed. Target 0. */
  readonly runsWithFailedStacks: number;
  readonly throttlingErrors: { readonly min: number; readonly max: number };
  readonly ratioToFloor: { readonly min: number; readonly max: number };
  readonly requestsPerJob: { readonly min: number; readonly max: number };
}

/** The line of a failed update's message a reader needs: the first naming an error, shortened. */
export function firstErrorLine(message: string): string {
  const line = message.split("\n").find((l) => /error/i.test(l) && !/^\s*at /.test(l)) ?? message.split("\n")[0]!;
  return line.trim().slice(0, 300);
}

async function oneRun(emu: EmulatorProcess, run: number, k: number, m: number, latency: number) {
  const stacks: TestStack[] = [];
  try {
    for (let s = 0; s < k; s++) stacks.push(await catalogStack(`scale-account-r${run}-s${s}`, emu, "per-job", m));
    const before = machineLoad();
    const v0 = await vendorTotals(emu);
    const { result, seconds } = await timed(() => Promise.allSettled(stacks.map((t) => t.stack.up({ parallel: m }))));
    const v = vendorDelta(v0, await vendorTotals(emu));
    const failed = result.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    return {
      seconds: round(seconds),
      ratioToFloor: round(seconds / vendorFloorSeconds(k * m, latency), 3),
      throttlingErrors: v.throttled,
      requestsPerJob: round(v.requests / (k * m), 2),
      failedStacks: failed.length,
      submissions: v.submissions,
      errors: failed.map((f) => firstErrorLine(String((f.reason as Error)?.message ?? f.reason))),
      load: { before, after: machineLoad() },
    } satisfies SharedAccountRun;
  } finally {
    for (const t of stacks) await t.cleanup();
  }
}

const range = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });

/** `runs` runs of K stacks × M scene jobs applied at once (`up --parallel M` each) against one account. */
export async function sharedAccountRow(
  emu: EmulatorProcess,
  k: number,
  m: number,
  runs: number,
  jobLatencySeconds: number,
  onRun: (r: SharedAccountRun, i: number) => void = () => undefined,
): Promise<SharedAccountRow> {
  const all: SharedAccountRun[] = [];
  for (let i = 0; i < runs; i++) {
    all.push(await oneRun(emu, i, k, m, jobLatencySeconds));
    onRun(all.at(-1)!, i);
  }
  return {
    stacks: k,
    jobsPerStack: m,
    jobLatencySeconds,
    floorSeconds: round(vendorFloorSeconds(k * m, jobLatencySeconds)),
    runs: all,
    runsWithFailedStacks: all.filter((r) => r.failedStacks > 0).length,
    throttlingErrors: range(all.map((r) => r.throttlingErrors)),
    ratioToFloor: range(all.map((r) => r.ratioToFloor)),
    requestsPerJob: range(all.map((r) => r.requestsPerJob)),
  };
}
