// What the bench charts draw, independent of the layout of the results file. The bench's result fields
// change as it grows: `chartInputFromResults` is the one place that reads the file, so it is the only code
// to update when they do.

/** Detection delay of the waiter: percentiles when measured per job, else an upper bound from the batch. */
export type DetectionDelay =
  | { readonly p50Seconds: number; readonly p90Seconds: number }
  | { readonly upperBoundSeconds: number };

/** One bench run, as the charts need it. Times in seconds unless named otherwise. */
export interface ChartInput {
  /** When and where the bench ran, for each chart's footnote. */
  readonly run: { readonly generatedAt: string; readonly machine: string; readonly quick: boolean };
  /** Whole-stack `pulumi up` runs of N jobs: wall time against the floor no client can beat. */
  readonly stacks: ReadonlyArray<{
    /** e.g. "100 scene". */
    readonly label: string;
    readonly n: number;
    readonly wallSeconds: number;
    readonly floorSeconds: number;
  }>;
  /** How the floor was obtained, shown under the chart. */
  readonly floorMethod: string;
  /** The waiter on batches of jobs: poll calls per job and how late it saw each job finish. */
  readonly waiter: ReadonlyArray<{
    /** The series a point belongs to, e.g. "Tencent VOD, cold" or "Alibaba VOD (batched), with history". */
    readonly series: string;
    /** Job latency on the emulator's clock. */
    readonly jobLatencySeconds: number;
    /** Vendor calls the polls made, per job. */
    readonly pollsPerJob: number;
    /** On the emulator's clock (job time), like the latency. */
    readonly detectionDelay?: DetectionDelay | undefined;
  }>;
  /** How the waiter was measured, shown under its chart. */
  readonly waiterMethod: string;
  /** Our clients against the official SDKs, request by request, on the same server in the same run. */
  readonly clients: ReadonlyArray<{
    readonly request: string;
    readonly client: string;
    readonly official: boolean;
    readonly requestsPerSecond: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    /** Client CPU time per request, µs, when measured. */
    readonly cpuMicrosPerRequest?: number | undefined;
  }>;
  /** Where and how the clients were driven, e.g. "same server, same run: 32 concurrent, 5 s each". */
  readonly clientsMethod: string;
}

/**
 * The fields of `bench/results/latest.json` that the charts read. The waiter's figures are in `waiter` (per
 * batch, with measured detection delay); files written before it have `pollsPerJob` instead.
 */
export interface BenchResultsV1 {
  generatedAt: string;
  machine: { cpus: number; cpuModel?: string; node: string };
  quick: boolean;
  /** How the floor was obtained (measured in the same run); absent in files written with the floor formula. */
  stackFloor?: string;
  stackThroughput: Array<{ mix: string; n: number; seconds: number; floorSeconds: number }>;
  waiter?: Array<{
    service: string;
    latencySeconds: number;
    /** cold, learned (with the history a cold batch taught) or overrun (jobs 4× that history's p50). */
    history: string;
    callsPerJob: number;
    detectionDelay: { p50Seconds: number; p90Seconds: number };
  }>;
  pollsPerJob?: Array<{
    service: string;
    latencySeconds: number;
    timeScale: number;
    jobs: number;
    pollCallsPerJob: number;
    wallSeconds: number;
  }>;
  sdkVsOfficial: BenchSdkComparison | BenchSdkComparisonSingle;
}

/**
 * The client comparison as `npm run bench` writes it: every client at each concurrency, on an independent
 * loopback server, with client CPU per request.
 */
interface BenchSdkComparison {
  /** One timed window, and how many each client had (the median window is drawn). */
  seconds: number;
  rounds?: number;
  runs: Array<{
    concurrency: number;
    clients: Array<BenchClientV1 & { request: string; official: boolean; cpuMicrosPerRequest: number }>;
  }>;
}

/** The comparison as earlier runs wrote it: one concurrency, against the emulator, no CPU figures. */
interface BenchSdkComparisonSingle {
  concurrency: number;
  seconds: number;
  tencent: Record<"ours" | "official", BenchClientV1>;
  alibaba: Record<"oursV3" | "oursV1" | "official", BenchClientV1>;
}

