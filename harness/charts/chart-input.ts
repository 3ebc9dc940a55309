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
    /** The series a point belongs to, e.g. "Tencent VOD" or "Alibaba VOD (batched)". */
    readonly series: string;
    /** Job latency on the emulator's clock. */
    readonly jobLatencySeconds: number;
    readonly pollsPerJob: number;
    /** On the emulator's clock (job time), like the latency. */
    readonly detectionDelay?: DetectionDelay | undefined;
  }>;
  /** Our clients against the official SDKs, request by request, on the same emulator in the same run. */
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
  /** How the clients were driven, e.g. "32 concurrent, 5 s each". */
  readonly clientsMethod: string;
}

/** The fields of `bench/results/latest.json` (as `npm run bench` writes it today) that the charts read. */
export interface BenchResultsV1 {
  generatedAt: string;
  machine: { cpus: number; cpuModel?: string; node: string };
  quick: boolean;
  /** How the floor was obtained (measured in the same run); absent in files written with the floor formula. */
  stackFloor?: string;
  stackThroughput: Array<{ mix: string; n: number; seconds: number; floorSeconds: number }>;
  pollsPerJob: Array<{
    service: string;
    latencySeconds: number;
    timeScale: number;
    jobs: number;
    pollCallsPerJob: number;
    wallSeconds: number;
  }>;
  sdkVsOfficial: {
    concurrency: number;
    seconds: number;
    tencent: Record<"ours" | "official", BenchClientV1>;
    alibaba: Record<"oursV3" | "oursV1" | "official", BenchClientV1>;
  };
}

interface BenchClientV1 {
  client: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const SERVICE_NAMES: Record<string, string> = {
  "tencent-vod": "Tencent VOD",
  "alibaba-vod": "Alibaba VOD (batched)",
};

/**
 * Reads today's results file. It has no per-job detection delay: the upper bound is the batch's wall time
 * less the job latency (in job time: × the time scale), which also counts the submissions.
 * @throws TypeError when a field the charts need is missing.
 */
export function chartInputFromResults(results: BenchResultsV1): ChartInput {
  for (const key of ["stackThroughput", "pollsPerJob", "sdkVsOfficial"] as const) {
    if (!results[key]) throw new TypeError(`bench results have no ${key}: not a file written by npm run bench`);
  }
  const client = (request: string, c: BenchClientV1, official: boolean) => ({
    request,
    client: c.client,
    official,
    requestsPerSecond: c.requestsPerSecond,
    p50Ms: c.p50Ms,
    p99Ms: c.p99Ms,
  });
  const sdk = results.sdkVsOfficial;
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
    waiter: results.pollsPerJob.map((p) => ({
      series: `${SERVICE_NAMES[p.service] ?? p.service}${p.timeScale === 1 ? "" : `, clock ×${p.timeScale}`}`,
      jobLatencySeconds: p.latencySeconds,
      pollsPerJob: p.pollCallsPerJob,
      detectionDelay: {
        upperBoundSeconds: Math.max(0, (p.wallSeconds - p.latencySeconds / p.timeScale) * p.timeScale),
      },
    })),
    clients: [
      client("Tencent DescribeTaskDetail", sdk.tencent.ours, false),
      client("Tencent DescribeTaskDetail", sdk.tencent.official, true),
      client("ICE QueryIProductionJob", sdk.alibaba.oursV3, false),
      client("ICE QueryIProductionJob", sdk.alibaba.oursV1, false),
      client("ICE QueryIProductionJob", sdk.alibaba.official, true),
    ],
    clientsMethod: `${sdk.concurrency} concurrent requests for ${sdk.seconds} s per client`,
  };
}
