import { didYouMean } from "../../sdk/core/did-you-mean";
import { parseEndpoint } from "../../sdk/core/endpoint";
import { describeValue, RequestValidationError } from "../../sdk/core/errors";
import { toValidationIssues } from "../../sdk/core/validation";
import { type AnyJobKind, adoptedJobIdOf } from "../job-kind";
import { regionFailures } from "./region-rules";
import { ownedFieldIssues, PLACEHOLDER_KEY, wireRequest, withKey } from "./request";
import { containsUnknown, UNKNOWN, unknownAlong } from "./unknowns";
import { camelPath, fieldNamesAt } from "./wire-mapping";

/** One reason check() refuses the inputs: the property (as the user wrote it) and the rule with the value. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** What check() found: failures stop the preview; warnings are printed. */
export interface CheckResult {
  readonly failures: CheckFailure[];
  readonly warnings: string[];
}

const MAX_WAIT_SECONDS = 7 * 24 * 3600;
type Props = Record<string, unknown>;

/** Rules for the inputs that are not vendor fields. */
function checkProviderInputs(kind: AnyJobKind, inputs: Props): CheckFailure[] {
  const out: CheckFailure[] = [];
  const known = (k: string) => inputs[k] !== undefined && inputs[k] !== UNKNOWN;
  const bad = (property: string, rule: string) =>
    out.push({ property, reason: `${rule} (got ${describeValue(inputs[property])})` });
  if (known("waitForCompletion") && typeof inputs.waitForCompletion !== "boolean") {
    bad("waitForCompletion", "must be a boolean");
  }
  if (known("waitTimeoutSeconds")) {
    const v = inputs.waitTimeoutSeconds;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_WAIT_SECONDS) {
      bad("waitTimeoutSeconds", `must be an integer from 1 to ${MAX_WAIT_SECONDS}`);
    }
  }
  for (const k of ["region", "resubmitToken", "idempotencyScope", ...kind.adoptInputs]) {
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

/** Whether `path` names a key that zod reported as unrecognized in its object. */
function isUnknownKey(
  issues: ReadonlyArray<{ code: string; path: PropertyKey[]; keys?: string[] }>,
  path: ReadonlyArray<string | number>,
): boolean {
  const parent = path.slice(0, -1).join(".");
  const key = String(path[path.length - 1]);
  return issues.some((i) => i.code === "unrecognized_keys" && i.path.join(".") === parent && !!i.keys?.includes(key));
}

/** " (did you mean 'outputConfig'?)" for an unknown field, naming the closest field of its object. */
function closestField(kind: AnyJobKind, path: ReadonlyArray<string | number>): string {
  const name = path[path.length - 1];
  if (typeof name !== "string") return "";
  return didYouMean(name, fieldNamesAt(kind.request, path.slice(0, -1)));
}

/**
 * Validates a resource's inputs with the sdk's schema of its submit request, before anything is sent: each
 * failure names the property (as the user wrote it), the rule and the value. Values not known yet (preview)
 * are skipped, and so are cross-field rules while any value is unknown; `up` checks again with every value
 * known, still before any submission. An adopting resource submits nothing: its vendor fields are only
 * descriptive and are not validated.
 */
export function checkInputs(kind: AnyJobKind, news: Props): CheckResult {
  const failures = [
    ...checkProviderInputs(kind, news),
    ...regionFailures(kind.name, news),
    ...(kind.checkInputs?.(news) ?? []),
  ];
  const warnings: string[] = [];
  if (adoptedJobIdOf(kind, news) !== undefined) return { failures, warnings };
  const wire = wireRequest(kind, news);
  for (const i of ownedFieldIssues(kind, wire)) {
    failures.push({ property: camelPath(kind.request, i.path), reason: `${i.rule} (got ${describeValue(i.value)})` });
  }
  const parsed = kind.request.safeParse(wire);
  if (parsed.success) {
    if (containsUnknown(wire)) return { failures, warnings };
    // Valid as written: check it again with the provider's key added (a UserData marker counts to its limit).
    try {
      withKey(kind, parsed.data as Props, PLACEHOLDER_KEY);
    } catch (err) {
      if (!(err instanceof RequestValidationError)) throw err;
      for (const i of err.issues) {
        failures.push({
          property: camelPath(kind.request, i.path) || "(inputs)",
          reason: `${i.rule} once the provider adds its idempotency key (${describeValue(i.value)})`,
        });
      }
    }
    if (failures.length === 0) warnings.push(...(kind.adjustments?.(parsed.data) ?? []));
    return { failures, warnings };
  }
  const anyUnknown = containsUnknown(wire);
  for (const issue of toValidationIssues(parsed.error.issues, wire)) {
    if (unknownAlong(wire, issue.path)) continue;
    const zodIssue = parsed.error.issues.find(
      (i: { path: PropertyKey[] }) => i.path.join(".") === issue.path.join("."),
    );
    if (anyUnknown && zodIssue?.code === "custom") continue;
    const hint = issue.value === undefined ? kind.configuredFields?.[issue.path.join(".")] : undefined;
    const guess = isUnknownKey(parsed.error.issues, issue.path) ? closestField(kind, issue.path) : "";
    failures.push({
      property: camelPath(kind.request, issue.path) || "(inputs)",
      reason: `${issue.rule}${guess}${hint ? ` (set it, or ${hint})` : ""} (got ${describeValue(issue.value)})`,
    });
  }
  return { failures, warnings };
}
