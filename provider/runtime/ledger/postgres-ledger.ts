import type { Ledger } from "./ledger";
import { LedgerError } from "./ledger";

/** A ledger in a PostgreSQL database (being built). */
export const PostgresLedger = {
  async open(_url: string): Promise<Ledger> {
    throw new LedgerError("the PostgreSQL ledger is not available in this build");
  },
};
