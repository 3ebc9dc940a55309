// The stand-in language host answering gRPC calls the way the engine makes them, installed as the toolchain
// installs it: a file in the CLI's bin directory beside the plumbing it shares with the Python stand-in
// (language-host-server.js), where nothing else resolves from its own location (it loads gRPC and the stubs from
// the project's @pulumi/pulumi, found from its working directory).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = path.resolve(__dirname, "..", "..");
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = fromPulumi("@grpc/grpc-js");
const services = fromPulumi("./proto/language_grpc_pb.js");
const lang = fromPulumi("./proto/language_pb.js");
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb");

let bin: string;
let engine: net.Server;
let host: ChildProcess;
// biome-ignore lint/suspicious/noExplicitAny: a generated gRPC client has no static types here
let client: any;

beforeAll(async () => {
  bin = fs.mkdtempSync(path.join(os.tmpdir(), "stand-in-bin-"));
  fs.copyFileSync(path.join(repo, "toolchain", "pulumi-language-nodejs-shim.js"), path.join(bin, "host.js"));
  fs.copyFileSync(path.join(repo, "toolchain", "language-host-server.js"), path.join(bin, "language-host-server.js"));
  engine = net.createServer((s) => s.destroy());
  engine.listen(0, "127.0.0.1");
  await once(engine, "listening");
  const { port } = engine.address() as net.AddressInfo;
  host = spawn(process.execPath, [path.join(bin, "host.js"), `127.0.0.1:${port}`], {
    cwd: repo,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [first] = (await once(host.stdout!, "data")) as [Buffer];
  client = new services.LanguageRuntimeClient(
    `127.0.0.1:${first.toString().trim()}`,
    grpc.credentials.createInsecure(),
  );
});
afterAll(() => {
  client?.close();
  host?.kill("SIGTERM");
  engine?.close();
  fs.rmSync(bin, { recursive: true, force: true });
});

const call = <T>(method: string, request: unknown) =>
  new Promise<T>((resolve, reject) =>
    client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
  );

describe("language host stand-in, as installed in the CLI's bin directory", () => {
  it("reports the CLI's version and needs no plugins for a program of dynamic resources", async () => {
    const info = await call<{ getVersion(): string }>("getPluginInfo", new Empty());
    expect(info.getVersion()).toBe("3.248.0");
    const plugins = await call<{ getPluginsList(): unknown[] }>(
      "getRequiredPlugins",
      new lang.GetRequiredPluginsRequest(),
    );
    expect(plugins.getPluginsList()).toEqual([]);
  });

  it("answers Cancel (it once needed google-protobuf to resolve from its own directory)", async () => {
    await expect(call("cancel", new Empty())).resolves.toBeInstanceOf(Empty);
  });

  it("answers UNIMPLEMENTED, naming the method, for what it does not serve", async () => {
    await expect(call("link", new lang.LinkRequest())).rejects.toMatchObject({
      code: grpc.status.UNIMPLEMENTED,
      details: expect.stringContaining("LanguageRuntime/Link is not supported by the stand-in host"),
    });
  });
});
