// The PostgreSQL ledger against a real server on loopback (harness/postgres-server.ts): the shared
// contract, then what only a database has (runner locks held by connections, privileges, indexes).
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type PostgresServer, repoRoot, startPostgres } from "../../../harness";
import { EPOCH_RETENTION_MS } from "../../../provider/runtime/ledger/gc-ages";
import type { Ledger, NewIntent } from "../../../provider/runtime/ledger/ledger";
import { importJournal, ledgerLocation, openLedgerAt, redactUrl } from "../../../provider/runtime/ledger/open-ledger";
import { PostgresLedger, parsePostgresLedgerUrl } from "../../../provider/runtime/ledger/postgres-ledger";
import { describeLedgerContract } from "./ledger-contract";

let pg: PostgresServer;
let db = ""; // this file's database
let dbUrl = "";
beforeAll(async () => {
  pg = await startPostgres();
  dbUrl = await pg.createDatabase();
  db = new URL(dbUrl).pathname.slice(1);
}, 120_000);
afterAll(async () => {
  await pg?.stop();
});

const opened: Ledger[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const l of opened.splice(0)) await l.close();
});
const track = <L extends Ledger>(l: L): L => {
  opened.push(l);
  return l;
};

let schemas = 0;
/** A fresh ledger of its own: one schema per test. */
const freshUrl = (extra = "") => `${dbUrl}&schema=t${++schemas}${extra}`;
const schemaOf = (l: Ledger) => (l as PostgresLedger).schema;
const q = <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => pg.query<R>(sql, params, db);

/** Terminates the backend that holds `ledger`'s runner lock, as the server does when the process dies. */
async function terminateRunnerSession(ledger: Ledger): Promise<void> {
  const s = `"${schemaOf(ledger)}"`;
  const rows = await q<{ done: boolean }>(
    `SELECT pg_terminate_backend(l.pid, 10000) AS done
     FROM pg_locks l, ${s}.pulumi_aigc_runners r, ${s}.pulumi_aigc_ledger m
     WHERE r.id = $1 AND l.locktype = 'advisory' AND l.granted AND l.mode = 'ExclusiveLock'
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid = (m.lock_class::bigint & 4294967295)::oid AND l.objid = r.lock_no::oid AND l.objsubid = 2`,
    [ledger.runner.id],
  );
  // Exactly one backend held this runner's lock: the one just terminated.
  expect(rows).toEqual([{ done: true }]);
}

let current = "";
describeLedgerContract("postgres", {
  async open() {
    current = freshUrl();
    return track(await PostgresLedger.open(current));
  },
  async second() {
    return track(await PostgresLedger.open(current));
  },
  kill: terminateRunnerSession,
  async corrupt(ledger, key) {
    await q(`UPDATE "${schemaOf(ledger)}".pulumi_aigc_intents SET state = 'submited' WHERE key = $1`, [key]);
  },
});

describe("a PostgreSQL ledger created before intents had holders", () => {
  it("gets the holder column when it is opened, and keeps its intents", async () => {
    const url = freshUrl();
    const old = track(await PostgresLedger.open(url));
    await old.claim({ key: "pa-old", scope: "p/s/k/a", kind: "k", epoch: 0, digest: "d" });
    // Today's previous version: migration 001's schema, no version table (./ledger-migrations.test.ts has the rest).
    const schema = `"${schemaOf(old)}"`;
    await q(
      `DROP TABLE ${schema}.pulumi_aigc_migrations; ` +
        `ALTER TABLE ${schema}.pulumi_aigc_intents DROP COLUMN holder, DROP COLUMN returned; ` +
        `UPDATE ${schema}.pulumi_aigc_ledger SET version = 1`,
    );
    const now = track(await PostgresLedger.open(url));
    expect(await now.get("pa-old")).toMatchObject({ key: "pa-old", state: "claimed" });
    await now.claim({ key: "pa-new", scope: "p/s/k/b", kind: "k", epoch: 0, digest: "d", holder: "s-1|p/s|k/b" });
    expect((await now.get("pa-new"))?.holder).toBe("s-1|p/s|k/b");
  });
});

const intent = (key: string, scope = "p/s/k/a", epoch = 0): NewIntent => ({
  key,
  scope,
  kind: "tencent:SceneAigcImageTask",
  epoch,
  digest: "d",
});

