// A batch's lifecycle (provider/batch/batch-lifecycle.ts) on a real file ledger, against a scripted in-memory
// vendor: each item through the job lifecycle, item-level updates, partial state per item, the spend guard.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createBatch, deleteBatch, readBatch, updateBatch } from "../../../../provider/batch/batch-lifecycle";
import { defineJobKind, output } from "../../../../provider/job-kind";
import { ResourceInitError } from "../../../../provider/runtime/job-lifecycle";
import { processLedger } from "../../../../provider/runtime/ledger/process-ledger";
import { configureFrom } from "../../../../provider/runtime/provider-config";
import { runCancellation } from "../../../../provider/runtime/run-cancellation";
import { spendGuard } from "../../../../provider/runtime/spend-guard";
import { AbortError, JobFailedError, WaitTimeoutError } from "../../../../sdk/core/errors";

const ctx = { vendor: "alibaba" as const, service: "ice", action: "SubmitIProductionJob" };
type Props = Record<string, unknown>;

/** A vendor that remembers jobs by marker; names in `failing` fail, names in `slow` are still running. */
class FakeVendor {
  jobs: Array<{ id: string; marker: string; name: string }> = [];
  failing = new Set<string>();
  slow = new Set<string>();
  /** Names whose submit the vendor throttles until the run's signal stops it (as the sdk does: not executed). */
  throttled = new Set<string>();
  calls: string[] = [];
  removed: string[] = [];
}
let vendor: FakeVendor;
const nameOf = (id: string) => vendor.jobs.find((j) => j.id === id)?.name ?? "";

const kind = defineJobKind({
  name: "test:Batched",
  request: z.strictObject({ Name: z.string().min(1), Marker: z.string().optional() }),
  idOutput: "jobId",
  adoptInputs: ["adoptJobId"],
  outputs: { jobId: output<string>(), echo: output<string>() },
  ownedFields: [{ path: ["Marker"], reason: "is set by the provider" }],
  dedupedByVendor: false,
  goneWhenMissing: false,
  withKey: (request, key) => ({ ...request, Marker: key }),
  submit: async (c, request) => {
    if (vendor.throttled.has(request.Name)) {
      const signal = c.signal;
      if (!signal) throw new Error("the submit got no signal: Ctrl-C could not stop its throttled retries");
      vendor.calls.push(`throttled ${request.Name}`);
      await new Promise((r) => signal.addEventListener("abort", r, { once: true }));
      throw new AbortError({ ...ctx, reason: signal.reason, notExecuted: true });
    }
    vendor.calls.push(`submit ${request.Name}`);
    const id = `job-${vendor.jobs.length + 1}`;
    vendor.jobs.push({ id, marker: String(request.Marker), name: request.Name });
    return id;
  },
  recover: async (c) => {
    const hit = vendor.jobs.find((j) => j.marker === c.key);
    return hit ? { jobId: hit.id } : { notFound: "not listed" };
  },
  observe: async (_c, id) => {
    vendor.calls.push(`observe ${nameOf(id)}`);
    const running = vendor.slow.has(nameOf(id));
    return {
      jobId: id,
      status: running ? "Running" : "Success",
      done: !running,
      outputs: { jobId: id, echo: nameOf(id) },
    };
  },
  wait: async (_c, id, options) => {
    const name = nameOf(id);
    vendor.calls.push(`wait ${name}`);
    if (vendor.slow.has(name)) {
      throw new WaitTimeoutError({
        ...ctx,
        jobId: id,
        lastStatus: "Running",
        timeoutMs: options.timeoutMs ?? 0,
        polls: 1,
      });
    }
    if (vendor.failing.has(name)) {
      throw new JobFailedError({ ...ctx, code: "Bad", message: "bad input", jobId: id, status: "Fail", job: {} });
    }
    return { jobId: id, status: "Success", done: true, outputs: { jobId: id, echo: name } };
  },
  remove: async (_c, id) => {
    vendor.removed.push(nameOf(id));
  },
});

const items = (names: Record<string, string>) =>
  Object.fromEntries(Object.entries(names).map(([k, name]) => [k, { name }]));
const batchInputs = (names: Record<string, string>, extra: Props = {}) => ({
  __provider: "batch-provider",
  __holder: "s-test|p/s|test:BatchedSet/cat",
  idempotencyScope: "p/s/test:BatchedSet/cat",
  items: items(names),
  ...extra,
});
const submits = () => vendor.calls.filter((c) => c.startsWith("submit")).sort();
const recordOf = (outs: Props, key: string) => (outs.items as Record<string, Props>)[key]!;

