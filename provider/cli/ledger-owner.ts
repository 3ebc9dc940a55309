// How the operator commands describe the runner holding an intent, and the way out when it is dead.
import type { Intent, Ledger } from "../runtime/ledger/ledger";

/** The owner of `i` as `host:pid (live|dead|self)`, or `-` for none. */
export async function ownerText(ledger: Ledger, i: Intent): Promise<string> {
  if (!i.owner) return "-";
  const { status, info } = await ledger.ownerStatus(i);
  return info ? `${info.host}:${info.pid} (${status})` : status;
}

/**
 * What a claim held by a dead runner means, and what repairs it: it may have been sent, so it is never voided;
 * the next `pulumi up` that reaches it takes it over and looks the job up before submitting anything.
 */
export const DEAD_OWNER_WAY_OUT =
  "held by runners that are gone: each may have been sent, so none is voided. The next `pulumi up` of " +
  "its stack takes it over and looks its job up before submitting anything (a resource that already holds " +
  "the job records it); `ledger show KEY` shows one";
