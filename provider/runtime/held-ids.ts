// What a job made at the vendor (an AIGC subject's element) and who else holds it. A resource that holds a job's id
// (an adopter: adoptTaskId) holds everything that job made, whether or not the ledger has seen those objects yet:
// a destroy leaves all of them alone while any other live resource holds the job. And the objects a job made are
// recorded in the ledger at the first look that shows them, whichever path made that look (a wait, a refresh, or
// the single look of a create with waitForCompletion: false).
import type { JobContext, JobView } from "../job-kind";
import { pendingImport } from "./import-hold";
import { type Ledger, OPEN_STATES } from "./ledger/ledger";
import { processLedger } from "./ledger/process-ledger";

/**
 * `shared` (vendor ids another live resource holds), widened to every id of `ids` when it holds the job `jobId`
 * itself: what the job made is that resource's too.
 */
export function sharedWithJob(
  shared: ReadonlySet<string>,
  jobId: string | undefined,
  ids: Iterable<string>,
): Set<string> {
  const out = new Set(shared);
  if (jobId && shared.has(jobId)) for (const id of ids) if (id) out.add(id);
  return out;
}

/**
 * Which of `ids` (the job `jobId` and what it made) another open intent than `key` holds too: what a `remove`
 * must leave alone. Holding the job itself means holding everything of `ids` (sharedWithJob).
 */
export async function sharedIds(
  ledger: Ledger,
  key: string,
  jobId: string | undefined,
  ids: readonly (string | undefined)[],
): Promise<Set<string>> {
  const shared = new Set<string>();
  for (const vendorId of new Set(ids)) {
    if (!vendorId) continue;
    for (const other of await ledger.list({ holding: vendorId })) {
      // An import's adoption not yet seen stored holds nothing (./import-hold.ts).
      if (other.key !== key && OPEN_STATES.includes(other.state) && !pendingImport(other)) shared.add(vendorId);
    }
  }
  return sharedWithJob(
    shared,
    jobId,
    ids.filter((id): id is string => !!id),
  );
}

/**
 * Adds `held` (vendor objects a job turned out to hold) to the intent `key`, unless it is released or has them.
 * @throws LedgerError when the ledger cannot be read or written.
 */
export async function recordHeldIds(key: string, held: readonly string[]): Promise<void> {
  const ledger = await processLedger();
  const cur = await ledger.get(key);
  if (cur && cur.state !== "released" && held.some((h) => !cur.heldIds?.includes(h))) {
    await ledger.update(key, { heldIds: [...new Set([...(cur.heldIds ?? []), ...held])] });
  }
}

/**
 * Records in the intent `key` the vendor objects `view` shows the job holds (best effort: the stack holds them
 * too, and the job id alone protects them from other resources' destroys), and returns `view`.
 */
export async function noteFirstLook<V extends JobView<unknown>>(ctx: JobContext, key: string, view: V): Promise<V> {
  const held = view.heldIds ?? [];
  if (!key || held.length === 0) return view;
  try {
    await recordHeldIds(key, held);
  } catch (err) {
    ctx.log(`could not record ${held.join(", ")} in the ledger (${(err as Error).message}); continuing`);
  }
  return view;
}
