import * as pulumi from "@pulumi/pulumi";
import type { Camelize, DeepInput } from "../casing";

/** Inputs every job resource takes besides the vendor's fields. */
export interface JobResourceArgs {
  /** Wait for the job to finish during `pulumi up` (default true). Without waiting, outputs fill in on `refresh`. */
  waitForCompletion?: pulumi.Input<boolean>;
  /** How long `up` waits before recording the job as unfinished (default 1800). The next `up` resumes waiting. */
  waitTimeoutSeconds?: pulumi.Input<number>;
  /** Region of this job, overriding `aigc:region`. */
  region?: pulumi.Input<string>;
  /** Endpoint of this job's service (https, or http on loopback for the emulator), overriding the config. */
  endpoint?: pulumi.Input<string>;
  /** Change to any new value to submit a new job with otherwise identical inputs (forces a replacement). */
  resubmitToken?: pulumi.Input<string>;
  /**
   * Identity that, with the inputs, derives the idempotency key (default `<project>/<stack>/<type>/<name>`).
   * Keep it when renaming a stack or resource to keep recognizing earlier submissions.
   */
  idempotencyScope?: pulumi.Input<string>;
  /**
   * When a submit that the vendor cannot deduplicate (Alibaba) failed after reaching the vendor and its job
   * cannot be found: `fail` (default, or `aigc:ambiguousSubmission`) stops and asks you to adopt the job or
   * resubmit; `resubmit` submits again so the update finishes unattended, accepting a possible duplicate.
   */
  onAmbiguousSubmission?: pulumi.Input<"fail" | "resubmit">;
}

/** A vendor request type as resource arguments: camelCase names, every field a Pulumi Input. */
export type ArgsOf<Req> = { [K in keyof Camelize<Req>]: DeepInput<Camelize<Req>[K]> };

/** Outputs every job resource has. */
export const COMMON_OUTPUTS = [
  "status",
  "progress",
  "errorCode",
  "errorMessage",
  "idempotencyKey",
  "vendorState",
  "ambiguousSubmissions",
] as const;

/**
 * The props of a job resource: its args, the derived idempotency scope, and every output property
 * declared as undefined (Pulumi only creates Output properties for keys present in props).
 */
export function jobProps(
  type: string,
  name: string,
  args: object,
  outputs: readonly string[],
): Record<string, unknown> {
  const a = args as Record<string, unknown>;
  return {
    ...a,
    idempotencyScope: a.idempotencyScope ?? `${pulumi.getProject()}/${pulumi.getStack()}/${type}/${name}`,
    ...Object.fromEntries([...outputs, ...COMMON_OUTPUTS].filter((o) => !(o in a)).map((o) => [o, undefined])),
  };
}

/** What every job resource exposes besides its kind's outputs. */
export abstract class JobResource extends pulumi.dynamic.Resource {
  /** The vendor's status word (FINISH, success, Success, FINISHED...). */
  declare readonly status: pulumi.Output<string>;
  /** 0–100 where the vendor reports progress. */
  declare readonly progress: pulumi.Output<number>;
  /** The task-level failure code ("" on success). */
  declare readonly errorCode: pulumi.Output<string>;
  declare readonly errorMessage: pulumi.Output<string>;
  /** The idempotency key the provider sent (Tencent SessionId, Alibaba UserData marker). */
  declare readonly idempotencyKey: pulumi.Output<string>;
  /** `NOT_FOUND` once the vendor no longer returns the job (refresh keeps its last known outputs). */
  declare readonly vendorState: pulumi.Output<string | undefined>;
  /** Submissions that failed ambiguously before the job was obtained: possible duplicates at the vendor. */
  declare readonly ambiguousSubmissions: pulumi.Output<number>;
}
