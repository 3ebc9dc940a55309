import type { Dispatcher } from "undici";
import type { z } from "zod";
import { type CredentialSource, readCredentialEnv, resolveCredentials } from "../core/credentials";
import { parseEndpoint } from "../core/endpoint";
import {
  AmbiguousSubmissionError,
  type CallContext,
  ConfigurationError,
  JobFailedError,
  redactSecrets,
  TransientServerError,
  VendorError,
} from "../core/errors";
import { type RateLimit, sharedRateLimiters, underVendorLimit } from "../core/rate-limiter";
import { executeWithRetry, type RetryOptions } from "../core/retry-policy";
import { DEFAULT_TIMEOUTS, type HttpTimeouts, sendHttp } from "../core/transport";
import { parseRequest } from "../core/validation";
import { pollUntilDone, type WaitOptions } from "../core/waiter";
import { dropNulls, inCallerOrder } from "../core/wire-json";
import { SDK_USER_AGENT } from "../core/version";
import { TENCENT_VOD_VERSION, type TencentAction } from "./action";
import {
  CreateAigcAdvancedCustomElement,
  type CreateAigcAdvancedCustomElementRequest,
  type CreateAigcAdvancedCustomElementResponse,
  CreateSceneAigcImageTask,
  type CreateSceneAigcImageTaskCall,
  type CreateSceneAigcImageTaskResponse,
  DeleteAigcAdvancedCustomElement,
  type DeleteAigcAdvancedCustomElementRequest,
  type DeleteAigcAdvancedCustomElementResponse,
  DescribeAigcAdvancedCustomElements,
  type DescribeAigcAdvancedCustomElementsRequest,
  type DescribeAigcAdvancedCustomElementsResponse,
  DescribeTaskDetail,
  type DescribeTaskDetailRequest,
  type DescribeTaskDetailResponse,
  DescribeTasks,
  type DescribeTasksRequest,
  type DescribeTasksResponse,
} from "./actions";
import type { TaskSimpleInfo } from "./models";
import { taskOutcome, type TencentTaskDetail } from "./task-outcome";
import { signTc3 } from "./tc3-signer";
import { tencentError } from "./tencent-errors";

/** A Tencent Cloud API key pair; `token` for temporary (STS) credentials. */
export interface TencentCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string | undefined;
}

/** The standard environment variables of Tencent Cloud tools, read at call time. */
export const TENCENT_CREDENTIAL_ENV = {
  id: "TENCENTCLOUD_SECRET_ID",
  secret: "TENCENTCLOUD_SECRET_KEY",
  token: "TENCENTCLOUD_SESSION_TOKEN",
} as const;

export const TENCENT_VOD_ENDPOINT = "https://vod.tencentcloudapi.com";
export const TENCENT_VOD_INTL_ENDPOINT = "https://vod.intl.tencentcloudapi.com";

/** The actions this client calls; keys of `rateLimits`. */
export const TENCENT_VOD_ACTIONS = [
  CreateAigcAdvancedCustomElement,
  DescribeAigcAdvancedCustomElements,
  DeleteAigcAdvancedCustomElement,
  CreateSceneAigcImageTask,
  DescribeTaskDetail,
  DescribeTasks,
] as const;
export type TencentVodActionName = (typeof TENCENT_VOD_ACTIONS)[number]["name"];

export interface TencentVodClientOptions {
  /** Default: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY / TENCENTCLOUD_SESSION_TOKEN at call time. */
  readonly credentials?: CredentialSource<TencentCredentials> | undefined;
  /** X-TC-Region, e.g. `ap-guangzhou`; optional for these APIs. */
  readonly region?: string | undefined;
  /** Default https://vod.tencentcloudapi.com (intl: https://vod.intl.tencentcloudapi.com); http only on loopback. */
  readonly endpoint?: string | undefined;
  /** Filled into every request that does not name a SubAppId. */
  readonly subAppId?: number | undefined;
  /** Language of vendor messages. */
  readonly language?: "zh-CN" | "en-US" | undefined;
  /** Time to wait for a response (headers, then between body chunks). Default 30 s; resolution about 1 s. */
  readonly timeoutMs?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Client-side limits per action; defaults stay under the vendor's (20/s creates, 100/s DescribeTaskDetail). */
  readonly rateLimits?: Partial<Record<TencentVodActionName, RateLimit>> | undefined;
  /** Send through this undici Dispatcher (e.g. a ProxyAgent) instead of the shared keep-alive pool. */
  readonly dispatcher?: Dispatcher | undefined;
  /** Called before each retry: for logs and counters. */
  readonly onRetry?: ((error: VendorError, attempt: number) => void) | undefined;
  /** Clock in ms, for tests. */
  readonly now?: (() => number) | undefined;
}

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

