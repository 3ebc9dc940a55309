import { AsyncLocalStorage } from "node:async_hooks";
import type { WaitProgress } from "../../sdk/core/wait/waiter";
import { currentUrn, engineLog } from "./engine-channel";

/** How often a long wait says where its job is (wall-clock time, whatever the wait's clock). */
export const WAIT_SUMMARY_EVERY_MS = 30_000;

/**
 * A job resource's log: a call says something worth keeping (it is listed under Diagnostics too); `status` says
 * where the job is (shown on the job's row only, replaced by the next line).
 */
export type JobLog = ((message: string) => void) & { readonly status: (message: string) => void };

/**
 * A logger for one resource's job. Inside the dynamic-provider process its lines go through the engine onto the
 * resource's own row (./engine-channel.ts); without the resource's URN (another host, a test), to stderr, which the
 * engine shows on the stack's row: there they name the kind and the resource. Never pass anything secret here.
 */
export function progressLogger(kindName: string, inputs: Record<string, unknown>): JobLog {
  const scope = typeof inputs.idempotencyScope === "string" ? inputs.idempotencyScope : "";
  const name = scope.split("/").pop() || kindName;
  // The URN of the call that made this logger: a wait's timers run later but in the same call.
  const urn = currentUrn();
  // An item of a batch (../batch/): its lines name the item, and its status lines give way to the batch's count.
  const item = batchItem.getStore();
  const say = (severity: "info" | "status") => (message: string) => {
    if (item && severity === "status") return;
    const text = item ? `${item}: ${message}` : message;
    engineLog(severity, urn ? text : `[pulumi-aigc] ${kindName} "${name}": ${text}`, urn);
  };
  return Object.assign(say("info"), { status: say("status") });
}

const batchItem = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as the work of one item of a batch resource, `label` naming it (`items["sku-42"]`): its loggers prefix
 * their lines with the label and drop status lines, so a batch shows one count ("412/1000 finished"), not a line
 * per item.
 */
export function asBatchItem<T>(label: string, fn: () => Promise<T>): Promise<T> {
  return batchItem.run(label, fn);
}

/** The status side of a logger (a plain logger has none: then every line is kept). */
export function statusOf(log: ((message: string) => void) | JobLog): (message: string) => void {
  return "status" in log ? log.status : log;
}

/**
 * What a job's wait reports, as a `WaitOptions.onProgress` callback: a status line when the job ends (its status
 * and the seconds waited) and, while it runs, at most one every `everyMs` (its status, progress when the vendor
 * reports one, seconds). Every wait the provider runs logs through this.
 */
export function waitProgressLogger(
  log: ((message: string) => void) | JobLog,
  everyMs = WAIT_SUMMARY_EVERY_MS,
  now: () => number = Date.now,
): (p: WaitProgress) => void {
  const say = statusOf(log);
  let lastAt = now();
  return (p) => {
    const seconds = `${Math.round(p.elapsedMs / 1000)} s`;
    if (p.nextDelayMs === undefined) {
      say(`job ${p.jobId} ${p.status} after ${seconds}`);
      return;
    }
    if (now() - lastAt < everyMs) return;
    lastAt = now();
    const progress = p.progress === undefined ? "" : ` ${p.progress}%`;
    say(`job ${p.jobId} ${p.status}${progress} (${seconds})`);
  };
}
