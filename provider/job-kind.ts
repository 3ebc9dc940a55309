// A resource kind, declared once: its name, the sdk schema of its submit request, its outputs and the hooks
// that submit, observe, recover and clean up its jobs. The resource class (program side), the runtime kind
// (provider process) and the diff rules all derive from this one declaration.
import type { z } from "zod";
import type { WaitOptions } from "../sdk";
import type { Camelize, DeepInput } from "./casing";
import type { ClientAccess } from "./runtime/clients";

/**
 * The schema type of a resource property (the package schema, ./schema/): a primitive, `json` (any JSON value),
 * a list of a type, or one of a set of strings. Properties without one are strings.
 */
export type PropertyType =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "json"
  | { readonly items: PropertyType }
  | { readonly enum: readonly string[] };

/** The spec of one output property. `T` is its type, for the resource class only. */
export interface OutputSpec<T> {
  /** What the output holds, for the user (the package schema and the reference docs; every built-in has one). */
  readonly description?: string | undefined;
  /** Its schema type (default `string`). */
  readonly type?: PropertyType | undefined;
  /** Secret output (encrypted in state): always, or decided from the resource's arguments. */
  readonly secret?: boolean | ((args: Readonly<Record<string, unknown>>) => boolean) | undefined;
  /**
   * The value may quote the resource's inputs (a vendor's echo or message): URL queries in it are redacted, so
   * a presigned input URL never reaches the state in clear.
   */
  readonly echoesInputs?: boolean | undefined;
  /** Phantom field: carries `T`. */
  readonly __type?: T;
}

/** Declares an output of type `T`. */
export function output<T>(spec: Omit<OutputSpec<T>, "__type"> = {}): OutputSpec<T> {
  return spec;
}

/** The spec of one input every job resource takes besides its vendor fields. */
export interface InputSpec<T> {
  /** A change updates the resource in place (it changes how or where the provider looks, never the job). */
  readonly inPlace: boolean;
  /** What the input does, for the user (the package schema and the reference docs). */
  readonly description: string;
  /** Its schema type (default `string`). */
  readonly type?: PropertyType | undefined;
  readonly __type?: T;
}
const input = <T>(spec: Omit<InputSpec<T>, "__type">): InputSpec<T> => spec;

/** Inputs every job resource takes besides the vendor's fields. */
export const COMMON_INPUTS = {
  waitForCompletion: input<boolean>({
    inPlace: true,
    type: "boolean",
    description:
      "Wait for the job to finish during `pulumi up` (default true). Without waiting, outputs fill in on refresh.",
  }),
  waitTimeoutSeconds: input<number>({
    inPlace: true,
    type: "integer",
    description:
      "How long `up` waits before recording the job as unfinished (default 1800). The next `up` resumes waiting.",
  }),
  region: input<string>({
    inPlace: true,
    description:
      "Region of this job, overriding the provider's `region`. A change applies to future jobs only: a submitted " +
      "job stays where it was sent.",
  }),
  endpoint: input<string>({
    inPlace: true,
    description:
      "Endpoint of this job's service (https, or http on loopback for the emulator), overriding the provider's. " +
      "A change applies to future jobs only: a submitted job stays where it was sent.",
  }),
  resubmitToken: input<string>({
    inPlace: false,
    description:
      "Change to any value not used since the last change to submit a new job with otherwise identical inputs " +
      "(forces a replacement). Returning to an earlier value also submits a new job.",
  }),
  idempotencyScope: input<string>({
    inPlace: true,
    description:
      "The resource's identity in the ledger (default `<project>/<stack>/<type>/<name>`). Keep it when renaming " +
      "a stack or resource so that in-flight submissions are still recognized.",
  }),
  onAmbiguousSubmission: input<"fail" | "resubmit">({
    inPlace: true,
    type: { enum: ["fail", "resubmit"] },
    description:
      "When a submit that the vendor cannot deduplicate (Alibaba) failed after reaching the vendor and its job " +
      "cannot be found: `fail` (default, or the provider's `ambiguousSubmission`) stops and asks you to adopt the " +
      "job or resubmit; `resubmit` submits again so the update finishes unattended, accepting a possible duplicate.",
  }),
} as const;

/** Outputs every job resource has besides its kind's own. */
export const COMMON_OUTPUTS = {
  status: output<string>({ description: "The vendor's status word (FINISH, success, Success, FINISHED...)." }),
  progress: output<number>({ type: "integer", description: "0–100 where the vendor reports progress." }),
  errorCode: output<string>({ description: 'The task-level failure code ("" on success).' }),
  errorMessage: output<string>({
    description: 'The task-level failure message ("" on success); presigned URLs in it are redacted.',
  }),
  idempotencyKey: output<string>({
    description: 'The idempotency key the provider sent (Tencent SessionId, Alibaba UserData marker); "" when adopted.',
  }),
  vendorState: output<string | undefined>({
    description: "`NOT_FOUND` once the vendor no longer returns the job (refresh keeps its last known outputs).",
  }),
  ambiguousSubmissions: output<number>({
    type: "integer",
    description: "Submissions that failed ambiguously before the job was obtained: possible duplicates at the vendor.",
  }),
} as const;

