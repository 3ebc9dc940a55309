// Jobs of this stack whose create never returned, under another resource (issue 19, item 5; review finding 7).
// A create killed after the vendor accepted its job leaves an intent that is `submitted` and not `returned`
// (./ledger/ledger.ts). When its resource comes back with the same request, it resumes that job; when it was
// renamed meanwhile (a default scope names the resource), nothing ever claims it again and its own resource's
// orphan handling (./orphans.ts) never runs. Any create or delete of the same stack instance reports such a job
// and marks it an orphan, so that `ledger ls` shows it. It cleans nothing up: a resource of this run that was not
// registered yet may still come back and resume it (the mark then goes: ./intent-holder.ts `takeHold`).
import { type Holder, sameStackInstance } from "../resource-holder";
import { createdInRun, seenInState } from "./in-state";
import { holderOfIntent, ORPHAN_MARK } from "./intent-holder";
import type { Intent, Ledger } from "./ledger/ledger";

/**
 * The intents under the default scopes of `mine`'s stack (`<project>/<stack>/`) that another resource of the
 * same stack instance submitted, whose create never returned, and that this run has not seen in the state.
 */
export async function unreturnedJobsOfStack(ledger: Ledger, mine: Holder): Promise<Intent[]> {
  // The cached listing (one directory read per run): an intent another runner submitted after it is not reported
  // by this run (a report only: a later run reports it); each one found is read again before it is marked.
  const open = await ledger.list({ scopePrefix: `${mine.stack}/`, states: ["submitted"], cached: true });
  const found: Intent[] = [];
  for (const i of open) {
    // Only intents this version marked as not returned: older ones may well be in the state.
    if (i.returned !== false || !i.jobId || i.holder?.startsWith(ORPHAN_MARK)) continue;
    if (seenInState(i.key) || createdInRun(i.key)) continue;
    const theirs = holderOfIntent(i);
    if (theirs === undefined || theirs.resource === mine.resource || !sameStackInstance(theirs, mine)) continue;
    if (await createStillRunning(ledger, i)) continue;
    found.push(i);
  }
  return found;
}

/**
 * Whether the create that submitted `i` is still running: its runner keeps the intent's owner until it hands the
 * job to the engine (./lifecycle/submission.ts `record`). The engine runs one process per provider instance, so a
 * create of the same deployment may be waiting in another process; a crashed run's owner is dead. An owner that
 * cannot be checked counts as running: a report and an orphan mark are never worth a live job.
 */
async function createStillRunning(ledger: Ledger, i: Intent): Promise<boolean> {
  if (!i.owner) return false;
  const owner = await ledger.ownerStatus(i).catch(() => ({ status: "live" as const }));
  return owner.status === "live" || owner.status === "self";
}

/** Reports each job `unreturnedJobsOfStack` finds and marks it an orphan. Never throws. */
export async function reportUnreturnedJobs(ledger: Ledger, mine: Holder, log: (line: string) => void): Promise<void> {
  let found: Intent[];
  try {
    found = await unreturnedJobsOfStack(ledger, mine);
  } catch (err) {
    log(`WARNING could not look for unfinished creates of this stack (${(err as Error).message}); continuing`);
    return;
  }
  for (const listed of found) {
    // Read again just before marking: the resource may have claimed it back meanwhile (a create of this run).
    const intent = await ledger.get(listed.key).catch(() => undefined);
    if (!intent || intent.holder !== listed.holder || intent.state !== "submitted" || seenInState(intent.key)) continue;
    if (intent.returned !== false) continue;
    if (await createStillRunning(ledger, intent)) continue;
    const theirs = holderOfIntent(intent)!;
    log(
      `WARNING job ${intent.jobId} (ledger intent ${intent.key}, scope ${intent.scope}) was submitted for ` +
        `${theirs.resource} by a run of this stack that did not finish, and the stack does not hold it. If that ` +
        "resource is still in the program with the same inputs, its next create resumes the job (nothing is paid); " +
        "if it was renamed or removed, the job is an orphan: `pulumi-aigc ledger ls` shows it, and it stays at the " +
        "vendor until you delete or cancel it in the vendor console",
    );
    await ledger.update(intent.key, { holder: `${ORPHAN_MARK}${theirs.text}` }).catch(() => undefined);
  }
}
