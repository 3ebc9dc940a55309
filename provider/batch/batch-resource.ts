// The resource class of a kind's batch (one resource, N jobs of one kind, keyed by the user's own ids), derived
// from the kind's surface like jobResource (../job-resource.ts): a dynamic resource of type
// `pulumi-nodejs:dynamic/<vendor>:<Type>Set` whose `__provider` text names the kind (./batch-surface.ts).
import * as pulumi from "@pulumi/pulumi";
import type { AnyJobKind, JobArgs, JobOutputs, OutputSpecs } from "../job-kind";
import { declareScope, defaultScope, holderOf, resourceIdentity } from "../job-resource";
import { warnPresignedInputs } from "../presigned-inputs";
import { HOLDER_INPUT } from "../resource-holder";
import { secretOutputNames } from "../resource-scope";
import { BATCH_INPUTS, type BatchInputName, batchName, batchProviderSource } from "./batch-surface";

/** One item's args: the kind's own args (its vendor fields, `resubmitToken`, adopt inputs), no batch-level input. */
export type BatchItemArgs<K extends AnyJobKind> = Omit<JobArgs<K>, BatchInputName>;

/** A batch's args: its items by key, and the batch-level common inputs. */
export type BatchArgs<K extends AnyJobKind> = {
  /** The items, keyed by your own ids (a SKU, a video id): each is one job of the kind. */
  items: pulumi.Input<Record<string, pulumi.Input<BatchItemArgs<K>>>>;
} & Pick<JobArgs<K>, BatchInputName>;

/** What the batch's `items` output holds for one item: its job id, status and the kind's result outputs. */
export type BatchItemOutputs<K extends AnyJobKind> = Partial<JobOutputs<K>>;

/** How many items are where. */
export interface BatchCounts {
  /** Items in the batch. */
  readonly total: number;
  /** Items whose job finished successfully. */
  readonly succeeded: number;
  /** Items whose job failed at the vendor (change the item or its resubmitToken to submit a new job). */
  readonly failed: number;
  /** Items whose job is still running, or that have no job yet: the next `up` resumes them. */
  readonly unfinished: number;
}

/** A batch resource's outputs as Pulumi Outputs. */
export interface BatchResourceOutputs<K extends AnyJobKind> {
  readonly items: pulumi.Output<Record<string, BatchItemOutputs<K>>>;
  readonly counts: pulumi.Output<BatchCounts>;
}

/** The class of a kind's batch: `new (name, args, opts?)`. */
export type BatchResourceClass<K extends AnyJobKind> = new (
  name: string,
  args: BatchArgs<K>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource & BatchResourceOutputs<K>;

/**
 * Whether the `items` output must be secret: when any item's outputs would be (the kind's secret rules per item),
 * or when the items are not known at registration and the kind has any secret output.
 */
export function itemsSecret(kind: Pick<AnyJobKind, "outputs">, items: unknown): boolean {
  const specs: OutputSpecs = kind.outputs;
  const anySecret = Object.values(specs).some((s) => s.secret !== undefined && s.secret !== false);
  if (!anySecret) return false;
  if (!items || typeof items !== "object" || pulumi.Output.isInstance(items)) return true;
  return Object.values(items as Record<string, unknown>).some(
    (item) =>
      !item ||
      typeof item !== "object" ||
      pulumi.Output.isInstance(item) ||
      secretOutputNames(kind.outputs, item as Record<string, unknown>).length > 0,
  );
}

/**
 * The batch class of a kind, from its surface (its name and outputs, all it reads; `K` given explicitly):
 * `batchResource<typeof sceneAigcImageTaskKind>(sceneAigcImageTaskSurface)`. Each item is one job with its own
 * ledger scope (`<batch scope>/<itemKey>`); the provider process derives the rest from the kind's declaration.
 */
export function batchResource<K extends AnyJobKind>(
  kind: Pick<K, "name" | "module" | "outputs">,
): BatchResourceClass<K> {
  const token = batchName(kind.name);
  const source = batchProviderSource(kind.name, kind.module);
  const [vendor, type] = token.split(":") as [string, string];
  class BatchResourceOfKind extends pulumi.CustomResource {
    constructor(name: string, args: BatchArgs<K>, opts?: pulumi.CustomResourceOptions) {
      const a = args as Record<string, unknown>;
      if ("__provider" in a) throw new Error(`${token} "${name}": __provider is not an argument`);
      const resource = resourceIdentity(token, name, opts?.parent);
      const scope = a.idempotencyScope ?? defaultScope(token, name);
      // The batch's scope and each item's (`<scope>/<key>`): a per-job resource of this program whose explicit
      // idempotencyScope is an item's would share its job.
      const declare = (s: string, items: unknown) => {
        declareScope(s, resource);
        if (items && typeof items === "object" && !Array.isArray(items)) {
          for (const key of Object.keys(items))
            declareScope(`${s}/${key}`, `${resource} items[${JSON.stringify(key)}]`);
        }
      };
      if (typeof scope === "string" && !pulumi.Output.isInstance(a.items)) declare(scope, a.items);
      else pulumi.all([scope as pulumi.Input<string>, a.items]).apply(([s, items]) => declare(s, items));
      const props: Record<string, unknown> = {
        items: a.items,
        ...Object.fromEntries(BATCH_INPUTS.filter((k) => a[k] !== undefined).map((k) => [k, a[k]])),
        idempotencyScope: scope,
        counts: undefined,
        [HOLDER_INPUT]: holderOf(resource),
        __provider: source,
      };
      const secret = itemsSecret(kind, a.items);
      // As in jobResource: no stack traces for the promises Pulumi wraps every property in.
      const stackTraceLimit = Error.stackTraceLimit;
      if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
      try {
        super(
          `pulumi-nodejs:dynamic/${vendor}:${type}`,
          name,
          props,
          secret ? pulumi.mergeOptions(opts, { additionalSecretOutputs: ["items"] }) : opts,
        );
        warnPresignedInputs(`${token} "${name}"`, a);
      } finally {
        Error.stackTraceLimit = stackTraceLimit;
      }
    }
  }
  Object.defineProperty(BatchResourceOfKind, "name", { value: type });
  return BatchResourceOfKind as unknown as BatchResourceClass<K>;
}
