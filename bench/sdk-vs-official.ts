// Our clients against the official SDKs, on an independent loopback server (bench/loopback-vendor-server.ts:
// its own process, canned answers, no verification), so that the figures are the clients' own cost. Every
// client runs in a fresh process of its own (bench/client-load-worker.ts), warmed up first, at each
// concurrency, in the same run; rounds alternate the order of the clients and the median round is kept (on a
// machine shared with other work, the median of several short rounds moves less than one long round).
// Client-side rate limits are lifted for ours (the official SDKs have none).
//   node dist/bench/sdk-vs-official.js [--quick]   runs this section alone and prints its JSON
import { type ChildProcess, fork } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { BENCH_CLIENTS, type BenchClientId, type ClientLoad } from "./client-load-worker";
import { round } from "./stats";

/** One client's figures at one concurrency (the median of the rounds, by requests per second). */
export interface LoadResult extends ClientLoad {
  readonly id: BenchClientId;
  readonly request: string;
  readonly client: string;
  readonly official: boolean;
  /** CPU time of the loopback server per request, over the client's whole run (warm-up included). */
  readonly serverCpuMicrosPerRequest: number;
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
  readonly warmSeconds: number;
  readonly seconds: number;
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

function runWorker(args: string[]): Promise<ClientLoad> {
  const child: ChildProcess = fork(path.join(__dirname, "client-load-worker.js"), args, {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.once("message", (m: { result?: ClientLoad; error?: string }) => {
      settled = true;
      if (m.result) resolve(m.result);
      else reject(new Error(`client load worker ${args[0]}: ${m.error}`));
    });
    child.once("exit", (code) => {
      if (!settled) reject(new Error(`client load worker ${args[0]} exited with ${code}`));
    });
  });
}

const median = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[xs.length >> 1]!;

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

/**
 * Measures every client at each concurrency, `rounds` times in alternating order, each for `seconds` after
 * `warmSeconds` of warm-up. Figures only: nothing here asserts a speed.
 * @throws Error when a client's answer is not the canned one.
 */
export async function compareWithOfficialSdks(
  opts: { concurrencies?: number[]; warmSeconds?: number; seconds?: number; rounds?: number } = {},
): Promise<SdkComparison> {
  const { concurrencies = [16, 32], warmSeconds = 2, seconds = 3, rounds = 5 } = opts;
  const loadBefore = os.loadavg()[0]!;
  const server = await startServer();
  const samples = new Map<string, LoadResult[]>();
  try {
    for (let r = 0; r < rounds; r++) {
      for (const concurrency of concurrencies) {
        for (const id of r % 2 === 0 ? ORDER : [...ORDER].reverse()) {
          const before = await server.cpu();
          const load = await runWorker([id, server.url, String(concurrency), String(warmSeconds), String(seconds)]);
          const after = await server.cpu();
          const key = `${concurrency}|${id}`;
          samples.set(key, [
            ...(samples.get(key) ?? []),
            {
              id,
              ...BENCH_CLIENTS[id],
              ...load,
              serverCpuMicrosPerRequest: round(
                (after.cpuMicros - before.cpuMicros) / Math.max(1, after.requests - before.requests),
                1,
              ),
            },
          ]);
        }
      }
    }
  } finally {
    await server.stop();
  }
  const runs = concurrencies.map((concurrency) => {
    const clients = ORDER.map((id) => median(samples.get(`${concurrency}|${id}`)!, (s) => s.requestsPerSecond));
    return {
      concurrency,
      clients,
      ratios: {
        tencent: ratio(clients, "tencent-ours", "tencent-official"),
        iceAcs3: ratio(clients, "ice-ours-acs3", "ice-pop-core"),
        iceV1: ratio(clients, "ice-ours-v1", "ice-pop-core"),
        iceAcs3VsOpenapiClient: ratio(clients, "ice-ours-acs3", "ice-openapi-client"),
      },
    };
  });
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
  compareWithOfficialSdks(quick ? { warmSeconds: 1, seconds: 2, rounds: 1 } : {})
    .then((sdk) => {
      process.stdout.write(`${JSON.stringify(sdk, null, 2)}\n`);
      console.table(sdkComparisonRows(sdk));
    })
    .catch((err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exitCode = 1;
    });
}
