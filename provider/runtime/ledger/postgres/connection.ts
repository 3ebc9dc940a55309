// How a PostgreSQL ledger connects: the client's settings, and its pool of connections with the gate in front
// (./statement-gate.ts). The runner lock's connection (./runner-lock.ts) takes the same settings, outside the pool.
import { type ClientConfig, Pool } from "pg";
import type { RunnerLockOptions } from "./runner-lock";
import { StatementGate } from "./statement-gate";
import type { PostgresLedgerUrl } from "./url";

/** No single ledger statement should take long; one that hangs (a lock, a dead network) fails instead. */
const STATEMENT_TIMEOUT_MS = 60_000;
/** How long opening one connection may take (statements waiting for a turn wait in the gate, without limit). */
const CONNECT_TIMEOUT_MS = 15_000;
/**
 * Connections per runner, besides its runner lock's; statements beyond it queue in the gate. Measured with 1,000
 * items at once (harness/ledger-pool-pace.ts, 2 cores): 4 gave 210–300 items/s on loopback and 50/s with a 10 ms
 * round trip, 8 gave 370–445 and 96–98/s, 16 gave 490–540 and 165–170/s. A real batch item's create makes 8
 * statements (harness/ledger-pool-batch.ts: 1,000 items at +10 ms took 28.9 s with 4, 14.6 s with 8), so 8 keep
 * 1,000 items ahead of a vendor's 20 submissions/s up to a round trip of about 30 ms, and 9 connections a runner
 * leave room for about ten runners (and the state backend) in PostgreSQL's default max_connections of 100. 16
 * would halve that for less than twice the pace.
 */
const POOL_SIZE = 8;

/** Tuning for tests and measurements (internal); the defaults suit real use. */
export interface PostgresLedgerOptions extends RunnerLockOptions {
  /** Pooled connections (default 8). */
  readonly poolSize?: number;
  /** How long opening a connection may take (default 15 s). */
  readonly connectTimeoutMs?: number;
}

/** The client settings of every connection to the ledger at `url`. */
export function clientConfig(url: PostgresLedgerUrl, options: PostgresLedgerOptions): ClientConfig {
  return {
    connectionString: url.connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 30_000,
    fallback_application_name: "pulumi-aigc ledger",
  };
}

/** The ledger's pool and the gate every statement of an open ledger passes. Throws nothing (connects lazily). */
export function gatedPool(config: ClientConfig, options: PostgresLedgerOptions): { pool: Pool; gate: StatementGate } {
  const max = options.poolSize ?? POOL_SIZE;
  const pool = new Pool({
    ...config,
    max,
    idleTimeoutMillis: 10_000,
    // An idle ledger does not keep a process alive (the runner lock's socket is unreferenced too).
    allowExitOnIdle: true,
  });
  // An idle pooled connection that breaks is dropped by the pool; the next query opens another.
  pool.on("error", () => undefined);
  return { pool, gate: new StatementGate(pool, max) };
}
