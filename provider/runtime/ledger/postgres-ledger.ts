// The submission ledger in a PostgreSQL database: the setting for teams and CI pipelines, whose runners share
// one server (the same one can hold Pulumi's DIY stack state). Loaded only when `aigc:ledger` is a
// postgres:// URL, so file ledgers never load the client.
import { createHash, randomInt, randomUUID } from "node:crypto";
import { Client, type ClientConfig, Pool, type PoolClient } from "pg";
import {
  type ClaimResult,
  type GcResult,
  type Intent,
  type IntentFilter,
  type IntentOutcome,
  type IntentPatch,
  type IntentState,
  type Ledger,
  LedgerError,
  type NewIntent,
  type OwnerStatus,
  type Placement,
  type RunnerInfo,
} from "./ledger";
import { currentRunner } from "./runner";

/** The on-disk format this code reads and writes (`pulumi_aigc_ledger.version`). */
const FORMAT = "pulumi-aigc-ledger";
const FORMAT_VERSION = 1;
/** Every table, index and sequence of the ledger starts with this, beside Pulumi's `pulumi_state`. */
const PREFIX = "pulumi_aigc_";
const STATES: readonly IntentState[] = ["claimed", "submitted", "ambiguous", "void", "adopted", "released"];
const KEY = /^[A-Za-z0-9_-]{1,120}$/;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
/** No single ledger statement should take long; one that hangs (a lock, a dead network) fails instead. */
const STATEMENT_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 15_000;
/**
 * How often the runner checks its lock connection, and how long an answer may take. The server drops the lock
 * of a silent client after about 60 s (the keepalive settings below): a runner that cannot confirm its
 * connection within 2 × 10 s stops first, before another runner can take its claims over.
 */
const LOCK_CHECK_EVERY_MS = 10_000;
const LOCK_CHECK_TIMEOUT_MS = 10_000;

/** A postgres:// ledger URL, split into what the client connects with and what may be shown. */
export interface PostgresLedgerUrl {
  /** The URL without the ledger's own query parameters, for the client. */
  readonly connectionString: string;
  /** `?schema=`: the schema holding the ledger's tables (default: the role's current schema). */
  readonly schema: string | undefined;
  /** `postgres://user@host:port/database[?schema=…]`: no password, no other parameters. */
  readonly display: string;
  /** Secrets that must never appear in a message (the password, in the URL or as `?password=`). */
  readonly secrets: readonly string[];
}

/**
 * Splits a ledger URL. Only `schema` is the ledger's own parameter; the rest (sslmode, options, …) go to the
 * client as they are.
 * @throws LedgerError for a malformed URL or schema name (the message never holds the password).
 */
