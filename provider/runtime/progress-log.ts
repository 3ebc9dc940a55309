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
