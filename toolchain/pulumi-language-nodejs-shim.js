#!/usr/bin/env node
// Stand-in for Pulumi's Go language host `pulumi-language-nodejs`, installed by toolchain/pulumi-cli.sh ONLY
// when the Go module of the real host cannot be fetched (the offline Go proxy here refuses every version of
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3). The engine (the real `pulumi` CLI) and
// the program runner (the real `@pulumi/pulumi/cmd/run` of the project) are untouched: this file only serves
// the LanguageRuntime gRPC calls the engine makes and starts `node .../cmd/run` the way the Go host does
// (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, v3.248.0 era):
//
//   launch:   pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] <engine address>, cwd = project dir;
//             the first stdout line is the gRPC port.
//   Run:      node [nodeargs] <require.resolve('@pulumi/pulumi/cmd/run') from the program dir>
//               --monitor A --engine E --organization O --project P --root-directory R --stack S --pwd D
//               [--dry-run] --parallel N <entryPoint> [args...]
//             env PULUMI_CONFIG (keys "<ns>:config:<k>"), PULUMI_CONFIG_SECRET_KEYS, PULUMI_NODEJS_TYPESCRIPT,
//             PULUMI_NODEJS_TSCONFIG_PATH; exit 32 = bail (error already shown), other non-zero = error.
//   Plugins:  GetRequiredPackages/GetRequiredPlugins answer an empty list (a program of dynamic resources
//             needs no provider plugins); GetPluginInfo reports the CLI version.
//
// Differences from the Go host, on purpose: no monitor proxy and no sync-invoke pipes (the runner talks to
// the engine's monitor directly; invokes stay asynchronous), no managed Node download, no `pulumi about`
// dependency listing, no `pulumi install`/`convert`/`package` support.
"use strict";

const { spawn } = require("node:child_process");
// The gRPC plumbing both stand-ins share, installed next to this file by toolchain/pulumi-cli.sh.
const { loadGrpc, withUnimplemented, serve, stopWithEngine } = require("./language-host-server.js");

const VERSION = "3.248.0";
const BAIL_EXIT_CODE = 32; // nodeJSProcessExitedAfterLoggingUserActionableMessage in @pulumi/pulumi/cmd/run

/** Splits nodeargs like a POSIX shell would for simple quoted words (the Go host uses shlex). */
function splitArgs(text) {
  const out = [];
  const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? m[3]));
  return out;
}

function parseOptions(struct) {
  const raw = struct ? struct.toJavaScript() : {};
  const opts = { typescript: true, nodeargs: "", tsconfig: "" };
  if (raw.typescript !== undefined) {
    if (typeof raw.typescript !== "boolean") throw new Error("typescript option must be a boolean");
    opts.typescript = raw.typescript;
  }
  for (const key of ["nodeargs", "tsconfig"]) {
    if (raw[key] !== undefined) {
      if (typeof raw[key] !== "string") throw new Error(`${key} option must be a string`);
      opts[key] = raw[key];
    }
  }
  return opts;
}

/** The name the engine knows each configuration key by in the program: "<ns>:config:<k>" for "<ns>:<k>". */
function programConfig(configMap) {
  const config = {};
  for (const [key, value] of configMap.entries()) {
    const i = key.indexOf(":");
    config[i > 0 ? `${key.slice(0, i)}:config:${key.slice(i + 1)}` : key] = value;
  }
  return config;
}

/** Where the program is and how to run it, from a RunRequest (newer engines send ProgramInfo). */
function programLocation(req) {
  const info = req.getInfo();
  return {
    programDir: info ? info.getProgramDirectory() : req.getPwd(),
    rootDir: info ? info.getRootDirectory() : "",
    entryPoint: (info ? info.getEntryPoint() : req.getProgram()) || ".",
    options: info ? info.getOptions() : undefined,
  };
}

/** The arguments of `node` that run the project's `@pulumi/pulumi/cmd/run`, flag for flag as the Go host. */
function runnerArgv(req, where, opts, runPath, engineAddress) {
  const argv = [...splitArgs(opts.nodeargs), runPath];
  const flag = (name, value) => {
    if (value) argv.push(`--${name}`, String(value));
  };
  flag("monitor", req.getMonitorAddress());
  flag("engine", engineAddress);
  flag("organization", req.getOrganization());
  flag("project", req.getProject());
  flag("root-directory", where.rootDir);
  flag("stack", req.getStack());
  flag("pwd", where.programDir);
  if (req.getDryrun()) argv.push("--dry-run");
  argv.push("--parallel", String(req.getParallel()));
  argv.push(where.entryPoint, ...req.getArgsList());
  return argv;
}