/** Options of `findTaskBySessionId`. */
export interface FindTaskOptions extends CallOptions {
  /** Only look at tasks created at or after this time (narrows the 72-hour scan). */
  readonly createdAfter?: Date | undefined;
  /** Stop after this many pages of 100 (default 30). */
  readonly maxPages?: number | undefined;
}

/**
 * Typed client for the Tencent Cloud VOD (2018-07-17) AIGC APIs. One method per action, request and
 * response fields spelled as on the wire.
 *
 * Every call: validates the request (RequestValidationError, before any network I/O) → waits for the
 * action's shared rate-limit bucket → signs with TC3-HMAC-SHA256 → sends over a keep-alive pool → maps the
 * answer onto the sdk's error classes → retries only where safe: throttling, transient errors and
 * connection failures for reads and deletes; creates only when they carry a SessionId (a repeat is then
 * answered with DuplicateSubmissionError, never a second task).
 */
export class TencentVodClient {
  readonly endpoint: URL;
  private readonly opts: TencentVodClientOptions;
  private readonly timeouts: HttpTimeouts;

  /** @throws ConfigurationError for a bad endpoint or option. */
  constructor(options: TencentVodClientOptions = {}) {
    this.opts = options;
    this.endpoint = parseEndpoint(options.endpoint ?? TENCENT_VOD_ENDPOINT);
    if (options.subAppId !== undefined && !(Number.isSafeInteger(options.subAppId) && options.subAppId > 0)) {
      throw new ConfigurationError(`subAppId must be a positive integer (got ${options.subAppId})`);
    }
    const t = options.timeoutMs;
    if (t !== undefined && !(t > 0)) throw new ConfigurationError(`timeoutMs must be positive (got ${t})`);
    this.timeouts = t
      ? { connectMs: Math.min(t, DEFAULT_TIMEOUTS.connectMs), headersMs: t, bodyMs: t }
      : DEFAULT_TIMEOUTS;
  }

  /** Starts creating an AIGC subject. Paid. @throws DuplicateSubmissionError when its SessionId was used. */
  createAigcAdvancedCustomElement(
    req: CreateAigcAdvancedCustomElementRequest,
    o?: CallOptions,
  ): Promise<CreateAigcAdvancedCustomElementResponse> {
    return this.call(CreateAigcAdvancedCustomElement, req, o);
  }

  /** Lists the application's AIGC subjects (Offset must be a multiple of Limit). */
  describeAigcAdvancedCustomElements(
    req: Partial<DescribeAigcAdvancedCustomElementsRequest> = {},
    o?: CallOptions,
  ): Promise<DescribeAigcAdvancedCustomElementsResponse> {
    return this.call(DescribeAigcAdvancedCustomElements, req, o);
  }

  /** Deletes an AIGC subject. @throws InvalidParameterError for an unknown ElementId. */
  deleteAigcAdvancedCustomElement(
    req: Omit<DeleteAigcAdvancedCustomElementRequest, "SubAppId"> & { SubAppId?: number },
    o?: CallOptions,
  ): Promise<DeleteAigcAdvancedCustomElementResponse> {
    return this.call(DeleteAigcAdvancedCustomElement, req, o);
  }

  /**
   * Starts a scene AIGC image job. Paid. SubAppId is required: the request's, else the client's `subAppId`.
   * @throws RequestValidationError when neither names one; DuplicateSubmissionError when its SessionId was used.
   */
  createSceneAigcImageTask(
    req: CreateSceneAigcImageTaskCall,
    o?: CallOptions,
  ): Promise<CreateSceneAigcImageTaskResponse> {
    return this.call(CreateSceneAigcImageTask, req, o);
  }