/** A child process that opens the ledger and claims `key`, then idles until killed. */
async function claimInChild(url: string, key: string): Promise<{ child: ChildProcess; runner: string }> {
  const module = path.join(repoRoot, "dist", "provider", "runtime", "ledger", "postgres-ledger.js");
  if (!fs.existsSync(module)) throw new Error(`${module} is missing: run npm run build`);
  const script = `
    const { PostgresLedger } = require(${JSON.stringify(module)});
    (async () => {
      const l = await PostgresLedger.open(process.env.LEDGER_URL);
      const r = await l.claim({ key: ${JSON.stringify(key)}, scope: "p/s/k/child", kind: "k", epoch: 0, digest: "d" });
      process.stdout.write(JSON.stringify({ runner: l.runner.id, claimed: r.claimed }) + "\\n");
      setInterval(() => {}, 1000); // the ledger's own connections do not keep a process alive
    })().catch((e) => { process.stderr.write(String(e)); process.exit(1); });`;
  const child = spawn(process.execPath, ["-e", script], {
    env: { ...process.env, LEDGER_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let err = "";
  child.stderr!.on("data", (d) => {
    err += d;
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.trim());
    });
    child.once("exit", (code) => reject(new Error(`child exited with ${code}: ${err}`)));
  });
  const parsed = JSON.parse(line) as { runner: string; claimed: boolean };
  expect(parsed.claimed).toBe(true);
  return { child, runner: parsed.runner };
}