/** The runner's environment: ours plus the stack's config, its secret keys and the TypeScript options. */
function runnerEnv(req, opts, baseEnv) {
  const env = {
    ...baseEnv,
    PULUMI_CONFIG: JSON.stringify(programConfig(req.getConfigMap())),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
  };
  if (opts.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (opts.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = opts.tsconfig;
  return env;
}

/** Maps the runner's exit to the RunResponse fields: bail (error already shown) or an error message. */
function runOutcome(code, signal) {
  if (code === 0) return { error: "", bail: false };
  if (code === BAIL_EXIT_CODE) return { error: "", bail: true };
  return { error: `Program exited with non-zero exit code: ${code ?? signal}`, bail: false };
}

/** The Run call: starts the runner as a child (tracked in `children` for Cancel and shutdown). */
function runProgram(lang, engineAddress, children, call, cb) {
  const req = call.request;
  const answer = ({ error, bail }) => {
    const resp = new lang.RunResponse();
    resp.setError(error);
    resp.setBail(bail);
    cb(null, resp);
  };
  const where = programLocation(req);
  let opts;
  let runPath;
  try {
    opts = parseOptions(where.options);
    runPath = require.resolve(process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run", {
      paths: [where.programDir],
    });
  } catch (err) {
    answer({
      error:
        "It looks like the Pulumi SDK has not been installed. Have you run npm install or yarn install? " +
        `(${err.message})`,
      bail: false,
    });
    return;
  }
  const child = spawn("node", runnerArgv(req, where, opts, runPath, engineAddress), {
    stdio: ["ignore", "inherit", "inherit"],
    env: runnerEnv(req, opts, process.env),
  });
  children.add(child);
  child.on("error", (err) => {
    children.delete(child);
    answer({ error: `Problem executing program (could not run language executor): ${err.message}`, bail: false });
  });
  child.on("exit", (code, signal) => {
    children.delete(child);
    answer(runOutcome(code, signal));
  });
}

/** The LanguageRuntime methods the stand-in serves. */
function languageRuntime({ lang, plugin, empty }, engineAddress, children) {
  const reply = (Type, fill) => (_call, cb) => {
    const resp = new Type();
    fill(resp);
    cb(null, resp);
  };
  return {
    getPluginInfo: reply(plugin.PluginInfo, (r) => r.setVersion(VERSION)),
    // A program of dynamic resources needs no provider plugins.
    getRequiredPlugins: reply(lang.GetRequiredPluginsResponse, (r) => r.setPluginsList([])),
    getRequiredPackages: reply(lang.GetRequiredPackagesResponse, (r) => r.setPackagesList([])),
    getProgramDependencies: reply(lang.GetProgramDependenciesResponse, (r) => r.setDependenciesList([])),
    about: reply(lang.AboutResponse, (r) => {
      r.setExecutable(process.execPath);
      r.setVersion(process.version);
    }),
    run: (call, cb) => runProgram(lang, engineAddress, children, call, cb),
    cancel(_call, cb) {
      for (const child of children) child.kill("SIGINT");
      cb(null, new empty.Empty());
    },
  };
}

function main() {
  const modules = loadGrpc("pulumi-language-nodejs", [process.cwd(), __dirname], "run 'npm install' in the project");
  // The engine's address is the last positional argument (flags such as -v=N or --tracing URL come first).
  const engineAddress =
    process.argv
      .slice(2)
      .filter((a) => !a.startsWith("-"))
      .pop() ?? "";
  const children = new Set();
  const service = modules.services.LanguageRuntimeService;
  const handlers = languageRuntime(modules, engineAddress, children);
  serve("pulumi-language-nodejs", modules.grpc, service, withUnimplemented(modules.grpc, service, handlers));
  stopWithEngine(engineAddress, children);
}

module.exports = { splitArgs, parseOptions, programConfig, runnerArgv, runnerEnv, runOutcome };
if (require.main === module) main();
