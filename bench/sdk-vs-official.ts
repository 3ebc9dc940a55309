// Our clients against the official SDKs, on an independent loopback server (bench/loopback-vendor-server.ts:
// its own process, canned answers, no verification), so that the figures are the clients' own cost. Every
// client runs in a process of its own (bench/client-load-worker.ts), warmed up first at each concurrency.
// The clients then take turns: many short timed windows, in alternating order, each after half a second of
// untimed load (the keep-alive sockets may have closed meanwhile). On a machine shared with other work the
// CPU each process gets changes from second to second; short alternating windows spread those changes over
// every client alike, where one long run per client gives them to whichever ran at the wrong moment.
// Per client: the median window's req/s and client CPU per request, p50/p99 over all its windows' calls.
// Client-side rate limits are lifted for ours (the official SDKs have none).
//   node dist/bench/sdk-vs-official.js [--quick]   runs this section alone and prints its JSON
import { type ChildProcess, fork } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { BENCH_CLIENTS, type BenchClientId, type LoadWindow } from "./client-load-worker";
import { percentile, round } from "./percentile";

/** One client's figures at one concurrency. */
export interface LoadResult {
  readonly id: BenchClientId;
  readonly request: string;
  readonly client: string;
  readonly official: boolean;
  /** Calls in all the timed windows. */
  readonly requests: number;
  /** The median window's. */
  readonly requestsPerSecond: number;
  /** Over every call of every window. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** `process.cpuUsage()` of the client's process over a window, per call: the median window's. */
  readonly cpuMicrosPerRequest: number;
  /** CPU time of the loopback server per request during the client's windows (warm-up included), median. */
  readonly serverCpuMicrosPerRequest: number;
  readonly errors: number;
  readonly firstError?: string | undefined;
}

/** Ours ÷ official: requests per second, and official ÷ ours: client CPU per request (higher is better). */
export interface Ratio {
  readonly ours: BenchClientId;
  readonly official: BenchClientId;
  readonly requestsPerSecond: number;
  readonly cpuPerRequest: number;
}

export interface SdkComparisonRun {
  readonly concurrency: number;
  readonly clients: readonly LoadResult[];
  readonly ratios: {
    readonly tencent: Ratio;
    /** ACS3 against @alicloud/pop-core, the target of issue 13. */
    readonly iceAcs3: Ratio;
    readonly iceV1: Ratio;
    readonly iceAcs3VsOpenapiClient: Ratio;
  };
}

export interface SdkComparison {
  readonly server: string;
  /** Untimed load per client before its first window at each concurrency. */
  readonly warmSeconds: number;
  /** One timed window. */
  readonly seconds: number;
  /** Timed windows per client and concurrency. */
  readonly rounds: number;
  /** The machine's 1-minute load average when the section started and ended (other work skews req/s). */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly runs: readonly SdkComparisonRun[];
}

/** Every client, pulumi-aigc's first, each official SDK after ours (the charts compare to the first). */
const ORDER: readonly BenchClientId[] = [
  "tencent-ours",
  "tencent-official",
  "ice-ours-acs3",
  "ice-ours-v1",
  "ice-pop-core",
  "ice-openapi-client",
];

interface ServerProcess {
  readonly url: string;
  cpu(): Promise<{ cpuMicros: number; requests: number }>;
  stop(): Promise<void>;
}

function startServer(): Promise<ServerProcess> {
  const child = fork(path.join(__dirname, "loopback-vendor-server.js"), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`loopback server exited with ${code}`)));
    child.once("message", (m: { port: number }) =>
      resolve({
        url: `http://127.0.0.1:${m.port}`,
        cpu: () =>
          new Promise((done) => {
            child.once("message", (r) => done(r as { cpuMicros: number; requests: number }));
            child.send({ cpu: true });
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners("exit");
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.disconnect();
          }),
      }),
    );
  });
}

interface WorkerProcess {
  window(concurrency: number, warmSeconds: number, seconds: number): Promise<LoadWindow>;
  stop(): void;
}

/** Forks the client's process and resolves once it has made the client and checked its first answer. */
function startWorker(id: BenchClientId, url: string): Promise<WorkerProcess> {
  const child: ChildProcess = fork(path.join(__dirname, "client-load-worker.js"), [id, url], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () =>
    new Promise<{ ready?: boolean; window?: LoadWindow }>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`client load worker ${id} exited with ${code}`));
      child.once("exit", onExit);
      child.once("message", (m: { ready?: boolean; window?: LoadWindow; error?: string }) => {
        child.off("exit", onExit);
        if (m.error) reject(new Error(`client load worker ${id}: ${m.error}`));
        else resolve(m);
      });
    });
  return next().then(() => ({
    window: (concurrency, warmSeconds, seconds) => {
      const answer = next();
      child.send({ concurrency, warmSeconds, seconds });
      return answer.then((m) => m.window!);
    },
    stop: () => {
      if (child.connected) child.disconnect();
    },
  }));
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

// Untimed load before each timed window: sockets idle for longer than undici's keep-alive have closed.
const BETWEEN_WINDOWS_WARM_SECONDS = 0.5;

