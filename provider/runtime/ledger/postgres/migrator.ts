// Brings a ledger schema forward, one numbered migration at a time (modelled on graphile-worker's migrate.ts):
// each migration runs in a transaction of its own, under a transaction-level advisory lock on the schema, and
// records itself in the version table in that same transaction. Two runners migrating at once queue on the lock;
// the second finds the work done. A schema created before migrations were numbered is recognised as at 001.
import type { PoolClient } from "pg";
import { LedgerError } from "../ledger";
import { initial } from "./migrations/001-initial";
import { intentHolder } from "./migrations/002-intent-holder";
import { intentReturned } from "./migrations/003-intent-returned";
import type { PgMigration } from "./migrations/migration";
import type { GatedPool } from "./statement-gate";
import { type LedgerTables, lockKey64 } from "./tables";

/** Every migration, in order. */
export const MIGRATIONS: readonly PgMigration[] = [initial, intentHolder, intentReturned];

/** The schema version this code reads and writes: its last migration. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.id;

/** How a query failure is reported (the ledger's, which names the database and never its password). */
type Failure = (what: string, err: unknown) => LedgerError;

/**
 * Migrates the ledger in `t.schema` to SCHEMA_VERSION and returns the version it was at before (undefined:
 * no version table yet, a new ledger or one made before migrations were numbered).
 * Needs no DDL right when the schema is already current (runners with DML rights only).
 * @throws LedgerError when the schema is newer than this code, or a migration fails (it is rolled back).
 */
export async function migrate(pool: GatedPool, t: LedgerTables, failure: Failure): Promise<number | undefined> {
  const before = await currentVersion(pool, t, failure);
  if (before === SCHEMA_VERSION) return before;
  checkNotNewer(before, t);
  for (;;) {
    const done = await migrateOnce(pool, t, failure);
    if (done) return before;
  }
}

/** The version recorded in the version table, without a lock (undefined when there is none yet). */
async function currentVersion(pool: GatedPool, t: LedgerTables, failure: Failure): Promise<number | undefined> {
  try {
    const { rows } = await pool.query<{ v: number | null }>(`SELECT max(id) AS v FROM ${t.migrations}`);
    return rows[0]?.v ?? undefined;
  } catch (err) {
    // 42P01 undefined_table, 3F000 invalid_schema_name: a new ledger, or one made before versions were counted.
    if (["42P01", "3F000"].includes((err as { code?: string }).code ?? "")) return undefined;
    throw failure("read the ledger's schema version", err);
  }
}

function checkNotNewer(version: number | undefined, t: LedgerTables): void {
  if (version !== undefined && version > SCHEMA_VERSION) {
    throw new LedgerError(
      `the ledger in schema ${t.schema} has schema version ${version}, newer than this pulumi-aigc reads ` +
        `(${SCHEMA_VERSION}): upgrade pulumi-aigc on this runner`,
    );
  }
}

/** One transaction: takes the lock, applies the next migration if any. Returns true when none was left. */
async function migrateOnce(pool: GatedPool, t: LedgerTables, failure: Failure): Promise<boolean> {
  try {
    return await pool.withClient((client) => migrateOn(client, t, failure));
  } catch (err) {
    throw failure("migrate the ledger", err); // a LedgerError from migrateOn passes through as it is
  }
}

/** The transaction of migrateOnce, on its own client; rolled back on any error. */
async function migrateOn(client: PoolClient, t: LedgerTables, failure: Failure): Promise<boolean> {
  let step = "lock the ledger's schema";
  try {
    await client.query("BEGIN");
    // The key the pre-migration code took to create its tables, so old and new first runs exclude each other.
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [lockKey64(`pulumi-aigc ledger ddl ${t.schema}`)]);
    const { rows: ns } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [t.schema]);
    if (ns.length === 0) await client.query(`CREATE SCHEMA "${t.schema.replace(/"/g, '""')}"`);
    step = "create the version table";
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.migrations} (
         id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    let version = (await client.query<{ v: number | null }>(`SELECT max(id) AS v FROM ${t.migrations}`)).rows[0]?.v;
    if (version === null || version === undefined) {
      const { rows } = await client.query<{ r: string | null }>("SELECT to_regclass($1) AS r", [t.meta]);
      // Tables without a version: made by pulumi-aigc before migrations were numbered, i.e. exactly 001.
      if (rows[0]?.r) {
        await client.query(`INSERT INTO ${t.migrations} (id, name) VALUES (1, $1)`, [
          `${initial.name} (found, made before migrations were numbered)`,
        ]);
        version = 1;
      } else {
        version = 0;
      }
    }
    checkNotNewer(version, t);
    const next = MIGRATIONS.find((m) => m.id === version + 1);
    if (next) {
      step = `apply migration ${String(next.id).padStart(3, "0")}-${next.name}`;
      await next.up(client, t);
      await client.query(`INSERT INTO ${t.migrations} (id, name) VALUES ($1, $2)`, [next.id, next.name]);
      // The identity row's version: pulumi-aigc releases before migrations refuse a version above theirs.
      await client.query(`UPDATE ${t.meta} SET version = $1`, [next.id]);
    }
    await client.query("COMMIT");
    return next === undefined;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw failure(`${step} in schema ${t.schema}`, err);
  }
}
