// The PostgreSQL ledger's pace with a batch's items in flight, per connection pool size (issue 21): what
// POOL_SIZE in provider/runtime/ledger/postgres-ledger.ts rests on. N item-like call sequences run at once through
// the Ledger interface, each the statements of one create (the legacy key's read, the scope's epoch, the claim,
// the job id, the outcome, the id handed back), against a durable PostgreSQL server from harness/postgres-server.
// Sizes alternate within each round, so that the machine's load drifts over all of them alike. With a round trip
// time, the client reaches the server through harness/delay-proxy.ts (a database across a network).
//   npx tsc -p tsconfig.json && node dist/harness/ledger-pool-pace.js [N=1000] [sizes=4,8,16] [rounds=2] [rttMs=0]
import * as os from "node:os";
import { PostgresLedger } from "../provider/runtime/ledger/postgres-ledger";
import { startDelayProxy } from "./delay-proxy";
import { startPostgres } from "./postgres-server";

/** One item's create, as provider/runtime/lifecycle/submission.ts makes its ledger calls. */
async function item(ledger: PostgresLedger, run: number, i: number): Promise<void> {
  const key = `pace-${run}-${i}`;
  const scope = `p/s/test:Paced/item-${i}`;
  await ledger.get(`legacy-${run}-${i}`);
  const epoch = await ledger.epoch(scope);
  const res = await ledger.claim({ key, scope, kind: "test:Paced", epoch, digest: "d" });
  if (!res.claimed) throw new Error(`${key} was not claimed`);
  const submittedAt = new Date().toISOString();
  await ledger.update(key, { state: "submitted", jobId: `job-${run}-${i}`, attempts: 1, submittedAt });
  const outcome = { status: "Success", failed: false, durationMs: 1, profile: "test:Paced" };
  await ledger.update(key, { outcome, finishedAt: new Date().toISOString(), returned: false });
  await ledger.update(key, { returned: true });
}

/** Runs `n` items at once on a fresh ledger with `poolSize` connections; returns items/s and more. */
async function measure(url: string, n: number, poolSize: number, run: number) {
  const ledger = await PostgresLedger.open(`${url}&schema=pace${run}`, { poolSize });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const ends: number[] = [];
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => item(ledger, run, i).then(() => ends.push(performance.now() - start))),
  );
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await ledger.close();
  const failed = results.filter((r) => r.status === "rejected");
  ends.sort((a, b) => a - b);
  return {
    poolSize,
    itemsPerS: Math.round((n / wallMs) * 1000 * 10) / 10,
    wallMs: Math.round(wallMs),
    firstItemMs: Math.round(ends[0] ?? 0),
    cpuS: Math.round((used.user + used.system) / 1e4) / 100,
    load1: Math.round(os.loadavg()[0]! * 100) / 100,
    failed: failed.length,
    firstError: failed[0] ? String((failed[0] as PromiseRejectedResult).reason) : undefined,
  };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  const sizes = (process.argv[3] ?? "4,8,16").split(",").map(Number);
  const rounds = Number(process.argv[4] ?? 2);
  const rttMs = Number(process.argv[5] ?? 0);
  const pg = await startPostgres({ durable: true });
  const proxy = rttMs > 0 ? await startDelayProxy(pg, rttMs) : undefined;
  try {
    const direct = await pg.createDatabase();
    const url = proxy ? direct.replace(`:${pg.port}/`, `:${proxy.port}/`) : direct;
    console.log(`# ${n} items at once, round trip +${rttMs} ms, ${pg.binaries.version}, ${os.cpus().length} cores`);
    let run = 0;
    for (let r = 0; r < rounds; r++) {
      for (const size of sizes) console.log(JSON.stringify(await measure(url, n, size, ++run)));
    }
  } finally {
    await proxy?.close();
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
