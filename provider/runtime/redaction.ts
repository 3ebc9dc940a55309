// Presigned URLs are bearer credentials. The engine encrypts an output only when an input of the same name was
// secret, so outputs that may echo an input URL (a vendor message, an element's info, a raw result) are
// scrubbed here instead: the URL stays readable, its query (signature, token, expiry) does not.

const URL_WITH_QUERY = /\b([a-z][a-z0-9+.-]*:\/\/[^\s"'<>?#]+)\?[^\s"'<>#]*/gi;

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
