import * as net from "node:net";
import { runCancellation } from "./run-cancellation";

const PROBE_EVERY_MS = 5_000;
/** How long a process whose engine is gone waits for its submissions in flight to be recorded. */
const RECORD_GRACE_MS = 60_000;

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
  keepWritingWithoutReader();
  const timer = setInterval(() => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000);
    socket.once("connect", () => socket.destroy());
    socket.once("timeout", () => socket.destroy());
    socket.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNREFUSED") {
        clearInterval(timer);
        process.stderr.write("[pulumi-aigc] the Pulumi engine is gone; stopping (known job ids are journaled)\n");
        stopWhenRecorded();
      }
    });
  }, PROBE_EVERY_MS);
  timer.unref();
}

/**
 * Cancels the run (nothing more is submitted: a claim not yet sent is left to the next run), then exits once no
 * submission is between its claim and its record. Exiting in that window would leave an intent the next run
 * cannot settle for a vendor that does not deduplicate (ICE, aicontent): reported, or resubmitted and paid twice.
 */
function stopWhenRecorded(): void {
  runCancellation.engineLost();
  const deadline = Date.now() + RECORD_GRACE_MS;
  const check = setInterval(() => {
    if (runCancellation.idle || Date.now() > deadline) process.exit(0);
  }, 50);
  check.unref();
}

/**
 * The engine reads this process's stdout and stderr: once it is killed, a write there fails with EPIPE, which
 * Node raises as an uncaught error, ending the process at its next log line, possibly between a submission and
 * its record (an intent the next run must recover or report). Those writes are dropped instead.
 */
function keepWritingWithoutReader(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") throw err;
    });
  }
}
