import { setting } from "../provider-config";
import type { Ledger } from "./ledger";
import { describeLocation, type LedgerLocation, ledgerLocation } from "./ledger-location";
import { openLedgerAt } from "./open-ledger";
import { previousLedgerInUse } from "./previous-ledger";

let opened: { where: string; ledger: Promise<Ledger> } | undefined;

/** The ledger location of this provider process's stack config (ledger-location.ts), not yet opened. */
export function processLedgerLocation(): LedgerLocation {
  return ledgerLocation({ ledger: setting("ledger"), journalDir: setting("journalDir") });
}

/**
 * The ledger of this provider process (`aigc:ledger`, else `aigc:journalDir`, else beside the stack's state, else
 * the machine-local directory), opened on first use and shared by every resource of the update. Preview never
 * opens it (check applies the pipeline rule: pipeline-rule.ts).
 * @throws LedgerError when it cannot be opened: the caller stops before anything is submitted.
 */
export function processLedger(): Promise<Ledger> {
  const loc = processLedgerLocation();
  const where = describeLocation(loc);
  if (opened?.where !== where) {
    const ledger = openProcessLedger(loc);
    opened = { where, ledger };
    ledger.catch(() => {
      if (opened?.ledger === ledger) opened = undefined; // the next call tries again
    });
  }
  return opened.ledger;
}

async function openProcessLedger(loc: LedgerLocation): Promise<Ledger> {
  const previous = await previousLedgerInUse(loc);
  if (previous) {
    process.stderr.write(`[pulumi-aigc] ledger ${describeLocation(previous.location)}: ${previous.location.why}\n`);
    return openLedgerAt(previous.location);
  }
  return openLedgerAt(loc);
}
