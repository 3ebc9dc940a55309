// Ledger schema migrations on both backends: a new ledger, a ledger of the previous version (before migrations
// were numbered), runners migrating at once, a ledger newer than this code, and a migration that fails. PostgreSQL
// runs on the project's throwaway server on loopback (harness/postgres-server.ts).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Pool } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type PostgresServer, startPostgres } from "../../../harness";
import { FileLedger } from "../../../provider/runtime/ledger/file-ledger";
import { FILE_LEDGER_VERSION } from "../../../provider/runtime/ledger/file-ledger-format";
import type { Ledger } from "../../../provider/runtime/ledger/ledger";
import { initial } from "../../../provider/runtime/ledger/postgres/migrations/001-initial";
import { SCHEMA_VERSION } from "../../../provider/runtime/ledger/postgres/migrator";
import { ledgerTables } from "../../../provider/runtime/ledger/postgres/tables";
import { PostgresLedger } from "../../../provider/runtime/ledger/postgres-ledger";

const opened: Ledger[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const l of opened.splice(0)) await l.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const track = <L extends Ledger>(l: L): L => {
  opened.push(l);
  return l;
};

describe("file ledger format", () => {
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-format-"));
    dirs.push(d);
    return d;
  };

  it("writes a new ledger at the current version", () => {
    const dir = tmp();
    const l = track(FileLedger.open(dir));
    expect(l.version).toBe(FILE_LEDGER_VERSION);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "ledger.json"), "utf8")).version).toBe(2);
  });

  it("reads a previous version's directory as version 1 and migrates it, its intents as they were", async () => {
    const dir = tmp();
    for (const sub of ["intents", "scopes", "owners", "locks"]) fs.mkdirSync(path.join(dir, sub));
    // Exactly what the previous version wrote: its identity file, and an intent in flight.
    const id = "0b7d3f4e-59a2-4c1e-9d7e-3c2b1a0f9e8d";
    fs.writeFileSync(
      path.join(dir, "ledger.json"),
      JSON.stringify({ format: "pulumi-aigc-ledger", version: 1, id, createdAt: "2026-12-01T00:00:00.000Z" }),
    );
    const inFlight = {
      key: "pa-old",
      scope: "p/dev/alibaba:ProductionJob/cover",
      kind: "alibaba:ProductionJob",
      epoch: 0,
      digest: "d",
      state: "submitted",
      jobId: "job-old",
      attempts: 1,
      ambiguous: 0,
      createdAt: "2026-12-01T00:00:00.000Z",
      updatedAt: "2026-12-01T00:00:01.000Z",
      submittedAt: "2026-12-01T00:00:00.500Z",
    };
    fs.writeFileSync(path.join(dir, "intents", "pa-old.json"), JSON.stringify(inFlight));
    const [a, b] = [track(FileLedger.open(dir)), track(FileLedger.open(dir))]; // two runners, one after the other
    expect(a.id).toBe(id);
    expect(b.id).toBe(id);
    expect(a.version).toBe(2);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "ledger.json"), "utf8"))).toMatchObject({ id, version: 2 });
    expect(await a.get("pa-old")).toEqual(inFlight);
  });

  it("refuses a directory written by a newer pulumi-aigc", () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, "ledger.json"),
      JSON.stringify({ format: "pulumi-aigc-ledger", version: 99, id: "x", createdAt: "2026-12-01T00:00:00Z" }),
    );
    expect(() => FileLedger.open(dir)).toThrow(/format version 99, newer than this pulumi-aigc reads \(2\)/);
  });
});

