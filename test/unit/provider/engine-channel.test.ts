// The provider's channel to the engine (provider/runtime/engine-channel.ts), over real gRPC on loopback with the
// generated stubs of @pulumi/pulumi: the host's Cancel reaches the run, a resource call knows its URN, and a log
// line reaches the engine's Log service with that URN (a status line as ephemeral).
import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { currentUrn, engineLog, linkEngine, watchServerCalls } from "../../../provider/runtime/engine-channel";

const hostPath = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
const hostRequire = createRequire(hostPath);
/** The host's own grpc-js: the one its generated stubs use. */
const grpc: typeof import("@grpc/grpc-js") = hostRequire("@grpc/grpc-js");
type Server = import("@grpc/grpc-js").Server;
const provrpc = hostRequire("../../proto/provider_grpc_pb");
const provproto = hostRequire("../../proto/provider_pb");
const engrpc = hostRequire("../../proto/engine_grpc_pb");
const { Empty } = hostRequire("google-protobuf/google/protobuf/empty_pb");

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.forceShutdown();
});

async function serve(server: Server): Promise<string> {
  servers.push(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return `127.0.0.1:${port}`;
}

const call = (client: import("@grpc/grpc-js").Client, method: string, req: unknown) =>
  new Promise((resolve, reject) =>
    (client as unknown as Record<string, (req: unknown, cb: (e: Error | null, r: unknown) => void) => void>)[method]!(
      req,
      (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res)),
    ),
  );

describe("engine channel", () => {
  it("sees the host's Cancel and gives a resource call its URN (the host's own Cancel is a no-op)", async () => {
    // A subclass, so that the patch stays off this test process's other gRPC servers.
    class HostServer extends grpc.Server {}
    let cancels = 0;
    expect(watchServerCalls(HostServer.prototype as never, () => cancels++)).toBe(true);
    let urnInCreate: string | undefined;
    const server = new HostServer();
    server.addService(provrpc.ResourceProviderService, {
      cancel: (_c: unknown, cb: (e: null, r: unknown) => void) => cb(null, new Empty()),
      create: async (_c: unknown, cb: (e: null, r: unknown) => void) => {
        await new Promise((r) => setTimeout(r, 10)); // the URN survives the host's awaits
        urnInCreate = currentUrn();
        cb(null, new provproto.CreateResponse().setId("job-1"));
      },
    });
    const client = new provrpc.ResourceProviderClient(await serve(server), grpc.credentials.createInsecure());
    const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/aigc:Job::cover";
    await call(client, "create", new provproto.CreateRequest().setUrn(urn));
    expect(urnInCreate).toBe(urn);
    expect(cancels).toBe(0);
    await call(client, "cancel", new Empty());
    expect(cancels).toBe(1);
    expect(currentUrn()).toBeUndefined();
    client.close();
  });

  it("logs through the engine's Log RPC on the resource's row; status lines are ephemeral", async () => {
    const got: Array<{ severity: number; message: string; urn: string; ephemeral: boolean }> = [];
    const engine = new grpc.Server();
    engine.addService(engrpc.EngineService, {
      log: (c: { request: Record<string, () => never> }, cb: (e: null, r: unknown) => void) => {
        const r = c.request;
        got.push({
          severity: r.getSeverity!(),
          message: r.getMessage!(),
          urn: r.getUrn!(),
          ephemeral: r.getEphemeral!(),
        });
        cb(null, new Empty());
      },
    });
    linkEngine(hostRequire, await serve(engine));
    engineLog("status", "job-1 RUNNING 40%, waiting (62 s)", "urn:a");
    engineLog("warning", "cancelled: …");
    const deadline = Date.now() + 5_000;
    while (got.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([
      { severity: 1, message: "job-1 RUNNING 40%, waiting (62 s)", urn: "urn:a", ephemeral: true },
      { severity: 2, message: "cancelled: …", urn: "", ephemeral: false },
    ]);
  });
});
