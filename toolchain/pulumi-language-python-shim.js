#!/usr/bin/env node
// Stand-in for Pulumi's Go language host `pulumi-language-python`, installed by toolchain/pulumi-cli.sh ONLY
// when no real host is there (the offline Go proxy refuses github.com/pulumi/pulumi/sdk/python/cmd/
// pulumi-language-python/v3, and PyPI is unreachable). The engine and the program runner are Pulumi's own:
// this file serves the LanguageRuntime gRPC calls the engine makes and starts Pulumi's exec script
// (sdk/python/cmd/pulumi-language-python-exec, v3.248.0) the way the Go host does (its main.go, same tag):
//
//   launch:   pulumi-language-python [--tracing URL] [--use-executor PATH] <engine address>, cwd = project dir;
//             the first stdout line is the gRPC port.
//   Run:      <python> <exec> --monitor M --engine E --project P --root_directory R --stack S --pwd D
//               --dry_run true|false --parallel N [--tracing T] --organization O <entryPoint> [args...]
//             env PULUMI_CONFIG (the request's config, keys "<ns>:<k>" as they are), PULUMI_CONFIG_SECRET_KEYS;
//             exit 32 = bail (error already shown), other non-zero = error. Cancel sends SIGINT, then SIGKILL 5 s
//             later (the Go host's cmd.Cancel and WaitDelay).
//   Packages: GetRequiredPackages lists each package on the program's import path holding a
//             `pulumi-plugin.json` (the Go host asks the environment's distributions for the same file).
//
// The Python runtime (the Pulumi SDK 3.248.0 from the Go module cache, compat modules where Debian's packages
// are older, the interpreter to use, the exec script) is made by scripts/python-runtime.js in
// <cache>/pulumi-v3.248.0/python-runtime, beside this host's bin directory. Its site directory is appended to
// the program's PYTHONPATH; the program's own packages (a generated SDK) come first, from the PYTHONPATH the
// engine was started with.
//
// Differences from the Go host, on purpose: no virtualenv, toolchain (poetry, uv) or typechecker options, no
// debugger, no tracing (TRACEPARENT is not passed on: the runtime's opentelemetry may be a no-op stand-in),
// InstallDependencies installs nothing (it says so), `pulumi about` lists the SDK and the Pulumi packages only,
// no code generation.
"use strict";

const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { loadGrpc, withUnimplemented, serve, stopWithEngine } = require("./language-host-server.js");

const HOST = "pulumi-language-python";
const VERSION = "3.248.0";
const BAIL_EXIT_CODE = 32; // PYTHON_PROCESS_EXITED_AFTER_SHOWING_USER_ACTIONABLE_MESSAGE_CODE in the exec script
const CANCEL_GRACE_MS = 5000;
const SETUP_HINT = "run `node scripts/setup.js` in pulumi-aigc (it makes the Python runtime this host uses)";

/** Where the runtime made by scripts/python-runtime.js lives for a host installed in `hostDir`. */
function runtimeLayout(hostDir) {
  const dir = path.join(hostDir, "..", "python-runtime");
  return {
    dir,
    site: path.join(dir, "site"),
    interpreter: path.join(dir, "interpreter"),
    exec: path.join(dir, "pulumi-language-python-exec"),
  };
}

/** The launch flags the Go host knows: --tracing, --use-executor, --version; the engine's address last. */
function parseLaunchArgs(argv) {
  const out = { tracing: "", executor: "", version: false, engineAddress: "" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : (argv[++i] ?? ""));
    if (flag === "--tracing" || flag === "-tracing") out.tracing = value();
    else if (flag === "--use-executor" || flag === "-use-executor") out.executor = value();
    else if (flag === "--version" || flag === "-version") out.version = true;
    else if (!argv[i].startsWith("-")) out.engineAddress = argv[i];
  }
  return out;
}

/** The project's `runtime.options`: the stand-in supports none of the Go host's, and says so. */
function checkOptions(struct) {
  const raw = struct ? struct.toJavaScript() : {};
  for (const key of ["virtualenv", "typechecker", "toolchain"]) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] !== "string") throw new Error(`${key} option must be a string`);
    if (key === "toolchain" && raw[key] === "pip") continue;
    throw new Error(
      `the ${key} option (${raw[key]}) is not supported by the stand-in Python host: it runs programs with ` +
        "the runtime made by scripts/setup.js; remove the option",
    );
  }
}

/** The interpreter: PULUMI_PYTHON_CMD as the Go host, else the one the runtime was checked with, else python3. */
function pythonCommand(env, layout) {
  if (env.PULUMI_PYTHON_CMD) return env.PULUMI_PYTHON_CMD;
  try {
    const recorded = fs.readFileSync(layout.interpreter, "utf8").trim();
    if (recorded) return recorded;
  } catch {
    /* no runtime yet: Run reports it */
  }
  return "python3";
}

