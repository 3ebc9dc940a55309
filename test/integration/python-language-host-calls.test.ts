// The stand-in Python language host answering gRPC calls the way the engine makes them, installed as the toolchain
// installs it: `pulumi-language-python` and `language-host-server.js` in a bin directory, its gRPC modules in
// `langhost-node/` beside it (here a link to the repository's node_modules), started from a project directory with
// no node_modules. Run starts a stand-in exec script (--use-executor, as the Go host allows) that records what it
// got; the real exec script and SDK run in test/e2e/plugin-python.test.ts.
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

let root: string;
let engine: net.Server;
let host: ChildProcess;
// biome-ignore lint/suspicious/noExplicitAny: a generated gRPC client has no static types here
let client: any;

// What the stand-in exec script does: writes its argv and environment, then bails (exit 32) or sleeps if told.
const FAKE_EXEC = `import json, os, sys, time
out = os.environ["FAKE_EXEC_OUT"]
env = {k: v for k, v in os.environ.items() if k.startswith(("PULUMI_", "PYTHON"))}
json.dump({"argv": sys.argv[1:], "env": env}, open(out, "w"))
if sys.argv[-1] == "sleep":
    try:
        time.sleep(60)
    except KeyboardInterrupt:
        sys.exit(1)
sys.exit(32 if sys.argv[-1] == "bail" else 0)
`;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "py-stand-in-"));
  const bin = path.join(root, "cache", "bin");
  fs.mkdirSync(bin, { recursive: true });
  fs.copyFileSync(
    path.join(repo, "toolchain", "pulumi-language-python-shim.js"),
    path.join(bin, "pulumi-language-python"),
  );
  fs.copyFileSync(path.join(repo, "toolchain", "language-host-server.js"), path.join(bin, "language-host-server.js"));
  fs.mkdirSync(path.join(root, "cache", "langhost-node"));
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(root, "cache", "langhost-node", "node_modules"));
  fs.mkdirSync(path.join(root, "cache", "python-runtime", "site"), { recursive: true });
  fs.writeFileSync(path.join(root, "exec.py"), FAKE_EXEC);
  const sdk = path.join(root, "sdk", "pulumi_aigc");
  fs.mkdirSync(sdk, { recursive: true });
  fs.writeFileSync(
    path.join(sdk, "pulumi-plugin.json"),
    JSON.stringify({ resource: true, name: "aigc", version: "0.4.0" }),
  );
  fs.mkdirSync(path.join(root, "project"));

  engine = net.createServer((s) => s.destroy());
  engine.listen(0, "127.0.0.1");
  await once(engine, "listening");
  const { port } = engine.address() as net.AddressInfo;
  const args = [
    path.join(bin, "pulumi-language-python"),
    "--use-executor",
    path.join(root, "exec.py"),
    `127.0.0.1:${port}`,
  ];
  host = spawn(process.execPath, args, {
    cwd: path.join(root, "project"),
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      PYTHONPATH: path.join(root, "sdk"),
      PULUMI_PYTHON_CMD: "python3",
      FAKE_EXEC_OUT: path.join(root, "exec.json"),
    },
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
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const call = <T>(method: string, request: unknown) =>
  new Promise<T>((resolve, reject) =>
    client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
  );

function runRequest(entryArgs: string[]) {
  const info = new lang.ProgramInfo();
  info.setRootDirectory(path.join(root, "project"));
  info.setProgramDirectory(path.join(root, "project"));
  info.setEntryPoint(".");
  const req = new lang.RunRequest();
  req.setInfo(info);
  req.setProject("shop");
  req.setStack("dev");
  req.setPwd(path.join(root, "project"));
  req.setMonitorAddress("127.0.0.1:1");
  req.setParallel(4);
  req.setArgsList(entryArgs);
  req.getConfigMap().set("aigc:endpoint", "http://127.0.0.1:4566");
  return req;
}

interface RunResponse {
  getError(): string;
  getBail(): boolean;
}

describe("Python language host stand-in, as installed in the CLI's bin directory", () => {
  it("reports the CLI's version and requires the aigc plugin named by the SDK's pulumi-plugin.json", async () => {
    const info = await call<{ getVersion(): string }>("getPluginInfo", new Empty());
    expect(info.getVersion()).toBe("3.248.0");
    const res = await call<{
      getPackagesList(): Array<{ getName(): string; getVersion(): string; getKind(): string }>;
    }>("getRequiredPackages", new lang.GetRequiredPackagesRequest());
    expect(res.getPackagesList().map((p) => [p.getName(), p.getVersion(), p.getKind()])).toEqual([
      ["aigc", "v0.4.0", "resource"],
    ]);
  });

  it("lists the SDK and the Pulumi packages for `pulumi about`", async () => {
    const res = await call<{ getDependenciesList(): Array<{ getName(): string; getVersion(): string }> }>(
      "getProgramDependencies",
      new lang.GetProgramDependenciesRequest(),
    );
    expect(res.getDependenciesList().map((d) => [d.getName(), d.getVersion()])).toEqual([
      ["pulumi", "3.248.0"],
      ["aigc", "0.4.0"],
    ]);
  });

  it("installs nothing and says so", async () => {
    const stream = client.installDependencies(new lang.InstallDependenciesRequest());
    const chunks: string[] = [];
    stream.on("data", (r: { getStdout_asU8(): Uint8Array }) => chunks.push(Buffer.from(r.getStdout_asU8()).toString()));
    await once(stream, "end");
    expect(chunks.join("")).toMatch(/installs nothing.*PYTHONPATH/s);
  });

  it("runs the exec script with the Go host's flags, the config, the runtime on PYTHONPATH; 32 is a bail", async () => {
    const res = await call<RunResponse>("run", runRequest(["bail"]));
    const got = JSON.parse(fs.readFileSync(path.join(root, "exec.json"), "utf8"));
    expect(got.argv).toEqual([
      ...["--monitor", "127.0.0.1:1", "--engine", `127.0.0.1:${(engine.address() as net.AddressInfo).port}`],
      ...["--project", "shop", "--root_directory", path.join(root, "project"), "--stack", "dev"],
      ...["--pwd", path.join(root, "project"), "--dry_run", "false", "--parallel", "4", ".", "bail"],
    ]);
    expect(JSON.parse(got.env.PULUMI_CONFIG)).toEqual({ "aigc:endpoint": "http://127.0.0.1:4566" });
    expect(got.env.PYTHONPATH).toBe(
      [path.join(root, "sdk"), path.join(root, "cache", "python-runtime", "site")].join(path.delimiter),
    );
    expect([res.getError(), res.getBail()]).toEqual(["", true]);
  });

  it("Cancel interrupts a running program, which then reports its exit", async () => {
    const running = call<RunResponse>("run", runRequest(["sleep"]));
    const started = Date.now();
    while (
      !fs.existsSync(path.join(root, "exec.json")) ||
      !fs.readFileSync(path.join(root, "exec.json"), "utf8").includes("sleep")
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await call("cancel", new Empty());
    const res = await running;
    expect(res.getError()).toMatch(/non-zero exit code|exited unexpectedly/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
