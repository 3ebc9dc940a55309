// The intents this provider process has seen in the stack's state during this run: the idempotency keys of the
// resources it diffed, refreshed, updated or created. The engine serves one deployment from one provider process
// and diffs every resource of the state before it replaces or updates it (docs/vendor-notes/pulumi.md), so an
// open intent of a scope that is not in this set when a create of the same resource runs is not in the state:
// a crashed, cancelled create left it (./orphans.ts). Loads nothing: diff uses it.

const seen = new Set<string>();

/** Notes the idempotency key that stored outputs (or a create) carry. */
export function noteInState(props: Readonly<Record<string, unknown>>): void {
  const key = props.idempotencyKey;
  if (typeof key === "string" && key) seen.add(key);
}

/** Notes one idempotency key. */
export function noteKeyInState(key: string): void {
  if (key) seen.add(key);
}

/** Whether this process saw the key in the state (or created it) during this run. */
export function seenInState(key: string): boolean {
  return seen.has(key);
}
