// `aigc:maxSubmissionsPerUpdate` for an update served by several provider processes (review of issue 20, hole 5).
// Each explicit `aigc` provider instance is a plugin process with a count of its own, and it reads no stack config
// (Pulumi's rule for explicit providers), so a cap counted per process would let an update submit a cap's worth
// through each instance. Here the processes of one deployment (./deployment.ts) share one count, and the cap
// that binds is the smallest any of them was given: the stack's (its default provider, or the dynamic host) or
// an instance's own. Each process notes its cap when its first resource is checked, which the preview of a
// `pulumi up` does for every resource before the update submits anything. Under `--skip-preview` a process may
// submit before another process's cap is known: the smaller cap then binds from its first check on.
import { declareInDeployment, recordsInDeployment, servesDeployment, takeSlotInDeployment } from "./deployment";
import { setting } from "./provider-config";

const CAPS = "spend-caps";
const CHARGES = "spend-charges";

/** Notes this process's own cap (when `aigc:maxSubmissionsPerUpdate` is set) for the deployment. Never throws. */
export function noteCap(): void {
  if (!servesDeployment()) return;
  const own = ownCap();
  if (own === undefined) return;
  try {
    declareInDeployment(CAPS, `${process.pid}:${own}`, String(own), true);
  } catch {
    // No shared directory: this process's cap still binds its own submissions.
  }
}

function ownCap(): number | undefined {
  const v = setting("maxSubmissionsPerUpdate");
  const n = v === undefined ? Number.NaN : Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The deployment's cap and a way to take one of its slots, or undefined when this process serves no deployment
 * (the runtime inside a test or another program: it counts alone). `own`: this process's cap (validated).
 */
export function deploymentCap(own: number): { cap: number; why: string; take: () => number } | undefined {
  if (!servesDeployment()) return undefined;
  noteCap();
  const others = recordsInDeployment(CAPS)
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n >= 0);
  const cap = Math.min(ownCap() ?? own, ...others);
  const why = cap < own ? ", the smallest cap of this update's provider instances" : "";
  const probe = takeSlotInDeployment(CHARGES, 0);
  if (probe === undefined) return undefined; // no shared directory
  return { cap, why, take: () => takeSlotInDeployment(CHARGES, cap) ?? 0 };
}
