import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "./dynamic-provider";
import { type AnyJobKind, COMMON_OUTPUTS, type JobArgs, type JobOutputs, type OutputSpecs } from "./job-kind";

/** A job resource's outputs as Pulumi Outputs. */
export type JobResourceOutputs<K extends AnyJobKind> = {
  readonly [P in keyof JobOutputs<K>]: pulumi.Output<JobOutputs<K>[P]>;
};

/** The class of a kind's resource: `new (name, args, opts?)`. */
export type JobResourceClass<K extends AnyJobKind> = new (
  name: string,
  args: JobArgs<K>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & JobResourceOutputs<K>;

/** The default resource identity in the ledger: `<project>/<stack>/<vendor>:<Type>/<name>`. */
export function defaultScope(kindName: string, name: string): string {
  return `${pulumi.getProject()}/${pulumi.getStack()}/${kindName}/${name}`;
}

/** Output properties whose values are secret for these args. */
function secretOutputs(specs: OutputSpecs, args: Record<string, unknown>): string[] {
  return Object.entries(specs)
    .filter(([, s]) => (typeof s.secret === "function" ? s.secret(args) : s.secret === true))
    .map(([name]) => name);
}

/**
 * The resource class of a kind, derived from its declaration. Its provider object holds nothing but the kind's
 * name (and module, for kinds declared outside this package): clients, schemas and hooks are loaded inside the
 * dynamic-provider process at call time, so nothing else is serialized into state.
 */
export function jobResource<K extends AnyJobKind>(kind: K): JobResourceClass<K> {
  const provider = dynamicProvider(kind.name, kind.module);
  const [vendor, type] = kind.name.split(":") as [string, string];
  const outputNames = [...Object.keys(kind.outputs), ...Object.keys(COMMON_OUTPUTS)];
  class JobResourceOfKind extends pulumi.dynamic.Resource {
    constructor(name: string, args: JobArgs<K>, opts?: pulumi.CustomResourceOptions) {
      const a = args as Record<string, unknown>;
      // Pulumi creates Output properties only for keys present in props: outputs are declared as undefined.
      const props: Record<string, unknown> = {
        ...a,
        idempotencyScope: a.idempotencyScope ?? defaultScope(kind.name, name),
        ...Object.fromEntries(outputNames.filter((o) => !(o in a)).map((o) => [o, undefined])),
      };
      const secrets = secretOutputs(kind.outputs, a);
      super(
        provider,
        name,
        props,
        secrets.length > 0 ? pulumi.mergeOptions(opts, { additionalSecretOutputs: secrets }) : opts,
        vendor,
        type,
      );
    }
  }
  Object.defineProperty(JobResourceOfKind, "name", { value: type });
  return JobResourceOfKind as unknown as JobResourceClass<K>;
}
