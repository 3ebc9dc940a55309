// `npm run bench`: speed, API cost and memory, measured with the real Pulumi CLI against the emulator.
// Writes bench/results/latest.json and its SVG charts (bench/charts.ts) and prints a table. Figures only:
// nothing here passes or fails on time.
//   --quick   small sizes, to check the bench itself quickly
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { measureEmulatorThroughput } from "./emulator-throughput";
import { measurePolls, measureVodBatchedPolls } from "./polls-per-job";
import { compareWithOfficialSdks } from "./sdk-vs-official";
import {
  type EngineOverhead,
  engineOverhead,
  FLOOR_METHOD,
  measuredFloor,
  previewCost,
  type StackRun,
  stackRun,
} from "./stack-throughput";
import { chartsOf } from "../harness/charts/write-charts";
import { repoRoot, spawnEmulator } from "../harness";

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

  log("polls per job (the waiter)");
  const polls = [
    await measurePolls(3, 1),
    await measurePolls(30, 1),
    await measurePolls(30, 10),
    await measurePolls(300, 100),
    await measureVodBatchedPolls(30, 10),
  ];

  log("our clients vs the official SDKs");
  const sdk = await compareWithOfficialSdks(32, quick ? 2 : 5);

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
    pollsPerJob: polls,
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
        "2. Poll calls per job (waiter: half the elapsed time, 1-60 s, ±20% jitter)",
        polls.map((p) => ({
          service: p.service,
          "job latency s": p.latencySeconds,
          "time scale": p.timeScale,
          jobs: p.jobs,
          "poll calls/job": p.pollCallsPerJob,
          "wall s": p.wallSeconds,
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
      table("4. Our clients vs the official SDKs (same emulator, same run)", [
        {
          request: "Tencent DescribeTaskDetail",
          client: sdk.tencent.ours.client,
          "req/s": sdk.tencent.ours.requestsPerSecond,
          "p50 ms": sdk.tencent.ours.p50Ms,
          "p99 ms": sdk.tencent.ours.p99Ms,
          ratio: sdk.tencent.ratio,
        },
        {
          request: "",
          client: sdk.tencent.official.client,
          "req/s": sdk.tencent.official.requestsPerSecond,
          "p50 ms": sdk.tencent.official.p50Ms,
          "p99 ms": sdk.tencent.official.p99Ms,
          ratio: 1,
        },
        {
          request: "ICE QueryIProductionJob",
          client: sdk.alibaba.oursV3.client,
          "req/s": sdk.alibaba.oursV3.requestsPerSecond,
          "p50 ms": sdk.alibaba.oursV3.p50Ms,
          "p99 ms": sdk.alibaba.oursV3.p99Ms,
          ratio: sdk.alibaba.ratioV3,
        },
        {
          request: "",
          client: sdk.alibaba.oursV1.client,
          "req/s": sdk.alibaba.oursV1.requestsPerSecond,
          "p50 ms": sdk.alibaba.oursV1.p50Ms,
          "p99 ms": sdk.alibaba.oursV1.p99Ms,
          ratio: sdk.alibaba.ratioV1,
        },
        {
          request: "",
          client: sdk.alibaba.official.client,
          "req/s": sdk.alibaba.official.requestsPerSecond,
          "p50 ms": sdk.alibaba.official.p50Ms,
          "p99 ms": sdk.alibaba.official.p99Ms,
          ratio: 1,
        },
      ]) +
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

main().catch((err: Error) => {
  process.stderr.write(`[bench] ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