describe("postgres ledger migrations", () => {
  let pg: PostgresServer;
  let dbUrl = "";
  let db = "";
  beforeAll(async () => {
    pg = await startPostgres();
    dbUrl = await pg.createDatabase();
    db = new URL(dbUrl).pathname.slice(1);
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
  });
  let schemas = 0;
  const fresh = () => {
    const schema = `m${++schemas}`;
    return { schema, url: `${dbUrl}&schema=${schema}` };
  };
  const q = <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => pg.query<R>(sql, params, db);
  const versions = (schema: string) =>
    q<{ id: number; name: string }>(`SELECT id, name FROM "${schema}".pulumi_aigc_migrations ORDER BY id`);

  /** The previous version's schema: migration 001 (its DDL verbatim), no version table, one intent in flight. */
  async function previousVersion(schema: string): Promise<void> {
    const pool = new Pool({ connectionString: pg.url(db) });
    try {
      await pool.query(`CREATE SCHEMA "${schema}"`);
      const client = await pool.connect();
      try {
        await initial.up(client, ledgerTables(schema));
      } finally {
        client.release();
      }
      await pool.query(
        `INSERT INTO "${schema}".pulumi_aigc_intents (key, scope, kind, epoch, digest, state, job_id, attempts,
           ambiguous, owner, created_at, updated_at) VALUES
         ('pa-old', 'p/s/k/a', 'alibaba:ProductionJob', 0, 'd', 'submitted', 'job-old', 1, 0, NULL, now(), now())`,
      );
    } finally {
      await pool.end();
    }
  }

  it("creates a new ledger through every migration, one version row each, the identity at the last", async () => {
    const { schema, url } = fresh();
    const l = track(await PostgresLedger.open(url));
    expect(l.migratedFrom).toBeUndefined();
    expect((await versions(schema)).map((v) => v.id)).toEqual([1, 2, 3]);
    expect(SCHEMA_VERSION).toBe(3);
    expect((await q<{ version: number }>(`SELECT version FROM "${schema}".pulumi_aigc_ledger`))[0]?.version).toBe(3);
    await l.claim({ key: "pa-h", scope: "p/s/k/h", kind: "k", epoch: 0, digest: "d", holder: "urn:a" });
    expect((await l.get("pa-h"))?.holder).toBe("urn:a");
    // 003: whether the create handed the job to the engine (provider/runtime/returned-jobs.ts).
    expect((await l.update("pa-h", { returned: false })).returned).toBe(false);
    expect((await l.get("pa-h"))?.returned).toBe(false);
  });

  it("recognises the previous version's tables as 001 without running their DDL again; keeps intents", async () => {
    const { schema, url } = fresh();
    await previousVersion(schema);
    const l = track(await PostgresLedger.open(url));
    expect(l.migratedFrom).toBeUndefined();
    const v = await versions(schema);
    expect(v.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(v[0]!.name).toMatch(/made before migrations were numbered/);
    expect(await l.get("pa-old")).toMatchObject({ state: "submitted", jobId: "job-old", attempts: 1 });
    expect((await l.get("pa-old"))?.holder).toBeUndefined();
    // Opening again migrates nothing.
    const again = track(await PostgresLedger.open(url));
    expect(again.migratedFrom).toBe(3);
  });

  it("migrates once when many runners open a previous version's ledger at the same moment", async () => {
    const { schema, url } = fresh();
    await previousVersion(schema);
    const all = await Promise.all([1, 2, 3, 4, 5, 6].map(async () => track(await PostgresLedger.open(url))));
    expect(new Set(all.map((l) => l.id)).size).toBe(1);
    const v = await versions(schema);
    expect(v.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(await all[5]!.get("pa-old")).toMatchObject({ state: "submitted", jobId: "job-old" });
  });

  it("refuses a ledger whose schema is newer than this code, naming the way out", async () => {
    const { schema, url } = fresh();
    track(await PostgresLedger.open(url));
    await q(`INSERT INTO "${schema}".pulumi_aigc_migrations (id, name) VALUES (4, 'from the future')`);
    await expect(PostgresLedger.open(url)).rejects.toThrow(
      /schema version 4, newer than this pulumi-aigc reads \(3\): upgrade/,
    );
  });

  it("a migration that cannot run leaves nothing behind: no version recorded, the intents untouched", async () => {
    const { schema, url } = fresh();
    await previousVersion(schema);
    // A role with data rights only cannot migrate: the whole transaction is rolled back.
    await q("CREATE ROLE mig_dml LOGIN");
    await q(`GRANT CONNECT ON DATABASE "${db}" TO mig_dml`);
    await q(`GRANT USAGE ON SCHEMA "${schema}" TO mig_dml`);
    await q(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${schema}" TO mig_dml`);
    const denied = await PostgresLedger.open(url.replace("//aigc@", "//mig_dml:not-a-pw@")).catch((e: Error) => e);
    expect((denied as Error).message).toMatch(
      /cannot (create the version table|apply migration 002-intent holder) in schema m\d+: .*permission denied/,
    );
    expect((denied as Error).message).not.toContain("not-a-pw");
    const tables = await q<{ r: string | null }>("SELECT to_regclass($1) AS r", [`"${schema}".pulumi_aigc_migrations`]);
    expect(tables[0]?.r).toBeNull();
    // The owner migrates it afterwards.
    const l = track(await PostgresLedger.open(url));
    expect(await l.get("pa-old")).toMatchObject({ state: "submitted", jobId: "job-old" });
  });
});
