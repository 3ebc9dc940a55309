// Whether a vendor still deduplicates an intent's key: the decision behind retrying an unresolved earlier attempt
// "on the strength of the key" (Tencent SessionId). The window is vendor knowledge (the kind's `dedupWindowMs`,
// from the sdk); the margin and the way an intent's age is measured are the provider's (below).
import type { AnyJobKind } from "../job-kind";
import type { Intent } from "./ledger/ledger";

/**
 * Taken off the vendor's window before the provider relies on it. A retry that lands after the vendor forgot the
 * key pays twice, while one held back only asks a human, so the margin is generous: the intent's timestamps are
 * this runner's clock, not the vendor's; a retry reaches the vendor some time after the decision (backoff,
 * throttling); and Tencent's "within the past three days" does not say whether it counts 24-hour periods from the
 * first request or calendar days in its own time zone, which could end the window barely two days after it.
 */
export const DEDUP_WINDOW_MARGIN_MS = 86_400_000;

/**
 * When the intent's first attempt may have reached the vendor, in ms: its creation. The ledger keeps only the
 * latest attempt's time (`submittedAt`), and every attempt follows the claim, so the age measured from here is
 * never less than the first attempt's: the vendor's memory runs from the first request that carried the key (a
 * refused repeat does not renew it).
 */
export function firstAttemptMs(intent: Pick<Intent, "createdAt" | "submittedAt">): number {
  const created = Date.parse(intent.createdAt);
  const submitted = intent.submittedAt ? Date.parse(intent.submittedAt) : Number.NaN;
  // An unreadable date counts as the oldest possible: the key is then not relied on.
  if (Number.isNaN(created)) return 0;
  return Number.isNaN(submitted) ? created : Math.min(created, submitted);
}

/** What the window says about resubmitting an intent under the same key. */
export type DedupVerdict = { readonly holds: true } | { readonly holds: false; readonly why: string };

/** A duration for messages: whole days and hours. */
function daysAndHours(ms: number): string {
  const hours = Math.floor(Math.max(0, ms) / 3_600_000);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return d > 0 ? `${d} d ${h} h` : `${h} h`;
}

/**
 * Whether the vendor still refuses a repeat of `intent`'s key at `nowMs`: only for a kind the vendor deduplicates,
 * while the first attempt is younger than the kind's window less DEDUP_WINDOW_MARGIN_MS. A kind without a window
 * relies on its key for ever. Throws nothing.
 */
export function vendorStillDedups(
  kind: Pick<AnyJobKind, "name" | "dedupedByVendor" | "dedupWindowMs">,
  intent: Pick<Intent, "key" | "createdAt" | "submittedAt">,
  nowMs: number = Date.now(),
): DedupVerdict {
  if (!kind.dedupedByVendor) return { holds: false, why: `${kind.name} submissions carry no vendor dedup key` };
  if (kind.dedupWindowMs === undefined) return { holds: true };
  const age = nowMs - firstAttemptMs(intent);
  const trusted = kind.dedupWindowMs - DEDUP_WINDOW_MARGIN_MS;
  if (age < trusted) return { holds: true };
  return {
    holds: false,
    why:
      `its first attempt was ${daysAndHours(age)} ago, beyond the ${daysAndHours(kind.dedupWindowMs)} during which ` +
      `the vendor refuses a repeated key (relied on for ${daysAndHours(trusted)}): submitting ${intent.key} again ` +
      "could create and bill a second job",
  };
}

/**
 * How far back to look for the job of a key the vendor refused as a repeat: the vendor remembers keys for its
 * window, so the job may be that much older than the intent (an intent imported from an older ledger).
 */
export function refusedRepeatSince(kind: Pick<AnyJobKind, "dedupWindowMs">, intent: Pick<Intent, "createdAt">): Date {
  return new Date(Math.max(0, firstAttemptMs(intent) - (kind.dedupWindowMs ?? 0)));
}
