// The settings a job's lifecycle reads: from the resource's inputs, else the stack config (aigc:*).
import { ConfigurationError } from "../../../sdk/core/errors";
import { setting } from "../provider-config";
import type { Props } from "./stored-state";

/**
 * What to do when a submit without vendor deduplication failed after reaching the vendor and the job it
 * may have created cannot be found: `fail` (default) stops and asks a human; `resubmit` submits again so
 * the update can finish unattended, accepting a possible duplicate (counted in `ambiguousSubmissions`).
 */
export type AmbiguityPolicy = "fail" | "resubmit";

/** Ambiguous submissions of one intent (across runs: the ledger counts them) after which even `resubmit` stops. */
export const MAX_AMBIGUOUS = 3;
/** How long `up` waits for a job unless `waitTimeoutSeconds` says otherwise. */
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 30 * 60;
/** How long a runner waits for another live runner's claim on the same intent to settle (aigc:claimWaitSeconds). */
export function claimWaitMs(): number {
  const v = setting("claimWaitSeconds");
  const n = v === undefined ? 60 : Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new ConfigurationError(`aigc:claimWaitSeconds must be a number of seconds (got ${v})`);
  return n * 1000;
}

/**
 * The resource's policy after an unresolved ambiguous submit (`onAmbiguousSubmission`, else aigc:ambiguousSubmission).
 * @throws ConfigurationError for a value other than "fail" or "resubmit".
 */
export function ambiguityPolicy(inputs: Props): AmbiguityPolicy {
  const v =
    typeof inputs.onAmbiguousSubmission === "string" ? inputs.onAmbiguousSubmission : setting("ambiguousSubmission");
  if (v === undefined || v === "fail" || v === "resubmit") return v ?? "fail";
  throw new ConfigurationError(`aigc:ambiguousSubmission must be "fail" or "resubmit" (got ${JSON.stringify(v)})`);
}

/** The waiter's options from the resource's inputs: its deadline (`waitTimeoutSeconds`) and first delay. */
export function waitOptions(inputs: Props, initialDelayMs?: number) {
  const seconds =
    typeof inputs.waitTimeoutSeconds === "number" ? inputs.waitTimeoutSeconds : DEFAULT_WAIT_TIMEOUT_SECONDS;
  return { timeoutMs: seconds * 1000, ...(initialDelayMs !== undefined ? { initialDelayMs } : {}) };
}
