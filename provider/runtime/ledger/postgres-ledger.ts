// The submission ledger in a PostgreSQL database: the setting for teams and CI pipelines, whose runners share
// one server (the same one can hold Pulumi's DIY stack state). Loaded only when `aigc:ledger` is a
// postgres:// URL, so file ledgers never load the client. Its parts: postgres/url.ts (the URL), connection.ts
// and statement-gate.ts (the pool, and the queue in front of it), migrator.ts and migrations/ (the schema),
// runner-lock.ts (liveness), intent-rows.ts (rows as intents).

import type { ClientConfig, Pool } from "pg";
import { checkKey, claimRecord, INTENT_STATES, IntentDecodeError } from "./intent-codec";
import { IntentIndex } from "./intent-filter";
import {
  type ClaimResult,
  type GcResult,
  type Intent,
  type IntentFilter,
  type IntentPatch,
  type IntentState,
  type Ledger,
  LedgerError,
  type NewIntent,
  type OwnerStatus,
  type RunnerInfo,
  type ScanResult,
  type UnreadableEntry,
} from "./ledger";
import { collect } from "./postgres/collect";
import { clientConfig, gatedPool, type PostgresLedgerOptions } from "./postgres/connection";
import {
  PATCHABLE,
  patchAssignments,
  readableOf,
  rowToIntent,
  selectIntents,
  TOMBSTONE_NULLS,
} from "./postgres/intent-rows";
import { migrate, SCHEMA_VERSION } from "./postgres/migrator";
import { RunnerLock } from "./postgres/runner-lock";
import type { StatementGate } from "./postgres/statement-gate";
import { type LedgerTables, ledgerTables } from "./postgres/tables";
import { type PostgresLedgerUrl, parsePostgresLedgerUrl } from "./postgres/url";
import { currentRunner } from "./runner";

export type { PostgresLedgerOptions } from "./postgres/connection";
export { type PostgresLedgerUrl, parsePostgresLedgerUrl } from "./postgres/url";

/**
 * Rows whose state is one the codec knows. Updates, take-overs and releases touch only those: a row with any
 * other state is corrupt, and is left as it is for the operator (the read that follows names it).
 */
const KNOWN_STATE = `state IN (${INTENT_STATES.map((s) => `'${s}'`).join(", ")})`;

/** One row of `pulumi_aigc_intents`, as the client returns it. */
type Row = Record<string, unknown>;

/**
 * A ledger in PostgreSQL. A claim is one `INSERT … ON CONFLICT DO NOTHING`, a take-over a compare-and-set
 * `UPDATE` on the owner, a release one statement that writes the tombstone and moves the scope's epoch.
 * A runner's liveness is its advisory lock (postgres/runner-lock.ts); once that is lost, every call throws.
 */
export class PostgresLedger implements Ledger {
  readonly location: string;
  readonly runner: RunnerInfo;
  private schemaName = "";
  private ledgerId = "";
  /** The advisory lock class of this ledger: the first key of every runner lock. */
  private lockClass = 0;
  private readonly pool: Pool;
  /** Every statement of an open ledger passes it: at most `max` out at once, the rest queued (statement-gate.ts). */
  private readonly gate: StatementGate;
  private readonly lock: RunnerLock;
  private closing = false;
  /** The intents as of the first cached listing, kept current with this runner's writes and reads. */
  private readonly index = new IntentIndex(() => this.list({}));
  private t!: LedgerTables;
  /** The schema version the ledger was at when this runner opened it (before migrating). */
  migratedFrom: number | undefined;

  private constructor(
    private readonly url: PostgresLedgerUrl,
    config: ClientConfig,
    options: PostgresLedgerOptions,
  ) {
    this.location = url.display;
    const r = currentRunner();
    this.runner = { id: r.id, host: r.host, pid: r.pid, startedAt: r.startedAt };
    ({ pool: this.pool, gate: this.gate } = gatedPool(config, options));
    this.lock = new RunnerLock(
      config,
      this.runner,
      this.location,
      options,
      (s) => this.scrub(s),
      (w, e) => this.failure(w, e),
    );
  }

