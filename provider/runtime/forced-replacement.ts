// A replacement whose request did not change (`pulumi up --replace <urn>`, `replaceOnChanges` on an in-place
// input): the new side derives the very key the old side holds, because the old side is released only after the
// new one is created. Resuming that job would hand the stack a job the engine then deletes with the old side. The
// user asked for a new resource, so the new side gets its own intent: the old key joins its resubmit token, which
// is stable across retries of the same replacement (a crash, then `up --replace` again, resumes the new job).
//
// The old side is recognised by the engine's own order: it diffs every resource of the state it replaces before
// creating the new side (./in-state.ts), and no create of this run returned that key. A resource moved under a
// component (a new URN whose old URN is not registered, so never diffed) keeps resuming its job.
import { createdInRun, storedInState } from "./in-state";
import type { Intent } from "./ledger/ledger";

type Props = Record<string, unknown>;

/**
 * The intent a create uses: `found` (the one its inputs lead to), unless the stack's state holds `found` for the
 * resource this create replaces; then the one `claim` gives for inputs whose resubmit token names `found`.
 * @throws what `claim` throws.
 */
export async function forcedReplacementOf(
  found: Intent,
  claim: (inputs: Props) => Promise<Intent>,
  inputs: Props,
): Promise<Intent> {
  if (!storedInState(found.key) || createdInRun(found.key)) return found;
  const token = typeof inputs.resubmitToken === "string" ? inputs.resubmitToken : "";
  return claim({ ...inputs, resubmitToken: `${token}\u0000replaces ${found.key}` });
}
