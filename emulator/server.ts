import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin-api";
import { aiContentAction, handleAiContent, isAiContentRequest, seedModels } from "./alibaba/aicontent-api";
import { aicFaultReply, rpcFaultReply } from "./alibaba/envelope";
import { alibabaRpcAction, handleAlibabaRpc, isAlibabaRpcRequest, productOf } from "./alibaba/rpc-api";
import type { IncomingRequest } from "./auth/incoming-request";
import { type ClockState, EmulatorClock } from "./clock";
import { type AcceptedCredentials, acceptedCredentials, EmulatorConfig, type EmulatorConfigInput } from "./config";
import { consolePage } from "./console/console-page";
import type { EmulatorContext } from "./context";
import { ANSWER_FAULTS, type AnswerFault, FaultInjector, type FaultKind } from "./faults";
import { NonceCache } from "./nonce-cache";
import { makeRandom } from "./random";
import { RequestLimiter } from "./request-limiter";
import { serveResultFile } from "./result-files";
import { StatsRecorder } from "./stats";
import { Store } from "./store";
import { tencentFaultReply } from "./tencent/envelope";
import { handleTencent, isTencentRequest, tencentAction } from "./tencent/tencent-api";
import { jsonReply, type VendorReply } from "./vendor-reply";

/** A vendor protocol the server speaks: how to recognize its requests, name them, and answer them. */
interface VendorRoute {
  readonly matches: (req: IncomingRequest) => boolean;
  readonly action: (req: IncomingRequest) => string;
  readonly handle: (req: IncomingRequest, ctx: EmulatorContext) => VendorReply;
  /**
   * The answer to an injected fault, in this vendor's envelope; undefined when the vendor has no such fault.
   * `coin` in [0, 1) picks between alternative answers of one kind.
   */
  readonly fault: (kind: AnswerFault, req: IncomingRequest, action: string, coin: number) => VendorReply | undefined;
}

const hostOf = (req: IncomingRequest) => req.headers.host ?? "";

const ROUTES: readonly VendorRoute[] = [
  {
    matches: isTencentRequest,
    action: tencentAction,
    handle: handleTencent,
    fault: (kind) => tencentFaultReply(kind),
  },
  {
    matches: isAiContentRequest,
    action: aiContentAction,
    handle: handleAiContent,
    fault: (kind, req, _action, coin) => aicFaultReply(kind, hostOf(req), coin),
  },
  {
    matches: isAlibabaRpcRequest,
    action: alibabaRpcAction,
    handle: handleAlibabaRpc,
    fault: (kind, req, action, coin) => rpcFaultReply(kind, hostOf(req), productOf(action), action, coin),
  },
];

/** Fault kinds a route can answer (transport faults apply to every vendor). */
function offeredBy(route: VendorRoute, req: IncomingRequest, action: string): (kind: FaultKind) => boolean {
  return (kind) =>
    !(ANSWER_FAULTS as readonly string[]).includes(kind) ||
    route.fault(kind as AnswerFault, req, action, 0) !== undefined;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: use it as every client's endpoint. */
  readonly url: string;
  readonly port: number;
  /** The credentials it accepts (the vendors' env vars when set, else the demo pairs). */
  readonly credentials: AcceptedCredentials;
  readonly context: EmulatorContext;
  close(): Promise<void>;
}