function ratio(clients: readonly LoadResult[], ours: BenchClientId, official: BenchClientId): Ratio {
  const a = clients.find((c) => c.id === ours)!;
  const b = clients.find((c) => c.id === official)!;
  return {
    ours,
    official,
    requestsPerSecond: round(a.requestsPerSecond / b.requestsPerSecond, 2),
    cpuPerRequest: round(b.cpuMicrosPerRequest / a.cpuMicrosPerRequest, 2),
  };
}

/** One client's windows at one concurrency, summed up. */
function summary(id: BenchClientId, windows: Array<LoadWindow & { serverCpuMicrosPerRequest: number }>): LoadResult {
  const latencies = windows.flatMap((w) => w.latencies);
  return {
    id,
    ...BENCH_CLIENTS[id],
    requests: latencies.length,
    requestsPerSecond: round(median(windows.map((w) => w.requests / w.seconds)), 0),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    cpuMicrosPerRequest: round(median(windows.map((w) => w.cpuMicros / Math.max(1, w.requests))), 1),
    serverCpuMicrosPerRequest: round(median(windows.map((w) => w.serverCpuMicrosPerRequest)), 1),
    errors: windows.reduce((n, w) => n + w.errors, 0),
    firstError: windows.find((w) => w.firstError)?.firstError,
  };
}

/**
 * Measures every client at each concurrency: `warmSeconds` of untimed load, then `rounds` timed windows of
 * `seconds` each, the clients taking turns in alternating order. Figures only: nothing here asserts a speed.
 * @throws Error when a client's answer is not the canned one.
 */
export async function compareWithOfficialSdks(
  opts: { concurrencies?: number[]; warmSeconds?: number; seconds?: number; rounds?: number } = {},
): Promise<SdkComparison> {
  const { concurrencies = [16, 32], warmSeconds = 2, seconds = 1.5, rounds = 8 } = opts;
  const loadBefore = os.loadavg()[0]!;
  const server = await startServer();
  const workers = new Map<BenchClientId, WorkerProcess>();
  const runs: SdkComparisonRun[] = [];
  try {
    for (const id of ORDER) workers.set(id, await startWorker(id, server.url));
    for (const concurrency of concurrencies) {
      for (const id of ORDER) await workers.get(id)!.window(concurrency, warmSeconds, 0);
      const windows = new Map<BenchClientId, Array<LoadWindow & { serverCpuMicrosPerRequest: number }>>();
      for (let r = 0; r < rounds; r++) {
        for (const id of r % 2 === 0 ? ORDER : [...ORDER].reverse()) {
          const before = await server.cpu();
          const w = await workers.get(id)!.window(concurrency, BETWEEN_WINDOWS_WARM_SECONDS, seconds);
          const after = await server.cpu();
          const serverCpuMicrosPerRequest =
            (after.cpuMicros - before.cpuMicros) / Math.max(1, after.requests - before.requests);
          windows.set(id, [...(windows.get(id) ?? []), { ...w, serverCpuMicrosPerRequest }]);
        }
      }
      const clients = ORDER.map((id) => summary(id, windows.get(id)!));
      runs.push({
        concurrency,
        clients,
        ratios: {
          tencent: ratio(clients, "tencent-ours", "tencent-official"),
          iceAcs3: ratio(clients, "ice-ours-acs3", "ice-pop-core"),
          iceV1: ratio(clients, "ice-ours-v1", "ice-pop-core"),
          iceAcs3VsOpenapiClient: ratio(clients, "ice-ours-acs3", "ice-openapi-client"),
        },
      });
    }
  } finally {
    for (const w of workers.values()) w.stop();
    await server.stop();
  }
  return {
    server: "loopback node:http in its own process, canned answers, no verification",
    warmSeconds,
    seconds,
    rounds,
    loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0]!, 2) },
    runs,
  };
}

/** The rows `npm run bench` prints for this section. */
export function sdkComparisonRows(sdk: SdkComparison): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const run of sdk.runs) {
    let request = "";
    for (const c of run.clients) {
      const ratioOf = Object.values(run.ratios).find((r) => r.ours === c.id);
      const first = c.request !== request;
      request = c.request;
      rows.push({
        request: first ? c.request : "",
        concurrent: run.concurrency,
        client: c.client,
        "req/s": c.requestsPerSecond,
        "p50 ms": c.p50Ms,
        "p99 ms": c.p99Ms,
        "client CPU µs/req": c.cpuMicrosPerRequest,
        "server CPU µs/req": c.serverCpuMicrosPerRequest,
        "ratio req/s": c.official ? "" : (ratioOf?.requestsPerSecond ?? ""),
        "ratio CPU": c.official ? "" : (ratioOf?.cpuPerRequest ?? ""),
        errors: c.errors,
      });
    }
  }
  return rows;
}

if (require.main === module) {
  const quick = process.argv.includes("--quick");
  compareWithOfficialSdks(quick ? { warmSeconds: 1, seconds: 1, rounds: 2 } : {})
    .then((sdk) => {
      process.stdout.write(`${JSON.stringify(sdk, null, 2)}\n`);
      console.table(sdkComparisonRows(sdk));
    })
    .catch((err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exitCode = 1;
    });
}
