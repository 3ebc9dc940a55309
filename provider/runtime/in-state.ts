// The intents this provider process has seen in the stack's state during this run: the idempotency keys of the
// resources it diffed, refreshed, updated or created. The engine serves one deployment from one provider process
// and diffs every resource of the state before it replaces or updates it (docs/vendor-notes/pulumi.md), so an
// open intent of a scope that is not in this set when a create of the same resource runs is not in the state:
// a crashed, cancelled create left it (./orphans.ts). Loads nothing: diff uses it.

const seen = new Set<string>();

/** Notes the idempotency key that stored outputs (or a create) carry. */
export function noteInState(props: Readonly<Record<string, unknown>>): void {
  const key = props.idempotencyKey;
  if (typeof key === "string" && key) {
    seen.add(key);
    stored.add(key);
  }
}

/** The keys of the stored outputs the engine passed in during this run (not the keys creates claimed). */
const stored = new Set<string>();

/** Whether the engine passed in stored outputs carrying `key` during this run: a resource of the state holds it. */
export function storedInState(key: string): boolean {
  return stored.has(key);
}

/** Notes one idempotency key. */
export function noteKeyInState(key: string): void {
  if (key) seen.add(key);
}

/** Whether this process saw the key in the state (or created it) during this run. */
export function seenInState(key: string): boolean {
  return seen.has(key);
}

// The keys a create of this process handed back to the engine during this run (a success, or a partial state
// carrying the job id): the resource just created holds that job. A delete of this run that finds the same key
// is the old side of a resource whose new side resumed the job (a resource moved under a component: a new URN,
// the same scope and request): it must leave the job, its vendor objects and its intent alone.
const created = new Set<string>();

/** Notes that a create of this run handed the job of `key` to the engine. */
export function noteCreatedInRun(key: string): void {
  if (key) created.add(key);
}

/** Whether a create of this run handed the job of `key` to the engine. */
export function createdInRun(key: string): boolean {
  return created.has(key);
}
