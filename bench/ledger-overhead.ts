// What the submission ledger costs a job, on files and on PostgreSQL, and how much room it takes per 1,000
// jobs. Figures only: nothing here passes or fails on time.
//   node dist/bench/ledger-overhead.js [--jobs N]   prints the figures and writes bench/results/ledger.json
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FileLedger } from "../provider/runtime/ledger/file-ledger";
import type { Ledger } from "../provider/runtime/ledger/ledger";
import { PostgresLedger } from "../provider/runtime/ledger/postgres-ledger";
import { startPostgres } from "../test/support/postgres-server";
import { repoRoot } from "../test/support/pulumi-workspace";
import { percentile, round } from "./stats";

/** Latency of one sequence of ledger calls per job, run job after job. */
export interface LatencyFigures {
  readonly jobs: number;
  readonly p50Ms: number;
  readonly meanMs: number;
  readonly p99Ms: number;
}

/** Bytes the ledger grew by, per 1,000 jobs, at each stage of their life. */
export interface GrowthFigures {
  /** 1,000 finished jobs whose resources still exist (state `submitted`, with outcome, placement, held ids). */
  readonly live: number;
  /** The same 1,000 once released: compact tombstones. */
  readonly tombstones: number;
  /** After `gc` removed the tombstones (PostgreSQL: the DELETE, then VACUUM). */
  readonly afterGc: number;
}

export interface LedgerBackendFigures {
  /** claim, update to `submitted`, release. */
  readonly claimSubmitRelease: LatencyFigures;
  /** Every ledger call a create makes: legacy-key look-up, epoch, claim, sent, submitted, outcome. */
  readonly createPath: LatencyFigures;
  readonly growthBytesPer1000Jobs: GrowthFigures;
}

export interface LedgerOverheadFigures {
  readonly jobs: number;
  readonly file: LedgerBackendFigures & {
    /** Apparent bytes (file sizes); `growthBytesPer1000Jobs` counts allocated blocks, like PostgreSQL's pages. */
    readonly apparentBytesPer1000Jobs: GrowthFigures;
    readonly directory: string;
  };
  readonly postgres: LedgerBackendFigures & {
    readonly server: { source: string; version: string; initdbMs: number; startMs: number; durable: true };
  };
}

const latency = (samples: number[]): LatencyFigures => ({
  jobs: samples.length,
  p50Ms: round(percentile(samples, 50), 2),
  meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length, 2),
  p99Ms: round(percentile(samples, 99), 2),
});

const b64 = (n: number) => randomBytes(n).toString("base64url").slice(0, n);
/** Keys, scopes and ids shaped like the provider's (identity.ts) and the vendors'. */
const job = (i: number, run: string) => ({
  key: `pa-${b64(40)}`,
  scope: `media-pipeline/prod/tencent:SceneAigcImageTask/tryon-${run}-${i}`,
  kind: "tencent:SceneAigcImageTask",
  digest: b64(32),
  jobId: `1500012345-SceneAigcImage-${b64(32)}`,
});

async function claimSubmitRelease(ledger: Ledger, n: number, run: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = job(i, run);
    const t0 = performance.now();
    await ledger.claim({ key: j.key, scope: j.scope, kind: j.kind, epoch: 0, digest: j.digest });
    await ledger.update(j.key, { state: "submitted", jobId: j.jobId, attempts: 1, owner: undefined });
    await ledger.release(j.key);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** The calls job-lifecycle.ts makes to create one job, in order. Returns the keys and the samples. */
async function createPath(ledger: Ledger, n: number, run: string): Promise<{ keys: string[]; samples: number[] }> {
  const samples: number[] = [];
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const j = job(i, run);
    const t0 = performance.now();
    await ledger.get(`pa-${b64(40)}`); // the 0.1 journal key: absent
    const epoch = await ledger.epoch(j.scope);
    const placement = { region: "ap-guangzhou", subAppId: 1500012345 };
    await ledger.claim({ key: j.key, scope: j.scope, kind: j.kind, epoch, digest: j.digest, placement });
    await ledger.update(j.key, { state: "claimed", attempts: 1, submittedAt: new Date().toISOString() });
    await ledger.update(j.key, { state: "submitted", jobId: j.jobId, owner: undefined, placement });
    await ledger.update(j.key, {
      finishedAt: new Date().toISOString(),
      heldIds: [`el-${b64(24)}`],
      outcome: { status: "FINISH", failed: false, durationMs: 42_000, profile: "tencent:SceneAigcImageTask/gz" },
    });
    samples.push(performance.now() - t0);
    keys.push(j.key);
  }
  return { keys, samples };
}

