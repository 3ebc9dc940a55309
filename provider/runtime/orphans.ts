// No orphans (issue 19, item 5). A create that was killed after the vendor accepted its job leaves an open intent
// that the stack's state does not hold (the create never returned). When the same resource then claims a new
// intent (its inputs were edited meanwhile), or is destroyed, that older job is cleaned up where its kind can
// (an AIGC subject's element deleted, a running ICE job cancelled: the kind's own `remove`) and released;
// otherwise it is reported, naming the job, and marked so that `ledger ls` shows it as an orphan.
//
// A create that returned (a success, or a partial state carrying the id) marks its intent `returned`: such an
// intent is never an orphan, even when the stack no longer holds it (the user kept it: `retainOnDelete` on a
// replaced resource, `pulumi state delete`). Intents written before that mark follow the older rule below.
//
// An intent is in the state when this provider process saw its key during this run (./in-state.ts): the engine
// diffs a resource before replacing it, so a normal replacement's old job is never touched here; the engine
// deletes it after the new one is created.
import type { AnyJobKind, JobContext } from "../job-kind";
import type { Holder } from "../resource-holder";
import { sharedIds } from "./held-ids";
import { seenInState } from "./in-state";
import { holderOfIntent, ORPHAN_MARK } from "./intent-holder";
import type { Intent, Ledger } from "./ledger/ledger";
import { redactUrlQueries } from "./redaction";
import { reportUnreturnedJobs } from "./unreturned-jobs";

type Props = Record<string, unknown>;

/** What orphan handling needs from the lifecycle. */
export interface OrphanScope {
  readonly kind: AnyJobKind;
  readonly ledger: Ledger;
  /** The resource (this create's or this delete's). */
  readonly holder: Holder;
  /** The intent the resource holds now: never an orphan. */
  readonly ownKey: string;
  /** A context for a job of this kind at a placement (the inputs carry `region` and `endpoint`). */
  contextFor(inputs: Props, key: string): JobContext;
  readonly log: (line: string) => void;
}

/**
 * The open intents of `open` (one scope's) that this same resource submitted earlier, that hold a vendor job, and
 * that are not in the stack's state: what a crashed create left behind.
 */
export function supersededIntents(open: readonly Intent[], s: Pick<OrphanScope, "holder" | "ownKey">): Intent[] {
  return open.filter((i) => {
    if (i.key === s.ownKey || i.state !== "submitted" || !i.jobId || seenInState(i.key)) return false;
    if (i.returned === true) return false; // handed to the engine: the user kept it outside the stack
    const h = holderOfIntent(i);
    return h !== undefined && h.text === s.holder.text;
  });
}

/**
 * The candidates read again, kept only if still superseded: the listing may be a cached one (older than this
 * run's start), and another runner may have returned, released or taken back an intent since. A missed orphan is
 * safe (a later run finds it); a job deleted while another resource holds it is not.
 */
async function freshly(s: OrphanScope, listed: readonly Intent[]): Promise<Intent[]> {
  const out: Intent[] = [];
  for (const l of listed) {
    const cur = await s.ledger.get(l.key);
    if (cur && supersededIntents([cur], s).length === 1) out.push(cur);
  }
  return out;
}

/** Cleans up one superseded job with its kind's `remove`, then releases its intent. */
async function cleanUp(s: OrphanScope, intent: Intent, base: Props): Promise<void> {
  const remove = s.kind.remove;
  if (!remove) throw new Error("its kind has nothing to clean up");
  const inputs = { ...base, ...(intent.placement ?? {}), idempotencyScope: intent.scope };
  const ctx = s.contextFor(inputs, intent.key);
  await remove.call(
    s.kind,
    ctx,
    intent.jobId!,
    {},
    await sharedIds(s.ledger, intent.key, intent.jobId, [intent.jobId, ...(intent.heldIds ?? [])]),
  );
  await s.ledger.release(intent.key);
  s.log(`cleaned up job ${intent.jobId} of an earlier run that the stack does not hold (intent ${intent.key})`);
}

/**
 * At a create: cleans up each job this resource submitted in a run that crashed (see the file comment), or
 * reports it and marks it an orphan. Never throws: the new job goes on either way.
 */
export async function settleOrphansAtCreate(s: OrphanScope, open: readonly Intent[], base: Props): Promise<void> {
  for (const intent of await freshly(s, supersededIntents(open, s))) {
    let why: string;
    if (!s.kind.remove) {
      why = "its kind has nothing to cancel or delete: the job was paid and its results are not in the stack";
    } else {
      try {
        await cleanUp(s, intent, base);
        continue;
      } catch (err) {
        why = `it could not be cleaned up (${redactUrlQueries((err as Error).message)}); it stays at the vendor`;
      }
    }
    s.log(
      `WARNING job ${intent.jobId} (ledger intent ${intent.key}), submitted by an earlier run that did not finish, ` +
        `is no longer wanted by this resource: ${why}. \`pulumi-aigc ledger ls\` shows it as an orphan. Return the ` +
        "resource to its earlier inputs to take it back (nothing is submitted), or cancel or delete it in the " +
        "vendor console; destroying the resource releases it",
    );
    await s.ledger.update(intent.key, { holder: `${ORPHAN_MARK}${s.holder.text}` }).catch(() => undefined);
  }
  await reportUnreturnedJobs(s.ledger, s.holder, s.log);
}

/**
 * At destroy: cleans up each superseded job of this resource (see the file comment) where its kind can, and
 * releases it; a job its kind cannot clean up is named in the destroy's output.
 * @throws the kind's error when a cleanup fails: the destroy fails rather than leave a live object silently.
 */
export async function settleOrphansAtDelete(s: OrphanScope, base: Props): Promise<void> {
  const scope = typeof base.idempotencyScope === "string" ? base.idempotencyScope : "";
  if (!scope) return;
  const open = (await s.ledger.list({ scopePrefix: scope, states: ["submitted"], cached: true })).filter(
    (i) => i.scope === scope,
  );
  for (const intent of await freshly(s, supersededIntents(open, s))) {
    if (s.kind.remove) {
      await cleanUp(s, intent, base);
      continue;
    }
    await s.ledger.release(intent.key);
    s.log(
      `job ${intent.jobId} (ledger intent ${intent.key}), submitted by an earlier run that did not finish, was ` +
        "never in the stack; it has nothing to clean up at the vendor and is released",
    );
  }
  await reportUnreturnedJobs(s.ledger, s.holder, s.log);
}
