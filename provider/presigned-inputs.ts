// Presigned URLs given in clear. The engine stores a resource's inputs in the state as the program gave them:
// a presigned URL passed without pulumi.secret() sits there with its signature, though every output is redacted.
// Only the program can tell: the dynamic provider declines secrets, so its check() receives secret inputs as
// plain values (docs/vendor-notes/pulumi.md). The warning names the property, never the URL or its query.
import * as pulumi from "@pulumi/pulumi";
import { type PresignedFound, presignedWarning, scanPresigned } from "./presigned-urls";

/** Scans `value` for presigned URLs in clear, calling `found` for each; secret Outputs are skipped whole. */
function scan(value: unknown, path: string, found: PresignedFound): void {
  scanPresigned(value, path, found, (v, p) => {
    if (pulumi.Output.isInstance(v)) {
      const o = v as pulumi.Output<unknown>;
      // A failure here must not fail the program: the warning is advice.
      pulumi
        .isSecret(o)
        .then((secret) => {
          if (!secret) o.apply((x) => scan(x, p, found));
        })
        .catch(() => undefined);
      return true;
    }
    if (v instanceof Promise) {
      v.then((x) => scan(x, p, found)).catch(() => undefined);
      return true;
    }
    return false;
  });
}

/**
 * Warns, at preview and up, about each input property of the resource `label` (`<type> "<name>"`) that holds
 * a presigned URL in clear, telling the user to wrap it in pulumi.secret(). Values not known yet are skipped.
 * The warning goes to the stack, not to the resource: a resource whose check fails is never registered, and
 * a warning tied to it would be lost with it, though the URL is still in the program.
 */
export function warnPresignedInputs(label: string, args: Readonly<Record<string, unknown>>): void {
  const warn: PresignedFound = (property, param) =>
    void pulumi.log.warn(presignedWarning(label, property, param, "wrap it in pulumi.secret()"));
  for (const [k, v] of Object.entries(args)) scan(v, k, warn);
}
