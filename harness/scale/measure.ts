// What every scale row measures around a CLI command: wall and CPU time of the command's process tree, the
// vendor's counters (the emulator's admin stats) and the machine's load, which on a shared machine says how much
// a figure can be trusted.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EmulatorProcess } from "../emulator-process";
import type { TestStack } from "../pulumi-workspace";

/** The emulator's totals (GET /__emulator/stats). */
export interface VendorTotals {
  readonly requests: number;
  readonly submissions: number;
  readonly throttled: number;
  readonly failed: number;
}

/** The vendor's totals now. */
export async function vendorTotals(emu: Pick<EmulatorProcess, "admin">): Promise<VendorTotals> {
  return (await emu.admin<{ totals: VendorTotals }>("stats")).totals;
}

/** What the vendor saw between two readings. */
export function vendorDelta(before: VendorTotals, after: VendorTotals): VendorTotals {
  return {
    requests: after.requests - before.requests,
    submissions: after.submissions - before.submissions,
    throttled: after.throttled - before.throttled,
    failed: after.failed - before.failed,
  };
}

/** The machine's load averages (1, 5, 15 minutes), as `uptime` prints them, and the CPUs they are shared by. */
export interface MachineLoad {
  readonly at: string;
  readonly loadAverage: readonly [number, number, number];
  readonly cpus: number;
}

/** The machine's load now. */
export function machineLoad(): MachineLoad {
  const [a, b, c] = os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];
  return { at: new Date().toISOString(), loadAverage: [a, b, c], cpus: os.cpus().length };
}

/**
 * CPU seconds of this process's children that have exited (Linux): a `pulumi` command's whole process tree once
 * the Automation API has waited for it, since each process of the tree is waited for by its parent.
 */
export function childrenCpuSeconds(): number {
  const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // After the command name: state is field 3, cutime and cstime fields 16 and 17, in clock ticks (100 per second).
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Wall and children's CPU seconds of `work` (CPU is only exact when nothing else of ours runs meanwhile). */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const c0 = childrenCpuSeconds();
  const t0 = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - t0) / 1000, cpuSeconds: childrenCpuSeconds() - c0 };
}

/** Rounds to `digits` decimals. */
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The checkpoint files of a stack's file backend (its latest state; not backups or history). */
export function checkpointFiles(t: Pick<TestStack, "stateDir">): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".json")) files.push(p);
    }
  };
  walk(path.join(t.stateDir, "backend", ".pulumi", "stacks"));
  return files;
}

/** Bytes of a stack's checkpoint in its file backend: what the engine rewrites after every step. */
export function checkpointBytes(t: Pick<TestStack, "stateDir">): number {
  return checkpointFiles(t).reduce((sum, f) => sum + fs.statSync(f).size, 0);
}
