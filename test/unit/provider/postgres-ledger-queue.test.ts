// The PostgreSQL ledger with more statements in flight than it has connections (a batch's items, issue 21): they
// queue in the ledger's gate (postgres/statement-gate.ts) instead of timing out in pg-pool's queue, and a ledger
// that closes fails what is still queued. A row lock held by another session keeps the pool's clients busy for
// as long as a test needs, so the queue's wait does not depend on the machine's speed.
import { Client, Pool } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type PostgresServer, startPostgres } from "../../../harness";
import { StatementGate } from "../../../provider/runtime/ledger/postgres/statement-gate";
import { PostgresLedger, type PostgresLedgerOptions } from "../../../provider/runtime/ledger/postgres-ledger";

let pg: PostgresServer;
let dbUrl = "";
beforeAll(async () => {
  pg = await startPostgres();
  dbUrl = await pg.createDatabase();
}, 120_000);
afterAll(async () => {
  await pg?.stop();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

let schemas = 0;
async function openLedger(options: PostgresLedgerOptions): Promise<PostgresLedger> {
  const ledger = await PostgresLedger.open(`${dbUrl}&schema=q${++schemas}`, options);
  cleanups.push(() => ledger.close());
  return ledger;
}

const intent = (key: string) => ({ key, scope: `p/s/k/${key}`, kind: "k", epoch: 0, digest: "d" });

/** Locks the row of `key` from a session of its own until the returned function commits. */
async function lockRow(ledger: PostgresLedger, key: string): Promise<() => Promise<void>> {
  const other = new Client({ connectionString: dbUrl });
  await other.connect();
  cleanups.push(() => other.end());
  await other.query("BEGIN");
  await other.query(`SELECT 1 FROM "${ledger.schema}".pulumi_aigc_intents WHERE key = $1 FOR UPDATE`, [key]);
  return async () => {
    await other.query("COMMIT");
  };
}

/** Starts `n` updates of the locked `key`: more than the pool has clients, so every client waits on the lock. */
const blockPool = (ledger: PostgresLedger, key: string, n: number) =>
  Promise.allSettled(Array.from({ length: n }, (_, i) => ledger.update(key, { attempts: i + 1 })));

const messages = (results: PromiseSettledResult<unknown>[]) =>
  results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).message)] : []));

describe("postgres ledger: more statements than connections", () => {
  it("queues them past the connect timeout instead of failing them, then runs every one", async () => {
    const ledger = await openLedger({ poolSize: 2, connectTimeoutMs: 300 });
    await ledger.claim(intent("pq-held"));
    const commit = await lockRow(ledger, "pq-held");
    const blocked = blockPool(ledger, "pq-held", 4);
    const claims = Promise.allSettled(Array.from({ length: 300 }, (_, i) => ledger.claim(intent(`pq-${i}`))));
    // Three connect timeouts with every client busy: pg-pool's own queue would have failed the claims by now.
    await new Promise((r) => setTimeout(r, 900));
    await commit();
    const [updates, claimed] = await Promise.all([blocked, claims]);
    expect(messages(updates)).toEqual([]);
    expect(messages(claimed)).toEqual([]);
    expect(claimed.every((r) => r.status === "fulfilled" && r.value.claimed)).toBe(true);
    expect((await ledger.list({})).length).toBe(301);
  });

  it("fails what is still queued as closed when the ledger closes, without waiting for a client", async () => {
    const ledger = await openLedger({ poolSize: 2 });
    await ledger.claim(intent("pq-held"));
    const commit = await lockRow(ledger, "pq-held");
    const blocked = blockPool(ledger, "pq-held", 2);
    const settled: string[] = [];
    const queued = Array.from({ length: 20 }, (_, i) =>
      ledger.get(`pq-${i}`).then(
        () => settled.push("read"),
        (err: Error) => settled.push(err.message),
      ),
    );
    await new Promise((r) => setTimeout(r, 100)); // every queued call has passed its first check
    const closed = ledger.close();
    // The row is still locked: the pool has no client to give, yet the queue answers at once.
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toHaveLength(20);
    expect(settled.every((m) => /PostgreSQL ledger .* is closed$/.test(m))).toBe(true);
    await commit();
    await Promise.all([closed, ...queued]);
    expect(messages(await blocked).every((m) => /is closed$/.test(m))).toBe(true);
    await expect(ledger.get("pq-0")).rejects.toThrow(/is closed$/);
  });
});

describe("the statement gate", () => {
  it("hands turns in the order they were asked for: a newcomer waits behind the queue", async () => {
    const gate = new StatementGate(new Pool(), 2); // run() alone never touches the pool
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const turn = (i: number) =>
      gate.run(() => {
        started.push(i);
        return new Promise<void>((r) => finish.push(r));
      });
    const tick = () => new Promise((r) => setImmediate(r));
    const all = [0, 1, 2, 3, 4].map(turn);
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(3);
    finish[0]!();
    all.push(turn(5)); // asks as 0 ends, before its turn is passed on: it queues behind 3 and 4
    for (let i = 1; i < 6; i++) {
      await tick();
      finish[i]!();
    }
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
