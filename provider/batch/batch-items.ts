// One item of a batch as its kind's lifecycle sees it. An item is a job resource of its own in all but the
// state: its inputs are its args plus the batch-level inputs, its scope `<batch scope>/<itemKey>`, its holder
// the batch's with the key. In the batch's outputs it is kept lean (a record of its job: what the user reads
// and what update, refresh and destroy need), and rebuilt into the stored outputs the lifecycle takes.
import { type AnyJobKind, COMMON_OUTPUTS } from "../job-kind";
import { HOLDER_INPUT } from "../resource-holder";
import { canonicalJson } from "../runtime/identity";
import { atJobPlacement, JOB_PLACEMENT } from "../runtime/placement";
import { inputDigest } from "../runtime/stored-inputs";
import { containsUnknown } from "../runtime/unknowns";
import { BATCH_INPUTS } from "./batch-surface";

/** Properties as the engine passes them. */
export type Props = Record<string, unknown>;

/** The record field holding the digest of the item's args: what tells a changed item (a new job) from the same. */
export const ITEM_DIGEST = "__digest";

/** The status of an item that has no job (it was never submitted: see its `errorMessage`). */
export const NOT_SUBMITTED = "NOT_SUBMITTED";

/** How messages name an item: `items["sku-42"]`. */
export const itemLabel = (key: string) => `items[${JSON.stringify(key)}]`;

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/** The `items` map of a batch's inputs or stored outputs ({} when absent or not a map). */
export function itemsOf(props: Props): Record<string, Props> {
  const items = props.items;
  return isObject(items) ? (items as Record<string, Props>) : {};
}

/** The scope of item `key` in the ledger: `<batch scope>/<key>`. */
export function itemScope(batch: Props, key: string): string {
  return `${typeof batch.idempotencyScope === "string" ? batch.idempotencyScope : ""}/${key}`;
}

/** The holder of item `key`: the batch's holder text with `/<key>` (undefined when the batch has none). */
export function itemHolder(batch: Props, key: string): string | undefined {
  const h = batch[HOLDER_INPUT];
  return typeof h === "string" ? `${h}/${key}` : undefined;
}

/** The inputs of item `key` as the lifecycle takes a resource's: its args, the batch-level inputs, scope, holder. */
export function itemInputs(batch: Props, key: string, args: Props): Props {
  const out: Props = { ...args };
  for (const k of BATCH_INPUTS) if (batch[k] !== undefined) out[k] = batch[k];
  out.idempotencyScope = itemScope(batch, key);
  const holder = itemHolder(batch, key);
  if (holder) out[HOLDER_INPUT] = holder;
  return out;
}

/** The digest of an item's args (undefined while any of them is unknown: preview). */
export function itemDigest(args: unknown): string | undefined {
  return containsUnknown(args) ? undefined : inputDigest(args);
}

/** Whether an item's record holds a job (a job id under the kind's id output). */
export function hasJob(kind: Pick<AnyJobKind, "idOutput">, record: Props | undefined): record is Props {
  return !!record && typeof record[kind.idOutput] === "string" && record[kind.idOutput] !== "";
}

/**
 * The lean record of an item from the outputs the lifecycle returned for it: the kind's outputs, the job's state
 * (status, progress, key) and, only when they say something, its failure, ambiguous count, vendor state and kept
 * inputs; its job's placement (fixed when it was submitted: `createdPlacement`) and the digest of its args. Stored
 * inputs and batch-level values are left out.
 */
export function leanRecord(kind: AnyJobKind, outs: Props, digest: string | undefined, placement: unknown): Props {
  const rec: Props = {};
  for (const name of [...Object.keys(kind.outputs), kind.idOutput, "status", "progress", "idempotencyKey"]) {
    if (outs[name] !== undefined) rec[name] = outs[name];
  }
  if (outs.errorCode) rec.errorCode = outs.errorCode;
  if (outs.errorMessage) rec.errorMessage = outs.errorMessage;
  if (typeof outs.ambiguousSubmissions === "number" && outs.ambiguousSubmissions > 0) {
    rec.ambiguousSubmissions = outs.ambiguousSubmissions;
  }
  if (outs.vendorState !== undefined) rec.vendorState = outs.vendorState;
  if (placement !== undefined) rec[JOB_PLACEMENT] = placement;
  for (const k of kind.keptInputs ?? []) if (outs[k] !== undefined) rec[k] = outs[k];
  if (digest !== undefined) rec[ITEM_DIGEST] = digest;
  return rec;
}

/**
 * The stored outputs of item `key` as the lifecycle's update, read and delete take a resource's: its record with
 * the common outputs' defaults, the batch's stored placement (or the job's own, when recorded), its scope and
 * holder. They carry no `__inputs`: the lifecycle reads them as outputs of a resource that echoes its inputs.
 */
export function storedItemProps(batch: Props, key: string, record: Props): Props {
  const { [ITEM_DIGEST]: _d, ...rest } = record;
  const props: Props = { errorCode: "", errorMessage: "", ambiguousSubmissions: 0, ...rest };
  const placement = record[JOB_PLACEMENT] ?? batch[JOB_PLACEMENT];
  if (placement !== undefined) props[JOB_PLACEMENT] = placement;
  if (batch.region !== undefined) props.region = batch.region;
  if (batch.endpoint !== undefined) props.endpoint = batch.endpoint;
  props.idempotencyScope = itemScope(batch, key);
  const holder = itemHolder(batch, key);
  if (holder) props[HOLDER_INPUT] = holder;
  return atJobPlacement(props, props);
}

/**
 * Where a created item's job is: the placement the create recorded (the stack config's, or an earlier attempt's),
 * else what its inputs said. Always explicit in the record, so a later change of the batch's `region` or
 * `endpoint` never moves it (../runtime/placement.ts).
 */
export function createdPlacement(outs: Props, inputs: Props): Props {
  const recorded = outs[JOB_PLACEMENT];
  if (isObject(recorded)) return recorded;
  const own: Props = {};
  if (typeof inputs.endpoint === "string" && inputs.endpoint) own.endpoint = inputs.endpoint;
  if (typeof inputs.region === "string" && inputs.region) own.region = inputs.region;
  return own;
}

/**
 * The items with the placement most of them share moved to the batch (`shared`, stored once beside `items`): an
 * item whose job is elsewhere keeps its own. Thousands of items placed alike store it once.
 */
export function packPlacements(records: Record<string, Props>): { items: Record<string, Props>; shared?: unknown } {
  const counts = new Map<string, number>();
  for (const r of Object.values(records)) {
    if (r[JOB_PLACEMENT] === undefined) continue;
    const k = canonicalJson(r[JOB_PLACEMENT]);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (top === undefined) return { items: records };
  const items: Record<string, Props> = {};
  for (const [key, r] of Object.entries(records)) {
    if (r[JOB_PLACEMENT] !== undefined && canonicalJson(r[JOB_PLACEMENT]) === top) {
      const { [JOB_PLACEMENT]: _p, ...rest } = r;
      items[key] = rest;
    } else items[key] = r;
  }
  return { items, shared: JSON.parse(top) };
}

/** The record of an item without a job: why it has none. */
export function notSubmittedRecord(reason: string): Props {
  return { status: NOT_SUBMITTED, errorMessage: reason };
}

/** Names of the fields an item record may hold (the kind's outputs and the common ones), for docs and tests. */
export function recordFieldNames(kind: AnyJobKind): string[] {
  return [...Object.keys(kind.outputs), ...Object.keys(COMMON_OUTPUTS), ITEM_DIGEST];
}
