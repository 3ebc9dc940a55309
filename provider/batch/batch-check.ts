// Preview-time validation of a batch: every item is checked with its kind's own rules (../runtime/check.ts) as
// the resource it stands for, and each failure names the item and the property (`items["sku-42"].sceneInfo.type`).
import { describeValue } from "../../sdk/core/errors";
import { type AnyJobKind, adoptedJobIdOf } from "../job-kind";
import { type CheckFailure, type CheckResult, checkInputs } from "../runtime/check";
import { UNKNOWN } from "../runtime/unknowns";
import type { ItemPlan } from "./batch-diff";
import { itemInputs, itemLabel, itemsOf, type Props } from "./batch-items";
import { BATCH_INPUTS } from "./batch-surface";

/** Failures listed one by one; beyond, one line counts the rest (10,000 bad items must not be 10,000 lines). */
export const MAX_LISTED_FAILURES = 20;
/** The longest item key (it ends the item's scope and holder in the ledger). */
export const MAX_ITEM_KEY_CHARS = 200;

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Why an item key is refused, or undefined. A "/" would let two batches meet: batch `cat` item `a/b` and batch
 * `cat/a` item `b` would share a scope and a holder, so one job; a key already stored (`stored`: an older version
 * took it) keeps working. `__proto__` is dropped by Pulumi's deserialization (the item would vanish from the
 * state), and a lone surrogate cannot be carried in Pulumi's protobuf strings.
 */
export function keyProblem(key: string, stored = false): string | undefined {
  if (key === "") return "an item key must be a non-empty string";
  if (key.length > MAX_ITEM_KEY_CHARS) return `an item key must be at most ${MAX_ITEM_KEY_CHARS} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(key)) return "an item key must not contain control characters";
  if (key.includes("/") && !stored) {
    return (
      "an item key must not contain \"/\" (the item's idempotencyScope is `<batch scope>/<key>`: another batch's " +
      "scope could then reach it)"
    );
  }
  if (key === "__proto__") return "an item key must not be __proto__ (Pulumi drops it from the state)";
  if (/\p{Surrogate}/u.test(key)) return "an item key must be valid Unicode (no lone surrogate)";
  return undefined;
}

/**
 * The create's and update's own guard of the key rules (check is the engine's to call): nothing is submitted for a
 * batch with a refused key.
 * @throws Error naming the first refused key and the rule.
 */
export function assertItemKeys(kind: Pick<AnyJobKind, "name">, news: Props, olds: Props = {}): void {
  const old = itemsOf(olds);
  for (const key of Object.keys(itemsOf(news))) {
    const problem = keyProblem(key, Object.hasOwn(old, key));
    if (problem) throw new Error(`${kind.name}Set: ${itemLabel(key)}: ${problem}; nothing was submitted`);
  }
}

/** The failures of one item: its key, its shape, batch-level inputs set on it, then its kind's rules. */
function itemFailures(kind: AnyJobKind, news: Props, key: string, args: unknown, stored: boolean): CheckResult {
  const label = itemLabel(key);
  const problem = keyProblem(key, stored);
  if (problem)
    return { failures: [{ property: label, reason: `${problem} (got ${JSON.stringify(key)})` }], warnings: [] };
  if (args === UNKNOWN) return { failures: [], warnings: [] };
  if (!isObject(args)) {
    return {
      failures: [{ property: label, reason: `must be an object of the item's args (got ${describeValue(args)})` }],
      warnings: [],
    };
  }
  const failures: CheckFailure[] = [];
  for (const k of BATCH_INPUTS) {
    if (args[k] !== undefined)
      failures.push({ property: `${label}.${k}`, reason: "is set on the batch, not per item" });
  }
  const own = checkInputs(kind, itemInputs(news, key, args));
  for (const f of own.failures) {
    // A batch-level input's failure belongs to the batch: reported once, under its own name (batchFailures).
    if ((BATCH_INPUTS as readonly string[]).includes(f.property)) continue;
    // A stack config's (aigc:region) is the stack's: reported as it is (the caller drops repeats).
    failures.push(f.property.startsWith("aigc:") ? f : { property: `${label}.${f.property}`, reason: f.reason });
  }
  return { failures, warnings: own.warnings };
}