export function parsePostgresLedgerUrl(url: string): PostgresLedgerUrl {
  const m = /^(postgres(?:ql)?):\/\/([^?#]*)(?:\?([^#]*))?$/i.exec(url.trim());
  if (!m) throw new LedgerError("aigc:ledger is not a postgres://user@host:port/database URL");
  const [, scheme, rest = "", query = ""] = m;
  // The user info ends at the last "@": a password may hold "@" or ":" unencoded.
  const at = rest.lastIndexOf("@");
  const userInfo = at >= 0 ? rest.slice(0, at) : "";
  const hostAndPath = at >= 0 ? rest.slice(at + 1) : rest;
  const colon = userInfo.indexOf(":");
  const user = colon >= 0 ? userInfo.slice(0, colon) : userInfo;
  const rawPassword = colon >= 0 ? userInfo.slice(colon + 1) : "";
  const params = new URLSearchParams(query);
  const secrets = [rawPassword, safeDecode(rawPassword), params.get("password") ?? ""].filter((s) => s.length >= 3);
  const schema = params.get("schema") ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new LedgerError(`aigc:ledger: ?schema=${JSON.stringify(schema)} is not a plain PostgreSQL identifier`);
  }
  params.delete("schema");
  const others = params.toString();
  const slash = hostAndPath.indexOf("/");
  const host = slash >= 0 ? hostAndPath.slice(0, slash) : hostAndPath;
  const database = slash >= 0 ? hostAndPath.slice(slash + 1) : "";
  return {
    connectionString: `${scheme}://${rest}${others ? `?${others}` : ""}`,
    schema,
    display: `${scheme}://${user ? `${safeDecode(user)}@` : ""}${host}/${safeDecode(database)}${
      schema ? `?schema=${schema}` : ""
    }`,
    secrets,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A 64-bit advisory lock key (as a decimal string, PostgreSQL's bigint) for a piece of text. */
function lockKey64(text: string): string {
  return createHash("sha256").update(text).digest().readBigInt64BE(0).toString();
}

/** Tuning for tests; the defaults suit real use. */
export interface PostgresLedgerOptions {
  /** How often the runner checks its lock connection (default 10 s). */
  readonly lockCheckEveryMs?: number;
  /** How long that check may take before the runner stops using the ledger (default 10 s). */
  readonly lockCheckTimeoutMs?: number;
}

/** One row of `pulumi_aigc_intents`, as the client returns it. */
interface IntentRow {
  key: unknown;
  scope: unknown;
  kind: unknown;
  epoch: unknown;
  digest: unknown;
  state: unknown;
  job_id: unknown;
  held_ids: unknown;
  placement: unknown;
  attempts: unknown;
  ambiguous: unknown;
  owner: unknown;
  holder: unknown;
  legacy: unknown;
  outcome: unknown;
  created_at: unknown;
  updated_at: unknown;
  submitted_at: unknown;
  finished_at: unknown;
  released_at: unknown;
}

/** How each patchable field is stored. */
const PATCH_COLUMNS: Record<keyof IntentPatch, { column: string; encode?: (v: unknown) => unknown }> = {
  state: { column: "state" },
  jobId: { column: "job_id" },
  heldIds: { column: "held_ids" },
  placement: { column: "placement", encode: (v) => JSON.stringify(v) },
  attempts: { column: "attempts" },
  ambiguous: { column: "ambiguous" },
  owner: { column: "owner" },
  holder: { column: "holder" },
  outcome: { column: "outcome", encode: (v) => JSON.stringify(v) },
  submittedAt: { column: "submitted_at" },
  finishedAt: { column: "finished_at" },
  legacy: { column: "legacy" },
};

/**
 * A ledger in PostgreSQL. A claim is one `INSERT … ON CONFLICT DO NOTHING`, a take-over a compare-and-set
 * `UPDATE` on the owner, a release one statement that writes the tombstone and moves the scope's epoch.
 *
 * A runner's liveness needs no clock: each ledger holds a session-level advisory lock for its runner on a
 * connection of its own for as long as it is open. When the process dies, the server closes the connection and
 * drops the lock; another runner tests the lock (shared, so testers never block each other) to tell a dead
 * owner from a live one. If that connection is lost while the process lives, other runners will take its
 * claims over: from then on this ledger refuses every call, so the process stops rather than race them.
 */
export class PostgresLedger implements Ledger {
  readonly location: string;
  readonly runner: RunnerInfo;
  private schemaName = "";
  private ledgerId = "";
  /** The advisory lock class of this ledger: the first key of every runner lock. */
  private lockClass = 0;
  private lockNo = 0;
  private readonly pool: Pool;
  private lockSession: Client | undefined;
  private lost: LedgerError | undefined;
  private closing = false;
  private lockCheck: NodeJS.Timeout | undefined;
  private checking = false;
  private t!: {
    meta: string;
    intents: string;
    scopes: string;
    runners: string;
    holdings: string;
    seq: string;
    syncHoldings: string;
  };

  private constructor(
    private readonly url: PostgresLedgerUrl,
    private readonly config: ClientConfig,
    private readonly options: PostgresLedgerOptions,
  ) {
    this.location = url.display;
    const r = currentRunner();
    this.runner = { id: r.id, host: r.host, pid: r.pid, startedAt: r.startedAt };
    this.pool = new Pool({
      ...config,
      max: 4,
      idleTimeoutMillis: 10_000,
      // An idle ledger does not keep a process alive (the runner lock's socket is unreferenced too).
      allowExitOnIdle: true,
    });
    // An idle pooled connection that breaks is dropped by the pool; the next query opens another.
    this.pool.on("error", () => undefined);
  }

  /**
   * Opens the ledger at `url` (creating its tables on first use) and registers this process as a runner.
   * @throws LedgerError naming the database (never its password) when it cannot be reached, read or created.
   */
  static async open(url: string, options: PostgresLedgerOptions = {}): Promise<PostgresLedger> {
    const parsed = parsePostgresLedgerUrl(url);
    const ledger = new PostgresLedger(
      parsed,
      {
        connectionString: parsed.connectionString,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        statement_timeout: STATEMENT_TIMEOUT_MS,
        keepAlive: true,
        keepAliveInitialDelayMillis: 30_000,
        fallback_application_name: "pulumi-aigc ledger",
      },
      options,
    );
    try {
      await ledger.init();
    } catch (err) {
      await ledger.close();
      throw ledger.failure("open the ledger", err);
    }
    return ledger;
  }

  get id(): string {
    return this.ledgerId;
  }

  /** The schema holding the tables: `?schema=`, else the role's current schema at open. */
  get schema(): string {
    return this.schemaName;
  }

  private async init(): Promise<void> {
    if (this.url.schema) {
      this.schemaName = this.url.schema;
    } else {
      const [row] = await this.sql<{ s: string | null }>("read the current schema", "SELECT current_schema() AS s");
      if (!row?.s) {
        throw new LedgerError(
          `PostgreSQL ledger ${this.location}: the role's search_path names no existing schema; ` +
            "add ?schema=<name> to aigc:ledger",
        );
      }
      this.schemaName = row.s;
    }
    const s = ident(this.schema);
    this.t = {
      meta: `${s}.${ident(`${PREFIX}ledger`)}`,
      intents: `${s}.${ident(`${PREFIX}intents`)}`,
      scopes: `${s}.${ident(`${PREFIX}scopes`)}`,
      runners: `${s}.${ident(`${PREFIX}runners`)}`,
      holdings: `${s}.${ident(`${PREFIX}holdings`)}`,
      seq: `${s}.${ident(`${PREFIX}runner_lock_seq`)}`,
      syncHoldings: `${s}.${ident(`${PREFIX}sync_holdings`)}`,
    };
    const meta = (await this.readMeta()) ?? (await this.createTables());
    if (meta.format !== FORMAT || typeof meta.id !== "string" || !Number.isInteger(meta.lock_class)) {
      throw new LedgerError(`PostgreSQL ledger ${this.location}: ${this.t.meta} is not a pulumi-aigc ledger`);
    }
    if (meta.version > FORMAT_VERSION) {
      throw new LedgerError(
        `PostgreSQL ledger ${this.location} has format version ${meta.version}, newer than this pulumi-aigc ` +
          `reads (${FORMAT_VERSION}): upgrade pulumi-aigc on this runner`,
      );
    }
    this.ledgerId = meta.id;
    this.lockClass = meta.lock_class;
    await this.addHolderColumn();
    await this.registerRunner();
  }

  /**
   * Ledgers created before intents had holders get the column (the numbered migrations replace this at merge).
   * Looked up first: a role that may only read and write rows can use a ledger that already has it.
   */
  private async addHolderColumn(): Promise<void> {
    const [row] = await this.sql<{ n: number }>(
      "look for the holder column",
      "SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'holder' " +
        "AND NOT attisdropped",
      [this.t.intents],
    );
    if ((row?.n ?? 0) > 0) return;
    await this.sql("add the holder column", `ALTER TABLE ${this.t.intents} ADD COLUMN IF NOT EXISTS holder text`);
  }

  private async readMeta(): Promise<{ id: string; format: string; version: number; lock_class: number } | undefined> {
    try {
      const { rows } = await this.pool.query(`SELECT id::text AS id, format, version, lock_class FROM ${this.t.meta}`);
      return rows[0];
    } catch (err) {
      // 42P01 undefined_table, 3F000 invalid_schema_name: a new ledger.
      if (["42P01", "3F000"].includes((err as { code?: string }).code ?? "")) return undefined;
      throw this.failure("read the ledger identity", err);
    }
  }

  /** Creates the schema objects once, under a transaction lock so that first runs racing each other agree. */
  private async createTables(): Promise<{ id: string; format: string; version: number; lock_class: number }> {
    const t = this.t;
    const client = await this.connect("create the ledger tables");
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [
        lockKey64(`pulumi-aigc ledger ddl ${this.schema}`),
      ]);
      const { rows } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [this.schema]);
      if (rows.length === 0) await client.query(`CREATE SCHEMA ${ident(this.schema)}`);
      const idx = (name: string) => ident(`${PREFIX}${name}`);
      await client.query(`
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
          holder text,
          legacy boolean,
          outcome jsonb,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          submitted_at timestamptz,
          finished_at timestamptz,
          released_at timestamptz
        );
        -- Ledgers created before intents had holders (the numbered migrations supersede this at merge).
        ALTER TABLE ${t.intents} ADD COLUMN IF NOT EXISTS holder text;
        CREATE INDEX IF NOT EXISTS ${idx("intents_scope")} ON ${t.intents} (scope);
        CREATE INDEX IF NOT EXISTS ${idx("intents_job_id")} ON ${t.intents} (job_id) WHERE job_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ${idx("intents_durations")}
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
        CREATE INDEX IF NOT EXISTS ${idx("holdings_key")} ON ${t.holdings} (key);
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
      `);
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
          await client.query(`CREATE TRIGGER ${idx(name)} ${when} EXECUTE FUNCTION ${t.syncHoldings}()`);
        }
      }
      // The lock class only has to differ from other ledgers' in the same database: random, kept in the table.
      await client.query(
        `INSERT INTO ${t.meta} (id, format, version, lock_class) VALUES ($1, $2, $3, $4)
         ON CONFLICT (singleton) DO NOTHING`,
        [randomUUID(), FORMAT, FORMAT_VERSION, randomInt(-(2 ** 31), 2 ** 31 - 1)],
      );
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw this.failure(`create the ledger tables in schema ${this.schema}`, err);
    } finally {
      client.release();
    }
    const meta = await this.readMeta();
    if (!meta) throw new LedgerError(`PostgreSQL ledger ${this.location}: ${this.t.meta} is empty after creation`);
    return meta;
  }

  /** Takes this runner's lock on a connection of its own, then records the runner for other runners' messages. */
  private async registerRunner(): Promise<void> {
    const session = new Client({
      ...this.config,
      statement_timeout: 0,
      fallback_application_name: `pulumi-aigc runner ${this.runner.id}`,
    });
    this.lockSession = session;
    session.on("error", (err) => this.lose(err));
    session.on("end", () => this.lose(new Error("the server closed the connection")));
    try {
      await session.connect();
    } catch (err) {
      throw this.failure("open the runner connection", err);
    }
    try {
      // A vanished host (power loss, network partition) must not hold its lock for the OS default of hours.
      await session.query(
        "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3",
      );
      await session.query("SET idle_session_timeout = 0").catch(() => undefined); // PostgreSQL 14 and later
      const { rows } = await session.query<{ n: number }>("SELECT nextval($1::regclass)::integer AS n", [this.t.seq]);
      this.lockNo = rows[0]!.n;
      await session.query("SELECT pg_advisory_lock($1, $2)", [this.lockClass, this.lockNo]);
      // The lock is held before the row exists, so a row whose lock is free always names a dead runner.
      await session.query(
        `INSERT INTO ${this.t.runners} (id, lock_no, host, pid, started_at) VALUES ($1, $2, $3, $4, $5)`,
        [this.runner.id, this.lockNo, this.runner.host, this.runner.pid, this.runner.startedAt],
      );
    } catch (err) {
      throw this.failure("register this runner", err);
    }
    // From here on the session only holds the lock, idle: it must not keep the process alive by itself. (Not
    // before: a process with nothing else to do would exit in the middle of opening the ledger.)
    socketOf(session)?.unref?.();
    this.lockCheck = setInterval(
      () => this.checkLockSession(session),
      this.options.lockCheckEveryMs ?? LOCK_CHECK_EVERY_MS,
    );
    this.lockCheck.unref();
  }

  /** A lock connection that stops answering (a network partition sends no error for minutes) counts as lost. */
  private checkLockSession(session: Client): void {
    if (this.checking || this.lost || this.closing) return;
    this.checking = true;
    const timeoutMs = this.options.lockCheckTimeoutMs ?? LOCK_CHECK_TIMEOUT_MS;
    const timer = setTimeout(() => this.lose(new Error(`no answer on it for ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    session
      .query("SELECT 1")
      .catch((err: Error) => this.lose(err))
      .finally(() => {
        clearTimeout(timer);
        this.checking = false;
      });
  }

  private lose(err: Error): void {
    if (this.closing || this.lost) return;
    if (this.lockCheck) clearInterval(this.lockCheck);
    this.lost = new LedgerError(
      `PostgreSQL ledger ${this.location}: lost the connection that shows this runner (${this.runner.id}) alive ` +
        `(${this.scrub(err.message)}). Other runners may now take over its claims, so it stops using the ledger; ` +
        "run `pulumi up` again",
    );
  }

  async epoch(scope: string): Promise<number> {
    const [row] = await this.sql<{ epoch: unknown }>(
      `read the epoch of ${scope}`,
      `SELECT epoch FROM ${this.t.scopes} WHERE scope = $1`,
      [scope],
    );
    if (!row) return 0;
    if (!Number.isSafeInteger(row.epoch) || (row.epoch as number) < 0) {
      throw new LedgerError(
        `PostgreSQL ledger ${this.location}: the epoch of scope ${scope} in ${this.t.scopes} is unreadable ` +
          `(${JSON.stringify(row.epoch)}); nothing was submitted`,
      );
    }
    return row.epoch as number;
  }

  async get(key: string): Promise<Intent | undefined> {
    checkKey(key);
    const [row] = await this.sql<IntentRow>(`read intent ${key}`, `SELECT * FROM ${this.t.intents} WHERE key = $1`, [
      key,
    ]);
    return row ? this.toIntent(row, key) : undefined;
  }

  async claim(n: NewIntent): Promise<ClaimResult> {
    checkKey(n.key);
    for (let attempt = 0; attempt < 3; attempt++) {
      const [mine] = await this.sql<IntentRow>(
        `claim intent ${n.key}`,
        `INSERT INTO ${this.t.intents}
           (key, scope, kind, epoch, digest, state, job_id, held_ids, placement, attempts, ambiguous, owner,
            holder, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0, $10, $11, now(), now())
         ON CONFLICT (key) DO NOTHING
         RETURNING *`,
        [
          n.key,
          n.scope,
          n.kind,
          n.epoch,
          n.digest,
          n.state ?? "claimed",
          n.jobId ?? null,
          n.heldIds ?? null,
          n.placement === undefined ? null : JSON.stringify(n.placement),
          n.state === "adopted" ? null : this.runner.id,
          n.holder ?? null,
        ],
      );
      if (mine) return { claimed: true, intent: this.toIntent(mine, n.key) };
      const existing = await this.get(n.key);
      // Gone between the two statements (collected as an old tombstone): claim again.
      if (!existing) continue;
      const { status, info } = await this.ownerStatus(existing);
      return { claimed: false, intent: existing, owner: status, ...(info ? { ownerInfo: info } : {}) };
    }
    throw new LedgerError(`PostgreSQL ledger ${this.location}: intent ${n.key} keeps vanishing while being claimed`);
  }

  async takeOver(key: string, previousOwner: string | undefined): Promise<Intent | undefined> {
    checkKey(key);
    const [row] = await this.sql<IntentRow>(
      `take over intent ${key}`,
      `UPDATE ${this.t.intents} SET owner = $2, updated_at = now()
       WHERE key = $1 AND owner IS NOT DISTINCT FROM $3 AND state = ANY($4)
       RETURNING *`,
      [key, this.runner.id, previousOwner ?? null, STATES],
    );
    if (row) return this.toIntent(row, key);
    await this.get(key); // throws when the row is there but unreadable
    return undefined;
  }

  async ownerStatus(intent: Intent): Promise<{ status: OwnerStatus; info?: RunnerInfo }> {
    if (!intent.owner) return { status: "none" };
    if (intent.owner === this.runner.id) {
      this.usable();
      return { status: "self", info: this.runner };
    }
    // The shared lock is taken and dropped in the same statement: a live owner's exclusive lock refuses it.
    const [row] = await this.sql<{ id: string; host: string; pid: number; started_at: Date; live: boolean }>(
      `check the runner ${intent.owner}`,
      `SELECT id, host, pid, started_at,
              CASE WHEN pg_try_advisory_lock_shared($2, lock_no) THEN NOT pg_advisory_unlock_shared($2, lock_no)
                   ELSE true END AS live
       FROM ${this.t.runners} WHERE id = $1`,
      [intent.owner, this.lockClass],
    );
    if (!row) return { status: "dead" };
    const info: RunnerInfo = { id: row.id, host: row.host, pid: row.pid, startedAt: row.started_at.toISOString() };
    return { status: row.live ? "live" : "dead", info };
  }

  async update(key: string, patch: IntentPatch): Promise<Intent> {
    checkKey(key);
    const sets: string[] = [];
    const values: unknown[] = [key, STATES];
    for (const [field, value] of Object.entries(patch)) {
      const col = PATCH_COLUMNS[field as keyof IntentPatch];
      if (!col) throw new LedgerError(`not a field a runner may change on an intent: ${field}`);
      if (field === "state" && !STATES.includes(value as IntentState)) {
        throw new LedgerError(`not an intent state: ${JSON.stringify(value)}`);
      }
      values.push(value === undefined || value === null ? null : col.encode ? col.encode(value) : value);
      sets.push(`${col.column} = $${values.length}`);
    }
    sets.push("updated_at = now()");
    const [row] = await this.sql<IntentRow>(
      `update intent ${key}`,
      `UPDATE ${this.t.intents} SET ${sets.join(", ")} WHERE key = $1 AND state = ANY($2) RETURNING *`,
      values,
    );
    if (row) return this.toIntent(row, key);
    if (await this.get(key)) {
      throw new LedgerError(`PostgreSQL ledger ${this.location}: intent ${key} changed while it was being updated`);
    }
    throw new LedgerError(
      `PostgreSQL ledger ${this.location}: intent ${key} does not exist in ${this.t.intents} (it was expected)`,
    );
  }

  async release(key: string): Promise<void> {
    checkKey(key);
    // One statement, so one transaction: the tombstone and the scope's next epoch land together or not at all.
    // The tombstone keeps what identifies the job and how it ended, as the file ledger's does, and when it ended
    // (finishedAt: the order of the duration history, whose index then never names updated_at).
    const [row] = await this.sql<IntentRow>(
      `release intent ${key}`,
      `WITH cur AS (
         SELECT * FROM ${this.t.intents} WHERE key = $1 FOR UPDATE
       ), rel AS (
         UPDATE ${this.t.intents} i
         SET state = 'released', held_ids = NULL, placement = NULL, owner = NULL, legacy = NULL,
             submitted_at = NULL, updated_at = now(), released_at = now()
         FROM cur
         WHERE i.key = cur.key AND cur.state <> 'released' AND cur.state = ANY($2)
         RETURNING i.scope, i.epoch
       ), bump AS (
         INSERT INTO ${this.t.scopes} AS s (scope, epoch, updated_at)
         SELECT scope, epoch + 1, now() FROM rel
         ON CONFLICT (scope) DO UPDATE SET epoch = GREATEST(s.epoch, EXCLUDED.epoch - 1) + 1, updated_at = now()
       )
       SELECT * FROM cur`,
      [key, STATES],
    );
    if (row) this.toIntent(row, key); // a corrupt row was left as it is: say so
  }

  async list(filter: IntentFilter = {}): Promise<Intent[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.scopePrefix !== undefined) {
      values.push(`${filter.scopePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`scope LIKE $${values.length}`);
    }
    if (filter.states) {
      values.push(filter.states);
      where.push(`state = ANY($${values.length})`);
    }
    if (filter.holding !== undefined) {
      values.push(filter.holding);
      const n = values.length;
      // A union rather than an OR, so that both look-ups are index scans.
      where.push(
        `key IN (SELECT key FROM ${this.t.intents} WHERE job_id = $${n} ` +
          `UNION SELECT key FROM ${this.t.holdings} WHERE vendor_id = $${n})`,
      );
    }
    const rows = await this.sql<IntentRow>(
      "list intents",
      `SELECT * FROM ${this.t.intents} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, key`,
      values,
    );
    return rows.map((r) => this.toIntent(r, String(r.key)));
  }

  async durations(profile: string, limit: number): Promise<number[]> {
    const rows = await this.sql<IntentRow>(
      `read the durations of ${profile}`,
      `SELECT * FROM ${this.t.intents}
       WHERE outcome->>'profile' = $1 AND outcome ? 'durationMs' AND outcome->>'failed' = 'false'
       ORDER BY coalesce(finished_at, created_at) DESC LIMIT $2`,
      [profile, Math.max(0, Math.floor(limit))],
    );
    return rows.map((r) => this.toIntent(r, String(r.key)).outcome!.durationMs!);
  }

  async gc(olderThanMs: number, now?: number): Promise<GcResult> {
    const bytesBefore = await this.bytes();
    // Without an explicit `now`, the server's clock decides what is old: runners' clocks may disagree.
    const cutoff = now === undefined ? "now() - $1 * interval '1 millisecond'" : "$1::timestamptz";
    const param = now === undefined ? olderThanMs : new Date(now - olderThanMs).toISOString();
    const removed = await this.sql<{ key: string }>(
      "collect old tombstones",
      `DELETE FROM ${this.t.intents}
       WHERE state IN ('released', 'void') AND coalesce(released_at, updated_at) < ${cutoff} RETURNING key`,
      [param],
    );
    // An idle scope's epoch counter can go once every intent of it is gone and its last release is old: a key
    // it issued again could only repeat after the vendors' dedup windows have passed.
    await this.sql(
      "collect idle scopes",
      `DELETE FROM ${this.t.scopes} s
       WHERE s.updated_at < ${cutoff} AND NOT EXISTS (SELECT 1 FROM ${this.t.intents} i WHERE i.scope = s.scope)`,
      [param],
    );
    await this.sql(
      "collect dead runners",
      `DELETE FROM ${this.t.runners} r
       WHERE r.id <> $2 AND NOT EXISTS (SELECT 1 FROM ${this.t.intents} i WHERE i.owner = r.id)
         AND CASE WHEN pg_try_advisory_lock_shared($1, r.lock_no) THEN pg_advisory_unlock_shared($1, r.lock_no)
                  ELSE false END`,
      [this.lockClass, this.runner.id],
    );
    const [count] = await this.sql<{ n: string }>("count intents", `SELECT count(*) AS n FROM ${this.t.intents}`);
    if (removed.length > 0) {
      // Makes the space reusable (and returns trailing pages); a role that does not own the tables gets a
      // warning from the server and autovacuum does it later.
      await this.pool
        .query(`VACUUM ${this.t.intents}, ${this.t.holdings}, ${this.t.scopes}, ${this.t.runners}`)
        .catch(() => undefined);
    }
    return { removed: removed.length, kept: Number(count?.n ?? 0), bytesBefore, bytesAfter: await this.bytes() };
  }

  /** The ledger's tables with their indexes and TOAST, in bytes (`pg_total_relation_size`). */
  async bytes(): Promise<number> {
    const [row] = await this.sql<{ b: string }>(
      "measure the ledger's size",
      "SELECT coalesce(sum(pg_total_relation_size(t::regclass)), 0)::bigint AS b FROM unnest($1::text[]) AS t",
      [[this.t.meta, this.t.intents, this.t.scopes, this.t.runners, this.t.holdings]],
    );
    return Number(row?.b ?? 0);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.lockCheck) clearInterval(this.lockCheck);
    if (this.lockSession && !this.lost && this.t) {
      await this.pool.query(`DELETE FROM ${this.t.runners} WHERE id = $1`, [this.runner.id]).catch(() => undefined);
    }
    // Referenced again, so that the process waits for the goodbye (else it may exit while closing).
    if (this.lockSession) socketOf(this.lockSession)?.ref?.();
    await this.lockSession?.end().catch(() => undefined); // drops the runner lock
    await this.pool.end().catch(() => undefined);
  }

  // ---- internals ---------------------------------------------------------------------------------------

  private usable(): void {
    if (this.lost) throw this.lost;
    if (this.closing) throw new LedgerError(`PostgreSQL ledger ${this.location} is closed`);
  }

  private async sql<R>(what: string, text: string, values: unknown[] = []): Promise<R[]> {
    this.usable();
    let rows: R[];
    try {
      rows = (await this.pool.query(text, values)).rows as R[];
    } catch (err) {
      throw this.failure(what, err);
    }
    this.usable(); // the runner lock may have gone while the statement ran
    return rows;
  }

  private async connect(what: string): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw this.failure(what, err);
    }
  }

  private scrub(text: string): string {
    let out = text;
    for (const s of this.url.secrets) out = out.split(s).join("***");
    return out;
  }

  /** A client or server error as a LedgerError naming the database (and the SQLSTATE), without secrets. */
  failure(what: string, err: unknown): LedgerError {
    if (err instanceof LedgerError) return err;
    const e = err as { message?: unknown; code?: unknown } | undefined;
    const message = this.scrub(typeof e?.message === "string" && e.message ? e.message : String(err));
    const code = typeof e?.code === "string" ? e.code : undefined;
    // The original error is not kept as the cause: some (an invalid URL) carry the whole connection string.
    const cause = Object.assign(new Error(message), code ? { code } : {});
    return new LedgerError(
      `PostgreSQL ledger ${this.location}: cannot ${what}: ${message}${code ? ` (SQLSTATE ${code})` : ""}`,
      { cause },
    );
  }

  private unreadable(key: string, why: string): LedgerError {
    return new LedgerError(
      `ledger row ${key} in ${this.t.intents} of ${this.location} is unreadable (${why}); nothing was submitted. ` +
        `Check the job it names with \`npx pulumi-aigc ledger show ${key}\`, then repair the row or delete it`,
    );
  }

  /** A row as an Intent, checked field by field: anything unexpected fails closed, naming the row. */
  private toIntent(row: IntentRow, key: string): Intent {
    const bad = (why: string): never => {
      throw this.unreadable(key, why);
    };
    const str = (v: unknown, name: string): string => (typeof v === "string" ? v : bad(`${name} is not text`));
    const count = (v: unknown, name: string): number =>
      Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : bad(`${name} is ${JSON.stringify(v)}`);
    const time = (v: unknown, name: string): string | undefined => {
      if (v === null || v === undefined) return undefined;
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : bad(`${name} is not a time`);
    };
    const opt = (v: unknown, name: string) => (v === null || v === undefined ? undefined : str(v, name));
    if (row.key !== key) bad(`its key is ${JSON.stringify(row.key)}`);
    const state = str(row.state, "state") as IntentState;
    if (!STATES.includes(state)) bad(`state ${JSON.stringify(row.state)} is not one of ${STATES.join(", ")}`);
    let heldIds: string[] | undefined;
    if (row.held_ids !== null && row.held_ids !== undefined) {
      if (!Array.isArray(row.held_ids) || !row.held_ids.every((h) => typeof h === "string")) {
        bad("held_ids is not a list of ids");
      }
      heldIds = row.held_ids as string[];
    }
    const placement = row.placement === null || row.placement === undefined ? undefined : toPlacement(row.placement);
    if (placement === null) bad(`placement ${JSON.stringify(row.placement)} is not a placement`);
    const outcome = row.outcome === null || row.outcome === undefined ? undefined : toOutcome(row.outcome);
    if (outcome === null) bad(`outcome ${JSON.stringify(row.outcome)} is not an outcome`);
    if (row.legacy !== null && row.legacy !== undefined && typeof row.legacy !== "boolean") bad("legacy is not a flag");
    const fields: Intent = {
      key,
      scope: str(row.scope, "scope"),
      kind: str(row.kind, "kind"),
      epoch: count(row.epoch, "epoch"),
      digest: str(row.digest, "digest"),
      state,
      jobId: opt(row.job_id, "job_id"),
      heldIds,
      placement: placement ?? undefined,
      attempts: count(row.attempts, "attempts"),
      ambiguous: count(row.ambiguous, "ambiguous"),
      owner: opt(row.owner, "owner"),
      holder: opt(row.holder, "holder"),
      legacy: (row.legacy as boolean | null) ?? undefined,
      outcome: outcome ?? undefined,
      createdAt: time(row.created_at, "created_at") ?? bad("created_at is missing"),
      updatedAt: time(row.updated_at, "updated_at") ?? bad("updated_at is missing"),
      submittedAt: time(row.submitted_at, "submitted_at"),
      finishedAt: time(row.finished_at, "finished_at"),
      releasedAt: time(row.released_at, "released_at"),
    };
    // Absent fields are left out, as in the file ledger's JSON.
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as unknown as Intent;
  }
}