  /**
   * Opens the ledger at `url` (creating or migrating its tables) and registers this process as a runner.
   * @throws LedgerError naming the database (never its password) when it cannot be reached, read or migrated.
   */
  static async open(url: string, options: PostgresLedgerOptions = {}): Promise<PostgresLedger> {
    const parsed = parsePostgresLedgerUrl(url);
    const ledger = new PostgresLedger(parsed, clientConfig(parsed, options), options);
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
    this.t = ledgerTables(this.schema);
    this.migratedFrom = await migrate(this.gate, this.t, (w, e) => this.failure(w, e));
    const meta = await this.readMeta();
    if (meta?.format !== "pulumi-aigc-ledger" || typeof meta.id !== "string" || !Number.isInteger(meta.lock_class)) {
      throw new LedgerError(`PostgreSQL ledger ${this.location}: ${this.t.meta} is not a pulumi-aigc ledger`);
    }
    if (meta.version > SCHEMA_VERSION) {
      throw new LedgerError(
        `PostgreSQL ledger ${this.location} has format version ${meta.version}, newer than this pulumi-aigc ` +
          `reads (${SCHEMA_VERSION}): upgrade pulumi-aigc on this runner`,
      );
    }
    this.ledgerId = meta.id;
    this.lockClass = meta.lock_class;
    await this.lock.hold(this.t, this.lockClass);
  }

  private async readMeta(): Promise<{ id: string; format: string; version: number; lock_class: number } | undefined> {
    const rows = await this.sql<{ id: string; format: string; version: number; lock_class: number }>(
      "read the ledger identity",
      `SELECT id::text AS id, format, version, lock_class FROM ${this.t.meta}`,
    );
    return rows[0];
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
    const [row] = await this.sql<Row>(`read intent ${key}`, `SELECT * FROM ${this.t.intents} WHERE key = $1`, [key]);
    if (!row) this.index.forget(key);
    return row ? this.remember(this.toIntent(row, key)) : undefined;
  }

  async claim(n: NewIntent): Promise<ClaimResult> {
    checkKey(n.key);
    for (let attempt = 0; attempt < 3; attempt++) {
      const [mine] = await this.sql<Row>(
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
          claimRecord(n, this.runner.id, "").owner ?? null,
          n.holder ?? null,
        ],
      );
      if (mine) return { claimed: true, intent: this.remember(this.toIntent(mine, n.key)) };
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
    const [row] = await this.sql<Row>(
      `take over intent ${key}`,
      `UPDATE ${this.t.intents} SET owner = $2, updated_at = now()
       WHERE key = $1 AND owner IS NOT DISTINCT FROM $3 AND ${KNOWN_STATE}
       RETURNING *`,
      [key, this.runner.id, previousOwner ?? null],
    );
    if (row) return this.remember(this.toIntent(row, key));
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
    for (const [field, value] of Object.entries(patch)) {
      if (!PATCHABLE.has(field)) throw new LedgerError(`not a field a runner may change on an intent: ${field}`);
      if (field === "state" && !INTENT_STATES.includes(value as IntentState)) {
        throw new LedgerError(`not an intent state: ${JSON.stringify(value)}`);
      }
    }
    const { sets, values } = patchAssignments(patch, 2);
    sets.push("updated_at = now()");
    const [row] = await this.sql<Row>(
      `update intent ${key}`,
      `UPDATE ${this.t.intents} SET ${sets.join(", ")} WHERE key = $1 AND ${KNOWN_STATE} RETURNING *`,
      [key, ...values],
    );
    if (row) return this.remember(this.toIntent(row, key));
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
    const [row] = await this.sql<Row>(
      `release intent ${key}`,
      `WITH cur AS (
         SELECT * FROM ${this.t.intents} WHERE key = $1 FOR UPDATE
       ), rel AS (
         UPDATE ${this.t.intents} i
         SET state = 'released', ${TOMBSTONE_NULLS}, updated_at = now(), released_at = now()
         FROM cur
         WHERE i.key = cur.key AND cur.state <> 'released' AND ${KNOWN_STATE.replace("state", "cur.state")}
         RETURNING i.scope, i.epoch
       ), bump AS (
         INSERT INTO ${this.t.scopes} AS s (scope, epoch, updated_at)
         SELECT scope, epoch + 1, now() FROM rel
         ON CONFLICT (scope) DO UPDATE SET epoch = GREATEST(s.epoch, EXCLUDED.epoch - 1) + 1, updated_at = now()
       )
       SELECT * FROM cur`,
      [key],
    );
    if (row) this.toIntent(row, key); // a corrupt row was left as it is: say so
    if (this.index.active) await this.get(key); // the tombstone, into the cached listing
  }

