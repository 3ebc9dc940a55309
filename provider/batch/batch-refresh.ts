// Refreshing one item of a batch: the lifecycle's `readJob` on the item's stored outputs, its answer made lean.
import type { AnyJobKind } from "../job-kind";
import { readJob } from "../runtime/job-lifecycle";
import { JOB_PLACEMENT } from "../runtime/placement";
import { asBatchItem } from "../runtime/progress-log";
import { redactUrlQueries } from "../runtime/redaction";
import { ITEM_DIGEST, itemLabel, leanRecord, type Props, storedItemProps } from "./batch-items";

/**
 * Re-reads item `key`'s job: its new record, none when the job is provably gone (the lifecycle released its
 * intent), or its old record with the problem when the look failed.
 */
export async function readItem(
  kind: AnyJobKind,
  batch: Props,
  key: string,
  record: Props,
): Promise<{ record?: Props; problem?: string }> {
  const id = record[kind.idOutput] as string;
  try {
    const r = await asBatchItem(itemLabel(key), () => readJob(kind, id, storedItemProps(batch, key, record)));
    if (!r.props) return {};
    const placement = record[JOB_PLACEMENT] ?? batch[JOB_PLACEMENT];
    return { record: leanRecord(kind, r.props, record[ITEM_DIGEST] as string | undefined, placement) };
  } catch (err) {
    return { record, problem: `${itemLabel(key)}: ${redactUrlQueries((err as Error).message)}` };
  }
}
