// Bench baseline: the floor of a stack of `bench:n` jobs, measured rather than computed. Each resource is a
// dynamic resource whose create waits for a submit slot at its vendor's create rate limit, then sleeps exactly the
// job latency: a provider that knows when each job finishes, with nothing to validate, sign, record or poll. The
// same engine, language host, dynamic-provider process and `up --parallel N` as the job stack, and the same kinds
// in the same order (`bench:mix`); what our stack takes beyond this is ours.
import * as pulumi from "@pulumi/pulumi";
import { kindAt } from "../../harness/programs/stack-mix";

/** Inputs of one floor resource. */
interface FloorInputs {
  /** The rate-limit bucket of its create action (the vendors limit per account and action). */
  bucket: string;
  /** The create rate limit, requests per second. */
  perSecond: number;
  latencyMs: number;
}

/** Rate-limit buckets: serialized (empty) with the provider, then shared by every resource it serves. */
const buckets: Record<string, { tokens: number; last: number }> = {};

// A plain object literal, serialized by value into the state with the (empty) buckets it captures. The
// dynamic-provider process loads it once, so one instance serves every resource of the stack.
const floorProvider: pulumi.dynamic.ResourceProvider<FloorInputs, FloorInputs & { waitedMs: number }> = {
  async create(inputs) {
    const started = Date.now();
    // The emulator's limiter: per bucket, one second's worth of tokens, refilled continuously. A token is taken
    // now, even if that leaves the bucket negative; the request goes when the bucket is back at zero, which is the
    // earliest moment the emulator would accept it.
    const b = buckets[inputs.bucket] ?? { tokens: inputs.perSecond, last: started };
    b.tokens = Math.min(inputs.perSecond, b.tokens + ((started - b.last) / 1000) * inputs.perSecond) - 1;
    b.last = started;
    buckets[inputs.bucket] = b;
    const slotMs = b.tokens >= 0 ? 0 : (-b.tokens / inputs.perSecond) * 1000;
    await new Promise((r) => setTimeout(r, slotMs + inputs.latencyMs));
    return {
      id: `floor-${Math.random().toString(16).slice(2, 10)}`,
      outs: { ...inputs, waitedMs: Date.now() - started },
    };
  },
  async delete() {},
};

class FloorJob extends pulumi.dynamic.Resource {
  constructor(name: string, args: FloorInputs) {
    super(floorProvider, name, { ...args, waitedMs: undefined }, {}, "bench", "FloorJob");
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
