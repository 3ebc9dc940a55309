// The old job a changed item keeps until its new job succeeds. A per-job resource's replacement is create before
// delete, and a create that fails (at the vendor, timed out, interrupted) leaves the old resource and its job in
// place; an item does the same by keeping its old record under `__previous` in its own record (inside the secret
// `items` output) while its new job is unfinished or failed. Once the new job succeeds, the old one is released.
import type { AnyJobKind } from "../job-kind";
import { jobEnded } from "../runtime/lifecycle/stored-state";
import { hasJob, type Props } from "./batch-items";

/** The record field holding the item's last good job while its new one has not succeeded. */
export const PREVIOUS_JOB = "__previous";

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/** The old job an item keeps until its new one succeeds, if any. */
export function previousOf(record: Props | undefined): Props | undefined {
  const p = record?.[PREVIOUS_JOB];
  return isObject(p) ? p : undefined;
}

/** The record without its kept old job. */
export function withoutPrevious(record: Props): Props {
  const { [PREVIOUS_JOB]: _p, ...rest } = record;
  return rest;
}

/** `record` keeping `previous` (undefined: keeps none). */
export function withPrevious(record: Props, previous: Props | undefined): Props {
  return previous ? { ...withoutPrevious(record), [PREVIOUS_JOB]: withoutPrevious(previous) } : record;
}

/** Whether a record's job ended successfully (the only state in which an old job may be let go). */
export function succeeded(record: Props | undefined): boolean {
  return !!record && jobEnded(record) && !record.errorCode;
}

/**
 * The jobs an item's record holds, each as `<job id> <intent key>`: the same job through the same intent is the
 * same hold (a job adopted through another intent is not: that one's release leaves the job to its adopter).
 */
export function holdsOf(kind: Pick<AnyJobKind, "idOutput">, record: Props | undefined): string[] {
  const prev = previousOf(record);
  return [record, prev].filter((r) => hasJob(kind, r)).map((r) => holdOf(kind, r as Props));
}

/** A record's hold: `<job id> <intent key>`. */
export const holdOf = (kind: Pick<AnyJobKind, "idOutput">, record: Props) =>
  `${record[kind.idOutput]} ${record.idempotencyKey ?? ""}`;

/** Every job id an item's record names: its job's and its kept old job's. */
export function jobIdsOf(kind: Pick<AnyJobKind, "idOutput">, record: Props | undefined): string[] {
  const ids: string[] = [];
  if (hasJob(kind, record)) ids.push(record[kind.idOutput] as string);
  const prev = previousOf(record);
  if (hasJob(kind, prev)) ids.push(prev[kind.idOutput] as string);
  return ids;
}
