// The names of the ledger's objects in its schema. Every table, index and sequence starts with PREFIX, beside
// Pulumi's own `pulumi_state` when the same database holds the stack state.
import { createHash } from "node:crypto";

/** The prefix of every object of the ledger. */
export const PREFIX = "pulumi_aigc_";

/** A quoted SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The qualified names of the ledger's tables, sequence and trigger function in one schema. */
export interface LedgerTables {
  readonly schema: string;
  readonly meta: string;
  readonly intents: string;
  readonly scopes: string;
  readonly runners: string;
  readonly holdings: string;
  readonly seq: string;
  readonly syncHoldings: string;
  /** The version table: one row per migration applied. */
  readonly migrations: string;
  /** An index or trigger name (unqualified, quoted). */
  readonly local: (name: string) => string;
}

/** The ledger's names in `schema`. */
export function ledgerTables(schema: string): LedgerTables {
  const s = ident(schema);
  const q = (name: string) => `${s}.${ident(`${PREFIX}${name}`)}`;
  return {
    schema,
    meta: q("ledger"),
    intents: q("intents"),
    scopes: q("scopes"),
    runners: q("runners"),
    holdings: q("holdings"),
    seq: q("runner_lock_seq"),
    syncHoldings: q("sync_holdings"),
    migrations: q("migrations"),
    local: (name: string) => ident(`${PREFIX}${name}`),
  };
}

/** A 64-bit advisory lock key (as a decimal string, PostgreSQL's bigint) for a piece of text. */
export function lockKey64(text: string): string {
  return createHash("sha256").update(text).digest().readBigInt64BE(0).toString();
}
