// Preview-time validation of a batch: every item is checked with its kind's own rules (../runtime/check.ts) as
// the resource it stands for, and each failure names the item and the property (`items["sku-42"].sceneInfo.type`).
import { describeValue } from "../../sdk/core/errors";
import { type AnyJobKind, adoptedJobIdOf } from "../job-kind";
import { type CheckFailure, type CheckResult, checkInputs } from "../runtime/check";
import { UNKNOWN } from "../runtime/unknowns";
import { itemInputs, itemLabel, itemsOf, type Props } from "./batch-items";
import { BATCH_INPUTS } from "./batch-surface";

/** Failures listed one by one; beyond, one line counts the rest (10,000 bad items must not be 10,000 lines). */
export const MAX_LISTED_FAILURES = 20;
/** The longest item key (it ends the item's scope and holder in the ledger). */
export const MAX_ITEM_KEY_CHARS = 200;

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/** Why an item key is refused, or undefined. */
function keyProblem(key: string): string | undefined {
  if (key === "") return "an item key must be a non-empty string";
  if (key.length > MAX_ITEM_KEY_CHARS) return `an item key must be at most ${MAX_ITEM_KEY_CHARS} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(key)) return "an item key must not contain control characters";
  return undefined;
}

/** The failures of one item: its key, its shape, batch-level inputs set on it, then its kind's rules. */
function itemFailures(kind: AnyJobKind, news: Props, key: string, args: unknown): CheckResult {
  const label = itemLabel(key);
  const problem = keyProblem(key);
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
    for (const w of warnings) groups.set(w, [...(groups.get(w) ?? []), key]);
  }
  return [...groups.entries()].map(([w, keys]) => {
    const named = keys.slice(0, 3).map(itemLabel).join(", ");
    return `${named}${keys.length > 3 ? ` and ${keys.length - 3} more items` : ""}: ${w}`;
  });
}

/**
 * Validates a batch's inputs: `items` (a map of item args keyed by the user's ids), each item by its kind's rules,
 * and the batch-level inputs. Values not known yet (preview) are skipped, as for a kind's resource.
 */
export function checkBatch(kind: AnyJobKind, news: Props): CheckResult {
  const failures = batchFailures(kind, news);
  if (news.items === UNKNOWN) return { failures, warnings: [] };
  if (!isObject(news.items)) {
    const reason = `must be an object of items keyed by your own ids (got ${describeValue(news.items)})`;
    return { failures: [...failures, { property: "items", reason }], warnings: [] };
  }
  const byItem: Array<{ key: string; warnings: readonly string[] }> = [];
  const itemProblems: CheckFailure[] = [];
  const seen = new Set<string>();
  for (const [key, args] of Object.entries(itemsOf(news))) {
    const r = itemFailures(kind, news, key, args);
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

/** The items of `news` a plan submits a new job for: new keys (not in `olds`) that adopt no job. */
export function newSubmissions(kind: AnyJobKind, olds: Props, news: Props): number {
  const old = itemsOf(olds);
  return Object.entries(itemsOf(news)).filter(
    ([key, args]) => !(key in old) && isObject(args) && adoptedJobIdOf(kind, args) === undefined,
  ).length;
}
