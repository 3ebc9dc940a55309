// The intents this provider process has seen in the stack's state during this run: the idempotency keys of the
// resources it diffed, refreshed, updated or created. The engine serves one deployment from one provider process
// and diffs every resource of the state before it replaces or updates it (docs/vendor-notes/pulumi.md), so an
// open intent of a scope that is not in this set when a create of the same resource runs is not in the state:
// a crashed, cancelled create left it (./orphans.ts). Loads nothing but node built-ins (./deployment.ts): diff uses it.
import { declaredInDeployment, declareInDeployment, forgetInDeployment } from "./deployment";

const seen = new Set<string>();

/** Notes the idempotency key that stored outputs (or a create) carry. */
export function noteInState(props: Readonly<Record<string, unknown>>): void {
  const key = props.idempotencyKey;
  if (typeof key === "string" && key) {
    seen.add(key);
  }
}

/**
 * Notes the key of the intent a create claimed; one that already held a job id is a job this create resumes.
 */
export function noteKeyInState(key: string, claimed?: { readonly jobId?: string | undefined }): void {
  if (!key) return;
  seen.add(key);
  if (claimed?.jobId) {
    resumed.add(key);
    // The old side's delete may run in another process of this deployment (the dynamic host after the plugin's
    // create, when a stack is switched to the plugin's program without migrate): it must see this too.
    try {
      declareInDeployment(RESUMED_AREA, key, "resumed", true);
    } catch {
      // No shared directory: this process's own set still holds (one process per deployment, as before).
    }
  }
}

const RESUMED_AREA = "resumed";

/** Whether this process saw the key in the state (or created it) during this run. */
export function seenInState(key: string): boolean {
  return seen.has(key);
}

// The keys whose job a create of this run resumed (the intent held a job id when it claimed it). A delete of
// this run that meets one of them is the old side of a resource whose new side now holds that job: a replacement
// with unchanged inputs (`pulumi up --replace <urn>`, `replaceOnChanges` on an in-place input: the engine creates
// the new side before it deletes the old one, and both derive the same key), or a resource moved under a component
// (a new URN, the same scope and request). The job, its vendor objects and its intent must stay. In one run the
// engine never deletes a resource it created, so no other delete meets such a key.
const resumed = new Set<string>();

/** Whether a create of this run (in any provider process of this deployment: ./deployment.ts) resumed `key`'s job. */
export function resumedInRun(key: string): boolean {
  return resumed.has(key) || (!!key && declaredInDeployment(RESUMED_AREA, key));
}

/** What a delete logs when it leaves such a job alone. */
export const RESUMED_BY_ANOTHER =
  "was resumed by the resource that replaces this one in this run (its inputs ask for the same job): it stays, with " +
  "its vendor objects and its ledger intent. Set resubmitToken to replace a job with a new one";

// The keys a create of this process handed back to the engine during this run (a success, or a partial state
// carrying the job id): the stack holds those jobs now (./unreturned-jobs.ts does not report them).
const created = new Set<string>();

/** Notes that a create of this run handed the job of `key` to the engine. */
export function noteCreatedInRun(key: string): void {
  if (key) created.add(key);
}

/** Whether a create of this run handed the job of `key` to the engine. */
export function createdInRun(key: string): boolean {
  return created.has(key);
}

/** Forgets what this process noted: the next deployment starts afresh (tests model several runs in one process). */
export function forgetRun(): void {
  seen.clear();
  forgetInDeployment(RESUMED_AREA, resumed);
  resumed.clear();
  created.clear();
}
