import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The stand-in Python host is plain CommonJS (it runs before any build); load it the way node does.
const shim = createRequire(__filename)("../../../toolchain/pulumi-language-python-shim.js");
const { parseLaunchArgs, checkOptions, pythonCommand, importPath, execArgs, execEnv, runOutcome, requiredPackages } =
  shim;

const struct = (obj: Record<string, unknown>) => ({ toJavaScript: () => obj });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "py-shim-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const layout = shim.runtimeLayout(path.join(tmp, "cache", "bin"));

// A RunRequest as the engine's protobuf object exposes it (getters only).
const runRequest = (dryRun: boolean, config: Array<[string, string]>) => ({
  getInfo: () => ({ getRootDirectory: () => "/p", getEntryPoint: () => "." }),
  getMonitorAddress: () => "127.0.0.1:5001",
  getOrganization: () => "organization",
  getProject: () => "shop",
  getStack: () => "dev",
  getPwd: () => "/p/app",
  getDryrun: () => dryRun,
  getParallel: () => 16,
  getArgsList: () => ["extra"],
  getConfigMap: () => {
    const m = new Map(config);
    return { getLength: () => m.size, entries: () => m.entries() };
  },
  getConfigsecretkeysList: () => ["aigc:tencentSecretKey"],
});

describe("Python language host stand-in", () => {
  it("reads the Go host's launch flags and takes the engine's address as the positional argument", () => {
    expect(parseLaunchArgs(["--tracing", "http://t", "-use-executor=/x/exec", "127.0.0.1:5000"])).toEqual({
      tracing: "http://t",
      executor: "/x/exec",
      version: false,
      engineAddress: "127.0.0.1:5000",
    });
    expect(parseLaunchArgs(["--version"]).version).toBe(true);
  });

  it("passes the exec script the Go host's flags in its order: --dry_run and --parallel always", () => {
    expect(execArgs(runRequest(true, []), "127.0.0.1:5000", "")).toEqual([
      ...["--monitor", "127.0.0.1:5001", "--engine", "127.0.0.1:5000", "--project", "shop"],
      ...["--root_directory", "/p", "--stack", "dev", "--pwd", "/p/app", "--dry_run", "true"],
      ...["--parallel", "16", "--organization", "organization", ".", "extra"],
    ]);
    const up = execArgs(runRequest(false, []), "", "http://trace");
    expect(up.slice(up.indexOf("--dry_run"), up.indexOf("--dry_run") + 2)).toEqual(["--dry_run", "false"]);
    expect(up).toContain("--tracing");
    expect(up).not.toContain("--engine");
  });

  it("hands the program its config keys as sent, the secret keys, and the runtime last on PYTHONPATH", () => {
    const base = { HOME: "/h", PYTHONPATH: "/sdk/python", TRACEPARENT: "00-abc" };
    const env = execEnv(runRequest(false, [["aigc:endpoint", "http://127.0.0.1:4566"]]), base, layout);
    expect(env.PULUMI_CONFIG).toBe(JSON.stringify({ "aigc:endpoint": "http://127.0.0.1:4566" }));
    expect(env.PULUMI_CONFIG_SECRET_KEYS).toBe(JSON.stringify(["aigc:tencentSecretKey"]));
    expect(env.PYTHONPATH).toBe(["/sdk/python", layout.site].join(path.delimiter));
    expect(env).not.toHaveProperty("TRACEPARENT"); // the runtime's opentelemetry may be a no-op stand-in
    expect(env.HOME).toBe("/h");
    expect(execEnv(runRequest(false, []), {}, layout)).not.toHaveProperty("PULUMI_CONFIG");
  });

  it("runs PULUMI_PYTHON_CMD, else the interpreter the runtime was checked with, else python3", () => {
    expect(pythonCommand({}, layout)).toBe("python3");
    fs.mkdirSync(layout.dir, { recursive: true });
    fs.writeFileSync(layout.interpreter, "/usr/bin/python3\n");
    expect(pythonCommand({}, layout)).toBe("/usr/bin/python3");
    expect(pythonCommand({ PULUMI_PYTHON_CMD: "/opt/py/bin/python" }, layout)).toBe("/opt/py/bin/python");
  });

  it("refuses the Go host's options it does not support, by name", () => {
    expect(() => checkOptions(undefined)).not.toThrow();
    expect(() => checkOptions(struct({ toolchain: "pip" }))).not.toThrow();
    expect(() => checkOptions(struct({ virtualenv: "venv" }))).toThrow(/virtualenv option \(venv\) is not supported/);
    expect(() => checkOptions(struct({ toolchain: "uv" }))).toThrow(/toolchain option \(uv\)/);
    expect(() => checkOptions(struct({ typechecker: 1 }))).toThrow(/typechecker option must be a string/);
  });

  it("reports a bail (exit 32) without a message and any other failure with the Go host's words", () => {
    expect(runOutcome(0, null)).toEqual({ error: "", bail: false });
    expect(runOutcome(32, null)).toEqual({ error: "", bail: true });
    expect(runOutcome(1, null)).toEqual({ error: "program exited with non-zero exit code: 1", bail: false });
    expect(runOutcome(null, "SIGKILL").error).toBe("program exited unexpectedly: signal: SIGKILL");
  });

  it("requires the plugin of each package on the import path that has a pulumi-plugin.json, first one winning", () => {
    const write = (dir: string, pkg: string, json: unknown) => {
      fs.mkdirSync(path.join(tmp, dir, pkg), { recursive: true });
      fs.writeFileSync(path.join(tmp, dir, pkg, "pulumi-plugin.json"), JSON.stringify(json));
    };
    write("a", "pulumi_aigc", { resource: true, name: "aigc", version: "0.4.0" });
    write("a", "pulumi_random", { resource: true, version: "v4.1.0", server: "https://example.com" });
    write("a", "pulumi_policy", { resource: false, name: "policy", version: "1.0.0" });
    write("a", "pulumi_noversion", { resource: true, name: "noversion" });
    write("b", "pulumi_aigc", { resource: true, name: "aigc", version: "9.9.9" });
    fs.mkdirSync(path.join(tmp, "a", "plain"), { recursive: true });
    const found = requiredPackages([path.join(tmp, "a"), path.join(tmp, "missing"), path.join(tmp, "b")]);
    expect(found.map((p: { name: string; version: string; server: string }) => [p.name, p.version, p.server])).toEqual([
      ["aigc", "v0.4.0", ""],
      ["random", "v4.1.0", "https://example.com"],
    ]);
    expect(importPath({ PYTHONPATH: `${tmp}/a${path.delimiter}` }, layout)).toEqual([`${tmp}/a`, layout.site]);
  });
});