  private async rows(filter: IntentFilter): Promise<Row[]> {
    const { text, values } = selectIntents(this.t, filter);
    return this.sql<Row>("list intents", text, values);
  }

  async list(filter: IntentFilter = {}): Promise<Intent[]> {
    // One query per runner instead of one per item (issue 21): then this runner's own writes and fresh reads.
    if (filter.cached) return this.index.list(filter);
    return (await this.rows(filter)).map((r) => this.toIntent(r, String(r.key)));
  }

  /** Keeps `intent` (just written or read) in the cached listing, once there is one. */
  private remember(intent: Intent): Intent {
    return this.index.note(intent);
  }

  async scan(filter: IntentFilter = {}): Promise<ScanResult> {
    const intents: Intent[] = [];
    const unreadable: UnreadableEntry[] = [];
    for (const r of await this.rows(filter)) {
      try {
        intents.push(rowToIntent(r, String(r.key)));
      } catch (err) {
        if (!(err instanceof IntentDecodeError)) throw err;
        unreadable.push({ key: String(r.key), why: err.why, readable: readableOf(r) });
      }
    }
    return { intents, unreadable };
  }

  async durations(profile: string, limit: number): Promise<number[]> {
    const rows = await this.sql<Row>(
      `read the durations of ${profile}`,
      `SELECT * FROM ${this.t.intents}
       WHERE outcome->>'profile' = $1 AND outcome ? 'durationMs' AND outcome->>'failed' = 'false'
       ORDER BY coalesce(finished_at, created_at) DESC LIMIT $2`,
      [profile, Math.max(0, Math.floor(limit))],
    );
    return rows.map((r) => this.toIntent(r, String(r.key)).outcome!.durationMs!);
  }

  async gc(olderThanMs: number, now?: number): Promise<GcResult> {
    this.index.reset();
    return collect(
      {
        sql: (what, text, values) => this.sql(what, text, values),
        vacuum: (text) => this.gate.query(text).then(() => undefined),
        bytes: () => this.bytes(),
      },
      this.t,
      { lockClass: this.lockClass, runnerId: this.runner.id },
      olderThanMs,
      now,
    );
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
    // Statements still waiting for a turn fail now; those already sent finish (pool.end waits for them).
    this.gate.close(() => this.closedError());
    if (this.lock.held && this.t) {
      // Past the gate, whose queue is now empty: the goodbye waits only for the statements already sent.
      await this.pool.query(`DELETE FROM ${this.t.runners} WHERE id = $1`, [this.runner.id]).catch(() => undefined);
    }
    await this.lock.close(); // drops the runner lock
    await this.pool.end().catch(() => undefined);
  }

  // ---- internals ---------------------------------------------------------------------------------------

  private usable(): void {
    if (this.lock.lost) throw this.lock.lost;
    if (this.closing) throw this.closedError();
  }

  private closedError(): LedgerError {
    return new LedgerError(`PostgreSQL ledger ${this.location} is closed`);
  }

  private async sql<R>(what: string, text: string, values: unknown[] = []): Promise<R[]> {
    this.usable();
    let rows: R[];
    try {
      // Checked again when the statement's turn comes: the ledger may have closed or lost its lock meanwhile.
      const result = await this.gate.run(() => {
        this.usable();
        return this.pool.query(text, values);
      });
      rows = result.rows as R[];
    } catch (err) {
      throw this.failure(what, err);
    }
    this.usable(); // the runner lock may have gone while the statement ran
    return rows;
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

  /** A row as an Intent (intent-rows.ts): anything unexpected fails closed, naming the row. */
  private toIntent(row: Row, key: string): Intent {
    try {
      return rowToIntent(row, key);
    } catch (err) {
      if (!(err instanceof IntentDecodeError)) throw err;
      throw new LedgerError(
        `ledger row ${key} in ${this.t.intents} of ${this.location} is unreadable (${err.why}); nothing was ` +
          `submitted. \`npx pulumi-aigc ledger show ${key}\` prints what of it is readable (the job it names); ` +
          "repair the row or delete it",
      );
    }
  }
}