  /** One task's status and result. @throws NotFoundError for an unknown or expired (3 days) TaskId. */
  describeTaskDetail(req: DescribeTaskDetailRequest, o?: CallOptions): Promise<DescribeTaskDetailResponse> {
    return this.call(DescribeTaskDetail, req, o);
  }

  /** One page of the tasks of the last 72 hours. */
  describeTasks(req: DescribeTasksRequest = {}, o?: CallOptions): Promise<DescribeTasksResponse> {
    return this.call(DescribeTasks, req, o);
  }

  /**
   * Polls DescribeTaskDetail with backoff and jitter until the task finishes.
   * @returns the task detail with the scene-image or custom-element sub-object present.
   * @throws JobFailedError with the task's ErrCode/ErrCodeExt and Message; WaitTimeoutError carrying the
   *   TaskId; AbortError; NotFoundError when the task is unknown.
   */
  async waitForTask(taskId: string, options: WaitOptions & { subAppId?: number } = {}): Promise<TencentTaskDetail> {
    const context: CallContext = { vendor: "tencent", service: "vod", action: "DescribeTaskDetail" };
    const subAppId = options.subAppId;
    return pollUntilDone({
      ...options,
      context,
      jobId: taskId,
      observe: async (signal) => {
        const detail = await this.describeTaskDetail(
          { TaskId: taskId, ...(subAppId ? { SubAppId: subAppId } : {}) },
          { signal },
        );
        const outcome = taskOutcome(detail);
        const failure = outcome.failure
          ? new JobFailedError({
              ...context,
              code: outcome.failure.code,
              message: outcome.failure.message,
              requestId: detail.RequestId,
              jobId: taskId,
              status: outcome.status,
              job: detail,
            })
          : undefined;
        return {
          done: outcome.done,
          status: outcome.status,
          progress: outcome.progress,
          value: detail as TencentTaskDetail,
          failure,
        };
      },
    });
  }

  /**
   * Finds a task of the last 72 hours by the SessionId it was created with, by scanning DescribeTasks
   * (the API has no SessionId filter). Used to recover a TaskId after DuplicateSubmissionError.
   * Undefined means "not found", which is inconclusive: the vendor may not list every task type.
   */
  async findTaskBySessionId(sessionId: string, o: FindTaskOptions = {}): Promise<TaskSimpleInfo | undefined> {
    let scroll: string | undefined;
    const pages = o.maxPages ?? 30;
    for (let page = 0; page < pages; page++) {
      const res = await this.describeTasks(
        {
          Limit: 100,
          ...(o.createdAfter ? { CreateTime: { After: o.createdAfter.toISOString().replace(/\.\d{3}Z$/, "Z") } } : {}),
          ...(scroll ? { ScrollToken: scroll } : {}),
        },
        o,
      );
      const hit = res.TaskSet.find((t) => t.SessionId === sessionId);
      if (hit) return hit;
      if (!res.ScrollToken) return undefined;
      scroll = res.ScrollToken;
    }
    return undefined;
  }

  /** Runs one action: validation, rate limit, signing, transport, error mapping and retries. */
  private async call<Req extends z.ZodType, Res extends z.ZodType>(
    action: TencentAction<Req, Res>,
    input: unknown,
    o: CallOptions = {},
  ): Promise<z.output<Res>> {
    const context: CallContext = { vendor: "tencent", service: "vod", action: action.name };
    const withDefaults = this.withSubAppId(dropNulls(input));
    const parsed = parseRequest(action.name, action.request, withDefaults);
    const body = Buffer.from(JSON.stringify(inCallerOrder(parsed, withDefaults)), "utf8");
    const sessionId = (parsed as { SessionId?: string }).SessionId || undefined;
    // A create is safe to repeat only with a SessionId: the vendor then refuses the repeat.
    const idempotency = action.kind !== "create" || sessionId ? "idempotent" : "paid-submit";
    const limit =
      this.opts.rateLimits?.[action.name as TencentVodActionName] ?? underVendorLimit(action.vendorRateLimit);
    const bucket = sharedRateLimiters.bucket(`tencent:vod:${action.name}`, limit);

    const data = await executeWithRetry(
      async () => {
        await bucket.acquire(o.signal, context);
        return this.attempt(context, action.name, body, sessionId, o.signal);
      },
      {
        context,
        idempotency,
        retry: this.opts.retry,
        signal: o.signal,
        marker: sessionId,
        onRetry: (err, n) => this.opts.onRetry?.(err, n),
      },
    );
    const res = action.response.safeParse(data);
    if (!res.success) {
      const malformed = new VendorError({
        ...context,
        code: "MalformedResponse",
        message: `unexpected response shape: ${res.error.issues
          .map((i) => `${i.path.join(".")}: ${i.message}`)
          .join("; ")}`,
        requestId: (data as { RequestId?: string }).RequestId,
      });
      // The vendor processed a paid create but its answer is unreadable: the task may exist.
      if (idempotency === "paid-submit")
        throw new AmbiguousSubmissionError({ ...context, marker: sessionId, cause: malformed });
      throw malformed;
    }
    return res.data;
  }

