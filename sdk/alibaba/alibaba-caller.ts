import { randomBytes, randomUUID } from "node:crypto";
import type { Dispatcher } from "undici";
import type { z } from "zod";
import { type CredentialSource, readCredentialEnv, resolveCredentials } from "../core/credentials";
import {
  AmbiguousSubmissionError,
  type CallContext,
  ConfigurationError,
  redactSecrets,
  TransientServerError,
  VendorError,
} from "../core/errors";
import { sha256Hex } from "../core/hashing";
import { type RateLimit, sharedRateLimiters, underVendorLimit } from "../core/rate-limiter";
import { executeWithRetry, type RetryOptions } from "../core/retry-policy";
import { DEFAULT_TIMEOUTS, type HttpResult, type HttpTimeouts, sendHttp } from "../core/transport";
import { parseRequest } from "../core/validation";
import { SDK_USER_AGENT } from "../core/version";
import { inCallerOrder } from "../core/wire-json";
import { signAcs3 } from "./acs3-signer";
import { ALIBABA_VERSIONS, type AlibabaAction } from "./action";
import { alibabaError } from "./alibaba-errors";
import { canonicalQueryString } from "./percent-encode";
import { signRpcV1 } from "./rpc-v1-signer";

/** An Alibaba Cloud AccessKey pair; `securityToken` for STS credentials. */
export interface AlibabaCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

/** The standard environment variables of Alibaba Cloud tools, read at call time. */
export const ALIBABA_CREDENTIAL_ENV = {
  id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
  secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  token: "ALIBABA_CLOUD_SECURITY_TOKEN",
} as const;

/** Options every Alibaba client takes. */
export interface AlibabaClientOptions {
  /** Default: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN at call time. */
  readonly credentials?: CredentialSource<AlibabaCredentials> | undefined;
  /** Region id such as `cn-shanghai`; picks the default endpoint. */
  readonly regionId?: string | undefined;
  /** Overrides the endpoint (https, or http on loopback for the emulator). */
  readonly endpoint?: string | undefined;
  /** Time to wait for a response (headers, then between body chunks). Default 30 s; resolution about 1 s. */
  readonly timeoutMs?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Client-side limits per action name. */
  readonly rateLimits?: Readonly<Record<string, RateLimit>> | undefined;
  /** RPC signature: `v3` (ACS3-HMAC-SHA256, default) or `v1` (HMAC-SHA1, form body like @alicloud/pop-core). */
  readonly signatureVersion?: "v3" | "v1" | undefined;
  /** Send through this undici Dispatcher (e.g. a ProxyAgent) instead of the shared keep-alive pool. */
  readonly dispatcher?: Dispatcher | undefined;
  /** Called before each retry: for logs and counters. */
  readonly onRetry?: ((error: VendorError, attempt: number) => void) | undefined;
  /** Clock in ms, for tests. */
  readonly now?: (() => number) | undefined;
}

export interface AlibabaCallOptions {
  readonly signal?: AbortSignal | undefined;
  /** For paid submits: a marker sent inside the request, to find the job after an ambiguous failure. */
  readonly marker?: string | undefined;
}

type WireValue = string | number | boolean;

/** `yyyy-MM-ddTHH:mm:ssZ`, the only timestamp form Alibaba accepts (no milliseconds). */
export function alibabaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * One service's call path: validation → shared rate-limit bucket → signing (fresh per attempt) →
 * transport → envelope parsing and error mapping → retries per the sdk's single retry decision. Paid
 * submits are never repeated after an ambiguous failure.
 */
export class AlibabaCaller {
  private readonly timeouts: HttpTimeouts;

  constructor(
    readonly service: "vod" | "ice" | "aicontent",
    readonly endpoint: URL,
    private readonly opts: AlibabaClientOptions,
  ) {
    const t = opts.timeoutMs;
    if (t !== undefined && !(t > 0)) throw new ConfigurationError(`timeoutMs must be positive (got ${t})`);
    this.timeouts = t
      ? { connectMs: Math.min(t, DEFAULT_TIMEOUTS.connectMs), headersMs: t, bodyMs: t }
      : DEFAULT_TIMEOUTS;
  }

  async call<Req extends z.ZodType, Res extends z.ZodType>(
    action: AlibabaAction<Req, Res>,
    input: unknown,
    o: AlibabaCallOptions = {},
  ): Promise<z.output<Res>> {
    const context: CallContext = { vendor: "alibaba", service: this.service, action: action.name };
    const parsed = parseRequest(action.name, action.request, input ?? {});
    const params = inCallerOrder(parsed, input) as Record<string, WireValue>;
    const limit = this.opts.rateLimits?.[action.name] ?? underVendorLimit(action.vendorRateLimit);
    const bucket = sharedRateLimiters.bucket(`alibaba:${this.service}:${action.name}`, limit);
    const raw = await executeWithRetry(
      async () => {
        await bucket.acquire(o.signal, context);
        return this.attempt(context, action, params, o.signal);
      },
      {
        context,
        idempotency: action.kind === "submit" ? "paid-submit" : "idempotent",
        retry: this.opts.retry,
        signal: o.signal,
        marker: o.marker,
        onRetry: (err, n) => this.opts.onRetry?.(err, n),
      },
    );
    const res = action.response.safeParse(raw);
    if (!res.success) {
      const malformed = new VendorError({
        ...context,
        code: "MalformedResponse",
        message: `unexpected response shape: ${res.error.issues
          .map((i) => `${i.path.join(".")}: ${i.message}`)
          .join("; ")}`,
        requestId:
          (raw as { RequestId?: string; requestId?: string })?.RequestId ?? (raw as { requestId?: string })?.requestId,
      });
      // The vendor processed a paid submit but its answer is unreadable: the job may exist.
      if (action.kind === "submit")
        throw new AmbiguousSubmissionError({ ...context, marker: o.marker, cause: malformed });
      throw malformed;
    }
    return res.data;
  }

