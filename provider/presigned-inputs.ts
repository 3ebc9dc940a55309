// Presigned URLs given in clear. The engine stores a resource's inputs in the state as the program gave them:
// a presigned URL passed without pulumi.secret() sits there with its signature, though every output is redacted.
// Only the program can tell: the dynamic provider declines secrets, so its check() receives secret inputs as
// plain values (docs/vendor-notes/pulumi.md). The warning names the property, never the URL or its query.
import * as pulumi from "@pulumi/pulumi";
import { signatureQueryIn } from "./runtime/redaction";

type Found = (property: string, param: string) => void;

const pathOf = (base: string, key: string | number) =>
  typeof key === "number" ? `${base}[${key}]` : base ? `${base}.${key}` : key;

/** Scans `value` for presigned URLs in clear, calling `found` for each; secret Outputs are skipped whole. */
function scan(value: unknown, path: string, found: Found): void {
  if (typeof value === "string") {
    const param = signatureQueryIn(value);
    if (param) found(path, param);
  } else if (pulumi.Output.isInstance(value)) {
    const o = value as pulumi.Output<unknown>;
    // A failure here must not fail the program: the warning is advice.
    pulumi
      .isSecret(o)
      .then((secret) => {
        if (!secret) o.apply((v) => scan(v, path, found));
      })
      .catch(() => undefined);
  } else if (value instanceof Promise) {
    value.then((v) => scan(v, path, found)).catch(() => undefined);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) scan(v, pathOf(path, i), found);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) scan(v, pathOf(path, k), found);
  }
}

/**
 * Warns, at preview and up, about each input property of the resource `label` (`<type> "<name>"`) that holds
 * a presigned URL in clear, telling the user to wrap it in pulumi.secret(). Values not known yet are skipped.
 * The warning goes to the stack, not to the resource: a resource whose check fails is never registered, and
 * a warning tied to it would be lost with it, though the URL is still in the program.
 */
export function warnPresignedInputs(label: string, args: Readonly<Record<string, unknown>>): void {
  const warn: Found = (property, param) =>
    void pulumi.log.warn(
      `${label}: ${property} holds a presigned URL in clear (its ${param} query would be stored in the ` +
        "state's inputs): wrap it in pulumi.secret()",
    );
  for (const [k, v] of Object.entries(args)) scan(v, k, warn);
}