/** The program's import path: the engine's PYTHONPATH first (the program's packages), the runtime's site last. */
function importPath(env, layout) {
  return [...(env.PYTHONPATH ?? "").split(path.delimiter).filter(Boolean), layout.site];
}

/** The exec script's arguments, flag for flag as the Go host's constructArguments. */
function execArgs(req, engineAddress, tracing) {
  const args = [];
  const flag = (name, value) => {
    if (value) args.push(`--${name}`, String(value));
  };
  const info = req.getInfo();
  flag("monitor", req.getMonitorAddress());
  flag("engine", engineAddress);
  flag("project", req.getProject());
  flag("root_directory", info ? info.getRootDirectory() : "");
  flag("stack", req.getStack());
  flag("pwd", req.getPwd());
  flag("dry_run", String(req.getDryrun()));
  flag("parallel", String(req.getParallel()));
  flag("tracing", tracing);
  flag("organization", req.getOrganization());
  args.push((info ? info.getEntryPoint() : req.getProgram()) || ".", ...req.getArgsList());
  return args;
}

/** The program's environment: the engine's, the stack's config and secret keys, the runtime on PYTHONPATH. */
function execEnv(req, baseEnv, layout) {
  const env = { ...baseEnv, PYTHONPATH: importPath(baseEnv, layout).join(path.delimiter) };
  delete env.TRACEPARENT;
  const config = req.getConfigMap();
  if (config.getLength() > 0) env.PULUMI_CONFIG = JSON.stringify(Object.fromEntries(config.entries()));
  env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(req.getConfigsecretkeysList());
  return env;
}

/** Maps the program's exit to the RunResponse fields, with the Go host's messages. */
function runOutcome(code, signal) {
  if (code === 0) return { error: "", bail: false };
  if (code === BAIL_EXIT_CODE) return { error: "", bail: true };
  if (code === null) return { error: `program exited unexpectedly: signal: ${signal}`, bail: false };
  return { error: `program exited with non-zero exit code: ${code}`, bail: false };
}

/**
 * The Pulumi packages a program can import: each directory on its import path holding a `pulumi-plugin.json`
 * that declares a resource plugin with a version (the Go host's packageDependencyFromPluginJSON; without a pip
 * distribution there is no package version to fall back on). The first of a name wins, as in Python.
 */
function requiredPackages(dirs) {
  const found = new Map();
  for (const dir of dirs) {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name, "pulumi-plugin.json");
      if (!entry.isDirectory() || !fs.existsSync(file)) continue;
      const json = JSON.parse(fs.readFileSync(file, "utf8"));
      if (!json.resource || !json.version) continue;
      const name = json.name || entry.name.replace(/^pulumi_/, "");
      if (found.has(name)) continue;
      const version = json.version.startsWith("v") ? json.version : `v${json.version}`;
      found.set(name, { name, version, server: json.server ?? "", parameterization: json.parameterization });
    }
  }
  return [...found.values()];
}

/** A PackageDependency message for each required package. */
function packageMessages(plugin, packages) {
  return packages.map((p) => {
    const dep = new plugin.PackageDependency();
    dep.setName(p.name);
    dep.setKind("resource");
    dep.setVersion(p.version);
    dep.setServer(p.server);
    if (p.parameterization) {
      const param = new plugin.PackageParameterization();
      param.setName(p.parameterization.name);
      param.setVersion(p.parameterization.version);
      param.setValue(Buffer.from(p.parameterization.value ?? "", "base64"));
      dep.setParameterization(param);
    }
    return dep;
  });
}

/** PluginDependency messages (older engines ask for plugins): the packages without parameterization. */
function pluginMessages(plugin, packages) {
  return packages.map((p) => {
    const dep = new plugin.PluginDependency();
    dep.setName(p.name);
    dep.setKind("resource");
    dep.setVersion(p.version);
    dep.setServer(p.server);
    return dep;
  });
}

/** DependencyInfo messages for `pulumi about`: the SDK the runtime carries, then the Pulumi packages. */
function dependencyMessages(lang, packages) {
  return [{ name: "pulumi", version: VERSION }, ...packages].map((p) => {
    const dep = new lang.DependencyInfo();
    dep.setName(p.name);
    dep.setVersion(p.version.replace(/^v/, ""));
    return dep;
  });
}

/** InstallDependencies (`pulumi install`): there is nothing this host can install; it says so and succeeds. */
function installNothing(lang, call) {
  const resp = new lang.InstallDependenciesResponse();
  resp.setStdout(
    Buffer.from(
      `${HOST} (stand-in): installs nothing. Programs run with the Python runtime made by scripts/setup.js ` +
        "(the Pulumi SDK from the Go module cache, Debian's python3 packages); put other packages on PYTHONPATH.\n",
    ),
  );
  call.write(resp);
  call.end();
}

