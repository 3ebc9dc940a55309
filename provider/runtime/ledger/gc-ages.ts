// How old a ledger entry must be before gc may remove it, and how an operator writes an age. The floor comes
// from the vendors' dedup windows (docs/vendor-notes/ledger-gc-ages.md): a key must not be issued again, and a
// tombstone must not go, while a vendor may still answer a submission with "already seen".
import { LedgerError } from "./ledger";

const DAY_MS = 86_400_000;

/**
 * The longest window in which a vendor deduplicates a submission key: Tencent's SessionId, which its request
 * docs give as 3 days and its task models as 7 days; the worse case is taken. Alibaba's submit APIs keep no
 * key server-side (ICE's ClientToken is on query and cancel only).
 */
export const VENDOR_DEDUP_WINDOW_MS = 7 * DAY_MS;

/** Slack for clocks and for a job submitted at the end of a window. */
export const GC_AGE_MARGIN_MS = 1 * DAY_MS;

/** The youngest age `ledger gc` accepts without `--force`. */
export const MIN_GC_AGE_MS = VENDOR_DEDUP_WINDOW_MS + GC_AGE_MARGIN_MS;

/**
 * How long a scope's epoch is kept after its last release, whatever age gc is given: a key issued again
 * only after this can no longer meet a vendor that remembers it.
 */
export const EPOCH_RETENTION_MS = MIN_GC_AGE_MS;

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: DAY_MS };

/**
 * `5d`, `12h`, `30m`, `45s` to milliseconds. A number needs its unit.
 * @throws Error naming the text and the accepted forms.
 */
export function parseAge(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (m) return Number(m[1]) * UNITS[m[2]!]!;
  if (/^\d+(?:\.\d+)?$/.test(text.trim())) {
    throw new Error(
      `an age needs a unit: ${JSON.stringify(text)} (write e.g. ${text.trim()}d, ${text.trim()}h or ${text.trim()}m)`,
    );
  }
  throw new Error(`not an age: ${JSON.stringify(text)} (use e.g. 30d, 12h, 90m)`);
}

/**
 * Refuses a gc age below MIN_GC_AGE_MS unless forced.
 * @throws LedgerError naming the age, the vendor window and `--force`.
 */
export function checkGcAge(ms: number, text: string, force: boolean): void {
  if (ms >= MIN_GC_AGE_MS || force) return;
  throw new LedgerError(
    `ledger gc --older-than ${text} is refused: tombstones younger than ${MIN_GC_AGE_MS / DAY_MS}d ` +
      `(the longest vendor dedup window, Tencent's SessionId at ${VENDOR_DEDUP_WINDOW_MS / DAY_MS}d, plus ` +
      `${GC_AGE_MARGIN_MS / DAY_MS}d) may still name a job a vendor remembers. Use --older-than ` +
      `${MIN_GC_AGE_MS / DAY_MS}d or more, or add --force (epochs are kept either way)`,
  );
}
