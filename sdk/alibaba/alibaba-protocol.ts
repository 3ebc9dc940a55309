import type { AnswerContext, CallProtocol, ProtocolAnswer, SignedRequest } from "../core/call-protocol";
import type { CredentialSource } from "../core/credentials";
import { httpStatusError, malformedAnswer, parseJsonBody } from "../core/http-answer-errors";
import { type ClientSettings, clientSettings } from "../core/request-options";
import type { HttpResult } from "../core/transport";
import { inCallerOrder } from "../core/wire-json";
import { ALIBABA_VERSIONS, type AlibabaAction } from "./action";
import type { AlibabaClientOptions } from "./alibaba-client-options";
import { ALIBABA_CREDENTIALS } from "./alibaba-credential-env";
import type { AlibabaCredentials } from "./alibaba-credentials";
import { alibabaError } from "./alibaba-errors";

export { ALIBABA_CREDENTIAL_ENV, ALIBABA_CREDENTIALS } from "./alibaba-credential-env";

/** A validated request's parameters, in the caller's order. */
export type AlibabaParams = Record<string, string | number | boolean>;

/** The Alibaba services this sdk calls: `vod`, `ice`, `aicontent`. */
export type AlibabaService = keyof typeof ALIBABA_VERSIONS;

let lastSecond = Number.NaN;
let lastTimestamp = "";

/** `yyyy-MM-ddTHH:mm:ssZ`, the only timestamp form Alibaba accepts (no milliseconds). */
export function alibabaTimestamp(ms: number): string {
  // Formatted once per second: every request of that second carries the same text.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastTimestamp = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    lastSecond = second;
  }
  return lastTimestamp;
}

/**
 * What the Alibaba protocols (ACS3 RPC, RPC signature v1, ROA) share: the client's settings and credentials,
 * the parameters encoded once, the idempotency of an action (a paid submit has no idempotency token), and
 * the reading of both answer envelopes: RPC `{Code, Message, RequestId}` on an error status, aicontent
 * `{success, errCode, errMessage, requestId}`. Subclasses only sign.
 */
export abstract class AlibabaProtocol implements CallProtocol<AlibabaCredentials, AlibabaParams, AlibabaAction> {
  readonly vendor = "alibaba";
  readonly credentialKind = ALIBABA_CREDENTIALS;
  readonly credentialSource: CredentialSource<AlibabaCredentials> | undefined;
  readonly settings: ClientSettings;
  readonly version: string;
  /** `origin.host`, read once (URL getters recompute their text on every read). */
  protected readonly host: string;

  /** @throws ConfigurationError for a bad option. */
  constructor(
    readonly service: AlibabaService,
    readonly origin: URL,
    protected readonly opts: AlibabaClientOptions,
  ) {
    this.settings = clientSettings(opts);
    this.credentialSource = opts.credentials;
    this.version = ALIBABA_VERSIONS[service];
    this.host = origin.host;
  }

  prepare(input: unknown): unknown {
    return input ?? {};
  }

  encode(parsed: unknown, prepared: unknown): AlibabaParams {
    return inCallerOrder(parsed, prepared) as AlibabaParams;
  }

  idempotency(action: AlibabaAction, _parsed: unknown, marker: string | undefined) {
    return {
      idempotency: action.kind === "submit" ? ("paid-submit" as const) : ("idempotent" as const),
      marker,
      creates: action.kind === "submit",
    };
  }

  abstract sign(action: AlibabaAction, params: AlibabaParams, c: AlibabaCredentials, nowMs: number): SignedRequest;

  read(_action: AlibabaAction, http: HttpResult, answer: AnswerContext): ProtocolAnswer {
    return readAlibabaAnswer(http, answer);
  }
}

/** Every parameter as the string the wire carries. */
export function paramStrings(params: AlibabaParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(params)) out[k] = String(params[k]);
  return out;
}

/** Maps an HTTP answer onto data or an error, for both the RPC and the aicontent envelopes. */
function readAlibabaAnswer(http: HttpResult, answer: AnswerContext): ProtocolAnswer {
  const ok = http.status >= 200 && http.status < 300;
  const json = parseJsonBody(http) as Record<string, unknown> | null | undefined;
  if (!json || typeof json !== "object") {
    if (ok) throw malformedAnswer(answer, http, "response body is not JSON");
    throw httpStatusError(answer, http);
  }
  const retryAfter = Number(http.headers["x-acs-retry-after"]);
  const fail = (code: string, message: string, requestId: unknown) =>
    alibabaError({
      context: answer.context,
      code,
      message: answer.redact(message),
      requestId: typeof requestId === "string" ? requestId : undefined,
      httpStatus: http.status,
      retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
    });
  if (typeof json.Code === "string" && !ok) throw fail(json.Code, String(json.Message ?? ""), json.RequestId);
  const requestId = json.RequestId ?? json.requestId;
  if (typeof json.success === "boolean") {
    if (!(json.success && ok)) {
      throw fail(String(json.errCode ?? `HTTP${http.status}`), String(json.errMessage ?? ""), json.requestId);
    }
  } else if (!ok) {
    throw fail(`HTTP${http.status}`, JSON.stringify(json).slice(0, 200), requestId);
  }
  return { data: json, requestId: typeof requestId === "string" ? requestId : undefined };
}
