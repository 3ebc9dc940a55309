// The gRPC plumbing of the project's stand-in language hosts (toolchain/pulumi-language-*-shim.js): loading
// the LanguageRuntime stubs, serving them on a loopback port announced on stdout the way the engine expects,
// and ending with the engine. Plain CommonJS with no dependencies of its own: installed next to the stand-ins
// in the CLI's bin directory by toolchain/pulumi-cli.sh.
"use strict";

const { createRequire } = require("node:module");
const net = require("node:net");

/**
 * Loads gRPC and the LanguageRuntime stubs from the first directory that resolves `@pulumi/pulumi`.
 * Exits the process with `hint` on stderr when none does.
 */
function loadGrpc(hostName, dirs, hint) {
  for (const dir of dirs) {
    try {
      const pulumiPkg = require.resolve("@pulumi/pulumi/package.json", { paths: [dir] });
      const fromPulumi = createRequire(pulumiPkg);
      return {
        grpc: fromPulumi("@grpc/grpc-js"),
        services: fromPulumi("./proto/language_grpc_pb.js"),
        lang: fromPulumi("./proto/language_pb.js"),
        plugin: fromPulumi("./proto/plugin_pb.js"),
        empty: fromPulumi("google-protobuf/google/protobuf/empty_pb"),
      };
    } catch {
      /* try the next place */
    }
  }
  process.stderr.write(`${hostName} (stand-in): cannot resolve @pulumi/pulumi from ${dirs.join(" or ")}; ${hint}\n`);
  process.exit(1);
}

/** Every method of the service: ours, and UNIMPLEMENTED for the rest (the engine tolerates it where it matters). */
function withUnimplemented(grpc, service, impl) {
  const full = {};
  for (const [name, method] of Object.entries(service)) {
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
  return full;
}

/** Listens on a free loopback port and hands it to the engine: the first line on stdout. */
function serve(hostName, grpc, service, handlers) {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(service, handlers);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`${hostName} (stand-in): cannot listen: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
}

/** Ends the children and this host together: on a signal, or once the engine is gone. */
function stopWithEngine(engineAddress, children) {
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

module.exports = { loadGrpc, withUnimplemented, serve, stopWithEngine };
