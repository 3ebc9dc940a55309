/** What a vendor handler answers; the server writes it and records stats from it. */
export interface VendorReply {
  readonly status: number;
  readonly body: Buffer | string;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The error code when the answer is an error (for stats). */
  readonly errorCode?: string | undefined;
  /** True when the error is a throttling error. */
  readonly throttled?: boolean | undefined;
  /** True when the request created a job or task (for stats). */
  readonly submitted?: boolean | undefined;
}

export function jsonReply(status: number, value: unknown, extra: Partial<VendorReply> = {}): VendorReply {
  return { status, body: JSON.stringify(value), contentType: "application/json;charset=utf-8", ...extra };
}
