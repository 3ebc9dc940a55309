// One item's operations, each the lifecycle's own per-job function (../runtime/job-lifecycle.ts) run as an item
// (its lines name it: ../runtime/progress-log.ts): create (claim, submit once, wait), resume (update), replace
// (create the new job, then release the old one as the kind's delete does) and release (delete). Never a second
// copy of submission, recovery or cleanup: only the lean record is this module's.
import type { AnyJobKind } from "../job-kind";
import { withFixHint } from "../runtime/fix-hints";
import { createJob, deleteJob, updateJob } from "../runtime/job-lifecycle";
import { ResourceInitError } from "../runtime/lifecycle/resource-init-error";
import { jobEnded } from "../runtime/lifecycle/stored-state";
import { JOB_PLACEMENT } from "../runtime/placement";
import { asBatchItem } from "../runtime/progress-log";
import { redactUrlQueries } from "../runtime/redaction";
import { runCancellation } from "../runtime/run-cancellation";
import {
  createdPlacement,
  hasJob,
  ITEM_DIGEST,
  itemDigest,
  itemInputs,
  itemLabel,
  leanRecord,
  notSubmittedRecord,
  type Props,
  storedItemProps,
} from "./batch-items";
import type { ItemOutcome } from "./batch-outcome";
import { previousOf, succeeded, withoutPrevious, withPrevious } from "./batch-previous";

/** An error's message as an item's problem: with the fix the provider knows, presigned queries redacted. */
function problemOf(kind: AnyJobKind, inputs: Props, err: unknown): string {
  const hinted = withFixHint(err, kind.name, inputs);
  return redactUrlQueries(hinted instanceof Error ? hinted.message : String(hinted));
}

/** The first reason of a partial-state error (what the engine would have shown for a resource). */
const reasonOf = (err: ResourceInitError) => err.reasons[0] ?? err.message;

/** The placement of a stored item's job: its record's, else the batch's shared one. */
const placementOf = (batch: Props, record: Props) => record[JOB_PLACEMENT] ?? batch[JOB_PLACEMENT];

/**
 * Creates item `key`'s job exactly once (`createJob`: claim, submit or resume, wait). A job that did not finish
 * keeps its id in the record; an item that got no job gets a record saying why (the next `up` submits it).
 */
export async function createItem(kind: AnyJobKind, news: Props, key: string, args: Props): Promise<ItemOutcome> {
  if (runCancellation.cancelled) {
    return { key, record: notSubmittedRecord("the update was cancelled"), problem: "not submitted: cancelled" };
  }
  const inputs = itemInputs(news, key, args);
  const digest = itemDigest(args);
  try {
    const { outs } = await asBatchItem(itemLabel(key), () => createJob(kind, inputs));
    return { key, record: leanRecord(kind, outs, digest, createdPlacement(outs, inputs)) };
  } catch (err) {
    if (err instanceof ResourceInitError) {
      const props = err.properties;
      return { key, record: leanRecord(kind, props, digest, createdPlacement(props, inputs)), problem: reasonOf(err) };
    }
    const problem = problemOf(kind, inputs, err);
    return { key, record: notSubmittedRecord(problem), problem };
  }
}

/** An item's outcome with the old jobs to release once every item has its record. */
export type ItemWork = ItemOutcome & { readonly release?: Props[] };

/**
 * An unchanged item: a job that has ended needs nothing (no vendor call, no ledger call: a failed one is reported
 * again); an unfinished one is waited for again (`updateJob`). The old job a replacement kept (`__previous`) is
 * released once this job has succeeded, and kept while it has not.
 */
export async function resumeItem(
  kind: AnyJobKind,
  olds: Props,
  news: Props,
  key: string,
  record: Props,
): Promise<ItemWork> {
  const previous = previousOf(record);
  const o = await resumeJob(kind, olds, news, key, withoutPrevious(record));
  if (!previous || !o.record) return o;
  if (succeeded(o.record)) return { ...o, release: [previous] };
  return { ...o, record: withPrevious(o.record, previous) };
}

/** resumeItem for a record without a kept old job. */
async function resumeJob(kind: AnyJobKind, olds: Props, news: Props, key: string, record: Props): Promise<ItemOutcome> {
  const placement = placementOf(olds, record);
  const kept = placement === undefined ? record : { ...record, [JOB_PLACEMENT]: placement };
  if (jobEnded(record)) {
    if (!record.errorCode) return { key, record: kept };
    const problem = `job ${record[kind.idOutput]} failed at the vendor: [${record.errorCode}] ${record.errorMessage}`;
    return { key, record: kept, problem };
  }
  const id = record[kind.idOutput] as string;
  const args = (news.items as Record<string, Props>)[key] ?? {};
  const inputs = itemInputs(news, key, args);
  try {
    const { outs } = await asBatchItem(itemLabel(key), () =>
      updateJob(kind, id, storedItemProps(olds, key, record), inputs),
    );
    return { key, record: leanRecord(kind, outs, record[ITEM_DIGEST] as string, placement) };
  } catch (err) {
    if (err instanceof ResourceInitError) {
      const rec = leanRecord(kind, err.properties, record[ITEM_DIGEST] as string, placement);
      return { key, record: rec, problem: reasonOf(err) };
    }
    return { key, record: kept, problem: problemOf(kind, inputs, err) };
  }
}

/**
 * Releases item `key`'s job as its kind's delete does (`deleteJob`: deleted or cancelled where the kind allows,
 * then its intent released). Resolves with the problem when it could not be released (the caller keeps it).
 */
export async function releaseItem(
  kind: AnyJobKind,
  olds: Props,
  key: string,
  record: Props,
): Promise<string | undefined> {
  if (!hasJob(kind, record)) return undefined;
  const id = record[kind.idOutput] as string;
  const props = storedItemProps(olds, key, record);
  try {
    await asBatchItem(itemLabel(key), () => deleteJob(kind, id, props));
    return undefined;
  } catch (err) {
    return `its job ${id} could not be released (${problemOf(kind, props, err)}); the next update or destroy retries`;
  }
}

/**
 * A changed item: a new job for its new args first (`createItem`), its old job released after it succeeded (as a
 * per-job resource's create-before-delete replacement). Until the new job exists the old one stays the item's
 * record; while the new one is unfinished or failed, the old one is kept in the item's record (`__previous`: the
 * first one kept stays, a later unsuccessful job replaced in turn is released). Releases run after every item's work.
 */
export async function replaceItem(
  kind: AnyJobKind,
  olds: Props,
  news: Props,
  key: string,
  record: Props,
): Promise<ItemWork> {
  const args = (news.items as Record<string, Props>)[key] ?? {};
  const created = await createItem(kind, news, key, args);
  const placement = placementOf(olds, record);
  const old = placement === undefined ? record : { ...record, [JOB_PLACEMENT]: placement };
  if (!hasJob(kind, created.record)) return { key, record: old, problem: created.problem };
  const kept = previousOf(old);
  const current = withoutPrevious(old);
  if (succeeded(created.record)) return { ...created, release: kept ? [current, kept] : [current] };
  return { ...created, record: withPrevious(created.record, kept ?? current), release: kept ? [current] : [] };
}
