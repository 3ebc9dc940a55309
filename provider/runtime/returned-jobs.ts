// A create hands its job to the engine once (a success, or a partial state carrying the id). From then on the
// stack holds the job, or the user deliberately kept it outside the stack (`retainOnDelete`, `pulumi state
// delete`): either way it is no orphan (./orphans.ts). The mark goes into the ledger (`returned`), and the key into
// this run's set (./in-state.ts), which the old side of a moved resource's delete consults.
import { noteCreatedInRun } from "./in-state";
import { processLedger } from "./ledger/process-ledger";
import { runCancellation } from "./run-cancellation";

/**
 * Notes that a create hands the job of `key` to the engine. Never throws: the id reaches the stack either way;
 * a mark that could not be written leaves the job reported as an orphan later, never deleted while held.
 */
export async function noteReturned(key: string, log: (line: string) => void): Promise<void> {
  if (!key) return;
  // A create whose engine is gone (its waits aborted by the watchdog) hands its id to nobody: the intent stays
  // unreturned, and the next run reports the job if no resource of the stack resumes it (./unreturned-jobs.ts).
  if (runCancellation.engineGone) return;
  noteCreatedInRun(key);
  try {
    const ledger = await processLedger();
    const cur = await ledger.get(key);
    if (cur && cur.state !== "released" && (cur.returned !== true || cur.owner === ledger.runner.id)) {
      // The owner a submitted create kept while it waited goes with it (./unreturned-jobs.ts reads it).
      await ledger.update(key, { returned: true, ...(cur.owner === ledger.runner.id ? { owner: undefined } : {}) });
    }
  } catch (err) {
    log(`could not note in the ledger that the job reached the stack (${(err as Error).message}); continuing`);
  }
}
