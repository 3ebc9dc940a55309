// Item-level diffs of a batch: an added item is one new job, a changed item (its args' digest moved: a new paid
// job) is replaced alone, a removed item is released, and an unchanged one is left as it is. The batch itself is
// always updated in place; preview says what will happen to its items in one line.
import type { AnyJobKind } from "../job-kind";
import type { JobDiff } from "../runtime/diff";
import { canonicalJson } from "../runtime/identity";
import { noteInState } from "../runtime/in-state";
import { containsUnknown, UNKNOWN } from "../runtime/unknowns";
import { hasJob, ITEM_DIGEST, itemDigest, itemsOf, type Props } from "./batch-items";
import { previousOf } from "./batch-previous";
import { BATCH_INPUTS } from "./batch-surface";

/** What an update does to each item. */
export interface ItemPlan {
  /** Items without a job yet (new keys, or items an earlier run could not submit): a job each. */
  readonly added: string[];
  /** Items whose args changed: a new job each, then their old job is released. */
  readonly replaced: string[];
  /** Items gone from the program: their job is released (deleted or cancelled where the kind allows). */
  readonly removed: string[];
  /** Items as they were: no vendor call (an unfinished job is waited for again). */
  readonly unchanged: string[];
}

/**
 * The plan of each item, from the stored records (`olds`) and the new inputs; undefined when the new items are not
 * known yet (preview of items computed from other resources' outputs).
 */
export function planItems(kind: Pick<AnyJobKind, "idOutput">, olds: Props, news: Props): ItemPlan | undefined {
  if (news.items === UNKNOWN || containsUnknown(Object.keys(itemsOf(news)))) return undefined;
  const old = itemsOf(olds);
  const plan: ItemPlan = { added: [], replaced: [], removed: [], unchanged: [] };
  for (const [key, args] of Object.entries(itemsOf(news))) {
    const rec = Object.hasOwn(old, key) ? old[key] : undefined;
    if (!hasJob(kind, rec)) plan.added.push(key);
    else if (rec[ITEM_DIGEST] !== itemDigest(args)) plan.replaced.push(key);
    else plan.unchanged.push(key);
  }
  const now = itemsOf(news);
  for (const key of Object.keys(old)) if (!Object.hasOwn(now, key) && hasJob(kind, old[key])) plan.removed.push(key);
  return plan;
}

/** The batch-level inputs that changed (all update in place). */
export function changedBatchInputs(olds: Props, news: Props): string[] {
  return BATCH_INPUTS.filter((k) => containsUnknown(news[k]) || canonicalJson(olds[k]) !== canonicalJson(news[k]));
}

/** The one line preview shows: "+3 items, ~1 replaced, -2 released (997 unchanged)". */
export function planSummary(plan: ItemPlan | undefined): string {
  if (!plan) return "items known only at update: each changed item will be replaced alone";
  const parts = [
    plan.added.length ? `+${plan.added.length} item${plan.added.length === 1 ? "" : "s"}` : "",
    plan.replaced.length ? `~${plan.replaced.length} replaced` : "",
    plan.removed.length ? `-${plan.removed.length} released` : "",
  ].filter(Boolean);
  return `${parts.join(", ") || "no item changes"} (${plan.unchanged.length} unchanged)`;
}

/** Notes every item's key in stored records as in the state (../runtime/in-state.ts: not an orphan). */
export function noteItemsInState(olds: Props): void {
  for (const rec of Object.values(itemsOf(olds))) {
    if (!rec || typeof rec !== "object") continue;
    noteInState(rec);
    const previous = previousOf(rec);
    if (previous) noteInState(previous);
  }
}

/**
 * The batch's diff: changes when any item is added, replaced or removed or a batch-level input changed; never a
 * replacement of the batch (each item is replaced alone, in `update`).
 */
export function diffBatch(kind: Pick<AnyJobKind, "idOutput">, olds: Props, news: Props): JobDiff & { plan?: ItemPlan } {
  noteItemsInState(olds);
  const plan = planItems(kind, olds, news);
  const itemChanges = !plan || plan.added.length + plan.replaced.length + plan.removed.length > 0;
  const changes = itemChanges || changedBatchInputs(olds, news).length > 0;
  return { changes, replaces: [], deleteBeforeReplace: false, ...(plan ? { plan } : {}) };
}
