// Garbage collection of a PostgreSQL ledger: old tombstones, idle scopes past the epoch retention, and the rows
// of dead runners that hold nothing.
import { EPOCH_RETENTION_MS } from "../gc-ages";
import type { GcResult } from "../ledger";
import type { LedgerTables } from "./tables";

/** What collection needs of the ledger: its checked statements, a VACUUM, and its size. */
export interface CollectDb {
  sql<R>(what: string, text: string, values?: unknown[]): Promise<R[]>;
  vacuum(text: string): Promise<void>;
  bytes(): Promise<number>;
}

/**
 * Removes released and void tombstones older than `olderThanMs` (by the server's clock unless `now` is given).
 * A scope's epoch is kept for at least EPOCH_RETENTION_MS after its last release, whatever the age.
 * @throws LedgerError when a statement fails.
 */
export async function collect(
  db: CollectDb,
  t: LedgerTables,
  self: { readonly lockClass: number; readonly runnerId: string },
  olderThanMs: number,
  now: number | undefined,
): Promise<GcResult> {
  const bytesBefore = await db.bytes();
  // Without an explicit `now`, the server's clock decides what is old: runners' clocks may disagree.
  const cutoff = now === undefined ? "now() - $1 * interval '1 millisecond'" : "$1::timestamptz";
  const param = now === undefined ? olderThanMs : new Date(now - olderThanMs).toISOString();
  const removed = await db.sql<{ key: string }>(
    "collect old tombstones",
    `DELETE FROM ${t.intents}
     WHERE state IN ('released', 'void') AND coalesce(released_at, updated_at) < ${cutoff} RETURNING key`,
    [param],
  );
  // An idle scope's epoch goes only once every intent of it is gone and its last release is older than the
  // epoch retention, whatever age gc was given: an epoch back at 0 reissues keys, and a vendor that still
  // remembers one (Tencent's SessionId) would hand a destroy-then-create the deleted job.
  const epochAge = Math.max(olderThanMs, EPOCH_RETENTION_MS);
  await db.sql(
    "collect idle scopes",
    `DELETE FROM ${t.scopes} s
     WHERE s.updated_at < ${cutoff} AND NOT EXISTS (SELECT 1 FROM ${t.intents} i WHERE i.scope = s.scope)`,
    [now === undefined ? epochAge : new Date(now - epochAge).toISOString()],
  );
  await db.sql(
    "collect dead runners",
    `DELETE FROM ${t.runners} r
     WHERE r.id <> $2 AND NOT EXISTS (SELECT 1 FROM ${t.intents} i WHERE i.owner = r.id)
       AND CASE WHEN pg_try_advisory_lock_shared($1, r.lock_no) THEN pg_advisory_unlock_shared($1, r.lock_no)
                ELSE false END`,
    [self.lockClass, self.runnerId],
  );
  const [count] = await db.sql<{ n: string }>("count intents", `SELECT count(*) AS n FROM ${t.intents}`);
  if (removed.length > 0) {
    // Makes the space reusable (and returns trailing pages); a role that does not own the tables gets a
    // warning from the server and autovacuum does it later.
    await db.vacuum(`VACUUM ${t.intents}, ${t.holdings}, ${t.scopes}, ${t.runners}`).catch(() => undefined);
  }
  return { removed: removed.length, kept: Number(count?.n ?? 0), bytesBefore, bytesAfter: await db.bytes() };
}
