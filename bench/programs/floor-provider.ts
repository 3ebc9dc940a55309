// The provider of the bench's floor stack (./floor-stack.ts): create waits for a submit slot at its vendor's create
// rate limit, then sleeps exactly the job latency. Loaded once per dynamic-provider process, so one set of buckets
// serves every resource of the stack.
import type * as pulumi from "@pulumi/pulumi";

/** Inputs of one floor resource. */
export interface FloorInputs {
  /** The rate-limit bucket of its create action (the vendors limit per account and action). */
  bucket: string;
  /** The create rate limit, requests per second. */
  perSecond: number;
  latencyMs: number;
}

/** Rate-limit buckets, shared by every resource the process serves. */
const buckets: Record<string, { tokens: number; last: number }> = {};

/** The floor resource's provider. */
export const floorProvider: pulumi.dynamic.ResourceProvider<FloorInputs, FloorInputs & { waitedMs: number }> = {
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