/** The socket under a client (not in pg's types), to reference or unreference it. */
function socketOf(client: Client): { ref?: () => void; unref?: () => void } | undefined {
  return (client as unknown as { connection?: { stream?: { ref?: () => void; unref?: () => void } } }).connection
    ?.stream;
}

function checkKey(key: string): void {
  if (!KEY.test(key)) throw new LedgerError(`not a ledger key: ${JSON.stringify(key)}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const optionalOf = (v: unknown, type: "string" | "number" | "boolean") => v === undefined || typeof v === type;

/** A stored placement, or null when it is not one. */
function toPlacement(v: unknown): Placement | null {
  if (!isObject(v)) return null;
  if (!optionalOf(v.region, "string") || !optionalOf(v.endpoint, "string") || !optionalOf(v.subAppId, "number")) {
    return null;
  }
  return v as Placement;
}

/** A stored outcome, or null when it is not one. */
function toOutcome(v: unknown): IntentOutcome | null {
  if (!isObject(v) || typeof v.status !== "string" || typeof v.failed !== "boolean") return null;
  if (v.durationMs !== undefined && !(typeof v.durationMs === "number" && Number.isFinite(v.durationMs))) return null;
  if (!optionalOf(v.profile, "string")) return null;
  return v as unknown as IntentOutcome;
}
