import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import type { RunnerInfo } from "./ledger";

/**
 * The kernel's start time of a process (Linux: field 22 of /proc/<pid>/stat, in clock ticks since boot), so a
 * recycled pid is not mistaken for the runner that used it before. Undefined where /proc is not available.
 */
export function processStartTicks(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count fields after its closing paren.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return rest[19];
  } catch {
    return undefined;
  }
}

/** Whether a process of this host with that pid (and, where known, that start time) is running. */
export function processAlive(pid: number, startTicks: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (startTicks === undefined) return true;
  const now = processStartTicks(pid);
  return now === undefined || now === startTicks;
}

/** This provider process as a ledger runner: a fresh id per process. */
export function currentRunner(): RunnerInfo & { readonly startTicks: string | undefined } {
  return {
    id: randomUUID(),
    host: os.hostname(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
    startTicks: processStartTicks(process.pid),
  };
}
