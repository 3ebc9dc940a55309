import { RequestValidationError, type ValidationIssue } from "../../sdk/core/errors";
import { parseRequest, valueAt } from "../../sdk/core/validation";
import { type AnyJobKind, COMMON_INPUTS } from "../job-kind";
import { HOLDER_INPUT } from "../resource-holder";
import { toWire } from "./wire-mapping";

type Props = Record<string, unknown>;

/** Input properties that are not vendor fields (they are never sent). */
export function providerInputNames(kind: AnyJobKind): Set<string> {
  return new Set<string>([...Object.keys(COMMON_INPUTS), ...kind.adoptInputs, "__provider", HOLDER_INPUT]);
}

/** The vendor fields of the inputs (provider-only inputs removed), mapped to wire names, with config defaults. */
export function wireRequest(kind: AnyJobKind, inputs: Props): Props {
  const skip = providerInputNames(kind);
  const vendor: Props = {};
  for (const [k, v] of Object.entries(inputs)) if (!skip.has(k) && v !== undefined) vendor[k] = v;
  const wire = toWire(kind.request, vendor) as Props;
  return kind.withConfigDefaults ? kind.withConfigDefaults(wire) : wire;
}

/** Issues for request fields the provider owns (its idempotency key goes there) that the user set. */
export function ownedFieldIssues(kind: AnyJobKind, wire: Props): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const f of kind.ownedFields) {
    const value = valueAt(wire, f.path);
    if (value !== undefined) out.push({ path: f.path, rule: f.reason, value });
  }
  return out;
}

/**
 * The validated vendor request of a resource, before the provider adds its key: what the intent digest covers.
 * @throws RequestValidationError naming each field, rule and value (owned fields included).
 */
export function requestFor(kind: AnyJobKind, inputs: Props): Props {
  const wire = wireRequest(kind, inputs);
  const owned = ownedFieldIssues(kind, wire);
  if (owned.length > 0) throw new RequestValidationError(kind.name, owned);
  return parseRequest(kind.name, kind.request, wire) as Props;
}

/**
 * The request as sent: the provider's key added (SessionId, UserData marker) and validated again, so that a
 * marker that pushes UserData past the vendor's limit fails before anything is sent.
 * @throws RequestValidationError
 */
export function withKey(kind: AnyJobKind, request: Props, key: string): Props {
  return parseRequest(
    `${kind.name} (with the provider's idempotency key ${key})`,
    kind.request,
    kind.withKey(request, key),
  ) as Props;
}

/** A key of the real keys' length, for checking at preview (when the ledger, and so the key, is not known). */
export const PLACEHOLDER_KEY = `pa-${"0".repeat(40)}`;