/** The Run call: starts the exec script as a child (tracked in `children` for Cancel and shutdown). */
function runProgram({ lang, launch, layout, children }, call, cb) {
  const req = call.request;
  const answer = ({ error, bail }) => {
    const resp = new lang.RunResponse();
    resp.setError(error);
    resp.setBail(bail);
    cb(null, resp);
  };
  const info = req.getInfo();
  try {
    checkOptions(info ? info.getOptions() : undefined);
  } catch (err) {
    cb({ code: 3, details: err.message });
    return;
  }
  const exec = launch.executor || layout.exec;
  if (!fs.existsSync(exec) || !fs.existsSync(layout.site)) {
    answer({ error: `the Python runtime of the stand-in host is missing (${layout.dir}): ${SETUP_HINT}`, bail: false });
    return;
  }
  const child = spawn(
    pythonCommand(process.env, layout),
    [exec, ...execArgs(req, launch.engineAddress, launch.tracing)],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: execEnv(req, process.env, layout),
    },
  );
  children.add(child);
  child.on("error", (err) => {
    children.delete(child);
    answer({ error: `problem executing program (could not run language executor): ${err.message}`, bail: false });
  });
  child.on("exit", (code, signal) => {
    children.delete(child);
    answer(runOutcome(code, signal));
  });
}

/** The Python interpreter's path and version, for `pulumi about`. */
function aboutPython(layout) {
  const python = pythonCommand(process.env, layout);
  const res = spawnSync(python, ["-c", "import sys; print(sys.executable); print(sys.version.split()[0])"], {
    encoding: "utf8",
  });
  const [executable = python, version = ""] = (res.stdout ?? "").trim().split("\n");
  return { executable, version };
}

/** The LanguageRuntime methods the stand-in serves. */
function languageRuntime(ctx) {
  const { lang, plugin, empty, layout, children } = ctx;
  const reply = (Type, fill) => (_call, cb) => {
    const resp = new Type();
    fill(resp);
    cb(null, resp);
  };
  const packages = () => requiredPackages(importPath(process.env, layout));
  return {
    getPluginInfo: reply(plugin.PluginInfo, (r) => r.setVersion(VERSION)),
    getRequiredPackages: reply(lang.GetRequiredPackagesResponse, (r) =>
      r.setPackagesList(packageMessages(plugin, packages())),
    ),
    // Older engines ask for plugins: the same list, without parameterization.
    getRequiredPlugins: reply(lang.GetRequiredPluginsResponse, (r) =>
      r.setPluginsList(pluginMessages(plugin, packages())),
    ),
    // `pulumi about`: the SDK the runtime carries and the Pulumi packages on the import path.
    getProgramDependencies: reply(lang.GetProgramDependenciesResponse, (r) =>
      r.setDependenciesList(dependencyMessages(lang, packages())),
    ),
    installDependencies: (call) => installNothing(lang, call),
    about: reply(lang.AboutResponse, (r) => {
      const { executable, version } = aboutPython(layout);
      r.setExecutable(executable);
      r.setVersion(version);
      r.getMetadataMap().set("toolchain", "stand-in");
    }),
    run: (call, cb) => runProgram(ctx, call, cb),
    cancel(_call, cb) {
      for (const child of children) {
        child.kill("SIGINT");
        setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), CANCEL_GRACE_MS).unref();
      }
      cb(null, new empty.Empty());
    },
  };
}

function main() {
  const launch = parseLaunchArgs(process.argv.slice(2));
  if (launch.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  // The project directory of a Python program has no node_modules: gRPC comes from the copy the toolchain keeps
  // beside the bin directory (toolchain/pulumi-cli.sh), or from a checkout when run from toolchain/.
  const modules = loadGrpc(
    HOST,
    [path.join(__dirname, "..", "langhost-node"), process.cwd(), __dirname],
    "run `node scripts/setup.js` in pulumi-aigc",
  );
  const children = new Set();
  const ctx = { ...modules, launch, layout: runtimeLayout(__dirname), children };
  const service = modules.services.LanguageRuntimeService;
  serve(HOST, modules.grpc, service, withUnimplemented(modules.grpc, service, languageRuntime(ctx)));
  stopWithEngine(launch.engineAddress, children);
}

module.exports = {
  runtimeLayout,
  parseLaunchArgs,
  checkOptions,
  pythonCommand,
  importPath,
  execArgs,
  execEnv,
  runOutcome,
  requiredPackages,
};
if (require.main === module) main();
