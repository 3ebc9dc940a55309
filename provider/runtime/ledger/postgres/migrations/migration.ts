// What a numbered PostgreSQL migration is. Each lives in its own file (NNN-name.ts) and runs in a transaction
// of its own, under the migrator's advisory lock (../migrator.ts).
import type { LedgerTables } from "../tables";

/** What a migration may run statements on: the migrator's transaction. */
export interface MigrationClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** One forward-only step of the ledger's schema. */
export interface PgMigration {
  /** Its number: migrations run in order, each once per schema. */
  readonly id: number;
  /** What it changes, for the version table. */
  readonly name: string;
  /** The statements, inside the migrator's transaction. */
  up(client: MigrationClient, t: LedgerTables): Promise<void>;
}
