// The statements one batch item's create makes on the PostgreSQL ledger, and the batch's pace with the database
// a round trip away (harness/delay-proxy.ts): the real lifecycle (provider/batch) against a vendor that answers
// at once, so that the time is the ledger's. Statements are counted as the server's committed transactions.
//   npx tsc -p tsconfig.json && node dist/harness/ledger-pool-batch.js [N=1000] [rttMs=0]
import { createBatch } from "../provider/batch/batch-lifecycle";
import { processLedger } from "../provider/runtime/ledger/process-ledger";
import { configureFrom } from "../provider/runtime/provider-config";
import { startDelayProxy } from "./delay-proxy";
import { instantKind } from "./instant-kind";
import { startPostgres } from "./postgres-server";

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  const rttMs = Number(process.argv[3] ?? 0);
  const pg = await startPostgres({ durable: true });
  const proxy = rttMs > 0 ? await startDelayProxy(pg, rttMs) : undefined;
  const direct = await pg.createDatabase();
  const db = new URL(direct).pathname.slice(1);
  const url = proxy ? direct.replace(`:${pg.port}/`, `:${proxy.port}/`) : direct;
  const config: Record<string, string> = { "aigc:ledger": url, "aigc:maxSubmissionsPerUpdate": "1000000" };
  configureFrom({ get: (k) => config[k] });
  const commits = async () => {
    await new Promise((r) => setTimeout(r, 1500)); // the server's statistics are flushed about once a second
    const [row] = await pg.query<{ c: string }>("SELECT xact_commit AS c FROM pg_stat_database WHERE datname = $1", [
      db,
    ]);
    return Number(row?.c);
  };
  const items = Object.fromEntries(Array.from({ length: n }, (_, i) => [`item-${i}`, { name: `N${i}` }]));
  await processLedger(); // opened (and its statements counted) before the batch
  const before = await commits();
  const t0 = Date.now();
  const res = await createBatch(instantKind, {
    __provider: "batch-provider",
    __holder: "s-pace|p/s|test:PacedSet/cat",
    idempotencyScope: "p/s/test:PacedSet/cat",
    items,
  }).then(
    (r) => ({ counts: r.outs.counts }),
    (err: Error) => ({ error: err.message.slice(0, 400) }),
  );
  const s = (Date.now() - t0) / 1000;
  await (await processLedger()).close(); // its backends end, and report their statistics
  const statements = (await commits()) - before;
  console.log(
    JSON.stringify({ n, rttMs, s, itemsPerS: Math.round((n / s) * 10) / 10, perItem: statements / n, ...res }),
  );
  await proxy?.close();
  await pg.stop();
  process.exit(0);
}

void main();
