// What the submission ledger costs a job, on files and on PostgreSQL, and how much room it takes per 1,000
// jobs. Figures only: nothing here passes or fails on time.
//   node dist/bench/ledger-overhead.js [--jobs N] [--cycles C]   prints the figures, writes bench/results/ledger.json
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot, startPostgres } from "../harness";
import { FileLedger } from "../provider/runtime/ledger/file-ledger";
import { EPOCH_RETENTION_MS } from "../provider/runtime/ledger/gc-ages";
import type { Ledger } from "../provider/runtime/ledger/ledger";
import { PostgresLedger } from "../provider/runtime/ledger/postgres-ledger";
import { percentile, round } from "./percentile";

/** Latency of one sequence of ledger calls per job, run job after job. */
export interface LatencyFigures {
  readonly jobs: number;
  readonly p50Ms: number;
  readonly meanMs: number;
  readonly p99Ms: number;
}

/** Bytes the ledger grew by (over its size before), per 1,000 jobs, at each stage of one cycle of their life. */
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
  /**
   * One entry per cycle of 1,000 jobs (created, released, collected), the same ledger throughout: whether the
   * space collection frees is reused (the figures level off) or growth goes on.
   */
  readonly growthBytesPer1000Jobs: readonly GrowthFigures[];
}

export interface LedgerOverheadFigures {
  readonly jobs: number;
  readonly file: LedgerBackendFigures & {
    /** Apparent bytes (file sizes); `growthBytesPer1000Jobs` counts allocated blocks, like PostgreSQL's pages. */
    readonly apparentBytesPer1000Jobs: readonly GrowthFigures[];
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

interface Backend {
  readonly ledger: Ledger;
  /** Bytes the ledger takes now: allocated, and (files) apparent. */
  readonly bytes: () => Promise<{ allocated: number; apparent: number }>;
}

/**
 * Times `run` on each backend in alternating blocks of jobs, so that the load of a shared machine, which comes
 * and goes, weighs on both alike.
 */
async function interleaved(
  backends: readonly Backend[],
  jobs: number,
  run: (b: Backend, n: number, run: string) => Promise<{ samples: number[]; keys?: string[] }>,
  tag: string,
): Promise<Array<{ samples: number[]; keys: string[] }>> {
  const out = backends.map(() => ({ samples: [] as number[], keys: [] as string[] }));
  const block = 50;
  for (let done = 0, round = 0; done < jobs; done += block, round++) {
    const n = Math.min(block, jobs - done);
    const order = round % 2 === 0 ? backends.map((_, i) => i) : backends.map((_, i) => backends.length - 1 - i);
    for (const i of order) {
      const r = await run(backends[i]!, n, `${tag}${round}`);
      out[i]!.samples.push(...r.samples);
      out[i]!.keys.push(...(r.keys ?? []));
    }
  }
  return out;
}

type Sizes = { allocated: number; apparent: number };

/**
 * The sizes of one backend through `cycles` cycles of `jobs` jobs: live, released, collected. The first cycle's
 * live jobs are those the timed create path left (`liveKeys`).
 */
async function growth(b: Backend, liveKeys: readonly string[], jobs: number, cycles: number) {
  const out: Array<{ live: Sizes; tombstones: Sizes; afterGc: Sizes }> = [];
  let keys = liveKeys;
  for (let c = 0; c < cycles; c++) {
    if (c > 0) keys = (await createPath(b.ledger, jobs, `cycle${c}-`)).keys;
    const live = await b.bytes();
    for (const key of keys) await b.ledger.release(key);
    const tombstones = await b.bytes();
    // Collected once their scopes' epochs may go too (gc-ages.ts): the figure is what a ledger levels off at.
    await b.ledger.gc(0, Date.now() + EPOCH_RETENTION_MS + 60_000);
    out.push({ live, tombstones, afterGc: await b.bytes() });
  }
  return out;
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
 * on (fsync, synchronous commit), both on this machine, timed in alternating blocks of 50 jobs; then the
 * growth of each through `cycles` (default 4) cycles of `jobs` jobs.
 * @throws Error when no PostgreSQL server binaries are found (harness/postgres-server.ts).
 */
export async function measureLedgerOverhead(
  opts: { jobs?: number; cycles?: number } = {},
): Promise<LedgerOverheadFigures> {
  const jobs = opts.jobs ?? 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aigc-ledger-bench-"));
  const server = await startPostgres({ durable: true });
  const fileLedger = FileLedger.open(dir);
  let pgLedger: PostgresLedger | undefined;
  try {
    pgLedger = await PostgresLedger.open(await server.createDatabase("ledger_bench"));
    const pgl = pgLedger;
    const file: Backend = {
      ledger: fileLedger,
      bytes: async () => ({ allocated: dirBytes(dir, true), apparent: dirBytes(dir, false) }),
    };
    const postgres: Backend = { ledger: pgl, bytes: async () => ({ allocated: await pgl.bytes(), apparent: 0 }) };
    const both = [file, postgres];
    // A few jobs first, so connection set-up and caches do not count as overhead.
    for (const b of both) await claimSubmitRelease(b.ledger, 20, "warm");
    const csr = await interleaved(
      both,
      jobs,
      async (b, n, tag) => ({ samples: await claimSubmitRelease(b.ledger, n, tag) }),
      "csr",
    );
    for (const b of both) await b.ledger.gc(0, Date.now() + EPOCH_RETENTION_MS + 60_000);
    const bases = [await file.bytes(), await postgres.bytes()];
    const created = await interleaved(both, jobs, (b, n, tag) => createPath(b.ledger, n, tag), "create");
    const per1000 = (base: Sizes, cycles: Awaited<ReturnType<typeof growth>>, kind: keyof Sizes): GrowthFigures[] =>
      cycles.map((c) => {
        const k = (v: Sizes) => Math.round(((v[kind] - base[kind]) * 1000) / jobs);
        return { live: k(c.live), tombstones: k(c.tombstones), afterGc: k(c.afterGc) };
      });
    const fileGrowth = await growth(file, created[0]!.keys, jobs, opts.cycles ?? 4);
    const pgGrowth = await growth(postgres, created[1]!.keys, jobs, opts.cycles ?? 4);
    return {
      jobs,
      file: {
        claimSubmitRelease: latency(csr[0]!.samples),
        createPath: latency(created[0]!.samples),
        growthBytesPer1000Jobs: per1000(bases[0]!, fileGrowth, "allocated"),
        apparentBytesPer1000Jobs: per1000(bases[0]!, fileGrowth, "apparent"),
        directory: `${os.tmpdir()} (${fsType(os.tmpdir())})`,
      },
      postgres: {
        claimSubmitRelease: latency(csr[1]!.samples),
        createPath: latency(created[1]!.samples),
        growthBytesPer1000Jobs: per1000(bases[1]!, pgGrowth, "allocated"),
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
    await fileLedger.close();
    await pgLedger?.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
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
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  measureLedgerOverhead({ jobs: arg("--jobs", 1000), cycles: arg("--cycles", 4) })
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