export type OutputSpecs = Readonly<Record<string, OutputSpec<unknown>>>;
/** The output values of a spec. */
export type OutputValues<S extends OutputSpecs> = {
  -readonly [K in keyof S]: S[K] extends OutputSpec<infer T> ? T : never;
};

/** What the provider knows of a job after one look at it. */
export interface JobView<O> {
  readonly jobId: string;
  /** The vendor's own status word (FINISH, Success, FINISHED...). */
  readonly status: string;
  readonly done: boolean;
  readonly progress?: number | undefined;
  /** Set when the job ended without a result: the task-level code and message. */
  readonly failure?: { readonly code: string; readonly message: string } | undefined;
  /** The kind's own outputs. */
  readonly outputs: O;
  /** Vendor objects the job made that must not be lost or deleted twice (an AIGC subject's element id). */
  readonly heldIds?: readonly string[] | undefined;
  /** Submit to finish, where the vendor reports both times (the lifecycle records what it observed otherwise). */
  readonly durationMs?: number | undefined;
  /** Set by a refresh that could not settle what the vendor holds (e.g. `UNRESOLVED`): shown as `vendorState`. */
  readonly vendorState?: string | undefined;
}

/** One look at a job for `pulumi import` (./runtime/import-job.ts). */
export interface ImportLook<O> {
  readonly view: JobView<O>;
  /** The request fields the vendor recorded, with wire names, unset ones left out (the sdk's `…EchoedRequest`). */
  readonly request: Readonly<Record<string, unknown>>;
}

/** How a job that an earlier attempt may have created was (or was not) found. */
export type Recovery =
  | { readonly jobId: string }
  | { readonly notFound: string }
  /** A job carries this resource's key but not its inputs: never adopted. */
  | { readonly mismatch: { readonly jobId: string; readonly differences: readonly string[] } };

/** Where a job goes: the per-resource overrides of the stack config (./runtime/placement.ts). */
export interface JobPlacement {
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
}

/** The common inputs' values. */
export type CommonInputValues = {
  readonly [K in keyof typeof COMMON_INPUTS]: (typeof COMMON_INPUTS)[K] extends InputSpec<infer T> ? T : never;
};

/**
 * A kind's resource inputs as its hooks see them: the request's fields in camelCase, the common inputs and the
 * adopt inputs. Partial: refresh and destroy see only the stored ones (`keptInputs`, placement, scope).
 */
export type KindInputs<Req extends z.ZodType = z.ZodType, A extends string = string> = Readonly<
  Partial<Camelize<z.input<Req>> & CommonInputValues & { readonly [P in A]: string }>
>;

/** A resource's stored outputs, as refresh and destroy get them (state of older versions may lack any). */
export type StoredOutputs<S extends OutputSpecs = OutputSpecs> = Readonly<
  Partial<OutputValues<S> & OutputValues<typeof COMMON_OUTPUTS>>
> &
  Readonly<Record<string, unknown>>;

