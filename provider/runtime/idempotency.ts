import { createHash } from "node:crypto";

/** JSON with object keys sorted at every depth: the same request always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The idempotency key of one submission: the resource's identity (project/stack/type/name), the exact
 * request it submits, and the user's resubmit token. The same resource with the same inputs always
 * derives the same key, on any machine, so a retried or re-run create finds its earlier job instead of
 * paying for a second one.
 */
export function idempotencyKey(
  scope: string,
  kind: string,
  wireRequest: unknown,
  resubmitToken: string | undefined,
): string {
  const digest = createHash("sha256")
    .update(`${scope}\n${kind}\n${canonicalJson(wireRequest)}\n${resubmitToken ?? ""}`)
    .digest("base64url");
  return `pa-${digest.slice(0, 40)}`; // 43 characters: within Tencent's 50-character SessionId limit
}
