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

// One keep-alive pool per origin (and connect timeout), shared by every client in the process.
const pools = new Map<string, Pool>();

function poolFor(origin: URL, connectMs: number): Pool {
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
  return pool;
}

/** Closes every pooled connection (for scripts and tests that want a clean exit). */
export async function closeTransport(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
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
  for (const [k, v] of Object.entries(raw)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/**
 * Sends one request over the shared pool and reads the whole body.
 * @throws NetworkError / TimeoutError (with `requestSent`), AbortError. HTTP error statuses are not thrown:
 *   each vendor protocol decides what a status means.
 */
export async function sendHttp(x: HttpExchange): Promise<HttpResult> {
  x.signal?.throwIfAborted?.();
  try {
    const res = await (x.dispatcher ?? poolFor(x.origin, x.timeouts.connectMs)).request({
      origin: x.origin,
      method: x.method,
      path: x.path,
      headers: x.headers,
      body: x.body,
      signal: x.signal,
      headersTimeout: x.timeouts.headersMs,
      bodyTimeout: x.timeouts.bodyMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_RESPONSE_BYTES) {
        res.body.destroy();
        throw new NetworkError({
          ...x.context,
          message: `response larger than ${MAX_RESPONSE_BYTES} bytes`,
          phase: "response",
          requestSent: true,
        });
      }
      chunks.push(chunk as Buffer);
    }
    return { status: res.statusCode, headers: normalizeHeaders(res.headers), body: Buffer.concat(chunks) };
  } catch (err) {
    throw mapTransportError(err, x.context, x.signal);
  }
}
