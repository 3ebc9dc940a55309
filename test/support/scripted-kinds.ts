// Job kinds and contexts scripted in memory, for unit tests of the lifecycle on a real ledger: no vendor, no HTTP.
import { z } from "zod";
import { defineJobKind, type JobContext, output } from "../../provider/job-kind";

/** What a scripted kind does where a real kind would call its vendor. */
export interface ScriptedVendor {
  /** Returns the job id the vendor would give for a submit of `name`. */
  submit(name: string): string;
  /** The kind's `remove` hook, when the test needs one. */
  remove?: (id: string) => Promise<void>;
}

/**
 * A kind `name` whose request is `{ Name, Marker }` (the provider's key goes in Marker), whose jobs are found
 * by nothing but the ledger and end at once, successfully.
 */
export function scriptedKind(name: `${string}:${string}`, vendor: ScriptedVendor) {
  return defineJobKind({
    name,
    request: z.strictObject({ Name: z.string().min(1), Marker: z.string().optional() }),
    idOutput: "jobId",
    adoptInputs: [],
    outputs: { jobId: output<string>() },
    ownedFields: [],
    dedupedByVendor: false,
    goneWhenMissing: false,
    adoptedJobId: () => undefined,
    withKey: (request, key) => ({ ...request, Marker: key }),
    submit: async (_c, request) => vendor.submit(request.Name),
    recover: async () => ({ notFound: "not listed" }),
    observe: async (_c, id) => ({ jobId: id, status: "Success", done: true, outputs: { jobId: id } }),
    wait: async (_c, id) => ({ jobId: id, status: "Success", done: true, outputs: { jobId: id } }),
    ...(vendor.remove ? { remove: async (_c: unknown, id: string) => vendor.remove!(id) } : {}),
  });
}

/** A hook context whose Tencent client is `tencent` (a few scripted methods), for a subject kind's hooks. */
export function subjectContext(tencent: Record<string, unknown>): JobContext {
  return {
    placement: {},
    inputs: {},
    key: "k",
    clients: { tencent: () => tencent },
    log: () => undefined,
    heldElsewhere: async () => false,
  } as unknown as JobContext;
}
