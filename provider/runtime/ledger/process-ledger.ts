import { setting } from "../provider-config";
import type { Ledger } from "./ledger";
import { ledgerLocation, openLedgerAt } from "./open-ledger";

let opened: { where: string; ledger: Promise<Ledger> } | undefined;

/**
 * The ledger of this provider process (`aigc:ledger`, else `aigc:journalDir`, else the default directory),
 * opened on first use and shared by every resource of the update. Preview never opens it.
 * @throws LedgerError when it cannot be opened: the caller stops before anything is submitted.
 */
export function processLedger(): Promise<Ledger> {
  const loc = ledgerLocation({ ledger: setting("ledger"), journalDir: setting("journalDir") });
  const where = loc.type === "file" ? loc.dir : loc.url;
  if (opened?.where !== where) {
    const ledger = openLedgerAt(loc);
    opened = { where, ledger };
    ledger.catch(() => {
      if (opened?.ledger === ledger) opened = undefined; // the next call tries again
    });
  }
  return opened.ledger;
}
