// A runner's liveness in a PostgreSQL ledger, which needs no clock: the runner holds a session-level advisory
// lock on a connection of its own for as long as it is open. When the process dies, the server closes the
// connection and drops the lock; other runners test the lock to tell a dead owner from a live one. If the
// connection is lost while the process lives, others will take its claims over: the lock reports itself lost,
// and the ledger refuses every call from then on.
import { Client, type ClientConfig } from "pg";
import { LedgerError, type RunnerInfo } from "../ledger";
import type { LedgerTables } from "./tables";

/**
 * How often the runner checks its lock connection, and how long an answer may take. The server drops the lock
 * of a silent client after about 60 s (the keepalive settings below): a runner that cannot confirm its
 * connection within 2 × 10 s stops first, before another runner can take its claims over.
 */
const LOCK_CHECK_EVERY_MS = 10_000;
const LOCK_CHECK_TIMEOUT_MS = 10_000;

/** Tuning for tests; the defaults suit real use. */
export interface RunnerLockOptions {
  /** How often the runner checks its lock connection (default 10 s). */
  readonly lockCheckEveryMs?: number;
  /** How long that check may take before the runner stops using the ledger (default 10 s). */
  readonly lockCheckTimeoutMs?: number;
}

/** The lock connection of one runner. */
export class RunnerLock {
  /** Set once the lock may have been dropped: every later ledger call throws it. */
  lost: LedgerError | undefined;
  private session: Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private closing = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly runner: RunnerInfo,
    private readonly location: string,
    private readonly options: RunnerLockOptions,
    private readonly scrub: (text: string) => string,
    private readonly failure: (what: string, err: unknown) => LedgerError,
  ) {}

  /**
   * Takes this runner's lock (`lockClass`, a number from the sequence), then records the runner for other
   * runners' messages.
   * @throws LedgerError when the connection cannot be opened or the runner cannot be recorded.
   */
  async hold(t: LedgerTables, lockClass: number): Promise<void> {
    const session = new Client({
      ...this.config,
      statement_timeout: 0,
      fallback_application_name: `pulumi-aigc runner ${this.runner.id}`,
    });
    this.session = session;
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
      const { rows } = await session.query<{ n: number }>("SELECT nextval($1::regclass)::integer AS n", [t.seq]);
      const lockNo = rows[0]!.n;
      await session.query("SELECT pg_advisory_lock($1, $2)", [lockClass, lockNo]);
      // The lock is held before the row exists, so a row whose lock is free always names a dead runner.
      await session.query(`INSERT INTO ${t.runners} (id, lock_no, host, pid, started_at) VALUES ($1, $2, $3, $4, $5)`, [
        this.runner.id,
        lockNo,
        this.runner.host,
        this.runner.pid,
        this.runner.startedAt,
      ]);
    } catch (err) {
      throw this.failure("register this runner", err);
    }
    // From here on the session only holds the lock, idle: it must not keep the process alive by itself. (Not
    // before: a process with nothing else to do would exit in the middle of opening the ledger.)
    socketOf(session)?.unref?.();
    this.timer = setInterval(() => this.check(session), this.options.lockCheckEveryMs ?? LOCK_CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Whether the lock was taken (the runner row exists) and not lost: the runner may say goodbye. */
  get held(): boolean {
    return this.session !== undefined && !this.lost;
  }

  /** Drops the lock (closing its connection); the process waits for the goodbye. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    if (this.session) socketOf(this.session)?.ref?.();
    await this.session?.end().catch(() => undefined);
  }

  /** A lock connection that stops answering (a network partition sends no error for minutes) counts as lost. */
  private check(session: Client): void {
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
    if (this.timer) clearInterval(this.timer);
    this.lost = new LedgerError(
      `PostgreSQL ledger ${this.location}: lost the connection that shows this runner (${this.runner.id}) alive ` +
        `(${this.scrub(err.message)}). Other runners may now take over its claims, so it stops using the ledger; ` +
        "run `pulumi up` again",
    );
  }
}

/** The socket under a client (not in pg's types), to reference or unreference it. */
function socketOf(client: Client): { ref?: () => void; unref?: () => void } | undefined {
  return (client as unknown as { connection?: { stream?: { ref?: () => void; unref?: () => void } } }).connection
    ?.stream;
}
