import { randomBytes, randomUUID } from "node:crypto";

/** 32 lower-case hex characters: Alibaba VOD/ICE ids, and the body of Tencent TaskIds. */
export const hex32 = () => randomBytes(16).toString("hex");

/** A decimal string of `n` digits not starting with 0 (Tencent ElementId 18, FileId 19). */
export function digits(n: number): string {
  const b = randomBytes(n);
  let s = String(1 + (b[0]! % 9));
  for (let i = 1; i < n; i++) s += String(b[i]! % 10);
  return s;
}

/** Tencent TaskId: `<SubAppId>-<Kind>-<32 hex>t`. */
export const tencentTaskId = (subAppId: number, kind: string) => `${subAppId}-${kind}-${hex32()}t`;

/** Tencent RequestId: lower-case UUID v4. */
export const tencentRequestId = () => randomUUID();

/** Alibaba RPC RequestId: upper-case UUID. */
export const alibabaRequestId = () => randomUUID().toUpperCase();