  private async credentials(): Promise<AlibabaCredentials> {
    return resolveCredentials(
      this.opts.credentials,
      () => {
        const e = readCredentialEnv(ALIBABA_CREDENTIAL_ENV);
        return e && { accessKeyId: e.id, accessKeySecret: e.secret, securityToken: e.token };
      },
      ALIBABA_CREDENTIAL_ENV,
      "Alibaba Cloud",
    );
  }

  private async attempt(
    context: CallContext,
    action: AlibabaAction,
    params: Record<string, WireValue>,
    signal: AbortSignal | undefined,
  ) {
    const creds = await this.credentials();
    const strings = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
    const version = ALIBABA_VERSIONS[this.service];
    const now = this.opts.now?.() ?? Date.now();
    let method: "GET" | "POST";
    let path: string;
    let body: Buffer | undefined;
    let headers: Record<string, string>;

    if (!action.roa && this.opts.signatureVersion === "v1") {
      // pop-core style: every parameter, common ones and the signature, in a form body.
      const all: Record<string, string> = {
        ...strings,
        Action: action.name,
        Version: version,
        Format: "JSON",
        AccessKeyId: creds.accessKeyId,
        SignatureMethod: "HMAC-SHA1",
        SignatureVersion: "1.0",
        SignatureNonce: randomUUID(),
        Timestamp: alibabaTimestamp(now),
        ...(creds.securityToken ? { SecurityToken: creds.securityToken } : {}),
        ...(this.opts.regionId ? { RegionId: this.opts.regionId } : {}),
      };
      all.Signature = signRpcV1("POST", all, creds.accessKeySecret).signature;
      method = "POST";
      path = "/";
      body = Buffer.from(canonicalQueryString(all), "utf8");
      headers = {
        host: this.endpoint.host,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        "user-agent": SDK_USER_AGENT,
      };
    } else {
      method = action.roa?.method ?? "POST";
      const json = action.roa?.method === "POST";
      const query: Record<string, string> = json ? {} : strings;
      body = json ? Buffer.from(JSON.stringify(params), "utf8") : Buffer.alloc(0);
      const pathname = action.roa?.path ?? "/";
      const qs = canonicalQueryString(query);
      path = qs ? `${pathname}?${qs}` : pathname;
      headers = {
        host: this.endpoint.host,
        "x-acs-action": action.name,
        "x-acs-version": version,
        "x-acs-date": alibabaTimestamp(now),
        "x-acs-signature-nonce": randomBytes(16).toString("hex"),
        "x-acs-content-sha256": sha256Hex(body),
        accept: "application/json",
        "user-agent": SDK_USER_AGENT,
      };
      if (json) headers["content-type"] = "application/json; charset=utf-8";
      if (creds.securityToken) {
        headers["x-acs-security-token"] = creds.securityToken;
        headers["x-acs-accesskey-id"] = creds.accessKeyId;
      }
      headers.authorization = signAcs3({
        method,
        pathname,
        query,
        headers,
        body,
        accessKeyId: creds.accessKeyId,
        accessKeySecret: creds.accessKeySecret,
      }).authorization;
    }

    const http = await sendHttp({
      context,
      origin: this.endpoint,
      method,
      path,
      headers,
      body: body.length > 0 ? body : undefined,
      timeouts: this.timeouts,
      signal,
      dispatcher: this.opts.dispatcher,
    });
    const redact = (s: string) => redactSecrets(s, [creds.accessKeySecret, creds.securityToken], [creds.accessKeyId]);
    return this.interpret(context, action, http, redact);
  }

  /** Maps an HTTP answer onto data or an error, for both the RPC and the aicontent envelopes. */
  private interpret(
    context: CallContext,
    action: AlibabaAction,
    http: HttpResult,
    redact: (s: string) => string,
  ): unknown {
    const ok = http.status >= 200 && http.status < 300;
    if (ok && action.responseBody === "bytes") return http.body;
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(http.body.toString("utf8"));
    } catch {
      json = undefined;
    }
    const retryAfter = Number(http.headers["x-acs-retry-after"]);
    const fail = (code: string, message: string, requestId: unknown) =>
      alibabaError({
        context,
        code,
        message: redact(message),
        requestId: typeof requestId === "string" ? requestId : undefined,
        httpStatus: http.status,
        retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
      });
    if (!json || typeof json !== "object") {
      const init = {
        ...context,
        code: `HTTP${http.status}`,
        message: redact(http.body.toString("utf8").slice(0, 200) || `HTTP ${http.status}`),
        httpStatus: http.status,
      };
      if (http.status >= 500 || http.status === 429) throw new TransientServerError(init);
      if (ok)
        throw new TransientServerError({ ...init, code: "MalformedResponse", message: "response body is not JSON" });
      throw new VendorError(init);
    }
    if (typeof json.Code === "string" && !ok) throw fail(json.Code, String(json.Message ?? ""), json.RequestId);
    if (typeof json.success === "boolean") {
      if (json.success && ok) return json;
      throw fail(String(json.errCode ?? `HTTP${http.status}`), String(json.errMessage ?? ""), json.requestId);
    }
    if (!ok) throw fail(`HTTP${http.status}`, JSON.stringify(json).slice(0, 200), json.RequestId ?? json.requestId);
    return json;
  }
}
