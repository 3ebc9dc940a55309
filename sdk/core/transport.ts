import { type Dispatcher, Pool } from "undici";
import { AbortError, type CallContext, NetworkError, TimeoutError } from "./errors";

/** Per-request time limits. A connect timeout means nothing was sent; the other two mean it was. */
export interface HttpTimeouts {
  readonly connectMs: number;
  /** Until the response headers arrive. */
  readonly headersMs: number;
  /** Between two chunks of the response body. */
  readonly bodyMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

/** One HTTP exchange, already signed. */
export interface HttpExchange {
  readonly context: CallContext;
  readonly origin: URL;
  readonly method: "GET" | "POST";
  /** Path plus query string, e.g. `/` or `/api/v1/x?a=b`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
  readonly timeouts: HttpTimeouts;
  readonly signal?: AbortSignal | undefined;
  /** An undici Dispatcher to send through instead of the shared pool (a ProxyAgent, custom TLS, tests). */
  readonly dispatcher?: Dispatcher | undefined;
}

export interface HttpResult {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Responses larger than this are cut off with a NetworkError (Tencent documents 50 MB as its maximum). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

// One keep-alive pool per origin (and connect timeout), shared by every client in the process. The pools are
// found by the client's URL object first, so a call does not rebuild the key (`URL.origin` is computed).
let pools = new Map<string, Pool>();
let poolsByUrl = new WeakMap<URL, Map<number, Pool>>();

function poolFor(origin: URL, connectMs: number): Pool {
  let byTimeout = poolsByUrl.get(origin);
  const known = byTimeout?.get(connectMs);
  if (known) return known;
  const key = `${origin.origin}|${connectMs}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(origin.origin, {
      connections: 128,
      pipelining: 1,
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 60_000,
      connect: { timeout: connectMs },
    });
    pools.set(key, pool);
  }
  if (!byTimeout) {
    byTimeout = new Map();
    poolsByUrl.set(origin, byTimeout);
  }
  byTimeout.set(connectMs, pool);
  return pool;
}

/** Closes every pooled connection (for scripts and tests that want a clean exit). */
export async function closeTransport(): Promise<void> {
  const all = [...pools.values()];
  pools = new Map();
  poolsByUrl = new WeakMap();
  await Promise.all(all.map((p) => p.close().catch(() => undefined)));
}

const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);

/** Maps an undici/socket failure onto the error hierarchy, deciding whether the request may have been sent. */
export function mapTransportError(err: unknown, context: CallContext, signal: AbortSignal | undefined): Error {
  if (err instanceof NetworkError || err instanceof AbortError) return err;
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code ?? "";
  const detail = `${code || e?.name || "Error"}: ${e?.message ?? String(err)}`;
  if (signal?.aborted || code === "UND_ERR_ABORTED" || e?.name === "AbortError") {
    return new AbortError({ ...context, reason: signal?.reason ?? err });
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return new TimeoutError({
      ...context,
      message: `connect timeout (${detail})`,
      phase: "connect",
      requestSent: false,
      cause: err,
    });
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new TimeoutError({
      ...context,
      message: `response timeout (${detail})`,
      phase: "response",
      requestSent: true,
      cause: err,
    });
  }
  if (NOT_SENT_CODES.has(code)) {
    return new NetworkError({
      ...context,
      message: `cannot connect (${detail})`,
      phase: "connect",
      requestSent: false,
      cause: err,
    });
  }
  return new NetworkError({
    ...context,
    message: `connection failed (${detail})`,
    phase: "response",
    requestSent: true,
    cause: err,
  });
}

function normalizeHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in raw) {
    const v = raw[k];
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/**
 * Collects one response whole, straight from undici's dispatch callbacks: no response stream, no async
 * iterator. Settles once: with the result, or with the error mapped by {@link mapTransportError}.
 */
class ResponseCollector implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private settled = false;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly x: HttpExchange,
    private readonly resolve: (r: HttpResult) => void,
    private readonly reject: (e: Error) => void,
  ) {
    const signal = x.signal;
    if (signal) {
      this.onAbort = () => this.controller?.abort(signal.reason);
      signal.addEventListener("abort", this.onAbort, { once: true });
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.x.signal?.aborted) controller.abort(this.x.signal.reason);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // 1xx answers are informational: the response follows.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = normalizeHeaders(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > MAX_RESPONSE_BYTES) {
      controller.abort(
        new NetworkError({
          ...this.x.context,
          message: `response larger than ${MAX_RESPONSE_BYTES} bytes`,
          phase: "response",
          requestSent: true,
        }),
      );
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settle()) {
      const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
      this.resolve({ status: this.status, headers: this.headers, body });
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, err: Error): void {
    if (this.settle()) this.reject(mapTransportError(err, this.x.context, this.x.signal));
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.onAbort) this.x.signal!.removeEventListener("abort", this.onAbort);
    return true;
  }
}

/**
 * Sends one request over the shared pool and reads the whole body.
 * @throws NetworkError / TimeoutError (with `requestSent`), AbortError. HTTP error statuses are not thrown:
 *   each vendor protocol decides what a status means.
 */
export function sendHttp(x: HttpExchange): Promise<HttpResult> {
  if (x.signal?.aborted) return Promise.reject(x.signal.reason);
  return new Promise((resolve, reject) => {
    const collector = new ResponseCollector(x, resolve, reject);
    try {
      const dispatcher = x.dispatcher ?? poolFor(x.origin, x.timeouts.connectMs);
      dispatcher.dispatch(
        {
          origin: x.origin,
          method: x.method,
          path: x.path,
          headers: x.headers,
          body: x.body,
          headersTimeout: x.timeouts.headersMs,
          bodyTimeout: x.timeouts.bodyMs,
        },
        collector,
      );
    } catch (err) {
      collector.onResponseError(undefined, err as Error);
    }
  });
}
