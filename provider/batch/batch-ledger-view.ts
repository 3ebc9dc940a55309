// What the ledger knows of a batch's items that its stored state may not: the engine stores a batch only when an
// operation on it returns, so an `up` killed mid-update (SIGKILL, a lost runner) leaves the stored batch as it was
// before, while its items' jobs were already submitted or released. One ledger listing per update finds
//  - strays: open intents of this batch's items (scope `<batch scope>/<key>`, holder `<batch holder>/<key>`) whose
//    job no stored record names (an item added or changed by the killed update). They are released after the
//    update's creates, unless an item takes its job back in this run (same args: the create resumes it);
//  - lost jobs: items whose stored job's intent was released (a replacement by the killed update released it).
//    Their record says so and the item is submitted again only by the next `up` (counted by preview), never
//    silently.
import type { AnyJobKind } from "../job-kind";
import { parseHolder, sameStackInstance } from "../resource-holder";
import { holderOfIntent } from "../runtime/intent-holder";
import type { Intent } from "../runtime/ledger/ledger";
import { OPEN_STATES } from "../runtime/ledger/ledger";
import { processLedger } from "../runtime/ledger/process-ledger";
import { JOB_PLACEMENT } from "../runtime/placement";
import { hasJob, itemHolder, itemScope, itemsOf, notSubmittedRecord, type Props } from "./batch-items";
import { releasingOf } from "./batch-outcome";
import { jobIdsOf } from "./batch-previous";

/** An open intent no stored record names: the job to release, as the item `key`'s. */
export interface StrayJob {
  readonly key: string;
  readonly record: Props;
}

/** What the ledger says the stored state misses. */
export interface BatchLedgerView {
  readonly strays: StrayJob[];
  /** Item key → the job id its stored record names, whose intent was released. */
  readonly lost: Map<string, string>;
}

/** Whether `intent` belongs to item `key` of the batch stored as `batch` (same item holder, same stack). */
function isItemIntent(batch: Props, key: string, intent: Intent): boolean {
  const mine = parseHolder(itemHolder(batch, key));
  const theirs = holderOfIntent(intent);
  return !!mine && !!theirs && theirs.resource === mine.resource && sameStackInstance(theirs, mine);
}

/** The stray's record for its release: its id, intent key and placement (its status is asked of the vendor). */
function strayRecord(kind: Pick<AnyJobKind, "idOutput">, intent: Intent): Props {
  const rec: Props = { [kind.idOutput]: intent.jobId, idempotencyKey: intent.key };
  if (intent.placement) rec[JOB_PLACEMENT] = { ...intent.placement };
  return rec;
}

/**
 * Reads the ledger for the batch stored as `olds` (one listing of `<batch scope>/`). A batch without a holder (an
 * older program) or a scope has nothing to compare.
 */
export async function batchLedgerView(kind: Pick<AnyJobKind, "idOutput">, olds: Props): Promise<BatchLedgerView> {
  const view: BatchLedgerView = { strays: [], lost: new Map() };
  const prefix = itemScope(olds, "");
  if (prefix === "/" || itemHolder(olds, "") === undefined) return view;
  const stored = itemsOf(olds);
  const named = new Set([
    ...Object.values(stored).flatMap((r) => jobIdsOf(kind, r)),
    ...Object.values(releasingOf(olds)).flatMap((r) => jobIdsOf(kind, r)),
  ]);
  const byKey = new Map<string, Intent>();
  const ledger = await processLedger();
  for (const intent of await ledger.list({ scopePrefix: prefix })) {
    const key = intent.scope.slice(prefix.length);
    // A key with "/" (refused since) could be another batch's item: left alone.
    if (key === "" || key.includes("/") || !isItemIntent(olds, key, intent)) continue;
    byKey.set(intent.key, intent);
    if (OPEN_STATES.includes(intent.state) && intent.jobId && !named.has(intent.jobId)) {
      view.strays.push({ key, record: strayRecord(kind, intent) });
    }
  }
  for (const [key, rec] of Object.entries(stored)) {
    const intent = typeof rec?.idempotencyKey === "string" ? byKey.get(rec.idempotencyKey) : undefined;
    if (hasJob(kind, rec) && intent?.state === "released" && intent.jobId === rec[kind.idOutput]) {
      view.lost.set(key, rec[kind.idOutput] as string);
    }
  }
  return view;
}

/** The record and problem of an item whose job was released by an update that was never stored. */
export function lostJobOutcome(key: string, jobId: string): { key: string; record: Props; problem: string } {
  const problem =
    `its job ${jobId} was released by an earlier update whose result was never stored (the run was killed); ` +
    "it has no job now: the next `pulumi up` submits a new one (preview counts it)";
  return { key, record: notSubmittedRecord(problem), problem };
}
