// What the provider learns from the engine, and says to it, beyond what the dynamic-provider host passes on.
// The host (@pulumi/pulumi 3.248.0, cmd/dynamic-provider/index.js) answers Cancel with a no-op, hands `create`
// and the others the properties only (not the URN the request carries), and never connects to the engine's Log
// service: what a provider prints to stderr, the engine shows on the stack's row, and again under Diagnostics. So,
// inside that process only, this module
// - sees each incoming call on the host's gRPC server (grpc-js `Server.prototype._retrieveHandler`, looked up per
//   call): Cancel cancels the run (`onCancel`: ./run-cancellation.ts), and a resource's call runs with its URN at hand;
// - logs through the engine's Log RPC (the host's first argument is the engine's address) with that URN, so a job's
//   lines land on the job's own row; a status line (`ephemeral`) is shown on the row and left out of Diagnostics.
// Anything missing (another host, another grpc-js) falls back to what the host does: stderr, no cancel.
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

/** How bad a message is; `status` lines are ephemeral: shown on the resource's row, not under Diagnostics. */
export type EngineSeverity = "info" | "warning" | "status";

interface LogRequestLike {
  setSeverity(s: number): LogRequestLike;
  setMessage(m: string): LogRequestLike;
  setUrn(u: string): LogRequestLike;
  setEphemeral(e: boolean): LogRequestLike;
}
interface EngineLink {
  newRequest(): LogRequestLike;
  send(req: LogRequestLike): Promise<void>;
}

const current = new AsyncLocalStorage<{ urn: string }>();
let link: EngineLink | undefined;
const RESOURCE_CALLS = /^\/pulumirpc\.ResourceProvider\/(Check|Diff|Create|Read|Update|Delete)$/;
const CANCEL = "/pulumirpc.ResourceProvider/Cancel";

/** The URN of the resource whose call is running here, when known. */
export function currentUrn(): string | undefined {
  return current.getStore()?.urn || undefined;
}

/** Runs `fn` as a call of the resource at `urn`: what it logs lands on that resource's row (the provider plugin). */
export function withUrn<T>(urn: string, fn: () => T): T {
  return current.run({ urn }, fn);
}

/**
 * Says `message` on the row of the resource whose call is running (the stack's row when none), through the engine;
 * on stderr when there is no engine link or the engine refuses it. Never pass anything secret here.
 */
export function engineLog(severity: EngineSeverity, message: string, urn = currentUrn()): void {
  if (!link) {
    process.stderr.write(`${message}\n`);
    return;
  }
  const req = link
    .newRequest()
    .setSeverity(severity === "warning" ? 2 : 1)
    .setMessage(message)
    .setUrn(urn ?? "")
    .setEphemeral(severity === "status");
  link.send(req).catch(() => process.stderr.write(`${message}\n`));
}

type GrpcHandler = { func: (call: { request?: { getUrn?: () => string } }, cb: unknown) => unknown };
type ServerProto = { _retrieveHandler?: (this: unknown, path: string) => GrpcHandler | null };

/**
 * Wraps a grpc-js `Server` prototype so that Cancel cancels the run and resource calls carry their URN.
 * Returns false (and changes nothing) when that grpc-js has no per-call handler lookup.
 */
export function watchServerCalls(serverProto: ServerProto, onCancel: () => void): boolean {
  const lookup = serverProto._retrieveHandler;
  if (typeof lookup !== "function") return false;
  serverProto._retrieveHandler = function (this: unknown, path: string) {
    const handler = lookup.call(this, path);
    if (!handler) return handler;
    if (path === CANCEL) onCancel();
    if (!RESOURCE_CALLS.test(path)) return handler;
    return {
      ...handler,
      func: (call: Parameters<GrpcHandler["func"]>[0], cb: unknown) => {
        const urn = typeof call.request?.getUrn === "function" ? call.request.getUrn() : "";
        return current.run({ urn: urn ?? "" }, () => handler.func(call, cb));
      },
    };
  };
  return true;
}

/**
 * Sends what `engineLog` says to the engine's Log service at `address`, with the grpc-js and generated stubs that
 * `hostRequire` (the dynamic-provider host's) resolves.
 * @throws when those modules cannot be loaded.
 */
export function linkEngine(hostRequire: NodeJS.Require, address: string): void {
  linkEngineWith(
    hostRequire("@grpc/grpc-js"),
    hostRequire("../../proto/engine_grpc_pb"),
    hostRequire("../../proto/engine_pb"),
    address,
  );
}

/** Sends what `engineLog` says to the engine's Log service at `address`, with these grpc-js and generated stubs. */
export function linkEngineWith(grpc: unknown, engineGrpcPb: unknown, enginePb: unknown, address: string): void {
  // The modules of whoever hosts this process (the dynamic-provider host's, or @pulumi/pulumi's for the plugin).
  const { credentials } = grpc as { credentials: { createInsecure(): unknown } };
  type Client = { log(req: LogRequestLike, cb: (err: Error | null) => void): void };
  const { EngineClient } = engineGrpcPb as { EngineClient: new (address: string, creds: unknown) => Client };
  const { LogRequest } = enginePb as { LogRequest: new () => LogRequestLike };
  const client = new EngineClient(address, credentials.createInsecure());
  link = {
    newRequest: () => new LogRequest(),
    send: (req) =>
      new Promise<void>((resolve, reject) => client.log(req, (err: Error | null) => (err ? reject(err) : resolve()))),
  };
}

/**
 * Inside the dynamic-provider process only (argv: `…/dynamic-provider/index.js <engine address>`): watches the
 * host's gRPC calls (calling `onCancel` on the engine's Cancel) and opens the engine link. Elsewhere (tests, a
 * program) it does nothing.
 */
export function attachToEngine(onCancel: () => void, argv: readonly string[] = process.argv): void {
  const host = argv[1] ?? "";
  const address = argv[2] ?? "";
  if (!/dynamic-provider[\\/]index\.js$/.test(host) || !/^([\d.]+|localhost|\[[\d:a-f]+\]):\d+$/i.test(address)) return;
  try {
    const hostRequire = createRequire(host);
    if (!watchServerCalls(hostRequire("@grpc/grpc-js").Server.prototype, onCancel)) {
      process.stderr.write(
        "[pulumi-aigc] this @grpc/grpc-js has no per-call handler lookup: Ctrl-C will wait for running jobs, and " +
          "progress shows on the stack's row\n",
      );
    }
    linkEngine(hostRequire, address);
  } catch (err) {
    process.stderr.write(`[pulumi-aigc] cannot reach the engine's log (${(err as Error).message}); using stderr\n`);
  }
}
