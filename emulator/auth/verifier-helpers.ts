import { timingSafeEqual } from "node:crypto";
import type { AuthResult } from "./incoming-request";

/** A failed verification with the vendor's code, message and HTTP status. */
export function authFailure(code: string, message: string, httpStatus: number): AuthResult {
  return { ok: false, code, message, httpStatus };
}

/** Constant-time comparison of two strings that may differ in length. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Parses Alibaba's `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds) to epoch ms; undefined for any other shape or a
 * non-existent date.
 */
export function parseAcsTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return undefined;
  const ms = Date.parse(text);
  // Date.parse rolls "02-30" over to March; the round trip rejects such dates.
  return Number.isNaN(ms) || new Date(ms).toISOString() !== text.replace("Z", ".000Z") ? undefined : ms;
}
