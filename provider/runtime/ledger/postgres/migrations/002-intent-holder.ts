// Migration 002: an intent may name its holder, the resource that owns it. Nullable: intents written before
// have none, which reads as "not yet owned", so nothing in flight changes.
import type { PgMigration } from "./migration";

/** Adds `holder text` to the intents table. */
export const intentHolder: PgMigration = {
  id: 2,
  name: "intent holder",
  async up(client, t) {
    await client.query(`ALTER TABLE ${t.intents} ADD COLUMN IF NOT EXISTS holder text`);
  },
};
