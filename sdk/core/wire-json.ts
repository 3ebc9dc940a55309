/**
 * Removes null and undefined values at every depth, as the official Tencent Node SDK does before sending
 * (a caller's `Offset: null` never reaches the wire). Arrays keep their length: null items are kept.
 */
export function dropNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => (v === null ? v : dropNulls(v))) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
    return out as T;
  }
  return value;
}

/**
 * Rebuilds a validated value with the key order the caller wrote (schemas emit keys in schema order), so a
 * body serializes byte for byte like the official SDKs, which keep the caller's order. Values come from
 * `parsed` (so transforms apply); keys only `parsed` has (defaults) come last.
 */
export function inCallerOrder(parsed: unknown, original: unknown): unknown {
  if (Array.isArray(parsed)) {
    return parsed.map((v, i) => inCallerOrder(v, Array.isArray(original) ? original[i] : undefined));
  }
  if (parsed === null || typeof parsed !== "object") return parsed;
  const src = parsed as Record<string, unknown>;
  const orig =
    original !== null && typeof original === "object" && !Array.isArray(original)
      ? (original as Record<string, unknown>)
      : {};
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(orig)) if (k in src) out[k] = inCallerOrder(src[k], orig[k]);
  for (const k of Object.keys(src)) if (!(k in out)) out[k] = src[k];
  return out;
}