describe("postgres ledger: runners", () => {
  it("a SIGKILLed runner's claim is seen live while it runs, dead once it is killed, then taken over", async () => {
    const url = freshUrl();
    const b = track(await PostgresLedger.open(url));
    const { child, runner } = await claimInChild(url, "pa-child");
    const seen = await b.claim(intent("pa-child", "p/s/k/child"));
    expect(seen).toMatchObject({ claimed: false, owner: "live", ownerInfo: { id: runner, pid: child.pid } });
    if (seen.claimed) return;
    expect(await b.takeOver("pa-child", runner)).toMatchObject({ owner: b.runner.id }); // CAS is not liveness
    await b.update("pa-child", { owner: runner }); // hand it back, to take it over the honest way
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // The server notices the closed connection on its own; poll for it rather than assume a delay.
    let status = "live";
    for (let i = 0; i < 100 && status === "live"; i++) {
      status = (await b.ownerStatus((await b.get("pa-child"))!)).status;
      if (status === "live") await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe("dead");
    expect(await b.takeOver("pa-child", runner)).toMatchObject({ owner: b.runner.id });
  });

  it("an idle ledger does not keep a process alive; close() finishes in a script with nothing else to do", async () => {
    const module = path.join(repoRoot, "dist", "provider", "runtime", "ledger", "postgres-ledger.js");
    const run = async (then: string) => {
      const script = `require(${JSON.stringify(module)}).PostgresLedger.open(process.env.LEDGER_URL)
        .then(async (l) => {
          const r = await l.claim({ key: "pa-idle", scope: "p/s/k/idle", kind: "k", epoch: 0, digest: "d" });
          process.stdout.write(String(r.claimed));
          ${then}
        });`;
      const child = spawn(process.execPath, ["-e", script], { env: { ...process.env, LEDGER_URL: url } });
      children.push(child);
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      const code = await new Promise((r) => child.once("exit", r));
      return { code, out };
    };
    const url = freshUrl();
    expect(await run("")).toEqual({ code: 0, out: "true" }); // forgot close(): exits all the same
    expect(await run('await l.close(); process.stdout.write(" closed");')).toEqual({ code: 0, out: "false closed" });
  });

  it("a runner that lost its lock connection refuses every call (others may take its claims over)", async () => {
    const url = freshUrl();
    const a = track(await PostgresLedger.open(url));
    await a.claim(intent("pa-lost"));
    await terminateRunnerSession(a);
    let err: unknown;
    for (let i = 0; i < 100 && !err; i++) {
      err = await a.update("pa-lost", { state: "submitted", jobId: "j" }).then(
        () => new Promise((r) => setTimeout(r, 20)).then(() => undefined),
        (e: unknown) => e,
      );
    }
    expect(String(err)).toMatch(/LedgerError: .*lost the connection that shows this runner/);
    await expect(a.get("pa-lost")).rejects.toThrow(/lost the connection/);
    const b = track(await PostgresLedger.open(url));
    expect((await b.ownerStatus((await b.get("pa-lost"))!)).status).toBe("dead");
  });

  it("a runner whose lock connection stops answering (a partition) stops using the ledger", async () => {
    const a = track(await PostgresLedger.open(freshUrl(), { lockCheckEveryMs: 100, lockCheckTimeoutMs: 500 }));
    await a.claim(intent("pa-silent"));
    const s = `"${schemaOf(a)}"`;
    const [{ pid } = { pid: 0 }] = await q<{ pid: number }>(
      `SELECT l.pid FROM pg_locks l, ${s}.pulumi_aigc_runners r
       WHERE r.id = $1 AND l.locktype = 'advisory' AND l.objid = r.lock_no::oid AND l.granted`,
      [a.runner.id],
    );
    process.kill(pid, "SIGSTOP"); // the server process of that connection freezes: no error, no answer
    try {
      let err: unknown;
      for (let i = 0; i < 200 && !err; i++) {
        err = await a.get("pa-silent").then(
          () => new Promise((r) => setTimeout(r, 20)).then(() => undefined),
          (e: unknown) => e,
        );
      }
      expect(String(err)).toMatch(/lost the connection that shows this runner .* \(no answer on it for 500 ms\)/);
    } finally {
      process.kill(pid, "SIGCONT");
    }
  });

  it("gc drops the rows of dead runners that hold nothing, and keeps live ones and dead owners of claims", async () => {
    const url = freshUrl();
    const a = track(await PostgresLedger.open(url));
    const b = track(await PostgresLedger.open(url));
    const c = track(await PostgresLedger.open(url));
    await b.claim(intent("pa-held"));
    await terminateRunnerSession(b);
    await terminateRunnerSession(c);
    await a.gc(60_000);
    const ids = (await q<{ id: string }>(`SELECT id FROM "${schemaOf(a)}".pulumi_aigc_runners`)).map((r) => r.id);
    expect(ids.sort()).toEqual([a.runner.id, b.runner.id].sort());
  });

  it("releases once under concurrent releases: the scope moves one epoch", async () => {
    const url = freshUrl();
    const runners = await Promise.all([1, 2, 3, 4, 5].map(async () => track(await PostgresLedger.open(url))));
    await runners[0]!.claim(intent("pa-rel", "p/s/k/rel"));
    await Promise.all(runners.map((r) => r.release("pa-rel")));
    expect(await runners[1]!.epoch("p/s/k/rel")).toBe(1);
    expect(await runners[2]!.get("pa-rel")).toMatchObject({ state: "released" });
  });
});

describe("postgres ledger: schema", () => {
  it("creates its tables once when many runners open a new ledger at the same moment", async () => {
    const url = freshUrl();
    const all = await Promise.all([1, 2, 3, 4, 5, 6].map(async () => track(await PostgresLedger.open(url))));
    expect(new Set(all.map((l) => l.id)).size).toBe(1);
    const rels = await q<{ relname: string; relkind: string }>(
      `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'i', 'S') ORDER BY 1`,
      [schemaOf(all[0]!)],
    );
    // Every object is prefixed, so the ledger sits beside Pulumi's pulumi_state table in one schema.
    expect(rels.filter((r) => !r.relname.startsWith("pulumi_aigc_"))).toEqual([]);
    expect(rels.filter((r) => r.relkind === "r").map((r) => r.relname)).toEqual([
      "pulumi_aigc_holdings",
      "pulumi_aigc_intents",
      "pulumi_aigc_ledger",
      "pulumi_aigc_migrations",
      "pulumi_aigc_runners",
      "pulumi_aigc_scopes",
    ]);
  });

  it("uses the role's current schema without ?schema=, beside a pulumi_state table", async () => {
    const url = await pg.createDatabase();
    await pg.query(
      "CREATE TABLE pulumi_state (key text PRIMARY KEY, data json NOT NULL)",
      [],
      new URL(url).pathname.slice(1),
    );
    const l = track(await PostgresLedger.open(url));
    expect(l.schema).toBe("public");
    expect(l.location).toBe(`postgres://aigc@127.0.0.1:${pg.port}${new URL(url).pathname}`);
    await l.claim(intent("pa-public"));
    expect(await l.get("pa-public")).toMatchObject({ state: "claimed" });
  });

  it("uses its indexes for holder look-ups, durations and scopes", async () => {
    const l = track(await PostgresLedger.open(freshUrl()));
    const t = `"${schemaOf(l)}".pulumi_aigc_intents`;
    // EXPLAIN with sequential scans priced out: an index that cannot serve the query's shape shows up as a seq scan.
    const explain = async (sql: string, params: unknown[]) => {
      const client = new Client({ connectionString: pg.url(db) });
      await client.connect();
      try {
        await client.query("SET enable_seqscan = off");
        const { rows } = await client.query(`EXPLAIN ${sql}`, params);
        return rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
      } finally {
        await client.end();
      }
    };
    const holdings = `"${schemaOf(l)}".pulumi_aigc_holdings`;
    const holders = await explain(
      `SELECT * FROM ${t} WHERE key IN (SELECT key FROM ${t} WHERE job_id = $1 UNION
       SELECT key FROM ${holdings} WHERE vendor_id = $1)`,
      ["x"],
    );
    expect(holders).toMatch(/pulumi_aigc_intents_job_id/);
    expect(holders).toMatch(/pulumi_aigc_holdings_pkey/);
    expect(holders).not.toMatch(/Seq Scan/);
    expect(
      await explain(
        `SELECT * FROM ${t} WHERE outcome->>'profile' = $1 AND outcome ? 'durationMs' AND outcome->>'failed' = 'false'
         ORDER BY coalesce(finished_at, created_at) DESC LIMIT 10`,
        ["p"],
      ),
    ).toMatch(/pulumi_aigc_intents_durations/);
    expect(await explain(`SELECT * FROM ${t} WHERE scope LIKE 'p/dev/%'`, [])).toMatch(/pulumi_aigc_intents_scope/);
    // Updates of the attempt count or the owner stay heap-only (HOT) only while no index names those columns.
    const defs = await q<{ def: string }>(
      "SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = $1::regclass",
      [t],
    );
    expect(defs.length).toBe(4);
    expect(defs.filter((d) => /\b(updated_at|owner|state|attempts|submitted_at)\b/.test(d.def))).toEqual([]);
  });
});

describe("postgres ledger: holders", () => {
  it("finds who holds a vendor id, also after a hand edit; release and gc leave no holding behind", async () => {
    const l = track(await PostgresLedger.open(freshUrl()));
    const s = `"${schemaOf(l)}"`;
    await l.claim({ ...intent("pa-h1", "p/s/k/h1"), heldIds: ["el-1"] });
    await l.claim(intent("pa-h2", "p/s/k/h2"));
    await l.update("pa-h2", { heldIds: ["el-2", "el-1"] });
    expect((await l.list({ holding: "el-1" })).map((i) => i.key)).toEqual(["pa-h1", "pa-h2"]);
    await q(`UPDATE ${s}.pulumi_aigc_intents SET held_ids = ARRAY['el-9'] WHERE key = 'pa-h1'`); // by hand
    expect((await l.list({ holding: "el-9" })).map((i) => i.key)).toEqual(["pa-h1"]);
    expect((await l.list({ holding: "el-1" })).map((i) => i.key)).toEqual(["pa-h2"]);
    await l.release("pa-h2");
    expect(await l.list({ holding: "el-2" })).toEqual([]);
    await l.release("pa-h1");
    await l.gc(0, Date.now() + 1000);
    expect(await q(`SELECT * FROM ${s}.pulumi_aigc_holdings`)).toEqual([]);
  });
});

describe("postgres ledger: growth", () => {
  it("stays bounded: cycles of jobs created, released and collected level off", async () => {
    const l = track(await PostgresLedger.open(freshUrl()));
    const perCycle = 200;
    const after: number[] = [];
    let firstLive = 0;
    for (let cycle = 0; cycle < 5; cycle++) {
      const keys: string[] = [];
      for (let i = 0; i < perCycle; i++) {
        // Every job brings new keys, scopes and vendor ids, as real jobs do.
        const key = `pa-c${cycle}-${i}-${Math.random().toString(36).slice(2)}`;
        await l.claim({ ...intent(key, `p/s/k/r${cycle}-${i}`), heldIds: [`el-${key}`] });
        await l.update(key, {
          state: "submitted",
          jobId: `job-${key}`,
          owner: undefined,
          finishedAt: new Date().toISOString(),
          outcome: { status: "FINISH", failed: false, durationMs: 1000, profile: "p" },
        });
        keys.push(key);
      }
      if (cycle === 0) firstLive = await l.bytes();
      for (const key of keys) await l.release(key);
      // Epochs are kept for the vendors' dedup window (gc-ages.ts) whatever age gc is given: collect after it.
      after.push((await l.gc(0, Date.now() + EPOCH_RETENTION_MS + 60_000)).bytesAfter);
    }
    // Collected space is reused: the last cycles add (almost) nothing. A GIN index on held ids (GIN never drops
    // a key) fails this: it grew by 16 KiB every cycle.
    process.stdout.write(
      `postgres ledger after each collection (${perCycle} jobs a cycle): ${after.join(", ")} bytes\n`,
    );
    expect(after[4]! - after[2]!).toBeLessThan(0.05 * firstLive);
  }, 120_000);
});

describe("postgres ledger: fails closed", () => {
  it("names the row of every kind of corruption, and release leaves a corrupt row as it is", async () => {
    const l = track(await PostgresLedger.open(freshUrl()));
    const t = `"${schemaOf(l)}".pulumi_aigc_intents`;
    const cases: Array<[string, string]> = [
      ["pa-c1", "placement = '\"eu\"'::jsonb"],
      ["pa-c2", "held_ids = ARRAY['e1', NULL]"],
      ["pa-c3", `outcome = '{"status":"FINISH"}'::jsonb`],
      ["pa-c4", "state = 'SUBMITTED'"],
    ];
    for (const [key, set] of cases) {
      await l.claim(intent(key, `p/s/k/${key}`));
      await q(`UPDATE ${t} SET ${set} WHERE key = $1`, [key]);
      await expect(l.get(key)).rejects.toThrow(new RegExp(`ledger row ${key} in .* is unreadable`));
    }
    await expect(l.list()).rejects.toThrow(/pa-c1/);
    await expect(l.release("pa-c4")).rejects.toThrow(/pa-c4.*state "SUBMITTED" is not one of/);
    await expect(l.update("pa-c4", { state: "submitted" })).rejects.toThrow(/pa-c4/);
    await expect(l.takeOver("pa-c4", l.runner.id)).rejects.toThrow(/pa-c4/);
    expect((await q<{ state: string }>(`SELECT state FROM ${t} WHERE key = 'pa-c4'`))[0]?.state).toBe("SUBMITTED");
    expect(await l.epoch("p/s/k/pa-c4")).toBe(0);
  });

  it("names the database, never the password, when it cannot connect", async () => {
    const port = pg.port + 1 === 65536 ? pg.port - 1 : pg.port + 1;
    const err = await PostgresLedger.open(`postgres://aigc:hunter2pw@127.0.0.1:${port}/ledger?sslmode=disable`).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.name).toBe("LedgerError");
    expect(err?.message).toContain(`postgres://aigc@127.0.0.1:${port}/ledger`);
    expect(`${err?.message} ${String((err as Error & { cause?: Error })?.cause?.message)}`).not.toContain("hunter2");
    const missing = await PostgresLedger.open(pg.url("no_such_db").replace("aigc@", "aigc:p%40ss@w0rd@")).catch(
      (e: Error) => e,
    );
    expect((missing as Error).message).toMatch(/database "no_such_db" does not exist \(SQLSTATE 3D000\)/);
    expect((missing as Error).message).not.toMatch(/ss@w0rd|p%40ss|p@ss/);
  });

  it("fails naming the database when the role lacks privileges; DML rights suffice once created", async () => {
    const url = freshUrl();
    const owner = track(await PostgresLedger.open(url));
    const s = `"${schemaOf(owner)}"`;
    await q("CREATE ROLE runner_dml LOGIN");
    await q("CREATE ROLE stranger LOGIN");
    await q(`GRANT CONNECT ON DATABASE "${db}" TO runner_dml, stranger`);
    await q(`GRANT USAGE ON SCHEMA ${s} TO runner_dml, stranger`);
    await q(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO runner_dml`);
    await q(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO runner_dml`);
    const asRole = (role: string) => url.replace("//aigc@", `//${role}:not-a-real-pw@`);
    const dml = track(await PostgresLedger.open(asRole("runner_dml")));
    expect(dml.id).toBe(owner.id);
    expect((await dml.claim(intent("pa-dml"))).claimed).toBe(true);
    await dml.update("pa-dml", { state: "submitted", jobId: "j" });
    await dml.release("pa-dml");
    expect((await dml.gc(0, Date.now() + 1000)).removed).toBe(1); // VACUUM is skipped for a non-owner
    const denied = await PostgresLedger.open(asRole("stranger")).catch((e: Error) => e);
    expect((denied as Error).message).toMatch(
      new RegExp(
        `^PostgreSQL ledger postgres://stranger@127\\.0\\.0\\.1:${pg.port}/${db}\\?schema=t\\d+: .*permission denied`,
      ),
    );
    expect((denied as Error).message).not.toContain("not-a-real-pw");
  });
});

