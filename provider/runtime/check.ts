import { RequestValidationError } from "../../sdk";
import { describeValue, parseEndpoint, toValidationIssues } from "../../sdk/internal";
import type { JobKind } from "./job-kind";
import { requestFor, wireRequest } from "./job-lifecycle";
import { containsUnknown, UNKNOWN, unknownAlong } from "./unknowns";
import { camelPath } from "./wire-mapping";

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

const MAX_WAIT_SECONDS = 7 * 24 * 3600;

/** Rules for the inputs that are not vendor fields. */
function checkProviderInputs(kind: JobKind, inputs: Record<string, unknown>): CheckFailure[] {
  const out: CheckFailure[] = [];
  const known = (k: string) => inputs[k] !== undefined && inputs[k] !== UNKNOWN;
  const bad = (property: string, rule: string) =>
    out.push({ property, reason: `${rule} (got ${describeValue(inputs[property])})` });
  if (known("waitForCompletion") && typeof inputs.waitForCompletion !== "boolean")
    bad("waitForCompletion", "must be a boolean");
  if (known("waitTimeoutSeconds")) {
    const v = inputs.waitTimeoutSeconds;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_WAIT_SECONDS)
      bad("waitTimeoutSeconds", `must be an integer from 1 to ${MAX_WAIT_SECONDS}`);
  }
  for (const k of ["region", "resubmitToken", "idempotencyScope", kind.adoptInput]) {
    if (known(k) && (typeof inputs[k] !== "string" || inputs[k] === "")) bad(k, "must be a non-empty string");
  }
  if (
    known("onAmbiguousSubmission") &&
    inputs.onAmbiguousSubmission !== "fail" &&
    inputs.onAmbiguousSubmission !== "resubmit"
  ) {
    bad("onAmbiguousSubmission", 'must be "fail" or "resubmit"');
  }
  if (known("endpoint")) {
    try {
      if (typeof inputs.endpoint !== "string") throw new Error("must be a string");
      parseEndpoint(inputs.endpoint);
    } catch (e) {
      bad("endpoint", (e as Error).message.replace(/^endpoint /, ""));
    }
  }
  return out;
}

/**
 * Validates a resource's inputs with the sdk's schema of its submit request, before anything is sent:
 * each failure names the property (as the user wrote it), the rule and the value. Values not known yet
 * (preview) are skipped, and so are cross-field rules while any value is unknown; `up` checks again with
 * every value known, still before any submission.
 */
export function checkInputs(kind: JobKind, news: Record<string, unknown>): CheckFailure[] {
  const failures = checkProviderInputs(kind, news);
  const adopting = typeof news[kind.adoptInput] === "string" && news[kind.adoptInput] !== "";
  if (adopting) return failures; // an adopted job is not submitted: its inputs are descriptive
  const wire = wireRequest(kind, news);
  const parsed = kind.request.safeParse(wire);
  if (parsed.success) {
    if (containsUnknown(wire)) return failures;
    // The request is valid as written: check it again with the provider's additions (the UserData marker).
    try {
      requestFor(kind, news);
    } catch (err) {
      if (!(err instanceof RequestValidationError)) throw err;
      for (const i of err.issues) {
        failures.push({
          property: camelPath(kind.request, i.path) || "(inputs)",
          reason: `${i.rule} once the provider adds its idempotency marker (${describeValue(i.value)})`,
        });
      }
    }
    return failures;
  }
  const anyUnknown = containsUnknown(wire);
  for (const issue of toValidationIssues(parsed.error.issues, wire)) {
    if (unknownAlong(wire, issue.path)) continue;
    const zodIssue = parsed.error.issues.find((i) => i.path.join(".") === issue.path.join("."));
    if (anyUnknown && zodIssue?.code === "custom") continue;
    failures.push({
      property: camelPath(kind.request, issue.path) || "(inputs)",
      reason: `${issue.rule} (got ${describeValue(issue.value)})`,
    });
  }
  return failures;
}
