// Migration 001: the schema of the ledger as pulumi-aigc created it before migrations were numbered (with
// `CREATE … IF NOT EXISTS`). A schema created by that code is recognised as being at 001 by the migrator
// (../migrator.ts), which records it without running this again.
import { randomInt, randomUUID } from "node:crypto";
import { LEDGER_FORMAT } from "../../intent-codec";
import { type LedgerTables, PREFIX } from "../tables";
import type { MigrationClient, PgMigration } from "./migration";

/** The identity table, intents, scopes, runners, holdings with their trigger, and the ledger's identity row. */
export const initial: PgMigration = {
  id: 1,
  name: "initial",
  async up(client, t) {
    await client.query(tablesSql(t));
    await createTriggers(client, t);
    await insertIdentity(client, t);
  },
};

/** The tables, indexes, sequence and trigger function, as the previous version created them. */
function tablesSql(t: LedgerTables): string {
  return `
    CREATE TABLE IF NOT EXISTS ${t.meta} (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      id uuid NOT NULL,
      format text NOT NULL,
      version integer NOT NULL,
      lock_class integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- No index names updated_at, owner or state: the updates that change only those (the attempt count,
    -- a take-over) stay heap-only (HOT) and add no index entries. gc and the runner clean-up scan.
    CREATE TABLE IF NOT EXISTS ${t.intents} (
      key text COLLATE "C" PRIMARY KEY,
      scope text COLLATE "C" NOT NULL,
      kind text NOT NULL,
      epoch integer NOT NULL CHECK (epoch >= 0),
      digest text NOT NULL,
      state text NOT NULL,
      job_id text,
      held_ids text[],
      placement jsonb,
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      ambiguous integer NOT NULL DEFAULT 0 CHECK (ambiguous >= 0),
      owner text,
      legacy boolean,
      outcome jsonb,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      submitted_at timestamptz,
      finished_at timestamptz,
      released_at timestamptz
    );
    CREATE INDEX IF NOT EXISTS ${t.local("intents_scope")} ON ${t.intents} (scope);
    CREATE INDEX IF NOT EXISTS ${t.local("intents_job_id")} ON ${t.intents} (job_id) WHERE job_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS ${t.local("intents_durations")}
      ON ${t.intents} ((outcome->>'profile'), (coalesce(finished_at, created_at)) DESC)
      WHERE outcome ? 'durationMs' AND outcome->>'failed' = 'false';
    CREATE TABLE IF NOT EXISTS ${t.scopes} (
      scope text COLLATE "C" PRIMARY KEY,
      epoch integer NOT NULL CHECK (epoch >= 0),
      updated_at timestamptz NOT NULL
    );
    CREATE SEQUENCE IF NOT EXISTS ${t.seq} AS integer CYCLE;
    CREATE TABLE IF NOT EXISTS ${t.runners} (
      id text PRIMARY KEY,
      lock_no integer NOT NULL,
      host text NOT NULL,
      pid integer NOT NULL,
      started_at timestamptz NOT NULL
    );
    -- Who holds a vendor id, kept from held_ids by a trigger (hand edits included). Not a GIN index on
    -- held_ids: GIN never removes a key from its entry tree, and every job brings new ids, so it would grow
    -- without bound; these B-trees reuse the pages that collection frees.
    CREATE TABLE IF NOT EXISTS ${t.holdings} (
      vendor_id text NOT NULL,
      key text COLLATE "C" NOT NULL REFERENCES ${t.intents} (key) ON DELETE CASCADE,
      PRIMARY KEY (vendor_id, key)
    );
    CREATE INDEX IF NOT EXISTS ${t.local("holdings_key")} ON ${t.holdings} (key);
    CREATE OR REPLACE FUNCTION ${t.syncHoldings}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      -- The schema of the table that fired: the function keeps working if the schema is renamed.
      EXECUTE format('DELETE FROM %I.${PREFIX}holdings WHERE key = $1 AND NOT (vendor_id = ANY (coalesce($2, %L)))',
                     TG_TABLE_SCHEMA, '{}') USING NEW.key, NEW.held_ids;
      EXECUTE format('INSERT INTO %I.${PREFIX}holdings (vendor_id, key) SELECT DISTINCT h, $1 FROM unnest($2) AS h '
                     'WHERE h IS NOT NULL ON CONFLICT DO NOTHING', TG_TABLE_SCHEMA) USING NEW.key, NEW.held_ids;
      RETURN NULL;
    END
    $fn$;

  `;
}

/** The triggers that keep the holdings table from held_ids (created once each). */
async function createTriggers(client: MigrationClient, t: LedgerTables): Promise<void> {
  const triggers = {
    intents_holdings_insert: `AFTER INSERT ON ${t.intents} FOR EACH ROW WHEN (NEW.held_ids IS NOT NULL)`,
    intents_holdings_update: `AFTER UPDATE OF held_ids ON ${t.intents} FOR EACH ROW`,
  };
  for (const [name, when] of Object.entries(triggers)) {
    const exists = await client.query("SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2", [
      t.intents,
      `${PREFIX}${name}`,
    ]);
    if (exists.rows.length === 0) {
      await client.query(`CREATE TRIGGER ${t.local(name)} ${when} EXECUTE FUNCTION ${t.syncHoldings}()`);
    }
  }
}

/** The ledger's identity row. */
async function insertIdentity(client: MigrationClient, t: LedgerTables): Promise<void> {
  // The lock class only has to differ from other ledgers' in the same database: random, kept in the table.
  await client.query(
    `INSERT INTO ${t.meta} (id, format, version, lock_class) VALUES ($1, $2, $3, $4)
       ON CONFLICT (singleton) DO NOTHING`,
    [randomUUID(), LEDGER_FORMAT, 1, randomInt(-(2 ** 31), 2 ** 31 - 1)],
  );
}