describe("postgres ledger on a server that asks for a password", () => {
  const password = "s3cret-P@ss:word";
  let secured: PostgresServer;
  beforeAll(async () => {
    secured = await startPostgres({ password });
  }, 120_000);
  afterAll(async () => {
    await secured?.stop();
  });

  it("authenticates with the URL's password or PGPASSWORD, and never shows it", async () => {
    const base = secured.url("postgres");
    const wrong = await PostgresLedger.open(base.replace("aigc@", "aigc:n0t-the-Password@")).catch((e: Error) => e);
    expect((wrong as Error).message).toMatch(/password authentication failed for user "aigc" \(SQLSTATE 28P01\)/);
    expect((wrong as Error).message).not.toMatch(/n0t-the|the-Password/);
    // Unencoded "@" and ":" in the password, as people type them.
    const inUrl = track(await PostgresLedger.open(base.replace("aigc@", `aigc:${password}@`)));
    expect(inUrl.location).toBe(`postgres://aigc@127.0.0.1:${secured.port}/postgres`);
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = password;
    try {
      const fromEnv = track(await PostgresLedger.open(base));
      expect(fromEnv.id).toBe(inUrl.id);
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }
  });
});

describe("postgres ledger: location and opening", () => {
  it("splits a URL: ?schema= is the ledger's, the rest goes to the client, the password only there", () => {
    const u = parsePostgresLedgerUrl("postgresql://ci:p@ss:w0rd@db.example:5432/pulumi?sslmode=require&schema=aigc");
    expect(u).toMatchObject({
      connectionString: "postgresql://ci:p@ss:w0rd@db.example:5432/pulumi?sslmode=require",
      schema: "aigc",
      display: "postgresql://ci@db.example:5432/pulumi?schema=aigc",
    });
    expect(() => parsePostgresLedgerUrl("postgres://h/db?schema=a;drop")).toThrow(/schema=.*not a plain/);
    expect(redactUrl("postgres://ci:p@ss@db/x?password=abc&sslmode=disable")).toBe(
      "postgres://ci:***@db/x?password=***&sslmode=disable",
    );
  });

  it("loads the PostgreSQL client only when a postgres ledger is configured", async () => {
    const openLedger = path.join(repoRoot, "dist", "provider", "runtime", "ledger", "open-ledger.js");
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
    const script = `const o = require(${JSON.stringify(openLedger)});
      const pgLoaded = () => Object.keys(require.cache).some((f) => /node_modules[\\\\/]pg[\\\\/]/.test(f));
      (async () => {
        const file = await o.openLedgerAt(o.ledgerLocation({}, { PULUMI_HOME: ${JSON.stringify(home)} }));
        const before = pgLoaded();
        await file.close();
        const pg = await o.openLedgerAt(o.ledgerLocation({ ledger: process.env.LEDGER_URL }));
        process.stdout.write(JSON.stringify({ before, after: pgLoaded() }));
        await pg.close();
      })();`;
    const child = spawn(process.execPath, ["-e", script], { env: { ...process.env, LEDGER_URL: freshUrl() } });
    children.push(child);
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(home, { recursive: true, force: true });
    expect(JSON.parse(out)).toEqual({ before: false, after: true });
  });

  it("opens from aigc:ledger / PULUMI_AIGC_LEDGER and imports a 0.1 journal into the database", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
    try {
      const journal = path.join(home, "pulumi-aigc", "submissions");
      fs.mkdirSync(journal, { recursive: true });
      const entry = { key: "pa-legacy", kind: "alibaba:ProductionJob", state: "submitted", jobId: "ice-1" };
      fs.writeFileSync(
        path.join(journal, "pa-legacy.json"),
        JSON.stringify({ ...entry, startedAt: "2026-11-30T00:00:00Z" }),
      );
      // An explicit ledger imports the 0.1 journal that aigc:journalDir names (and no machine-wide one).
      expect(ledgerLocation({ ledger: freshUrl() }, { PULUMI_HOME: home }).journals).toEqual([]);
      const loc = ledgerLocation({ ledger: freshUrl(), journalDir: journal }, {});
      expect(loc.type).toBe("postgres");
      const l = track(await openLedgerAt(loc));
      expect(l).toBeInstanceOf(PostgresLedger);
      expect(await l.get("pa-legacy")).toMatchObject({
        state: "submitted",
        jobId: "ice-1",
        legacy: true,
        submittedAt: "2026-11-30T00:00:00.000Z",
      });
      expect(await importJournal(l, journal)).toBe(0);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
