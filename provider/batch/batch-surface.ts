// What a batch resource (one resource, N jobs of one kind) is made of, derived from its kind's surface: its type
// token, its batch-level inputs, its outputs and the `__provider` text that asks the runtime for its provider.
// Light like the kinds' surfaces: a program loads this, never the sdk, the schemas or the lifecycle.
import { COMMON_OUTPUTS, type OutputSpecs } from "../job-kind";

/** The suffix of a batch's type token: `tencent:SceneAigcImageTask` → `tencent:SceneAigcImageTaskSet`. */
export const BATCH_SUFFIX = "Set";

/** The type token of the batch of kind `kindName` (`<vendor>:<Type>Set`). */
export function batchName(kindName: string): `${string}:${string}` {
  return `${kindName}${BATCH_SUFFIX}` as `${string}:${string}`;
}

/**
 * The common inputs a batch takes for all its items (an item may not set them): how `up` waits, where the jobs
 * go, what an ambiguous submission does, and the batch's scope (each item's scope is `<scope>/<itemKey>`).
 * All update the batch in place. `resubmitToken` and adopt inputs stay per item: they decide an item's job.
 */
export const BATCH_INPUTS = [
  "waitForCompletion",
  "waitTimeoutSeconds",
  "region",
  "endpoint",
  "onAmbiguousSubmission",
  "idempotencyScope",
] as const;

/** A batch-level input name. */
export type BatchInputName = (typeof BATCH_INPUTS)[number];

/** How a batch's `__provider` text names its kind: `{ batch: <kind name>, module? }`. */
export interface BatchRef {
  readonly batch: string;
  readonly module?: string | undefined;
}

/** Whether a provider reference names a batch (rather than a kind). */
export function isBatchRef(ref: unknown): ref is BatchRef {
  return typeof ref === "object" && ref !== null && typeof (ref as BatchRef).batch === "string";
}

/**
 * The `__provider` text of a batch's resources (the same contract as ../dynamic-provider.ts: refresh and destroy
 * run it as stored, so `provider({ batch })` must keep accepting it).
 */
export function batchProviderSource(kindName: string, module?: string): string {
  const ref: BatchRef = module ? { batch: kindName, module } : { batch: kindName };
  return `exports.handler=()=>require("pulumi-aigc/provider-runtime").provider(${JSON.stringify(ref)})`;
}

/** The outputs an item's entry in the batch's `items` output may hold: the kind's own and the common ones. */
export function itemOutputNames(outputs: OutputSpecs): string[] {
  return [...Object.keys(outputs), ...Object.keys(COMMON_OUTPUTS)];
}
