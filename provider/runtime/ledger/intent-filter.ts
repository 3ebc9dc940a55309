// What a listing selects, applied in memory: the cached listings of both ledgers (IntentFilter.cached) filter
// their index with it, and the file ledger its directory scan.
import type { Intent, IntentFilter } from "./ledger";

/** Whether `intent` is one `filter` selects (all of it but `cached`, which says where the listing comes from). */
export function matchesFilter(intent: Intent, filter: IntentFilter): boolean {
  if (filter.scopePrefix !== undefined && !intent.scope.startsWith(filter.scopePrefix)) return false;
  if (filter.states && !filter.states.includes(intent.state)) return false;
  if (filter.holding === undefined) return true;
  return intent.jobId === filter.holding || (intent.heldIds?.includes(filter.holding) ?? false);
}

/** Sorts intents oldest first (the order of every listing), in place. */
export const byCreation = (out: Intent[]): Intent[] =>
  out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
