import type { z } from "zod";

/** What kind of call an action is: decides its idempotency and its rate-limit bucket. */
export type TencentActionKind = "create" | "read" | "delete";

/** Everything the client, the provider and the emulator need to know about one Tencent VOD action. */
export interface TencentAction<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** The X-TC-Action value. */
  readonly name: string;
  readonly request: Req;
  readonly response: Res;
  readonly kind: TencentActionKind;
  /** The vendor's documented server-side limit, requests per second per account (docs/vendor-notes/tencent-vod.md). */
  readonly vendorRateLimit: number;
}

export { TENCENT_VOD_VERSION } from "../wire-constants";

export function defineTencentAction<Req extends z.ZodType, Res extends z.ZodType>(
  a: TencentAction<Req, Res>,
): TencentAction<Req, Res> {
  return a;
}