/** Everything a job hook gets to know about its resource. `I`: the kind's inputs (KindInputs). */
export interface JobContext<I extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>> {
  readonly placement: JobPlacement;
  /** The resource's inputs (camelCase, without __provider). */
  readonly inputs: I;
  /** The idempotency key ("" for adopted jobs). */
  readonly key: string;
  /** The vendor clients for this placement, created on first use. */
  readonly clients: ClientAccess;
  /** Whether another live resource of the ledger holds this vendor object (a job or element id). */
  readonly heldElsewhere: (vendorId: string) => Promise<boolean>;
  /** Progress for the user (the engine relays the provider's stderr). Never pass anything secret. */
  readonly log: (message: string) => void;
  /**
   * The run's cancellation (Ctrl-C): submits and recoveries pass it to the sdk (`signal`). A create's request
   * on the wire is finished whatever it says; it stops the call's throttled retries and rate-limit waits.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * One resource kind. `Req` is the sdk schema of its submit request; `S` the spec of its own outputs; `A` its
 * adopt inputs. The hooks run in the dynamic-provider process only, and get the kind's own typed inputs
 * (`ctx.inputs`: KindInputs) and request.
 */
export interface JobKind<
  Req extends z.ZodType = z.ZodType,
  S extends OutputSpecs = OutputSpecs,
  A extends string = string,
> {
  /** `<vendor>:<Type>`: the resource type token (`pulumi-nodejs:dynamic/<vendor>:<Type>`). Never change it. */
  readonly name: `${string}:${string}`;
  /** What the resource is, for the user (the package schema and the reference docs). */
  readonly description?: string | undefined;
  /**
   * For kinds declared outside this package (a test fixture, a user's own kind): the module that exports the
   * declaration, which the provider process requires at call time.
   */
  readonly module?: string | undefined;
  /** The sdk schema of the submit request: validation in check(), the camelCase mapping, the idempotency digest. */
  readonly request: Req;
  /** Output property that holds the vendor's job id (also the resource id). */
  readonly idOutput: keyof S & string;
  /** Input properties that adopt an existing job instead of submitting one (their change replaces). */
  readonly adoptInputs: readonly A[];
  /**
   * The description of an adopt input that is not the job's id (an element id), for the package schema; the
   * others get a generated one naming the id output.
   */
  readonly adoptInputDescriptions?: Readonly<Partial<Record<A, string>>> | undefined;
  /** The kind's own outputs. */
  readonly outputs: S;
  /**
   * Inputs its `observe`, `refresh` and `remove` hooks read from `ctx.inputs` during refresh and destroy, which see
   * only the stored outputs: these are stored there as they are, the other inputs only as digests (placement and
   * `idempotencyScope` always are).
   */
  readonly keptInputs?: readonly string[] | undefined;
  /**
   * Request fields the provider owns (its idempotency key goes there), as wire paths: a user value is refused at
   * preview, with `reason`.
   */
  readonly ownedFields: ReadonlyArray<{ readonly path: readonly string[]; readonly reason: string }>;
  /**
   * Whether a submit with the same key is refused by the vendor instead of paid twice (Tencent SessionId): then
   * an unresolved earlier attempt is retried rather than reported.
   */
  readonly dedupedByVendor: boolean;
  /**
   * How long the vendor remembers a key, from its first use (Tencent: SESSION_ID_DEDUP_WINDOW_MS). An unresolved
   * attempt older than that (less a margin: ./runtime/dedup-window.ts) is reported, never retried on the key's
   * strength. Unset: the vendor's deduplication does not expire.
   */
  readonly dedupWindowMs?: number | undefined;
  /** Fills vendor fields the stack config provides (the default SubAppId), before validation. */
  withConfigDefaults?(wire: Record<string, unknown>): Record<string, unknown>;
  /** Which config supplies a wire field when it is missing (named in the "is required" message). */
  readonly configuredFields?: Readonly<Record<string, string>> | undefined;
  /** Kind-specific rules on the resource's inputs beyond the request schema (a region the API offers). */
  checkInputs?(inputs: KindInputs<Req, A>): ReadonlyArray<{ property: string; reason: string }>;
  /** Human-readable notes on values the vendor will adjust (a clamp, a replaced seed): warned at preview. */
  adjustments?(request: z.output<Req>): readonly string[];
  /**
   * The adopted job id, if the resource adopts one. Default (adoptedJobIdOf): the first adopt input that is set,
   * as it is; a kind whose adopt input is not a job id (an element id) says how it becomes one.
   */
  adoptedJobId?(inputs: KindInputs<Req, A>): string | undefined;
  /** The request as sent: the validated request with the provider's key added (SessionId, UserData marker). */
  withKey(request: z.output<Req>, key: string): z.input<Req>;
  /** Submits once; resolves with the job id. Throws the sdk's errors (DuplicateSubmissionError, ...). */
  submit(ctx: JobContext<KindInputs<Req, A>>, request: z.output<Req>): Promise<string>;
  /** Looks for a job this key already submitted, verifying its recorded input against `request`. */
  recover(ctx: JobContext<KindInputs<Req, A>>, request: z.output<Req>, since: Date): Promise<Recovery>;
  /** One look at the job. Throws NotFoundError when the vendor does not know it. */
  observe(ctx: JobContext<KindInputs<Req, A>>, jobId: string): Promise<JobView<OutputValues<S>>>;
  /**
   * Waits until the job is done (the sdk's waiter), resolving with the final view. `options` go to the waiter as
   * they are (deadline, expected duration, and `onProgress`, through which the provider logs each poll).
   */
  wait(ctx: JobContext<KindInputs<Req, A>>, jobId: string, options: WaitOptions): Promise<JobView<OutputValues<S>>>;
  /**
   * `pulumi import`: one look at the job by its id, with the request fields the vendor echoes (default: `observe`,
   * recovering none). Never submits. Throws NotFoundError when the vendor does not know the job.
   */
  importLook?(ctx: JobContext<KindInputs<Req, A>>, jobId: string): Promise<ImportLook<OutputValues<S>>>;
  /**
   * One look for `pulumi refresh`, given the stored outputs (default: `observe`). Throws NotFoundError only
   * when the job's vendor objects are provably gone.
   */
  refresh?(
    ctx: JobContext<KindInputs<Req, A>>,
    jobId: string,
    stored: StoredOutputs<S>,
  ): Promise<JobView<OutputValues<S>>>;
  /**
   * Cleans up at the vendor on destroy (deletes an element, cancels a running job). Throws rather than leave a
   * live vendor object behind unknowingly. Ids held by other live resources (`sharedIds`) are left alone.
   */
  remove?(
    ctx: JobContext<KindInputs<Req, A>>,
    jobId: string,
    stored: StoredOutputs<S>,
    sharedIds: ReadonlySet<string>,
  ): Promise<void>;
  /** True when a job the vendor no longer returns is really gone (refresh then drops the resource). */
  readonly goneWhenMissing: boolean;
  /**
   * What jobs of about the same duration share besides the kind (region, model: "" when the kind is enough). The
   * lifecycle prefixes the kind's name (profileOf): the waiter's history key.
   */
  profile?(inputs: KindInputs<Req, A>): string;
}

/**
 * The job id a resource adopts instead of submitting: the kind's own `adoptedJobId`, else its first adopt input
 * that holds a non-empty string. Undefined when the resource submits its own job.
 */
export function adoptedJobIdOf(kind: AnyJobKind, inputs: Readonly<Record<string, unknown>>): string | undefined {
  if (kind.adoptedJobId) return kind.adoptedJobId(inputs);
  for (const name of kind.adoptInputs as readonly string[]) {
    const v = inputs[name];
    if (typeof v === "string" && v) return v;
  }
  return undefined;
}

/** The waiter's history key of a job: the kind's name, then what its `profile` adds (undefined: no history). */
export function profileOf(kind: AnyJobKind, inputs: Readonly<Record<string, unknown>>): string | undefined {
  if (!kind.profile) return undefined;
  const own: string = kind.profile(inputs);
  return own ? `${kind.name}|${own}` : kind.name;
}

/** The view of a kind's job whose outputs are all present: a kind's `observe` and `wait` build these. */
export type KindView<K extends { readonly outputs: OutputSpecs }> = JobView<{
  [P in keyof K["outputs"]]: NonNullable<K["outputs"][P]["__type"]>;
}>;

/**
 * What a program needs of a kind: its name (the type token) and its outputs. Each built-in kind declares it in a
 * module of its own (`kinds/<kind>/surface.ts`) and spreads it into its declaration, so that the resource classes
 * are built without loading request schemas or hooks.
 */
export interface KindSurface<S extends OutputSpecs = OutputSpecs> {
  readonly name: `${string}:${string}`;
  /** What the resource is, for the user (the package schema and the reference docs). */
  readonly description?: string | undefined;
  readonly module?: string | undefined;
  readonly outputs: S;
}

/** Declares a kind's surface (an identity function that checks its types and keeps its name's literal type). */
export function defineKindSurface<const N extends `${string}:${string}`, S extends OutputSpecs>(surface: {
  readonly name: N;
  readonly description?: string;
  readonly outputs: S;
}): KindSurface<S> & { readonly name: N } {
  return surface;
}

/** Any job kind, whatever its request and outputs. */
// biome-ignore lint/suspicious/noExplicitAny: the registry and the lifecycle hold kinds of every request type.
export type AnyJobKind = JobKind<any, any, any>;

/** Declares a resource kind (an identity function that checks the declaration's types). */
export function defineJobKind<Req extends z.ZodType, S extends OutputSpecs, const A extends string>(
  kind: JobKind<Req, S, A>,
): JobKind<Req, S, A> {
  return kind;
}

/** The args of a kind's resource: its vendor fields in camelCase, the common inputs and its adopt inputs. */
export type JobArgs<K extends AnyJobKind> =
  K extends JobKind<infer Req, infer _S, infer A>
    ? { [P in keyof Camelize<z.input<Req>>]: DeepInput<Camelize<z.input<Req>>[P]> } & CommonArgs & {
          [P in A]?: DeepInput<string>;
        }
    : never;

/** The common inputs as resource args. */
export type CommonArgs = {
  -readonly [K in keyof typeof COMMON_INPUTS]?: DeepInput<
    (typeof COMMON_INPUTS)[K] extends InputSpec<infer T> ? T : never
  >;
};

/** The outputs a kind's resource has: its own and the common ones. */
export type JobOutputs<K extends AnyJobKind> =
  K extends JobKind<infer _Req, infer S, infer _A> ? OutputValues<S> & OutputValues<typeof COMMON_OUTPUTS> : never;
