// Migration 003: an intent may note whether its create handed the job id back to the engine (../../ledger.ts
// `returned`). Nullable: intents written before have none, which reads as "not known", so nothing changes for them.
import type { PgMigration } from "./migration";

/** Adds `returned boolean` to the intents table. */
export const intentReturned: PgMigration = {
  id: 3,
  name: "intent returned",
  async up(client, t) {
    await client.query(`ALTER TABLE ${t.intents} ADD COLUMN IF NOT EXISTS returned boolean`);
  },
};
