// Whether a holder is an item of a batch (../batch/*): `[<parents>$]<kind>Set/<batch name>/<key>`. An intent never
// moves between a batch item and a resource of another sort: an explicit idempotencyScope that names a batch
// item's scope (`<batch scope>/<key>`) is two resources sharing one job, not a rename (a rename within batches, or
// within per-job resources, still moves the intent).
import type { Holder } from "../resource-holder";
import type { Intent } from "./ledger/ledger";

/** Whether `holder` is an item of a batch of `kind` (the batch's type is the kind's name with `Set`). */
export function isBatchItemHolder(kind: string, holder: Holder): boolean {
  const r = holder.resource;
  const at = r.indexOf(`${kind}Set/`);
  return at >= 0 && (at === 0 || r[at - 1] === "$");
}

/** Thrown when a create would take a batch item's job for another sort of resource, or the reverse. */
export class BatchItemScopeError extends Error {
  constructor(kind: string, intent: Intent, theirs: Holder, mine: Holder) {
    super(
      `${kind}: idempotencyScope ${JSON.stringify(intent.scope)} is held by ${theirs.resource} (job ` +
        `${intent.jobId ?? "not known yet"}, ledger intent ${intent.key}); ${mine.resource} may not take it: a batch ` +
        "item's job and a resource's are never shared. Nothing was submitted and nothing of that job will be " +
        "deleted from here. Give this resource its own idempotencyScope; to keep that job, adopt it by its id",
    );
    this.name = "BatchItemScopeError";
  }
}

/**
 * Refuses a move of `intent` between a batch item and another sort of resource.
 * @throws BatchItemScopeError when exactly one of the two holders is a batch item.
 */
export function refuseBatchItemMove(kind: string, intent: Intent, theirs: Holder, mine: Holder): void {
  if (isBatchItemHolder(intent.kind, theirs) !== isBatchItemHolder(intent.kind, mine)) {
    throw new BatchItemScopeError(kind, intent, theirs, mine);
  }
}
