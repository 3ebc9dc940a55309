#!/usr/bin/env node
// Stand-in for Pulumi's Go language host `pulumi-language-nodejs`, installed by scripts/pulumi-cli.sh ONLY
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
const { createRequire } = require("node:module");
const _path = require("node:path");

const VERSION = "3.248.0";
const BAIL_EXIT_CODE = 32; // nodeJSProcessExitedAfterLoggingUserActionableMessage in @pulumi/pulumi/cmd/run

function loadGrpcFrom(dir) {
  const pulumiPkg = require.resolve("@pulumi/pulumi/package.json", { paths: [dir] });
  const fromPulumi = createRequire(pulumiPkg);
  return {
    grpc: fromPulumi("@grpc/grpc-js"),
    services: fromPulumi("./proto/language_grpc_pb.js"),
    lang: fromPulumi("./proto/language_pb.js"),
    plugin: fromPulumi("./proto/plugin_pb.js"),
  };
}

function loadGrpc() {
  const tried = [process.cwd(), __dirname];
  for (const dir of tried) {
    try {
      return loadGrpcFrom(dir);
    } catch {
      /* try the next place */
    }
  }
  process.stderr.write(
    `pulumi-language-nodejs (stand-in): cannot resolve @pulumi/pulumi from ${tried.join(" or ")}; ` +
      "run 'npm install' in the project\n",
  );
  process.exit(1);
}

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

function main() {
  const { grpc, services, lang, plugin } = loadGrpc();
  const args = process.argv.slice(2);
  const engineAddress = args.filter((a) => !a.startsWith("-")).pop() ?? "";
  const children = new Set();

  const impl = {
    getPluginInfo(_call, cb) {
      const info = new plugin.PluginInfo();
      info.setVersion(VERSION);
      cb(null, info);
    },
    getRequiredPlugins(_call, cb) {
      const resp = new lang.GetRequiredPluginsResponse();
      resp.setPluginsList([]);
      cb(null, resp);
    },
    getRequiredPackages(_call, cb) {
      const resp = new lang.GetRequiredPackagesResponse();
      resp.setPackagesList([]);
      cb(null, resp);
    },
    getProgramDependencies(_call, cb) {
      const resp = new lang.GetProgramDependenciesResponse();
      resp.setDependenciesList([]);
      cb(null, resp);
    },
    about(_call, cb) {
      const resp = new lang.AboutResponse();
      resp.setExecutable(process.execPath);
      resp.setVersion(process.version);
      cb(null, resp);
    },
    run(call, cb) {
      const req = call.request;
      const resp = new lang.RunResponse();
      const done = (error, bail) => {
        resp.setError(error ?? "");
        resp.setBail(Boolean(bail));
        cb(null, resp);
      };
      const info = req.getInfo();
      const programDir = info ? info.getProgramDirectory() : req.getPwd();
      const rootDir = info ? info.getRootDirectory() : "";
      const entryPoint = (info ? info.getEntryPoint() : req.getProgram()) || ".";
      let opts;
      let runPath;
      try {
        opts = parseOptions(info ? info.getOptions() : undefined);
        runPath = require.resolve(process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run", {
          paths: [programDir],
        });
      } catch (err) {
        done(
          "It looks like the Pulumi SDK has not been installed. Have you run npm install or yarn install? " +
            `(${err.message})`,
        );
        return;
      }
      const argv = [...splitArgs(opts.nodeargs), runPath];
      const flag = (name, value) => {
        if (value) argv.push(`--${name}`, String(value));
      };
      flag("monitor", req.getMonitorAddress());
      flag("engine", engineAddress);
      flag("organization", req.getOrganization());
      flag("project", req.getProject());
      flag("root-directory", rootDir);
      flag("stack", req.getStack());
      flag("pwd", programDir);
      if (req.getDryrun()) argv.push("--dry-run");
      argv.push("--parallel", String(req.getParallel()));
      argv.push(entryPoint, ...req.getArgsList());

      const config = {};
      for (const [key, value] of req.getConfigMap().entries()) {
        const i = key.indexOf(":");
        config[i > 0 ? `${key.slice(0, i)}:config:${key.slice(i + 1)}` : key] = value;
      }
      const env = {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
      };
      if (opts.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
      if (opts.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = opts.tsconfig;

      const child = spawn("node", argv, { stdio: ["ignore", "inherit", "inherit"], env });
      children.add(child);
      child.on("error", (err) => {
        children.delete(child);
        done(`Problem executing program (could not run language executor): ${err.message}`);
      });
      child.on("exit", (code, signal) => {
        children.delete(child);
        if (code === 0) done("");
        else if (code === BAIL_EXIT_CODE) done("", true);
        else done(`Program exited with non-zero exit code: ${code ?? signal}`);
      });
    },
    cancel(_call, cb) {
      for (const child of children) child.kill("SIGINT");
      cb(null, new (require("google-protobuf/google/protobuf/empty_pb").Empty)());
    },
  };

  // Methods we do not serve answer UNIMPLEMENTED, which the engine tolerates where it matters.
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  const full = {};
  for (const name of Object.keys(services.LanguageRuntimeService)) {
    const method = services.LanguageRuntimeService[name];
    full[name] =
      impl[name] ??
      ((call, cb) => {
        const err = {
          code: grpc.status.UNIMPLEMENTED,
          details: `${method.path} is not supported by the stand-in host`,
        };
        if (typeof cb === "function") cb(err);
        else call.emit("error", err);
      });
  }
  server.addService(services.LanguageRuntimeService, full);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`pulumi-language-nodejs (stand-in): cannot listen: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
  const stop = () => {
    for (const child of children) child.kill("SIGKILL");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  watchEngine(engineAddress, stop);
}

// When `pulumi` itself is SIGKILLed nobody closes this plugin; without this probe the process lived on,
// orphaned, after every killed run. The engine's gRPC port refusing connections means it is gone.
function watchEngine(address, stop) {
  const m = /^([\d.]+|localhost):(\d+)$/.exec(address);
  if (!m) return;
  const net = require("node:net");
  const timer = setInterval(() => {
    const socket = net.connect({ host: m[1], port: Number(m[2]) });
    socket.setTimeout(2000);
    socket.once("connect", () => socket.destroy());
    socket.once("timeout", () => socket.destroy());
    socket.once("error", (err) => {
      if (err.code === "ECONNREFUSED") stop();
    });
  }, 5000);
  timer.unref();
}

module.exports = { splitArgs, parseOptions };
if (require.main === module) main();
