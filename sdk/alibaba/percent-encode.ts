/**
 * Alibaba's percent-encoding (RFC 3986 over UTF-8): A–Z a–z 0–9 - _ . ~ stay literal, every other byte is
 * %XX with upper-case hex; space is %20, `*` is %2A. Used for every canonical string and on our wire.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `enc(name)=enc(value)` pairs sorted by name (byte order), joined with `&`. */
export function canonicalQueryString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join("&");
}
