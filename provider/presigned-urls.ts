// Presigned URLs given in clear among a resource's inputs: the walk and the warning, shared by the program side of
// the dynamic resources (./presigned-inputs.ts, over Pulumi Outputs) and the provider plugin (./plugin/, over the
// engine's plain values with secrets marked). The rule that makes a URL presigned is ./runtime/redaction.ts's.
import { signatureQueryIn } from "./runtime/redaction";

/** Called for each presigned URL found: the property path (`a.b[0]`) and the URL's signature parameter. */
export type PresignedFound = (property: string, param: string) => void;

const pathOf = (base: string, key: string | number) =>
  typeof key === "number" ? `${base}[${key}]` : base ? `${base}.${key}` : key;

/**
 * Walks `value` (strings, arrays, objects) calling `found` for each presigned URL; `other` sees every value first
 * and returns true when it took care of it (a secret, an Output, a promise), so the walk skips it.
 */
export function scanPresigned(
  value: unknown,
  path: string,
  found: PresignedFound,
  other: (value: unknown, path: string) => boolean = () => false,
): void {
  if (other(value, path)) return;
  if (typeof value === "string") {
    const param = signatureQueryIn(value);
    if (param) found(path, param);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) scanPresigned(v, pathOf(path, i), found, other);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) scanPresigned(v, pathOf(path, k), found, other);
  }
}

/** The warning for a presigned URL in clear at `property` of the resource `label`; `fix` says how to mark it. */
export function presignedWarning(label: string, property: string, param: string, fix: string): string {
  return (
    `${label}: ${property} holds a presigned URL in clear (its ${param} query would be stored in the ` +
    `state's inputs): ${fix}`
  );
}
