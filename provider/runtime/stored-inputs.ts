// How a resource's inputs are kept in its outputs. The dynamic provider's `diff` sees the stored outputs (not the
// stored inputs), and `read` and `delete` see nothing else (docs/vendor-notes/pulumi.md, "Dynamic providers"), so
// the outputs must let diff tell which inputs changed and let refresh and destroy find the job. They do not need
// the inputs themselves: each input is stored under its own name as a short digest (or as itself when that is no
// longer), except the few that refresh and destroy read, which are stored as they are. Keeping each input's name
// keeps secrets secret: the engine encrypts an output whose input of the same name was, or held, a secret.
import { createHash } from "node:crypto";
import { camelKey } from "../casing";
import { type AnyJobKind, COMMON_INPUTS, COMMON_OUTPUTS } from "../job-kind";
import { HOLDER_INPUT } from "../resource-holder";
import { canonicalJson } from "./identity";
import { atJobPlacement, hasRecordedPlacement, JOB_PLACEMENT } from "./placement";
import { containsUnknown } from "./unknowns";

type Props = Record<string, unknown>;

/** The output listing the names of the resource's inputs: present in the outputs this module writes only. */
export const INPUT_NAMES = "__inputs";

/**
 * Inputs refresh and destroy read whatever the kind: where the job is (placement), the resource's identity and
 * its holder (../resource-holder.ts).
 */
export const COMMON_KEPT_INPUTS: readonly string[] = ["region", "endpoint", "idempotencyScope", HOLDER_INPUT];

/** Characters of a digest (base64url of SHA-256: 72 bits, so an input change goes unseen with odds of 2^-72). */
const DIGEST_CHARS = 12;

/** Inputs that only change how the provider waits or where it looks: updated in place, never a new job. */
export const IN_PLACE_INPUTS: ReadonlySet<string> = new Set(
  Object.entries(COMMON_INPUTS)
    .filter(([, spec]) => spec.inPlace)
    .map(([name]) => name),
);

/** The digest of an input value: key order does not matter (state round-trips through unordered Structs). */
export function inputDigest(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("base64url").slice(0, DIGEST_CHARS);
}

/** How an input is stored: itself when it must be (kept) or when its JSON is no longer than a digest. */
function storedValue(value: unknown, kept: boolean): unknown {
  return kept || canonicalJson(value).length <= DIGEST_CHARS + 2 ? value : inputDigest(value);
}

/**
 * The stored form of a resource's inputs, to be merged into its outputs: `__inputs` (their names), and each
 * input under its name, digested unless it is kept (`COMMON_KEPT_INPUTS` and the kind's `keptInputs`).
 */
export function storeInputs(inputs: Props, keptInputs: readonly string[] = []): Props {
  const kept = new Set([...COMMON_KEPT_INPUTS, ...keptInputs]);
  const names = Object.keys(inputs)
    .filter((k) => k !== "__provider" && inputs[k] !== undefined)
    .sort();
  const out: Props = { [INPUT_NAMES]: names };
  for (const k of names) out[k] = storedValue(inputs[k], kept.has(k));
  return out;
}

/** True when `props` are outputs written with stored inputs (this version on), false for outputs that echo them. */
export function hasStoredInputs(props: Props): boolean {
  return Array.isArray(props[INPUT_NAMES]);
}

/** The names of the inputs a resource's stored outputs list. */
export function storedInputNames(props: Props): string[] {
  const names = props[INPUT_NAMES];
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

/** Whether the stored form of an input (a digest, or the value itself) stands for `value`. */
function sameInput(stored: unknown, value: unknown): boolean {
  if (value === undefined) return stored === undefined;
  if (stored === undefined || containsUnknown(value)) return false;
  return stored === inputDigest(value) || canonicalJson(stored) === canonicalJson(value);
}

/**
 * The inputs that changed between stored outputs (with stored inputs) and new inputs: every input either side
 * names, `__provider` aside. An unknown new value (preview) counts as changed.
 */
export function changedInputs(olds: Props, news: Props): string[] {
  const names = new Set([...storedInputNames(olds), ...Object.keys(news)]);
  names.delete("__provider");
  names.delete(INPUT_NAMES);
  return [...names].filter((k) => !sameInput(olds[k], news[k])).sort();
}

/** Every input property a kind has: its vendor fields (camelCase) and the provider's own inputs. */
export function inputKeys(kind: AnyJobKind): Set<string> {
  const shape = (kind.request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  return new Set<string>([...Object.keys(shape).map(camelKey), ...Object.keys(COMMON_INPUTS), ...kind.adoptInputs]);
}

/** The stored form of a kind's inputs (see storeInputs). */
export function storeKindInputs(kind: AnyJobKind, inputs: Props): Props {
  return storeInputs(inputs, kind.keptInputs);
}

/**
 * The stored inputs of stored outputs: as they are when written by this version (with the job's placement record,
 * ./placement.ts), else (outputs of pulumi-aigc 0.1, which echo every input) computed from the echoed inputs.
 */
export function storedInputsOf(kind: AnyJobKind, props: Props): Props {
  if (hasStoredInputs(props)) {
    const names = storedInputNames(props);
    const record = hasRecordedPlacement(props) ? [[JOB_PLACEMENT, props[JOB_PLACEMENT]]] : [];
    return Object.fromEntries([[INPUT_NAMES, names], ...names.map((k) => [k, props[k]]), ...record]);
  }
  const keys = inputKeys(kind);
  // The holder too, when the outputs echo one: destroy reads it to tell this resource's intent from another's.
  keys.add(HOLDER_INPUT);
  return storeKindInputs(kind, Object.fromEntries(Object.entries(props).filter(([k]) => keys.has(k))));
}

/** The kind's own and the common output values found in stored outputs (stored inputs left out). */
export function outputValuesOf(kind: AnyJobKind, props: Props): Props {
  const names = new Set([...Object.keys(kind.outputs), ...Object.keys(COMMON_OUTPUTS), kind.idOutput]);
  return Object.fromEntries(Object.entries(props).filter(([k, v]) => names.has(k) && v !== undefined));
}

/**
 * What the hooks see as `ctx.inputs` during refresh and destroy: the stored outputs with the inputs that are stored
 * as they are (placement, scope, the kind's `keptInputs`) and without those stored as digests. The placement is
 * the job's: the recorded one when an in-place change has moved the resource since (./placement.ts).
 */
export function storedContextInputs(kind: AnyJobKind, props: Props): Props {
  if (!hasStoredInputs(props)) return props;
  const kept = new Set([...COMMON_KEPT_INPUTS, ...(kind.keptInputs ?? [])]);
  const digested = new Set(storedInputNames(props).filter((k) => !kept.has(k)));
  digested.add(INPUT_NAMES);
  return atJobPlacement(Object.fromEntries(Object.entries(props).filter(([k]) => !digested.has(k))), props);
}
