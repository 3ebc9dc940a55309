import type { AnswerContext, CallProtocol, ProtocolAnswer, SignedRequest } from "../core/call-protocol";
import type { CredentialSource } from "../core/credentials";
import { httpStatusError, malformedAnswer, parseJsonBody } from "../core/http-answer-errors";
import type { ClientSettings } from "../core/request-options";
import type { HttpResult } from "../core/transport";
import { SDK_USER_AGENT } from "../core/version";
import { dropNulls, inCallerOrder } from "../core/wire-json";
import { TENCENT_VOD_VERSION, type TencentAction } from "./action";
import { signTc3 } from "./tc3-signer";
import { TENCENT_CREDENTIALS } from "./tencent-credential-env";
import type { TencentCredentials } from "./tencent-credentials";
import { tencentError } from "./tencent-errors";

export { TENCENT_CREDENTIAL_ENV, TENCENT_CREDENTIALS } from "./tencent-credential-env";

/** What the TC3 protocol takes from the client's options. */
export interface Tc3ProtocolOptions {
  readonly credentials?: CredentialSource<TencentCredentials> | undefined;
  readonly region?: string | undefined;
  readonly subAppId?: number | undefined;
  readonly language?: "zh-CN" | "en-US" | undefined;
}

interface TencentEnvelope {
  Response?: { Error?: { Code?: string; Message?: string }; RequestId?: unknown };
}

/**
 * Tencent Cloud API 3.0 over TC3-HMAC-SHA256: a JSON body (nulls dropped, the caller's key order kept, the
 * client's SubAppId filled in), action and version in X-TC-* headers, every answer HTTP 200 with a
 * `Response` envelope whose `Error` names the code. A create is repeatable only with a SessionId: Tencent
 * then refuses the repeat (DuplicateSubmissionError) instead of creating a second task.
 */
export class Tc3Protocol implements CallProtocol<TencentCredentials, Buffer, TencentAction> {
  readonly vendor = "tencent";
  readonly service = "vod";
  readonly credentialKind = TENCENT_CREDENTIALS;
  readonly credentialSource: CredentialSource<TencentCredentials> | undefined;
  // Read once: URL getters recompute their text on every read.
  private readonly host: string;
  private readonly hostname: string;

  constructor(
    readonly origin: URL,
    readonly settings: ClientSettings,
    private readonly opts: Tc3ProtocolOptions,
  ) {
    this.credentialSource = opts.credentials;
    this.host = origin.host;
    this.hostname = origin.hostname;
  }

  prepare(input: unknown): unknown {
    const clean = dropNulls(input);
    const sub = this.opts.subAppId;
    if (sub === undefined || clean === null || typeof clean !== "object" || "SubAppId" in clean) return clean;
    return { ...(clean as object), SubAppId: sub };
  }

  encode(parsed: unknown, prepared: unknown): Buffer {
    return Buffer.from(JSON.stringify(inCallerOrder(parsed, prepared)), "utf8");
  }

  idempotency(action: TencentAction, parsed: unknown) {
    const sessionId = (parsed as { SessionId?: string }).SessionId || undefined;
    return {
      idempotency: action.kind !== "create" || sessionId ? ("idempotent" as const) : ("paid-submit" as const),
      marker: sessionId,
      creates: action.kind === "create",
    };
  }

  sign(action: TencentAction, body: Buffer, c: TencentCredentials, nowMs: number): SignedRequest {
    const timestamp = Math.floor(nowMs / 1000);
    const contentType = "application/json";
    const sig = signTc3({
      secretId: c.secretId,
      secretKey: c.secretKey,
      timestamp,
      service: this.service,
      host: this.hostname,
      contentType,
      payload: body,
    });
    const headers: Record<string, string> = {
      Host: this.host,
      "X-TC-Action": action.name,
      "X-TC-Version": TENCENT_VOD_VERSION,
      "X-TC-Timestamp": String(timestamp),
      "X-TC-RequestClient": SDK_USER_AGENT,
      "Content-Type": contentType,
      Authorization: sig.authorization,
      "User-Agent": SDK_USER_AGENT,
    };
    if (this.opts.region) headers["X-TC-Region"] = this.opts.region;
    if (c.token) headers["X-TC-Token"] = c.token;
    if (this.opts.language) headers["X-TC-Language"] = this.opts.language;
    return { method: "POST", path: "/", headers, body };
  }

  read(_action: TencentAction, http: HttpResult, answer: AnswerContext): ProtocolAnswer {
    // Tencent answers every processed request with 200; anything else is the gateway or transport.
    if (http.status !== 200) throw httpStatusError(answer, http);
    const envelope = parseJsonBody(http) as TencentEnvelope | undefined;
    if (envelope === undefined) throw malformedAnswer(answer, http, "response body is not JSON");
    const inner = envelope?.Response;
    if (!inner || typeof inner !== "object") throw malformedAnswer(answer, http, "response has no Response object");
    const requestId = typeof inner.RequestId === "string" ? inner.RequestId : undefined;
    if (inner.Error) {
      throw tencentError({
        context: answer.context,
        code: String(inner.Error.Code ?? "UnknownError"),
        message: answer.redact(String(inner.Error.Message ?? "")),
        requestId,
        httpStatus: http.status,
        sessionId: answer.marker,
      });
    }
    return { data: inner, requestId };
  }
}