let dir: string;
const configure = (extra: Record<string, string> = {}) => {
  const config: Record<string, string> = { "aigc:ledger": `file://${dir}`, ...extra };
  configureFrom({ get: (k) => config[k] });
};
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "batch-"));
  configure();
  vendor = new FakeVendor();
});
afterEach(() => {
  runCancellation.renew();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a batch: one job per item through the job lifecycle", () => {
  it("creates one job per item, each in its own scope; a repeated create (after a crash) resumes them", async () => {
    const news = batchInputs({ a: "A", b: "B", c: "C" });
    const first = await createBatch(kind, news);
    expect(submits()).toEqual(["submit A", "submit B", "submit C"]);
    expect(first.outs.counts).toEqual({ total: 3, succeeded: 3, failed: 0, unfinished: 0 });
    const scopes = (await (await processLedger()).list({})).map((i) => i.scope).sort();
    expect(scopes).toEqual(["p/s/test:BatchedSet/cat/a", "p/s/test:BatchedSet/cat/b", "p/s/test:BatchedSet/cat/c"]);
    // The same create again (the engine never got the first answer): every item's job is resumed, none resubmitted.
    const again = await createBatch(kind, news);
    expect(submits()).toHaveLength(3);
    expect(recordOf(again.outs, "b").jobId).toBe(recordOf(first.outs, "b").jobId);
  });

  it("update: added → a job, changed → a new job (old released), removed → released, unchanged → no call", async () => {
    const olds = batchInputs({ a: "A", b: "B", c: "C" });
    const { outs } = await createBatch(kind, olds);
    vendor.calls = [];
    const stored = { ...outs, __provider: "batch-provider" };
    const { outs: after } = await updateBatch(kind, "set-x", stored, batchInputs({ a: "A", b: "B2", d: "D" }));
    expect(submits()).toEqual(["submit B2", "submit D"]);
    expect(vendor.calls.some((c) => c.endsWith(" A"))).toBe(false);
    expect(vendor.removed.sort()).toEqual(["B", "C"]);
    expect(Object.keys(after.items as Props).sort()).toEqual(["a", "b", "d"]);
    expect(recordOf(after, "a")).toEqual(recordOf(outs, "a"));
    const released = (await (await processLedger()).list({})).filter((i) => i.state === "released");
    expect(released.map((i) => i.scope).sort()).toEqual(["p/s/test:BatchedSet/cat/b", "p/s/test:BatchedSet/cat/c"]);
  });

  it("partial failure: every item's id is kept; the next update resumes only the unfinished item", async () => {
    vendor.failing.add("B");
    vendor.slow.add("C");
    const err = await createBatch(kind, batchInputs({ a: "A", b: "B", c: "C" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceInitError);
    const partial = (err as ResourceInitError).properties;
    expect(partial.__provider).toBe("batch-provider");
    expect(partial.counts).toEqual({ total: 3, succeeded: 1, failed: 1, unfinished: 1 });
    for (const k of ["a", "b", "c"]) expect(recordOf(partial, k).jobId).toMatch(/^job-/);
    expect((err as ResourceInitError).reasons.join("\n")).toMatch(/items\["b"\]: .*failed at the vendor/);
    vendor.slow.clear();
    vendor.calls = [];
    const again = await updateBatch(kind, "set-x", partial, batchInputs({ a: "A", b: "B", c: "C" })).catch(
      (e: unknown) => e as ResourceInitError,
    );
    // The failed item is reported again without a call; only the unfinished one is waited for.
    expect(vendor.calls).toEqual(["wait C"]);
    expect((again as ResourceInitError).properties.counts).toEqual({
      total: 3,
      succeeded: 2,
      failed: 1,
      unfinished: 0,
    });
  });

  it("the spend guard counts items: one beyond the cap is not submitted; the next update submits it", async () => {
    configure({ "aigc:ledger": `file://${dir}`, "aigc:maxSubmissionsPerUpdate": String(spendGuard.submitted + 2) });
    const err = (await createBatch(kind, batchInputs({ a: "A", b: "B", c: "C" })).catch(
      (e: unknown) => e,
    )) as ResourceInitError;
    expect(submits()).toHaveLength(2);
    const partial = err.properties;
    const notSent = Object.entries(partial.items as Record<string, Props>).filter(([, r]) => !r.jobId);
    expect(notSent).toHaveLength(1);
    expect(String(notSent[0]![1].errorMessage)).toMatch(/spend guard/);
    configure({ "aigc:ledger": `file://${dir}`, "aigc:maxSubmissionsPerUpdate": String(spendGuard.submitted + 2) });
    const { outs } = await updateBatch(kind, "set-x", partial, batchInputs({ a: "A", b: "B", c: "C" }));
    expect(submits()).toHaveLength(3);
    expect(outs.counts).toEqual({ total: 3, succeeded: 3, failed: 0, unfinished: 0 });
  });

  it("Ctrl-C while an item's submit is throttled: its claim is void; the next update submits it", async () => {
    vendor.throttled.add("B");
    const pending = createBatch(kind, batchInputs({ a: "A", b: "B" })).then(
      () => undefined,
      (e: unknown) => e as ResourceInitError,
    );
    const throttling = () => vendor.calls.includes("throttled B");
    for (let i = 0; i < 200 && !throttling(); i++) await new Promise((r) => setTimeout(r, 5));
    runCancellation.cancel();
    const err = await pending;
    if (!(err instanceof ResourceInitError)) throw new Error(`the batch did not end in a partial state: ${err}`);
    const b = recordOf(err.properties, "b");
    expect(b.jobId).toBeUndefined();
    expect(String(b.errorMessage)).toMatch(/cancelled before the vendor executed SubmitIProductionJob .*nothing was/);
    const intents = await (await processLedger()).list({});
    expect(intents.find((i) => i.scope.endsWith("/b"))?.state).toBe("void");
    runCancellation.renew();
    vendor.throttled.clear();
    const { outs } = await updateBatch(kind, "set-x", err.properties, batchInputs({ a: "A", b: "B" }));
    expect(submits()).toEqual(["submit A", "submit B"]);
    expect(outs.counts).toEqual({ total: 2, succeeded: 2, failed: 0, unfinished: 0 });
  });

  it("refresh re-reads each item; destroy releases each item's job", async () => {
    const { outs } = await createBatch(kind, batchInputs({ a: "A", b: "B" }));
    const read = await readBatch(kind, "set-x", { ...outs, __provider: "batch-provider" });
    expect(read.props.counts).toEqual(outs.counts);
    expect(read.props.__provider).toBe("batch-provider");
    await deleteBatch(kind, "set-x", read.props);
    expect(vendor.removed.sort()).toEqual(["A", "B"]);
    const open = (await (await processLedger()).list({})).filter((i) => i.state !== "released");
    expect(open).toEqual([]);
  });
});
