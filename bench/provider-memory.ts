import * as fs from "node:fs";

/** Pids of running dynamic-provider processes (node .../@pulumi/pulumi/cmd/dynamic-provider/index.js). */
function dynamicProviderPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("dynamic-provider/index.js"))
        pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** Peak resident set (VmHWM) of a process in bytes, or 0 when it is gone. */
function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `work` while sampling every dynamic-provider process that starts during it, and returns the
 * highest peak RSS seen (VmHWM only grows, so the last sample before a process exits is its peak).
 */
export async function withProviderMemory<T>(
  work: () => Promise<T>,
  everyMs = 200,
): Promise<{ result: T; peakRssBytes: number }> {
  const before = new Set(dynamicProviderPids());
  let peak = 0;
  const sample = () => {
    for (const pid of dynamicProviderPids()) if (!before.has(pid)) peak = Math.max(peak, peakRss(pid));
  };
  const timer = setInterval(sample, everyMs);
  try {
    const result = await work();
    sample();
    return { result, peakRssBytes: peak };
  } finally {
    clearInterval(timer);
  }
}
