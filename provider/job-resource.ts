import * as pulumi from "@pulumi/pulumi";
import { dynamicProviderSource } from "./dynamic-provider";
import { type AnyJobKind, COMMON_OUTPUTS, type JobArgs, type JobOutputs } from "./job-kind";
import { countJobResource } from "./parallelism-warning";
import { warnPresignedInputs } from "./presigned-inputs";
import { cutTracesAfterDeclaration } from "./registration-trace";
import { HOLDER_INPUT, holderText, stackInstanceId } from "./resource-holder";
import { claimScope, identityText, scopeText, secretOutputNames } from "./resource-scope";

/** A job resource's outputs as Pulumi Outputs. */
export type JobResourceOutputs<K extends AnyJobKind> = {
  readonly [P in keyof JobOutputs<K>]: pulumi.Output<JobOutputs<K>[P]>;
};

/** The class of a kind's resource: `new (name, args, opts?)`. */
export type JobResourceClass<K extends AnyJobKind> = new (
  name: string,
  args: JobArgs<K>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource & JobResourceOutputs<K>;

/** The default resource identity in the ledger: `<project>/<stack>/<vendor>:<Type>/<name>`. */
export function defaultScope(kindName: string, name: string): string {
  return scopeText(pulumi.getProject(), pulumi.getStack(), kindName, name);
}

/**
 * The types of a resource's parents, outermost first, joined as in its URN (`GroupA$Inner`), or "" when its parent
 * is the stack. Read from Pulumi's resource objects (each records its type and parent when it is constructed), so
 * it is known at registration, before any URN resolves.
 */
function parentTypes(parent: pulumi.Resource | undefined): string {
  const types: string[] = [];
  type Node = { __pulumiType?: string; __parentResource?: Node };
  for (let r = parent as Node | undefined; r; r = r.__parentResource) {
    if (!r.__pulumiType || r.__pulumiType === "pulumi:pulumi:Stack") break;
    types.unshift(r.__pulumiType);
  }
  return types.join("$");
}

/**
 * The resource as holders and scope declarations name it: `<vendor>:<Type>/<name>`, preceded by its parents'
 * types (`GroupA$tencent:Type/name`) when it has parents other than the stack, as its URN is. Resources without
 * such parents keep the text every earlier version recorded.
 */
export function resourceIdentity(kindName: string, name: string, parent: pulumi.Resource | undefined): string {
  return identityText(parentTypes(parent), kindName, name);
}

/** What one run of a program knows about its resources' ownership (./resource-holder.ts). */
interface RunOwnership {
  /** The stack instance of this run's stack, read once. */
  readonly instance: string | undefined;
  /** The resource that declared each scope: two resources of one scope would share their jobs. */
  readonly scopes: Map<string, string>;
}

/** Per run: an Automation API process may run several programs (and stacks) one after another. */
const runs = new WeakMap<object, RunOwnership>();
const outsideARun = {};

function runOwnership(): RunOwnership {
  const run = pulumi.runtime.getStackResource() ?? outsideARun;
  let own = runs.get(run);
  if (!own) {
    const dir = pulumi.getRootDirectory?.() || process.cwd();
    own = { instance: stackInstanceId(dir, pulumi.getStack()), scopes: new Map() };
    runs.set(run, own);
  }
  return own;
}

/**
 * Records that `resource` declares `scope` in this run.
 * @throws Error naming both resources and the scope when another resource of this program declared it.
 */
export function declareScope(scope: string, resource: string): void {
  claimScope(runOwnership().scopes, scope, resource);
}

/** The holder of a resource of this program: its stack instance, project, stack, type and name. */
export function holderOf(resource: string): string {
  return holderText(runOwnership().instance, pulumi.getProject(), pulumi.getStack(), resource);
}

/**
 * The resource class of a kind, derived from its declaration (its name and outputs are all it reads). A dynamic
 * resource: its type is `pulumi-nodejs:dynamic/<vendor>:<Type>` and its `__provider` is a short text naming the
 * kind (./dynamic-provider.ts), so neither Pulumi's closure serializer nor the kind's schemas and hooks are loaded
 * by the program: they are loaded inside the dynamic-provider process at call time.
 */
export function jobResource<K extends AnyJobKind>(kind: K): JobResourceClass<K>;
/**
 * The same from the surface of a declaration (KindSurface: its name and outputs, all the class reads), `K` given
 * explicitly: `jobResource<typeof myKind>(mySurface)`. A program then loads neither the schema nor the hooks.
 */
export function jobResource<K extends AnyJobKind>(kind: Pick<K, "name" | "module" | "outputs">): JobResourceClass<K>;
export function jobResource<K extends AnyJobKind>(kind: Pick<K, "name" | "module" | "outputs">): JobResourceClass<K> {
  const source = dynamicProviderSource(kind.name, kind.module);
  const [vendor, type] = kind.name.split(":") as [string, string];
  const outputNames = [...Object.keys(kind.outputs), ...Object.keys(COMMON_OUTPUTS)];
  class JobResourceOfKind extends pulumi.CustomResource {
    constructor(name: string, args: JobArgs<K>, opts?: pulumi.CustomResourceOptions) {
      const a = args as Record<string, unknown>;
      if ("__provider" in a) throw new Error(`${kind.name} "${name}": __provider is not an argument`);
      const resource = resourceIdentity(kind.name, name, opts?.parent);
      const scope = a.idempotencyScope ?? defaultScope(kind.name, name);
      if (typeof scope === "string") declareScope(scope, resource);
      else pulumi.output(scope as pulumi.Input<string>).apply((s) => declareScope(s, resource));
      // Pulumi creates Output properties only for keys present in props: outputs are declared as undefined.
      const props: Record<string, unknown> = {
        ...a,
        idempotencyScope: scope,
        ...Object.fromEntries(outputNames.filter((o) => !(o in a)).map((o) => [o, undefined])),
        [HOLDER_INPUT]: holderOf(resource),
        __provider: source,
      };
      const secrets = secretOutputNames(kind.outputs, a);
      // Registering a resource, Pulumi wraps each of its properties in promises that each capture a stack trace
      // for its promise-leak report, and its runner formats every trace through source maps: at 20 properties
      // that was most of a preview's program time. Pulumi reads the resource's source position with a limit of
      // its own. The cost: an error raised inside this registration (a transformation that throws, a resource
      // the engine refuses) keeps its message but has no stack frames. PULUMI_DEBUG_PROMISE_LEAKS keeps them all.
      const stackTraceLimit = Error.stackTraceLimit;
      if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
      // The state keeps the declaring frame, not Pulumi's whole call stack (./registration-trace.ts).
      const restoreTraces = cutTracesAfterDeclaration();
      try {
        super(
          `pulumi-nodejs:dynamic/${vendor}:${type}`,
          name,
          props,
          secrets.length > 0 ? pulumi.mergeOptions(opts, { additionalSecretOutputs: secrets }) : opts,
        );
        // Inside the limit too: an Output input's look creates promises of its own.
        warnPresignedInputs(`${kind.name} "${name}"`, a);
        countJobResource();
      } finally {
        restoreTraces();
        Error.stackTraceLimit = stackTraceLimit;
      }
    }
  }
  Object.defineProperty(JobResourceOfKind, "name", { value: type });
  return JobResourceOfKind as unknown as JobResourceClass<K>;
}
