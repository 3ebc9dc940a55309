import type { z } from "zod";
import type { CredentialKind, CredentialSource } from "./credentials";
import type { CallContext, Vendor } from "./errors";
import type { ClientSettings } from "./request-options";
import type { Idempotency } from "./retry-policy";
import type { HttpResult } from "./transport";

/** What `invoke` needs to know about one vendor action. */
export interface WireAction<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly request: Req;
  readonly response: Res;
  /** Requests per second the vendor allows per account; the client-side bucket stays under it. */
  readonly vendorRateLimit: number;
}

/** One attempt's request, signed. */
export interface SignedRequest {
  readonly method: "GET" | "POST";
  /** Path plus query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
}

/** A readable answer: the data to parse with the action's response schema, and its RequestId. */
export interface ProtocolAnswer {
  readonly data: unknown;
  readonly requestId?: string | undefined;
}

/** What a protocol needs to turn an HTTP answer into an error. */
export interface AnswerContext {
  readonly context: CallContext;
  /** The call's idempotency marker (a Tencent SessionId names a duplicate). */
  readonly marker: string | undefined;
  /** Removes the attempt's credentials from vendor text before it goes into an error. */
  readonly redact: (text: string) => string;
}

/**
 * The per-protocol part of a call (TC3 for Tencent, ACS3 RPC, RPC signature v1 and ROA for Alibaba): how a
 * request is prepared, encoded and signed, and how an answer is read and classified. Everything else — the
 * order of the steps, rate limits, retries, timeouts, response parsing and `$metadata` — is `invoke`'s.
 * `Encoded` is the request as encoded once per call; `Credentials` what one attempt signs with; `Action` the
 * vendor's action description (its kind decides idempotency).
 */
export interface CallProtocol<Credentials = unknown, Encoded = unknown, Action extends WireAction = WireAction> {
  readonly vendor: Vendor;
  readonly service: string;
  readonly origin: URL;
  readonly settings: ClientSettings;
  /** The caller's input with the client's defaults, before validation. */
  prepare(input: unknown): unknown;
  /** The validated request encoded for the wire, once per call: every attempt sends the same content. */
  encode(parsed: unknown, prepared: unknown): Encoded;
  /**
   * Whether the action may be repeated, the marker that finds a job an ambiguous submit may have created
   * (`marker` is the caller's per-call marker, if any), and whether it `creates` a job: an attempt of such a call
   * that is on the wire is never abandoned on abort (its answer says whether the job exists).
   */
  idempotency(
    action: Action,
    parsed: unknown,
    marker: string | undefined,
  ): { idempotency: Idempotency; marker: string | undefined; creates?: boolean };
  /** The vendor's credential type (environment variables, secret fields). */
  readonly credentialKind: CredentialKind<Credentials>;
  /** The client's credentials, resolved before every attempt so rotated ones are picked up. */
  readonly credentialSource: CredentialSource<Credentials> | undefined;
  /** Signs one attempt afresh (timestamp, nonce). */
  sign(action: Action, encoded: Encoded, credentials: Credentials, nowMs: number): SignedRequest;
  /**
   * Reads one HTTP answer.
   * @throws the VendorError subclass the vendor's answer maps to.
   */
  read(action: Action, http: HttpResult, answer: AnswerContext): ProtocolAnswer;
}
