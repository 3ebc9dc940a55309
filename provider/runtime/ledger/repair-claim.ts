// Repairs a claim whose runner died after the vendor answered but before the ledger recorded the job (a
// PostgreSQL restart between claim and record): the stack holds the job id (a partial state), so the next
// update never submits again and never reaches the claim, which would read `claimed` with a dead owner forever.
import type { Intent, Ledger } from "./ledger";
import { processLedger } from "./process-ledger";

/**
 * Records `jobId` on the intent `key` when it is still `claimed` or `ambiguous` without a job id and its owner
 * is gone (or absent): the stack holds that job, so it is the intent's job. A claim is never voided: a live
 * owner's claim, or one that names another job, is left as it is. Returns the intent as it is after.
 * @throws LedgerError when the ledger cannot be read or written.
 */
export async function repairClaim(ledger: Ledger, key: string, jobId: string): Promise<Intent | undefined> {
  const cur = await ledger.get(key);
  if (!cur || (cur.state !== "claimed" && cur.state !== "ambiguous") || (cur.jobId && cur.jobId !== jobId)) {
    return cur;
  }
  const { status } = await ledger.ownerStatus(cur);
  if (status === "live") return cur;
  // Compare-and-set on the owner: a runner that took it over meanwhile keeps it.
  const mine = status === "self" ? cur : await ledger.takeOver(key, cur.owner);
  if (!mine) return ledger.get(key);
  return ledger.update(key, { state: "submitted", jobId, owner: undefined });
}

/**
 * `repairClaim` on this process's ledger, for an update or refresh of a resource that holds `jobId`. Best
 * effort: a claim left stale costs nothing but a line in `ledger ls`, so a ledger error is logged, not thrown.
 */
export async function repairHeldClaim(key: string, jobId: string, log: (line: string) => void): Promise<void> {
  if (!key || !jobId) return;
  try {
    const before = await (await processLedger()).get(key);
    const after = await repairClaim(await processLedger(), key, jobId);
    if (before?.state !== after?.state)
      log(`recorded job ${jobId} on its ledger claim ${key}, left by a runner that is gone`);
  } catch (err) {
    log(`could not check the ledger claim ${key} (${(err as Error).message}); continuing`);
  }
}