export interface StartEmulatorOptions extends EmulatorConfigInput {
  /** Where to read the vendors' credential env vars from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Starts the emulator on 127.0.0.1. One port serves Tencent VOD (X-TC-Action), Alibaba VOD and ICE
 * (RPC Action, v1 or V3 signatures), aicontent (its ROA paths), result files under /files/, the admin
 * API under /__emulator/ and the console (a page over the admin API) at `/`.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { env, ...input } = options;
  const config = EmulatorConfig.parse(input);
  const nonces = new NonceCache();
  let baseUrl = "";
  const store = new Store(config.stateFile);
  // The clock's state lives in the journal: a restarted emulator continues its timeline, advances included.
  const clock = new EmulatorClock(config.timeScale, Date.now, store.get<ClockState>("clock", "state"), (state) =>
    store.put("clock", "state", state),
  );
  const ctx: EmulatorContext = {
    config,
    clock,
    store,
    stats: new StatsRecorder(),
    limiter: new RequestLimiter(),
    faults: new FaultInjector(config.faults),
    credentials: acceptedCredentials(env),
    random: makeRandom(config.seed),
    baseUrl: () => baseUrl,
    nonceSeen: (keyId, nonce) => nonces.seen(keyId, nonce, Date.now()),
  };
  seedModels(ctx);
  const faultCoin = makeRandom(config.faults.seed === undefined ? undefined : config.faults.seed + 1);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      const q = (req.url ?? "").indexOf("?");
      const incoming: IncomingRequest = {
        method: req.method ?? "GET",
        pathname: url.pathname,
        rawQuery: q >= 0 ? (req.url ?? "").slice(q + 1) : "",
        headers,
        body: Buffer.concat(chunks),
      };
      serve(incoming, res, ctx, faultCoin);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    port,
    credentials: ctx.credentials,
    context: ctx,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          ctx.store.close();
          resolve();
        });
      }),
  };
}

function write(res: http.ServerResponse, reply: VendorReply, extra: Record<string, string> = {}): void {
  const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
  res.writeHead(reply.status, {
    "Content-Type": reply.contentType,
    "Content-Length": String(body.length),
    ...reply.headers,
    ...extra,
  });
  res.end(body);
}

function serve(req: IncomingRequest, res: http.ServerResponse, ctx: EmulatorContext, coin: () => number): void {
  if (req.pathname.startsWith("/__emulator/") || req.pathname === "/__emulator") {
    write(res, handleAdmin(req.method, req.pathname, req.body, ctx));
    return;
  }
  if (req.method === "GET" && req.pathname.startsWith("/files/")) {
    write(res, serveResultFile(ctx, req.pathname));
    return;
  }
  const route = ROUTES.find((r) => r.matches(req));
  if (!route && req.method === "GET" && req.pathname === "/") {
    write(res, { status: 200, body: consolePage(), contentType: "text/html;charset=utf-8" });
    return;
  }
  if (!route) {
    write(
      res,
      jsonReply(404, { error: "not a Tencent VOD, Alibaba VOD/ICE or aicontent API request", path: req.pathname }),
    );
    return;
  }
  const action = route.action(req);
  ctx.stats.request(action);
  const traceId = req.headers["x-tc-traceid"];
  const trace: Record<string, string> = traceId ? { "X-TC-TraceId": traceId } : {};
  const fault = ctx.faults.roll(action, offeredBy(route, req, action));
  if (fault) ctx.stats.fault(fault);
  const answer = (reply: VendorReply) => {
    if (reply.submitted) ctx.stats.submission(action);
    if (reply.errorCode) ctx.stats.error(action, reply.errorCode, reply.throttled === true);
    write(res, reply, trace);
  };
  const injected = (kind: AnswerFault) => () => answer(route.fault(kind, req, action, coin())!);
  const run: Record<FaultKind | "none", () => void> = {
    none: () => answer(route.handle(req, ctx)),
    resetBefore: () => res.socket?.destroy(),
    throttle: injected("throttle"),
    serverError: injected("serverError"),
    gatewayError: injected("gatewayError"),
    internalError: injected("internalError"),
    serviceUnavailable: injected("serviceUnavailable"),
    failedOperation: injected("failedOperation"),
    unauthorized: injected("unauthorized"),
    slow: () => setTimeout(() => answer(route.handle(req, ctx)), ctx.faults.current.slowMs),
    resetAfter: () => {
      // The vendor processes (and records) the request, then the connection breaks before the answer.
      const reply = route.handle(req, ctx);
      if (reply.submitted) ctx.stats.submission(action);
      res.socket?.destroy();
    },
  };
  run[fault ?? "none"]();
}