interface BenchClientV1 {
  client: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

type ChartClient = ChartInput["clients"][number];

/** The clients of either shape of the comparison, and how they were driven. */
function clientsOf(sdk: BenchSdkComparison | BenchSdkComparisonSingle): { clients: ChartClient[]; method: string } {
  const client = (request: string, c: BenchClientV1, official: boolean, cpu?: number): ChartClient => ({
    request,
    client: c.client,
    official,
    requestsPerSecond: c.requestsPerSecond,
    p50Ms: c.p50Ms,
    p99Ms: c.p99Ms,
    ...(cpu === undefined ? {} : { cpuMicrosPerRequest: cpu }),
  });
  if ("runs" in sdk) {
    return {
      clients: sdk.runs.flatMap((run) =>
        run.clients.map((c) =>
          client(`${c.request}, ${run.concurrency} concurrent`, c, c.official, c.cpuMicrosPerRequest),
        ),
      ),
      method:
        `independent loopback server, same run: ${sdk.runs.map((r) => r.concurrency).join(" and ")} concurrent, ` +
        `${sdk.rounds === undefined ? "" : `${sdk.rounds} × `}${sdk.seconds} s per client`,
    };
  }
  return {
    clients: [
      client("Tencent DescribeTaskDetail", sdk.tencent.ours, false),
      client("Tencent DescribeTaskDetail", sdk.tencent.official, true),
      client("ICE QueryIProductionJob", sdk.alibaba.oursV3, false),
      client("ICE QueryIProductionJob", sdk.alibaba.oursV1, false),
      client("ICE QueryIProductionJob", sdk.alibaba.official, true),
    ],
    method: `same emulator, same run: ${sdk.concurrency} concurrent requests for ${sdk.seconds} s per client`,
  };
}

const SERVICE_NAMES: Record<string, string> = {
  "tencent-vod": "Tencent VOD",
  "alibaba-vod": "Alibaba VOD (batched)",
};
const HISTORY_NAMES: Record<string, string> = {
  cold: "cold",
  learned: "with history",
  overrun: "4× its history",
};

/** The waiter's points: measured detection delay per batch, or (older files) an upper bound per batch. */
function waiterPoints(results: BenchResultsV1): Pick<ChartInput, "waiter" | "waiterMethod"> {
  if (results.waiter) {
    return {
      waiter: results.waiter.map((w) => ({
        series: `${SERVICE_NAMES[w.service] ?? w.service}, ${HISTORY_NAMES[w.history] ?? w.history}`,
        jobLatencySeconds: w.latencySeconds,
        pollsPerJob: w.callsPerJob,
        detectionDelay: { p50Seconds: w.detectionDelay.p50Seconds, p90Seconds: w.detectionDelay.p90Seconds },
      })),
      waiterMethod: "Batches of 20 jobs (p90/p50 = 1.29): cold, with a cold batch's history, and 4× that history.",
    };
  }
  // Older files have no per-job detection delay: the upper bound is the batch's wall time less the job latency
  // (in job time: × the time scale), which also counts the submissions.
  return {
    waiter: (results.pollsPerJob ?? []).map((p) => ({
      series: `${SERVICE_NAMES[p.service] ?? p.service}${p.timeScale === 1 ? "" : `, clock ×${p.timeScale}`}`,
      jobLatencySeconds: p.latencySeconds,
      pollsPerJob: p.pollCallsPerJob,
      detectionDelay: {
        upperBoundSeconds: Math.max(0, (p.wallSeconds - p.latencySeconds / p.timeScale) * p.timeScale),
      },
    })),
    waiterMethod:
      "Each point is a batch of jobs waited for together; the waiter polls at half the elapsed time, 1–60 s.",
  };
}

/**
 * Reads a results file.
 * @throws TypeError when a field the charts need is missing.
 */
export function chartInputFromResults(results: BenchResultsV1): ChartInput {
  for (const key of ["stackThroughput", "sdkVsOfficial"] as const) {
    if (!results[key]) throw new TypeError(`bench results have no ${key}: not a file written by npm run bench`);
  }
  if (!results.waiter && !results.pollsPerJob) {
    throw new TypeError("bench results have no waiter (nor pollsPerJob): not a file written by npm run bench");
  }
  const sdk = clientsOf(results.sdkVsOfficial);
  return {
    run: {
      generatedAt: results.generatedAt,
      machine: `${results.machine.cpus} CPUs, Node.js ${results.machine.node}`,
      quick: results.quick,
    },
    stacks: results.stackThroughput.map((s) => ({
      label: `${s.n} ${s.mix}`,
      n: s.n,
      wallSeconds: s.seconds,
      floorSeconds: s.floorSeconds,
    })),
    floorMethod:
      results.stackFloor ??
      "floor = max(N ÷ the vendors' create rate, job latency) + the engine's time for N no-op resources",
    ...waiterPoints(results),
    clients: sdk.clients,
    clientsMethod: sdk.method,
  };
}
