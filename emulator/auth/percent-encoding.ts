/**
 * Percent-encoding as the signature schemes sign it (RFC 3986 over UTF-8, upper-case hex: every Alibaba scheme,
 * and Tencent TC3's canonical query), and the decode-then-re-encode helpers a verifier needs. The official
 * SDKs put `! ' ( ) *` literally on the wire but sign `%21 %27 %28 %29 %2A`, so a verifier must always
 * canonicalise from decoded values, never from the raw wire text.
 */

/** Encodes a string: `A-Z a-z 0-9 - _ . ~` stay literal, every other UTF-8 byte becomes `%XY`. */
export function percentEncode(value: string): string {
  // encodeURIComponent already escapes everything except the unreserved set plus these five marks.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Decodes percent-escapes; with `plusAsSpace` a `+` means a space (form and query semantics). Malformed
 * escapes are kept as received: the signature check then fails, which is the honest outcome.
 */
export function percentDecode(value: string, plusAsSpace: boolean): string {
  const text = plusAsSpace ? value.replace(/\+/g, " ") : value;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Decodes a received query string or form body (`a=1&b=x%20y`) into a name → value record; last value wins. */
export function parseQueryString(raw: string): Record<string, string> {
  const entries = new Map<string, string>();
  for (const piece of raw.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const name = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? "" : piece.slice(eq + 1);
    entries.set(percentDecode(name, true), percentDecode(value, true));
  }
  // fromEntries defines own properties, so a parameter named "__proto__" cannot reach the prototype.
  return Object.fromEntries(entries);
}

/** Sorted `enc(name)=enc(value)` pairs joined by `&`, as every Alibaba scheme (and Tencent GET) signs them. */
export function canonicalQueryString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? "")}`)
    .join("&");
}

/** The ACS3 canonical URI: each path segment decoded as received, then re-encoded (`/` separators kept). */
export function canonicalPath(pathname: string): string {
  if (pathname === "") return "/";
  return pathname
    .split("/")
    .map((segment) => percentEncode(percentDecode(segment, false)))
    .join("/");
}