/** Runs both sequences, then measures growth: live jobs, their tombstones, and what gc leaves. */
async function measureBackend(
  ledger: Ledger,
  jobs: number,
  bytes: () => Promise<number>,
): Promise<LedgerBackendFigures & { raw: { base: number; live: number; tombstones: number; afterGc: number } }> {
  // A few jobs first, so connection set-up and caches do not count as overhead.
  await claimSubmitRelease(ledger, 20, "warm");
  const csr = await claimSubmitRelease(ledger, jobs, "csr");
  await ledger.gc(0, Date.now() + 60_000);
  const base = await bytes();
  const created = await createPath(ledger, jobs, "create");
  const live = await bytes();
  for (const key of created.keys) await ledger.release(key);
  const tombstones = await bytes();
  await ledger.gc(0, Date.now() + 60_000);
  const afterGc = await bytes();
  const per1000 = (v: number) => Math.round(((v - base) * 1000) / jobs);
  return {
    claimSubmitRelease: latency(csr),
    createPath: latency(created.samples),
    growthBytesPer1000Jobs: { live: per1000(live), tombstones: per1000(tombstones), afterGc: per1000(afterGc) },
    raw: { base, live, tombstones, afterGc },
  };
}

/** Bytes of the files under `dir`: apparent (sizes) or allocated (blocks). */
function dirBytes(dir: string, allocated: boolean): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const st = fs.statSync(p);
    total += allocated ? st.blocks * 512 : e.isDirectory() ? 0 : st.size;
    if (e.isDirectory()) total += dirBytes(p, allocated);
  }
  return total;
}

/**
 * Measures the ledger on a temp directory and on a throwaway PostgreSQL server with its durability settings
 * on (fsync, synchronous commit), both on this machine.
 * @throws Error when no PostgreSQL server binaries are found (test/support/postgres-server.ts).
 */
export async function measureLedgerOverhead(opts: { jobs?: number } = {}): Promise<LedgerOverheadFigures> {
  const jobs = opts.jobs ?? 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aigc-ledger-bench-"));
  let file: LedgerOverheadFigures["file"];
  const fileLedger = FileLedger.open(dir);
  try {
    const apparent: number[] = [];
    const figures = await measureBackend(fileLedger, jobs, async () => {
      apparent.push(dirBytes(dir, false));
      return dirBytes(dir, true);
    });
    const [base = 0, live = 0, tombstones = 0, afterGc = 0] = apparent;
    const per1000 = (v: number) => Math.round(((v - base) * 1000) / jobs);
    file = {
      claimSubmitRelease: figures.claimSubmitRelease,
      createPath: figures.createPath,
      growthBytesPer1000Jobs: figures.growthBytesPer1000Jobs,
      apparentBytesPer1000Jobs: { live: per1000(live), tombstones: per1000(tombstones), afterGc: per1000(afterGc) },
      directory: `${os.tmpdir()} (${fsType(os.tmpdir())})`,
    };
  } finally {
    await fileLedger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const server = await startPostgres({ durable: true });
  try {
    const ledger = await PostgresLedger.open(await server.createDatabase("ledger_bench"));
    try {
      const figures = await measureBackend(ledger, jobs, () => ledger.bytes());
      return {
        jobs,
        file,
        postgres: {
          claimSubmitRelease: figures.claimSubmitRelease,
          createPath: figures.createPath,
          growthBytesPer1000Jobs: figures.growthBytesPer1000Jobs,
          server: {
            source: server.binaries.source,
            version: server.binaries.version,
            initdbMs: Math.round(server.timings.initdbMs),
            startMs: Math.round(server.timings.startMs),
            durable: true,
          },
        },
      };
    } finally {
      await ledger.close();
    }
  } finally {
    await server.stop();
  }
}

function fsType(dir: string): string {
  try {
    const mounts = fs
      .readFileSync("/proc/mounts", "utf8")
      .split("\n")
      .map((l) => l.split(" "));
    const best = mounts
      .filter((m) => m[1] && (dir === m[1] || dir.startsWith(m[1] === "/" ? "/" : `${m[1]}/`)))
      .sort((a, b) => b[1]!.length - a[1]!.length)[0];
    return best?.[2] ?? "unknown";
  } catch {
    return "unknown";
  }
}

if (require.main === module) {
  const i = process.argv.indexOf("--jobs");
  const jobs = i > 0 ? Number(process.argv[i + 1]) : 1000;
  measureLedgerOverhead({ jobs })
    .then((figures) => {
      const out = path.join(repoRoot, "bench", "results", "ledger.json");
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const machine = { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => round(l, 1)) };
      fs.writeFileSync(
        out,
        `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, ...figures }, null, 2)}\n`,
      );
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\nwritten to ${path.relative(repoRoot, out)}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    });
}
