import type { WaitProgress } from "../../sdk/core/waiter";

/**
 * A logger for one resource's job. The dynamic-provider process has no connection to Pulumi's log
 * service, but the engine relays what a provider writes to stderr, so `pulumi up` shows the progress of
 * long waits. Never pass anything secret here.
 */
export function progressLogger(kindName: string, inputs: Record<string, unknown>): (message: string) => void {
  const scope = typeof inputs.idempotencyScope === "string" ? inputs.idempotencyScope : "";
  const name = scope.split("/").pop() || kindName;
  return (message) => process.stderr.write(`[pulumi-aigc] ${kindName} "${name}": ${message}\n`);
}

/**
 * What a job's wait reports at each poll, as a `WaitOptions.onProgress` callback: the job id, its status, the
 * progress when the vendor reports one, and the seconds waited. Every wait the provider runs logs through this.
 */
export function waitProgressLogger(log: (message: string) => void): (p: WaitProgress) => void {
  return (p) => {
    const progress = p.progress === undefined ? "" : ` ${p.progress}%`;
    log(`${p.jobId} ${p.status}${progress} (${Math.round(p.elapsedMs / 1000)} s)`);
  };
}
