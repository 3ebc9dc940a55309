import * as net from "node:net";

const PROBE_EVERY_MS = 5_000;

/**
 * Inside the dynamic-provider process only: exits once the engine that started it is gone. When `pulumi`
 * is killed (SIGKILL, a CI timeout) the provider process is orphaned — its parent is a shell script — and
 * would otherwise keep waiting on jobs nobody will record. Job ids already known are in the submission
 * journal, so the next `pulumi up` resumes them. Go plugins do the same with a health check.
 */
export function startEngineWatchdog(argv: readonly string[] = process.argv): void {
  if (!/dynamic-provider[\\/]index\.js$/.test(argv[1] ?? "")) return;
  const m = /^([\d.]+|localhost):(\d+)$/.exec(argv[2] ?? "");
  if (!m) return;
  watchEngineAt(m[1]!, Number(m[2]));
}

/**
 * Exits this process once nothing listens at the engine's `host:port` any more (probed every 5 s); the provider
 * plugin calls it with the engine address it was started with.
 */
export function watchEngineAt(host: string, port: number): void {
  const timer = setInterval(() => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000);
    socket.once("connect", () => socket.destroy());
    socket.once("timeout", () => socket.destroy());
    socket.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNREFUSED") {
        process.stderr.write("[pulumi-aigc] the Pulumi engine is gone; stopping (known job ids are journaled)\n");
        process.exit(0);
      }
    });
  }, PROBE_EVERY_MS);
  timer.unref();
}
