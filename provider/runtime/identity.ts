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

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

/**
 * What a resource intends to submit: its kind, its exact vendor request (before the provider adds its
 * idempotency fields) and its resubmit token. Equal digests mean "the same job was intended".
 */
export function intentDigest(kind: string, wireRequest: unknown, resubmitToken: string | undefined): string {
  return sha256(`${kind}\n${canonicalJson(wireRequest)}\n${resubmitToken ?? ""}`).slice(0, 32);
}

/**
 * The idempotency key of one intended job: it is sent as the Tencent SessionId and the Alibaba UserData
 * marker, and it names the intent in the ledger. It derives from
 * - the ledger's id, so two ledgers (two developers' same-named stacks) never share keys;
 * - the resource's scope and the intent digest, so the same resource with the same inputs gets the same key
 *   on every retry, re-run and runner sharing the ledger;
 * - the scope's epoch, which grows each time a resource of the scope is released, so a deliberate new job
 *   (destroy then create, a replacement, a resubmit token used before) never reuses an old key.
 */
export function intentKey(ledgerId: string, scope: string, digest: string, epoch: number): string {
  return `pa-${sha256(`${ledgerId}\n${scope}\n${digest}\n${epoch}`).slice(0, 40)}`; // 43 characters: ≤ 50
}

/**
 * The key pulumi-aigc 0.1 derived (no ledger id, no epoch): only used to find in-flight submissions that an
 * older version journaled, so an upgrade in the middle of a failed update does not submit them again.
 */
export function legacyIntentKey(scope: string, kind: string, wireRequest: unknown, resubmitToken: string | undefined) {
  const digest = createHash("sha256")
    .update(`${scope}\n${kind}\n${canonicalJson(wireRequest)}\n${resubmitToken ?? ""}`)
    .digest("base64url");
  return `pa-${digest.slice(0, 40)}`;
}
