// Bench baseline: the floor of a stack of `bench:n` jobs, measured rather than computed. Each resource is a
// dynamic resource whose create waits for a submit slot at its vendor's create rate limit, then sleeps exactly the
// job latency: a provider that knows when each job finishes, with nothing to validate, sign, record or poll. The
// same engine, language host, dynamic-provider process and `up --parallel N` as the job stack, and the same kinds
// in the same order (`bench:mix`); what our stack takes beyond this is ours.
import * as pulumi from "@pulumi/pulumi";
import { kindAt } from "../../harness/programs/stack-mix";
import type { FloorInputs } from "./floor-provider";

/** The `__provider` text: the dynamic-provider host loads it as a module and calls its `handler`. */
const PROVIDER = `exports.handler=()=>require(${JSON.stringify(require.resolve("./floor-provider"))}).floorProvider`;

/**
 * A floor resource, registered the way our resource classes register (provider/job-resource.ts): a dynamic
 * resource whose `__provider` is one line loading ./floor-provider, with short promise traces. So the floor pays the
 * engine's and Pulumi's costs as our stack does, and none of its own.
 */
class FloorJob extends pulumi.CustomResource {
  constructor(name: string, args: FloorInputs) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super("pulumi-nodejs:dynamic/bench:FloorJob", name, { ...args, waitedMs: undefined, __provider: PROVIDER });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}

const cfg = new pulumi.Config("bench");
const n = cfg.requireNumber("n");
const mix = cfg.get("mix") ?? "scene";
const latencyMs = cfg.requireNumber("latencyMs");
/** Per kind of the stack: its create action's bucket and rate limit (the emulator's, set by the bench). */
const limits = cfg.requireObject<Record<string, { bucket: string; perSecond: number }>>("limits");

for (let i = 0; i < n; i++) {
  const kind = kindAt(mix, i);
  new FloorJob(`${kind}-${i}`, { ...limits[kind]!, latencyMs });
}

export const resources = n;