  private withSubAppId(input: unknown): unknown {
    const sub = this.opts.subAppId;
    if (sub === undefined || input === null || typeof input !== "object" || "SubAppId" in input) return input;
    return { ...(input as object), SubAppId: sub };
  }

  /** One signed exchange; returns the inner `Response` object or throws the mapped error. */
  private async attempt(
    context: CallContext,
    action: string,
    body: Buffer,
    sessionId: string | undefined,
    signal: AbortSignal | undefined,
  ) {
    const creds = await resolveCredentials(
      this.opts.credentials,
      () => {
        const e = readCredentialEnv(TENCENT_CREDENTIAL_ENV);
        return e && { secretId: e.id, secretKey: e.secret, token: e.token };
      },
      TENCENT_CREDENTIAL_ENV,
      "Tencent Cloud",
    );
    const timestamp = Math.floor((this.opts.now?.() ?? Date.now()) / 1000);
    const contentType = "application/json";
    const sig = signTc3({
      secretId: creds.secretId,
      secretKey: creds.secretKey,
      timestamp,
      service: "vod",
      host: this.endpoint.hostname,
      contentType,
      payload: body,
    });
    const headers: Record<string, string> = {
      Host: this.endpoint.host,
      "X-TC-Action": action,
      "X-TC-Version": TENCENT_VOD_VERSION,
      "X-TC-Timestamp": String(timestamp),
      "X-TC-RequestClient": SDK_USER_AGENT,
      "Content-Type": contentType,
      Authorization: sig.authorization,
      "User-Agent": SDK_USER_AGENT,
    };
    if (this.opts.region) headers["X-TC-Region"] = this.opts.region;
    if (creds.token) headers["X-TC-Token"] = creds.token;
    if (this.opts.language) headers["X-TC-Language"] = this.opts.language;

    const http = await sendHttp({
      context,
      origin: this.endpoint,
      method: "POST",
      path: "/",
      headers,
      body,
      timeouts: this.timeouts,
      signal,
      dispatcher: this.opts.dispatcher,
    });
    const redact = (s: string) => redactSecrets(s, [creds.secretKey, creds.token], [creds.secretId]);
    if (http.status !== 200) {
      // Tencent answers every processed request with 200; anything else is the gateway or transport.
      const init = {
        ...context,
        code: `HTTP${http.status}`,
        message: redact(http.body.toString("utf8").slice(0, 200) || `HTTP ${http.status}`),
        httpStatus: http.status,
      };
      if (http.status >= 500 || http.status === 429) throw new TransientServerError(init);
      throw new VendorError(init);
    }
    let envelope: { Response?: { Error?: { Code?: string; Message?: string }; RequestId?: string } };
    try {
      envelope = JSON.parse(http.body.toString("utf8"));
    } catch {
      throw new TransientServerError({
        ...context,
        code: "MalformedResponse",
        message: "response body is not JSON",
        httpStatus: 200,
      });
    }
    const inner = envelope?.Response;
    if (!inner || typeof inner !== "object") {
      throw new TransientServerError({
        ...context,
        code: "MalformedResponse",
        message: "response has no Response object",
        httpStatus: 200,
      });
    }
    if (inner.Error) {
      throw tencentError({
        context,
        code: String(inner.Error.Code ?? "UnknownError"),
        message: redact(String(inner.Error.Message ?? "")),
        requestId: inner.RequestId,
        httpStatus: 200,
        sessionId,
      });
    }
    return inner;
  }
}
