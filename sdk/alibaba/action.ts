import type { z } from "zod";

/** `submit` is a paid job submission without an idempotency token: never blindly retried. */
export type AlibabaActionKind = "submit" | "read" | "cancel";

/** Everything the clients, the provider and the emulator need to know about one Alibaba action. */
export interface AlibabaAction<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly service: "vod" | "ice" | "aicontent";
  readonly request: Req;
  readonly response: Res;
  readonly kind: AlibabaActionKind;
  /** Server-side limit assumed per account, requests per second (unverified: docs/vendor-notes/alibaba.md). */
  readonly vendorRateLimit: number;
  /** ROA actions (aicontent) only: method and path. */
  readonly roa?: { readonly method: "GET" | "POST"; readonly path: string };
  /** `bytes` when the answer is not the JSON envelope but the raw body (an image). Default `json`. */
  readonly responseBody?: "json" | "bytes";
}

export { ALIBABA_VERSIONS } from "../wire-constants";

export function defineAlibabaAction<Req extends z.ZodType, Res extends z.ZodType>(
  a: AlibabaAction<Req, Res>,
): AlibabaAction<Req, Res> {
  return a;
}
