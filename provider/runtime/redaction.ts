// Presigned URLs are bearer credentials. The engine encrypts an output only when an input of the same name was
// secret, so outputs that may echo an input URL (a vendor message, an element's info, a raw result) are
// scrubbed here instead: the URL stays readable, its query (signature, token, expiry) does not.

const URL_WITH_QUERY = /\b([a-z][a-z0-9+.-]*:\/\/[^\s"'<>?#]+)\?[^\s"'<>#]*/gi;

/**
 * Query parameters that make a URL a bearer credential (compared case-insensitively): Tencent COS
 * `q-signature` and URL-auth `sign`, Alibaba OSS `Signature` (V1) and `x-oss-signature` (V4), CDN `auth_key`,
 * AWS-style `X-Amz-Signature`, Google `X-Goog-Signature`, Azure SAS `sig`. The redaction above drops every
 * query, these included; this list says which URLs must not be given in clear at all.
 */
export const SIGNATURE_QUERY_PARAMS: readonly string[] = [
  "q-signature",
  "sign",
  "signature",
  "x-oss-signature",
  "auth_key",
  "x-amz-signature",
  "x-goog-signature",
  "sig",
];

/** The signature parameter of the first presigned URL inside `text` (as written there), if any. */
export function signatureQueryIn(text: string): string | undefined {
  for (const m of text.matchAll(URL_WITH_QUERY)) {
    const query = m[0].slice(m[1]!.length + 1);
    for (const pair of query.split("&")) {
      const name = pair.split("=")[0] ?? "";
      if (SIGNATURE_QUERY_PARAMS.includes(name.toLowerCase())) return name;
    }
  }
  return undefined;
}

/** Every URL with a query in `text` loses its query: `https://h/p?sig=…` → `https://h/p?<redacted>`. */
export function redactUrlQueries(text: string): string {
  return text.replace(URL_WITH_QUERY, "$1?<redacted>");
}

/** The same, applied to every string inside a structured value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redactUrlQueries(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}
