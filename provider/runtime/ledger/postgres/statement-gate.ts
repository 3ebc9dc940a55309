// A FIFO gate in front of the ledger's connection pool. pg-pool applies its connection timeout also to a request
// waiting in its own queue for a free client ("timeout exceeded when trying to connect"), so with a batch's
// hundreds of items in flight the later statements failed while the database was fine. The gate hands the pool at
// most as many statements as it has clients, and keeps the rest in a queue of its own that has no timeout: the
// pool's connect timeout then bounds only a real connect, and each statement its `statement_timeout`.
import type { Pool, PoolClient, QueryResult, QueryResultRow } from "pg";

/** A statement (or a client's use) waiting for a turn. */
interface Waiter {
  readonly go: () => void;
  readonly fail: (err: Error) => void;
}

/** The pool, as the ledger and its migrator use it: one statement, or one client for a transaction. */
export interface GatedPool {
  /**
   * Runs one statement on a pooled client once one is this caller's turn.
   * @throws the gate's closing error when the gate closes first; the pool's or server's error otherwise.
   */
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  /**
   * Runs `use` with a client of its own (a transaction), released when `use` settles.
   * @throws as `query`, and whatever `use` throws.
   */
  withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T>;
}

/** Gates a pool of `size` clients: at most `size` statements or clients out at once, the rest in FIFO order. */
export class StatementGate implements GatedPool {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private closedBy: (() => Error) | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly size: number,
  ) {}

  /** Statements waiting for a turn (not yet handed to the pool). */
  get queued(): number {
    return this.waiting.length;
  }

  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    return this.run(() => this.pool.query<R>(text, values));
  }

  withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.run(async () => {
      const client = await this.pool.connect();
      try {
        return await use(client);
      } finally {
        client.release();
      }
    });
  }

  /**
   * Runs `work` once it is this caller's turn; `work` may check, when its turn comes, that it should still run.
   * @throws the closing error when the gate is closed before the turn comes, or whatever `work` throws.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  /**
   * Refuses every waiting and later statement with `reason()` (a fresh error each); statements already handed to
   * the pool finish. A closing ledger's queue must fail, not hang until a pool that has ended answers.
   */
  close(reason: () => Error): void {
    this.closedBy ??= reason;
    for (const w of this.waiting.splice(0)) w.fail(reason());
  }

  private enter(): Promise<void> {
    if (this.closedBy) return Promise.reject(this.closedBy());
    if (this.active < this.size) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((go, fail) => this.waiting.push({ go, fail }));
  }

  /** Hands the freed turn straight to the first waiter, so a newcomer never overtakes the queue. */
  private leave(): void {
    const next = this.waiting.shift();
    if (next) next.go();
    else this.active--;
  }
}