/** The batch-level inputs' failures, checked once with the rules of the kind's own inputs. */
function batchFailures(kind: AnyJobKind, news: Props): CheckFailure[] {
  const batchOnly: Props = {};
  for (const k of BATCH_INPUTS) if (news[k] !== undefined) batchOnly[k] = news[k];
  return checkInputs(kind, batchOnly).failures.filter((f) => (BATCH_INPUTS as readonly string[]).includes(f.property));
}

/** Identical warnings of many items as one line naming a few of them. */
function groupedWarnings(byItem: ReadonlyArray<{ key: string; warnings: readonly string[] }>): string[] {
  const groups = new Map<string, string[]>();
  for (const { key, warnings } of byItem) {
    for (const w of warnings) {
      // A push, not a copy: 10,000 items sharing a warning must not cost 10,000² copies.
      const keys = groups.get(w);
      if (keys) keys.push(key);
      else groups.set(w, [key]);
    }
  }
  return [...groups.entries()].map(([w, keys]) => {
    const named = keys.slice(0, 3).map(itemLabel).join(", ");
    return `${named}${keys.length > 3 ? ` and ${keys.length - 3} more items` : ""}: ${w}`;
  });
}

/**
 * Validates a batch's inputs: `items` (a map of item args keyed by the user's ids), each item by its kind's rules,
 * and the batch-level inputs. Values not known yet (preview) are skipped, as for a kind's resource. `olds` (the
 * old inputs) tells keys already in the stack, which rules added since do not strand.
 */
export function checkBatch(kind: AnyJobKind, news: Props, olds: Props = {}): CheckResult {
  const failures = batchFailures(kind, news);
  if (news.items === UNKNOWN) return { failures, warnings: [] };
  if (!isObject(news.items)) {
    const reason = `must be an object of items keyed by your own ids (got ${describeValue(news.items)})`;
    return { failures: [...failures, { property: "items", reason }], warnings: [] };
  }
  const byItem: Array<{ key: string; warnings: readonly string[] }> = [];
  const itemProblems: CheckFailure[] = [];
  const seen = new Set<string>();
  const old = itemsOf(olds);
  for (const [key, args] of Object.entries(itemsOf(news))) {
    const r = itemFailures(kind, news, key, args, Object.hasOwn(old, key));
    for (const f of r.failures) {
      const id = `${f.property}\n${f.reason}`;
      if (seen.has(id)) continue;
      seen.add(id);
      itemProblems.push(f);
    }
    byItem.push({ key, warnings: r.warnings });
  }
  failures.push(...itemProblems.slice(0, MAX_LISTED_FAILURES));
  if (itemProblems.length > MAX_LISTED_FAILURES) {
    const more = itemProblems.length - MAX_LISTED_FAILURES;
    failures.push({ property: "items", reason: `${more} more failure(s) not listed; fix the ones above first` });
  }
  return { failures, warnings: groupedWarnings(byItem) };
}

/**
 * The submissions an update's plan makes that check did not count (check counts only new keys: its olds are the
 * old inputs): replaced items, and items stored without a job (NOT_SUBMITTED: an earlier up could not submit
 * them, or its job was lost), each unless it adopts a job. `stored` are the batch's stored outputs (diff's olds).
 */
export function planSubmissions(kind: AnyJobKind, stored: Props, news: Props, plan: ItemPlan): number {
  const old = itemsOf(stored);
  const args = itemsOf(news);
  const paid = (key: string) => isObject(args[key]) && adoptedJobIdOf(kind, args[key]) === undefined;
  return [...plan.replaced, ...plan.added.filter((key) => Object.hasOwn(old, key))].filter(paid).length;
}

/** The items of `news` a plan submits a new job for: new keys (not in `olds`) that adopt no job. */
export function newSubmissions(kind: AnyJobKind, olds: Props, news: Props): number {
  const old = itemsOf(olds);
  return Object.entries(itemsOf(news)).filter(
    ([key, args]) => !Object.hasOwn(old, key) && isObject(args) && adoptedJobIdOf(kind, args) === undefined,
  ).length;
}
