// Characters that stay literal: a value made only of them is its own encoding (ids, names, versions).
const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;

/**
 * Alibaba's percent-encoding (RFC 3986 over UTF-8): A–Z a–z 0–9 - _ . ~ stay literal, every other byte is
 * %XX with upper-case hex; space is %20, `*` is %2A. Used for every canonical string and on our wire.
 */
export function percentEncode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `enc(name)=enc(value)` pairs sorted by name (byte order), joined with `&`. */
export function canonicalQueryString(params: Readonly<Record<string, string>>): string {
  const keys = Object.keys(params).sort();
  let out = "";
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += `${i === 0 ? "" : "&"}${percentEncode(k)}=${percentEncode(params[k]!)}`;
  }
  return out;
}
