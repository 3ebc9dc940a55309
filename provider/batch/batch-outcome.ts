// What became of each item in one operation on a batch, and what the batch then stores and reports: its outputs
// (lean item records, counts, batch-level inputs) and, when any item did not finish, the partial-state error that
// keeps every item's job id in the stack (the lifecycle's ResourceInitError, one for the whole batch).
import type { AnyJobKind } from "../job-kind";
import { HOLDER_INPUT } from "../resource-holder";
import { ResourceInitError } from "../runtime/lifecycle/resource-init-error";
import { jobEnded } from "../runtime/lifecycle/stored-state";
import { JOB_PLACEMENT } from "../runtime/placement";
import { itemLabel, type Props, packPlacements } from "./batch-items";
import type { ItemEnd } from "./batch-pool";
import type { BatchCounts } from "./batch-resource";
import { BATCH_INPUTS } from "./batch-surface";

/** One item after an operation: its record (undefined: it has none now) and, if it did not finish, why. */
export interface ItemOutcome {
  readonly key: string;
  readonly record?: Props | undefined;
  readonly problem?: string | undefined;
}

/** Item problems listed in a batch's error; the rest are counted (each item's record says its own). */
const LISTED_PROBLEMS = 10;

/** How an item's record says its job ended. */
export function endOf(record: Props | undefined): ItemEnd {
  if (!record || !jobEnded(record)) return "unfinished";
  return record.errorCode ? "failed" : "finished";
}

/** The counts of a batch's item records. */
export function countsOf(records: Readonly<Record<string, Props>>): BatchCounts {
  const c = { total: 0, succeeded: 0, failed: 0, unfinished: 0 };
  for (const r of Object.values(records)) {
    c.total++;
    const end = endOf(r);
    if (end === "finished") c.succeeded++;
    else if (end === "failed") c.failed++;
    else c.unfinished++;
  }
  return c;
}

/**
 * The batch's outputs: the items' records (placements most share stored once), their counts, the batch-level
 * inputs as they are (small, and what refresh and destroy need), its holder, and the old jobs whose release
 * failed (`__releasing`: retried by the next update and by destroy, never dropped).
 */
export function batchOutputs(news: Props, records: Record<string, Props>, releasing: Record<string, Props>): Props {
  const { items, shared } = packPlacements(records);
  const out: Props = { items, counts: countsOf(records) };
  for (const k of BATCH_INPUTS) if (news[k] !== undefined) out[k] = news[k];
  if (news[HOLDER_INPUT] !== undefined) out[HOLDER_INPUT] = news[HOLDER_INPUT];
  if (shared !== undefined) out[JOB_PLACEMENT] = shared;
  if (Object.keys(releasing).length > 0) {
    out.__releasing = Object.fromEntries(Object.entries(releasing).map(([k, r]) => [k, releaseRecord(r)]));
  }
  return out;
}

/**
 * What `__releasing` keeps of an old job: what its release needs (its id, intent key, status and progress, a
 * subject's element, the kind's kept inputs: plain values) and its placement; no list, no object, no URL. Result
 * URLs are presigned, and `__releasing` is not a secret output (only `items` is).
 */
export function releaseRecord(record: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === JOB_PLACEMENT) out[k] = v;
    else if (typeof v === "number" || typeof v === "boolean") out[k] = v;
    else if (typeof v === "string" && !v.includes("://")) out[k] = v;
  }
  return out;
}

/** Old jobs whose release failed, as stored (`__releasing`: `<itemKey>#<jobId>` → the item's record). */
export function releasingOf(props: Props): Record<string, Props> {
  const r = props.__releasing;
  return typeof r === "object" && r !== null && !Array.isArray(r) ? (r as Record<string, Props>) : {};
}

/**
 * The partial-state error of a batch some of whose items did not finish: Pulumi records the batch with `outs`
 * (every item's job id), and the next `up` resumes only what is unfinished.
 */
export function partialBatchError(
  kind: Pick<AnyJobKind, "name">,
  id: string,
  outs: Props,
  rawNews: Props,
  problems: readonly ItemOutcome[],
): ResourceInitError {
  const counts = outs.counts as BatchCounts;
  const head =
    `${kind.name}Set: ${problems.length} of ${counts.total} items did not finish (${counts.failed} failed at the ` +
    `vendor, ${counts.unfinished} unfinished). Every submitted job's id is kept in the batch's items: run ` +
    "`pulumi up` again to resume the unfinished ones (nothing is submitted twice); a failed item needs new args " +
    "or a new resubmitToken";
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `${itemLabel(p.key)}: ${p.problem}`);
  const more = problems.length > LISTED_PROBLEMS ? [`and ${problems.length - LISTED_PROBLEMS} more items`] : [];
  return new ResourceInitError(head, id, { ...outs, __provider: rawNews.__provider }, [head, ...listed, ...more]);
}
