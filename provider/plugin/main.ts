// The `pulumi-resource-aigc` provider plugin's entry point: `node dist/provider/plugin/main.js <engine address>`,
// started by the engine through the `pulumi-resource-aigc` wrapper (bin/). It serves the ResourceProvider protocol
// on a loopback port it prints on stdout (the engine reads that line), logs through the engine, and exits once the
// engine is gone. Written here rather than @pulumi/pulumi's `provider.main()`, whose 3.248.0 version never passes
// the config to the provider, never enables preview, crashes on import and lacks CheckConfig/DiffConfig
// (docs/provider-plugin.md).
import { linkEngineWith } from "../runtime/engine-channel";
import { watchEngineAt } from "../runtime/engine-watchdog";
import { grpc, provrpc, pulumiRequire } from "./grpc-modules";
import { grpcImplementation } from "./grpc-service";
import { pluginVersion } from "./plugin-version";
import { AigcProviderService } from "./provider-service";

/** Connects this process's logging to the engine at `address` and exits once that engine is gone. */
function linkTo(address: string): void {
  const m = /^([\d.]+|localhost|\[[\d:a-f]+\]):(\d+)$/i.exec(address);
  if (!m) return;
  try {
    linkEngineWith(
      grpc,
      pulumiRequire("@pulumi/pulumi/proto/engine_grpc_pb"),
      pulumiRequire("@pulumi/pulumi/proto/engine_pb"),
      address,
    );
  } catch (err) {
    process.stderr.write(`[pulumi-aigc] cannot reach the engine's log (${(err as Error).message}); using stderr\n`);
  }
  watchEngineAt(m[1]!.replace(/^\[|\]$/g, ""), Number(m[2]));
}

/** Starts the server on 127.0.0.1 (a free port); resolves with the port and the server. */
export async function serve(
  engineAddress: string | undefined,
): Promise<{ port: number; server: import("@grpc/grpc-js").Server }> {
  if (engineAddress) linkTo(engineAddress);
  const service = new AigcProviderService(pluginVersion());
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, grpcImplementation(service, linkTo));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { port, server };
}

if (require.main === module) {
  serve(process.argv[2]).then(
    ({ port }) => process.stdout.write(`${port}\n`),
    (err: Error) => {
      process.stderr.write(`pulumi-resource-aigc: cannot start: ${err.message}\n`);
      process.exit(1);
    },
  );
}
