import type { z } from "zod";
import type { WaitOptions } from "../../sdk";
import type { Placement } from "./clients";

/** What the provider knows of a job after one look at it. */
export interface JobView {
  readonly jobId: string;
  /** The vendor's own status word (FINISH, Success, FINISHED...). */
  readonly status: string;
  readonly done: boolean;
  readonly progress?: number | undefined;
  /** Set when the job ended without a result: the task-level code and message. */
  readonly failure?: { readonly code: string; readonly message: string } | undefined;
  /** The kind's outputs (camelCase), without the inputs. */
  readonly outputs: Record<string, unknown>;
}

/** How a job that an earlier attempt may have created was (or was not) found. */
export type Recovery = { readonly jobId: string } | { readonly notFound: string };

/** Everything a job gets to know about its resource. */
export interface JobContext {
  readonly placement: Placement;
  /** The resource's inputs (camelCase, without __provider). */
  readonly inputs: Record<string, unknown>;
  /** The idempotency key (Tencent SessionId, Alibaba marker). */
  readonly key: string;
  readonly log: (message: string) => void;
}

/**
 * One resource kind: how its inputs become a vendor request, how it is submitted, observed, waited for,
 * recovered after an ambiguous failure, and cleaned up.
 */
export interface JobKind {
  /** Stable name, part of every idempotency key (never change it). */
  readonly name: string;
  /** The sdk schema of the submit request: validation in check() and the camelCase mapping. */
  readonly request: z.ZodType;
  /** Output property that holds the vendor's job id (also the resource id). */
  readonly idOutput: string;
  /** Input property that adopts an existing job instead of submitting one. */
  readonly adoptInput: string;
  /** The job id to adopt, when a kind has more ways to adopt than `adoptInput` (default: that input). */
  adoptedJobId?(inputs: Record<string, unknown>): string | undefined;
  /** Input properties that are not vendor fields (they are never sent). */
  readonly providerInputs: readonly string[];
  /**
   * Whether a submit with this key can be repeated without a second job (Tencent SessionId): then an
   * unresolved earlier attempt is retried instead of reported.
   */
  readonly dedupedByVendor: boolean;
  /** The vendor request with the provider's additions (SessionId, UserData marker); `wire` is validated. */
  prepare(wire: Record<string, unknown>, key: string): Record<string, unknown>;
  /** Submits once. Throws the sdk's errors (DuplicateSubmissionError, AmbiguousSubmissionError...). */
  submit(ctx: JobContext, request: Record<string, unknown>): Promise<string>;
  /** Looks for a job this key already submitted (after a duplicate answer, an ambiguous failure or a crash). */
  recover(ctx: JobContext, request: Record<string, unknown>, since: Date): Promise<Recovery>;
  /** One look at the job. Throws NotFoundError when the vendor does not know it. */
  observe(ctx: JobContext, jobId: string): Promise<JobView>;
  /** Waits until the job is done (the sdk's waiter), resolving with the final view. */
  wait(ctx: JobContext, jobId: string, options: WaitOptions): Promise<JobView>;
  /** One look for `pulumi refresh` (default: `observe`). */
  refresh?(ctx: JobContext, jobId: string, outputs: Record<string, unknown>): Promise<JobView>;
  /** Cleans up at the vendor on destroy, if there is anything to clean up. */
  remove?(ctx: JobContext, jobId: string, outputs: Record<string, unknown>): Promise<void>;
  /** True when a job the vendor no longer returns is really gone (refresh then drops the resource). */
  readonly goneWhenMissing: boolean;
}
