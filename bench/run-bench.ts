// `npm run bench`: speed, API cost and memory, measured with the real Pulumi CLI against the emulator.
// Writes bench/results/latest.json and its SVG charts (bench/charts.ts) and prints a table. Figures only:
// nothing here passes or fails on time.
//   --quick   small sizes, to check the bench itself quickly
//   --scale   instead: the catalog-scale rows (bench/run-scale.ts, with its own options)
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot, spawnEmulator } from "../harness";
import { chartsOf } from "../harness/charts/write-charts";
import { measureEmulatorThroughput } from "./emulator-throughput";
import { runScale } from "./run-scale";
import { compareWithOfficialSdks, sdkComparisonRows } from "./sdk-vs-official";
import {
  type EngineOverhead,
  engineOverhead,
  FLOOR_METHOD,
  measuredFloor,
  previewCost,
  type StackRun,
  stackRun,
} from "./stack-throughput";
import { measureWaiter, type WaiterRun } from "./waiter-bench";

const quick = process.argv.includes("--quick");
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function table(title: string, rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? "")));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i]!)).join("  ");
  return `\n${title}\n${line(cols)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${cells.map(line).join("\n")}\n`;
}

async function main(): Promise<void> {
  const started = new Date();
  const sizes = quick ? [5, 10] : [20, 100, 300];
  const L = 3;

  log(
    `stack throughput: N = ${sizes.join(", ")}, scene images and mixed stacks, job latency ${L} s, vendor rate ` +
      "limits on, each against its floor measured just before",
  );
  const emu = await spawnEmulator(["--latency", String(L * 1000)]);
  const overhead = new Map<number, EngineOverhead>();
  const runs: StackRun[] = [];
  try {
    for (const n of sizes) {
      overhead.set(n, await engineOverhead(n));
      log(`  engine overhead, ${n} no-op resources: ${overhead.get(n)!.seconds} s`);
    }
    for (const mix of ["scene", "mixed"] as const) {
      for (const n of sizes) {
        const floor = await measuredFloor(mix, n, L);
        runs.push(await stackRun(emu, mix, n, L, overhead.get(n), floor));
        log(`  ${n} ${mix}: ${runs.at(-1)!.seconds} s, floor ${runs.at(-1)!.floorSeconds} s`);
      }
    }
  } finally {
    await emu.stop();
  }

  const previewSizes = quick ? [10] : [100, 300];
  const previews = [];
  const previewEmu = await spawnEmulator(["--latency", "3000"]);
  try {
    for (const n of previewSizes) {
      log(`preview cost: ${n} jobs vs ${n} no-op resources`);
      previews.push(await previewCost(previewEmu, n));
    }
  } finally {
    await previewEmu.stop();
  }
  const preview = previews[0]!;

  const memoryN = quick ? 10 : 300;
  log(`provider memory: ${memoryN} jobs in flight (job latency 60 s)`);
  const memEmu = await spawnEmulator(["--latency", "60000"]);
  const memory = await stackRun(memEmu, "scene", memoryN, 60, undefined, undefined).finally(() => memEmu.stop());

  log("the waiter: polls per job and detection delay, cold, with history, and jobs 4× their history");
  const waiter: WaiterRun[] = [];
  for (const service of ["tencent-vod", "alibaba-vod"] as const) {
    for (const latency of quick ? [3, 30] : [3, 30, 300]) {
      waiter.push(...(await measureWaiter(service, latency)));
      log(`  ${service}, ${latency} s jobs: done`);
    }
  }

  log("our clients vs the official SDKs (independent loopback server, 16 and 32 concurrent)");
  const sdk = await compareWithOfficialSdks(quick ? { warmSeconds: 1, seconds: 2, rounds: 1 } : {});

  log("emulator throughput (DescribeTaskDetail, signature verified)");
  const emulator = await measureEmulatorThroughput(64, quick ? 2 : 5);

  const results = {
    generatedAt: started.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      pulumiCli: "v3.248.0",
    },
    quick,
    stackFloor: FLOOR_METHOD,
    stackThroughput: runs,
    engineOverhead: Object.fromEntries(overhead),
    previewCost: preview,
    previewCostBySize: previews,
    providerMemory: {
      jobsInFlight: memoryN,
      peakProviderRssMiB: memory.peakProviderRssMiB,
      noopBaselinePeakRssMiB: overhead.get(Math.max(...sizes))!.peakProviderRssMiB,
      stateBytesPerResource: memory.stateBytesPerResource,
      stateBreakdown: memory.stateBreakdown,
      seconds: memory.seconds,
    },
    waiter,
    sdkVsOfficial: sdk,
    emulatorThroughput: emulator,
  };
  const out = path.join(repoRoot, "bench", "results", quick ? "quick.json" : "latest.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const charts = chartsOf(out);

  process.stdout.write(
    table(
      "1. Stack throughput vs the floor measured in this run (create-rate slots + job latency, same CLI)",
      runs.map((r) => ({
        stack: `${r.n} ${r.mix}`,
        "wall s": r.seconds,
        "floor s": r.floorSeconds,
        "ratio to floor": r.ratioToFloor,
        "no-op stack s": r.engineOverheadSeconds,
        "CPU s": r.cpuSeconds,
        "throttling errors": r.throttlingErrors,
        "submissions/resource": r.submissionsPerResource,
      })),
    ) +
      table(
        "2. The waiter: polls and detection delay (finish seen minus finished), job time; durations p90/p50 1.29",
        waiter.map((w) => ({
          service: w.service,
          "median job s": w.latencySeconds,
          history: w.history === "overrun" ? "4× p50" : w.history,
          "hint p50/p90 s": w.hint ? `${w.hint.p50Seconds}/${w.hint.p90Seconds}` : "",
          "polls/job": w.pollsPerJob,
          "calls/job": w.callsPerJob,
          "delay p50 s": w.detectionDelay.p50Seconds,
          "delay p90 s": w.detectionDelay.p90Seconds,
          "p90 % of job": Math.round(w.detectionDelayShare.p90 * 1000) / 10,
          "± s": w.delayUncertaintySeconds,
          "time scale": Math.round(w.timeScale * 10) / 10,
        })),
      ) +
      table(
        `3. Preview cost (median of ${preview.repeats}, alternating with the no-op stack)`,
        previews.map((p) => ({
          stack: `${p.n} jobs`,
          "preview s": p.previewSeconds,
          "no-op preview s": p.noopPreviewSeconds,
          ratio: p.ratio,
          "CPU s": p.cpuSeconds,
          "no-op CPU s": p.noopCpuSeconds,
          "vendor calls": p.vendorCalls,
        })),
      ) +
      table(
        "4. Our clients vs the official SDKs (independent loopback server, same run, median of " +
          `${sdk.rounds} rounds, load average ${sdk.loadAverage.before} → ${sdk.loadAverage.after}; ratio: ours ÷ ` +
          "official req/s, official ÷ ours client CPU)",
        sdkComparisonRows(sdk),
      ) +
      table("5. Provider memory and state size", [
        {
          "jobs in flight": memoryN,
          "peak provider RSS MiB": memory.peakProviderRssMiB,
          [`same, ${Math.max(...sizes)} no-op resources`]: overhead.get(Math.max(...sizes))!.peakProviderRssMiB,
          "state bytes/resource": memory.stateBytesPerResource,
        },
      ]) +
      table(
        `   State bytes per job resource at N = ${memoryN}, by part`,
        [memory.stateBreakdown].map(({ resources: _r, ...b }) => b),
      ) +
      table("Emulator (loopback, signature verified)", [
        {
          request: "DescribeTaskDetail",
          concurrency: emulator.concurrency,
          "req/s": emulator.requestsPerSecond,
          "p50 ms": emulator.p50Ms,
          "p99 ms": emulator.p99Ms,
          errors: emulator.errors,
        },
      ]) +
      `\nwritten to ${path.relative(repoRoot, out)}\n` +
      `charts: ${charts.map((c) => path.relative(repoRoot, c)).join(", ")}\n`,
  );
}

(process.argv.includes("--scale") ? runScale() : main()).catch((err: Error) => {
  process.stderr.write(`[bench] ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
