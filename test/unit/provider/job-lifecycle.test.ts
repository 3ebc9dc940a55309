// The exactly-once lifecycle (provider/runtime/job-lifecycle.ts) on a real file ledger, against a scripted
// in-memory vendor. The kind under test is declared here with defineJobKind, like any sixth kind would be.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineJobKind, type JobView, output } from "../../../provider/job-kind";
import { intentDigest, intentKey, legacyIntentKey } from "../../../provider/runtime/identity";
import { createJob, deleteJob, ResourceInitError, readJob, updateJob } from "../../../provider/runtime/job-lifecycle";
import { FileLedger } from "../../../provider/runtime/ledger/file-ledger";
import type { Ledger } from "../../../provider/runtime/ledger/ledger";
import { importJournal } from "../../../provider/runtime/ledger/open-ledger";
import { processLedger } from "../../../provider/runtime/ledger/process-ledger";
import { configureFrom } from "../../../provider/runtime/provider-config";
import { RunCancellation, RunCancelledError, runCancellation } from "../../../provider/runtime/run-cancellation";
import { SpendGuardError, spendGuard } from "../../../provider/runtime/spend-guard";
import {
  AbortError,
  AmbiguousSubmissionError,
  AuthenticationError,
  DuplicateSubmissionError,
  JobFailedError,
  NetworkError,
  NotFoundError,
  TransientServerError,
  UnknownOutcomeError,
  WaitTimeoutError,
} from "../../../sdk/core/errors";
import type { WaitOptions } from "../../../sdk/core/wait/waiter";

const ctx = { vendor: "alibaba" as const, service: "ice", action: "SubmitIProductionJob" };
type Outcome =
  | "ok"
  | "lost-after-create"
  | "lost-before-create"
  | "duplicate"
  | "auth"
  | "bug-after-create"
  | "unavailable"
  | "unknown-error";

/** A vendor whose answers are scripted: jobs it created, and what it does with the next submissions. */
class FakeVendor {
  jobs: Array<{ id: string; marker: string; name: string }> = [];
  script: Outcome[] = [];
  findable = true;
  /** Lookups that miss before the vendor lists the job (DescribeTasks lagging behind the create). */
  missedLookups = 0;
  waitBehaviour: "done" | "fail" | "timeout" | "not-found-once" | "until-aborted" = "done";
  calls = 0;

  submit(marker: string, name: string): string {
    this.calls++;
    const outcome = this.script.shift() ?? "ok";
    const create = () => {
      const id = `job-${this.jobs.length + 1}`;
      this.jobs.push({ id, marker, name });
      return id;
    };
    const sentThenLost = () =>
      new AmbiguousSubmissionError({
        ...ctx,
        marker,
        cause: new NetworkError({ ...ctx, message: "reset", phase: "response", requestSent: true }),
      });
    switch (outcome) {
      case "ok":
        return create();
      case "lost-after-create":
        create();
        throw sentThenLost();
      case "lost-before-create":
        throw sentThenLost();
      case "duplicate":
        throw new DuplicateSubmissionError({
          ...ctx,
          code: "InvalidParameterValue.SessionId",
          message: "dup",
          sessionId: marker,
        });
      case "auth":
        throw new AuthenticationError({ ...ctx, code: "SignatureDoesNotMatch", message: "bad key" });
      case "unavailable":
        throw new TransientServerError({ ...ctx, code: "ServiceUnavailable", message: "try later", httpStatus: 503 });
      case "unknown-error":
        throw new UnknownOutcomeError({ ...ctx, code: "UNKNOWN_ERROR", message: "未知错误", httpStatus: 200 });
      case "bug-after-create":
        create();
        throw new TypeError("cannot read properties of undefined (reading 'JobId')");
    }
  }
}

let vendor: FakeVendor;

const view = (jobId: string, done = true): JobView<{ jobId: string; echo: string }> => ({
  jobId,
  status: done ? "Success" : "Analysing",
  done,
  outputs: { jobId, echo: jobId },
});

const notFound = (id: string) => new NotFoundError({ ...ctx, code: "NotFound", message: id });

function fakeKind(dedupedByVendor: boolean) {
  return defineJobKind({
    name: dedupedByVendor ? "test:Deduped" : "test:Fake",
    request: z.strictObject({ Name: z.string().min(1), Marker: z.string().optional() }),
    idOutput: "jobId",
    adoptInputs: ["adoptJobId"],
    outputs: { jobId: output<string>(), echo: output<string>() },
    ownedFields: [{ path: ["Marker"], reason: "is set by the provider" }],
    dedupedByVendor,
    goneWhenMissing: false,
    adoptedJobId: (inputs) => (typeof inputs.adoptJobId === "string" ? inputs.adoptJobId : undefined),
    withKey: (request, key) => ({ ...request, Marker: key }),
    submit: async (_c, request) => vendor.submit(String(request.Marker), request.Name),
    recover: async (c, request) => {
      const listed = vendor.findable && vendor.missedLookups-- <= 0;
      const hit = listed ? vendor.jobs.find((j) => j.marker === c.key) : undefined;
      if (hit && hit.name !== request.Name) return { mismatch: { jobId: hit.id, differences: [`Name ${hit.name}`] } };
      return hit ? { jobId: hit.id } : { notFound: "the fake vendor cannot list jobs" };
    },
    observe: async (_c, id) => {
      vendor.calls++;
      if (!vendor.jobs.some((j) => j.id === id)) throw notFound(id);
      return view(id);
    },
    wait: async (_c, id, options) => {
      vendor.calls++;
      if (vendor.waitBehaviour === "until-aborted") {
        options.onProgress?.({ jobId: id, status: "Analysing", polls: 1, elapsedMs: 1000, nextDelayMs: 1000 });
        await new Promise((_, reject) =>
          options.signal?.addEventListener("abort", () => reject(new AbortError({ ...ctx, jobId: id }))),
        );
      }
      if (vendor.waitBehaviour === "not-found-once") {
        vendor.waitBehaviour = "done";
        throw notFound(id);
      }
      if (vendor.waitBehaviour === "timeout") {
        throw new WaitTimeoutError({
          ...ctx,
          jobId: id,
          lastStatus: "Analysing",
          timeoutMs: options.timeoutMs ?? 0,
          polls: 3,
        });
      }
      if (vendor.waitBehaviour === "fail") {
        throw new JobFailedError({
          ...ctx,
          code: "Fail",
          message: "bad input https://b/in.mp4?Signature=s3cr3t",
          jobId: id,
          status: "Fail",
          job: {},
        });
      }
      return view(id);
    },
  });
}

const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: "serialized-provider",
  name: "clip",
  idempotencyScope: "p/s/test:Fake/clip",
  ...extra,
});

let dir: string;
let config: Record<string, string>;
const configure = (extra: Record<string, string> = {}) => {
  config = { "aigc:ledger": `file://${dir}`, ...extra };
  configureFrom({ get: (k) => config[k] });
};
const ledger = (): Promise<Ledger> => processLedger();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-"));
  configure();
  vendor = new FakeVendor();
});
afterEach(() => {
  runCancellation.renew();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("create: exactly once", () => {
  it("submits once, records the job in the ledger; a repeated create resumes it instead of submitting", async () => {
    const first = await createJob(fakeKind(false), inputs());
    expect(first.id).toBe("job-1");
    expect(first.outs).toMatchObject({
      jobId: "job-1",
      status: "Success",
      echo: "job-1",
      ambiguousSubmissions: 0,
      progress: 100,
    });
    const key = String(first.outs.idempotencyKey);
    expect(await (await ledger()).get(key)).toMatchObject({ state: "submitted", jobId: "job-1", attempts: 1 });
    const again = await createJob(fakeKind(false), inputs());
    expect(again.id).toBe("job-1");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("adopts an explicit job id without submitting, and records that the resource holds it", async () => {
    vendor.jobs.push({ id: "job-existing", marker: "elsewhere", name: "clip" });
    const r = await createJob(fakeKind(false), inputs({ adoptJobId: "job-existing" }));
    expect(r.id).toBe("job-existing");
    expect(vendor.jobs).toHaveLength(1);
    expect(await (await ledger()).list({ holding: "job-existing" })).toMatchObject([{ state: "adopted" }]);
  });

  it("after an ambiguous failure, finds the job the lost request created", async () => {
    vendor.script = ["lost-after-create"];
    const r = await createJob(fakeKind(false), inputs());
    expect(r.id).toBe("job-1");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("policy fail: an unidentifiable ambiguous failure stops, and stays stopped on the next run", async () => {
    vendor.script = ["lost-after-create"];
    vendor.findable = false;
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e.message).toMatch(/a job may have been created .* It was not submitted again, to\s+avoid paying twice/);
    expect(e.message).toMatch(/set adoptJobId to the job's id/);
    const again = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(again.message).toMatch(/a job may have been created/);
    expect(vendor.jobs).toHaveLength(1); // never submitted a second time
  });

  it("policy resubmit: submits again, counts the possible duplicate, and stops at 3 — across runs", async () => {
    vendor.script = ["lost-after-create", "ok"];
    vendor.findable = false;
    const r = await createJob(fakeKind(false), inputs({ onAmbiguousSubmission: "resubmit" }));
    expect(r.id).toBe("job-2");
    expect(r.outs.ambiguousSubmissions).toBe(1);
    expect(vendor.jobs).toHaveLength(2); // the duplicate the protocol made unavoidable, counted above
    vendor.jobs = [];
    vendor.script = ["lost-before-create", "lost-before-create", "unavailable", "lost-before-create", "ok"];
    const other = inputs({ name: "other", idempotencyScope: "p/s/test:Fake/other", onAmbiguousSubmission: "resubmit" });
    // Two ambiguous submissions, then the run dies on an unavailable answer (not retried blindly)...
    await expect(createJob(fakeKind(false), other)).rejects.toThrow(/ServiceUnavailable|try later/);
    // ...and the next run does not start counting from zero: three ambiguous submissions, it stops.
    const e = await createJob(fakeKind(false), other).catch((x) => x);
    expect(e.message).toMatch(/3 ambiguous submissions so far: resubmitting stops here/);
    expect(vendor.script).toEqual(["lost-before-create", "ok"]);
  });

  it("S11: a paid submit answered ServiceUnavailable or UNKNOWN_ERROR is ambiguous, not 'nothing'", async () => {
    vendor.findable = false;
    for (const outcome of ["unavailable", "unknown-error"] as const) {
      vendor.script = [outcome];
      const scope = `p/s/test:Fake/${outcome}`;
      await expect(createJob(fakeKind(false), inputs({ idempotencyScope: scope }))).rejects.toThrow();
      const [intent] = await (await ledger()).list({ scopePrefix: scope });
      expect(intent).toMatchObject({ state: "ambiguous", ambiguous: 1 });
      const again = await createJob(fakeKind(false), inputs({ idempotencyScope: scope })).catch((x) => x);
      expect(again.message).toMatch(/a job may have been created/);
    }
    expect(vendor.calls).toBe(2);
  });

  it("a dead runner's claim (deduping vendor): resubmitted with the same key, the duplicate finds it", async () => {
    const kind = fakeKind(true);
    const l = await ledger();
    const scope = "p/s/test:Fake/clip";
    const key = intentKey(l.id, scope, intentDigest(kind.name, { Name: "clip" }, undefined), 0);
    // A runner claimed and sent the submit, the vendor created the job, then the runner died.
    const other = FileLedger.open(dir);
    await other.claim({ key, scope, kind: kind.name, epoch: 0, digest: "d" });
    await other.update(key, { attempts: 1, owner: "runner-that-died" });
    vendor.jobs.push({ id: "job-orig", marker: key, name: "clip" });
    vendor.missedLookups = 1; // DescribeTasks does not list it at first...
    vendor.script = ["duplicate"]; // ...but the vendor refuses the repeated SessionId
    expect((await createJob(kind, inputs())).id).toBe("job-orig");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("a dead runner's claim resubmitted under policy resubmit (no dedup) counts the possible duplicate", async () => {
    const kind = fakeKind(false);
    const l = await ledger();
    const scope = "p/s/test:Fake/clip";
    const key = intentKey(l.id, scope, intentDigest(kind.name, { Name: "clip" }, undefined), 0);
    // A runner claimed and sent the submit (its job may exist, unfindable), then died.
    const other = FileLedger.open(dir);
    await other.claim({ key, scope, kind: kind.name, epoch: 0, digest: "d" });
    await other.update(key, { attempts: 1, owner: "runner-that-died", submittedAt: new Date().toISOString() });
    vendor.findable = false;
    const r = await createJob(kind, inputs({ onAmbiguousSubmission: "resubmit" }));
    expect(r.outs.ambiguousSubmissions).toBe(1);
    expect(await l.get(key)).toMatchObject({ ambiguous: 1 });
  });

  it("S17: a dead runner's claim older than the vendor's dedup window is never resubmitted: ambiguous", async () => {
    const kind = { ...fakeKind(true), dedupWindowMs: 3 * 86_400_000 };
    const l = await ledger();
    const scope = "p/s/test:Fake/clip";
    const key = intentKey(l.id, scope, intentDigest(kind.name, { Name: "clip" }, undefined), 0);
    // A runner claimed and sent the submit (its answer lost), then died; the vendor has since forgotten the job.
    const other = FileLedger.open(dir);
    await other.claim({ key, scope, kind: kind.name, epoch: 0, digest: "d" });
    await other.update(key, { attempts: 1, owner: "runner-that-died", submittedAt: new Date().toISOString() });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 4 * 86_400_000 });
    try {
      const err = await createJob(kind, inputs()).catch((x) => x);
      expect(err.message).toMatch(/a job may have been created by the submission of this resource/);
      expect(err.message).toMatch(/first attempt was 4 d 0 h ago, beyond the 3 d 0 h/);
      expect(vendor.calls).toBe(0);
      // Inside the window (less the margin), the same claim is retried under its key, as before.
      vi.setSystemTime(Date.now() - 3 * 86_400_000);
      await other.update(key, { owner: "runner-that-died" });
      expect((await createJob(kind, inputs())).id).toBe("job-1");
      expect(vendor.calls).toBe(2); // the submit, then the wait
    } finally {
      vi.useRealTimers();
    }
  });

  it("a job under this resource's key with other inputs is never adopted: the update stops naming both", async () => {
    const kind = fakeKind(true);
    vendor.script = ["lost-after-create"];
    const l = await ledger();
    const key = intentKey(l.id, "p/s/test:Fake/clip", intentDigest(kind.name, { Name: "clip" }, undefined), 0);
    vendor.jobs.push({ id: "job-alien", marker: key, name: "someone else's" });
    const e = await createJob(kind, inputs()).catch((x) => x);
    expect(e.message).toMatch(
      /the vendor has job job-alien under this resource's idempotency key pa-\S+, but its recorded input differs/,
    );
  });

  it("an error that created nothing (auth) voids the intent; the next create submits under the same key", async () => {
    vendor.script = ["auth"];
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e).toBeInstanceOf(AuthenticationError);
    const [intent] = await (await ledger()).list();
    expect(intent).toMatchObject({ state: "void" });
    const r = await createJob(fakeKind(false), inputs());
    expect(r.id).toBe("job-1");
    expect(r.outs.idempotencyKey).toBe(intent!.key);
  });

  it("an unexpected error after the request left is recorded as ambiguous, never as 'nothing created'", async () => {
    vendor.script = ["bug-after-create"];
    vendor.findable = false;
    expect(await createJob(fakeKind(false), inputs()).catch((x) => x)).toBeInstanceOf(TypeError);
    const again = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(again.message).toMatch(/a job may have been created/);
    expect(vendor.jobs).toHaveLength(1);
  });

  it("S10: a NotFound for a recorded job id never leads to a new submission", async () => {
    await createJob(fakeKind(false), inputs({ waitForCompletion: false }));
    vendor.waitBehaviour = "not-found-once";
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e).toBeInstanceOf(ResourceInitError);
    expect(e.id).toBe("job-1");
    expect(e.reasons[0]).toMatch(/job-1: .*its id is saved/);
    const resumed = await updateJob(fakeKind(false), "job-1", e.properties, inputs());
    expect(resumed.outs.status).toBe("Success");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("S9: a corrupt ledger entry fails the update naming it, and submits nothing", async () => {
    vendor.script = ["auth"]; // leaves an intent behind
    await createJob(fakeKind(false), inputs()).catch(() => undefined);
    const [intent] = await (await ledger()).list();
    fs.writeFileSync(path.join(dir, "intents", `${intent!.key}.json`), '{"key": trunc');
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e.message).toContain(`${intent!.key}.json is unreadable`);
    expect(e.message).toMatch(/nothing was submitted/);
    expect(vendor.calls).toBe(1);
  });

  it("S9: an unreadable ledger directory fails the update naming it, and submits nothing", async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.writeFileSync(dir, "not a directory");
    configure({ "aigc:ledger": `file://${dir}` });
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e.message).toContain(dir);
    expect(vendor.calls).toBe(0);
    fs.rmSync(dir);
  });

  it("S8: a claim held by a live runner: the second runner waits, submits nothing, resumes the job", async () => {
    const kind = fakeKind(false);
    const l = await ledger();
    const key = intentKey(l.id, "p/s/test:Fake/clip", intentDigest(kind.name, { Name: "clip" }, undefined), 0);
    const first = FileLedger.open(dir); // another runner of this host, alive (this very process)
    await first.claim({ key, scope: "p/s/test:Fake/clip", kind: kind.name, epoch: 0, digest: "d" });
    await first.update(key, { attempts: 1 });
    setTimeout(async () => {
      vendor.jobs.push({ id: "job-theirs", marker: key, name: "clip" });
      await first.update(key, { state: "submitted", jobId: "job-theirs", owner: undefined });
    }, 700);
    expect((await createJob(kind, inputs())).id).toBe("job-theirs");
    expect(vendor.calls).toBe(1); // the wait, no submit
    await first.close();
  });

  it("S8: a claim a live runner keeps too long: the second runner stops clearly, submitting nothing", async () => {
    configure({ "aigc:claimWaitSeconds": "1" });
    const kind = fakeKind(false);
    const l = await ledger();
    const key = intentKey(l.id, "p/s/test:Fake/clip", intentDigest(kind.name, { Name: "clip" }, undefined), 0);
    const first = FileLedger.open(dir);
    await first.claim({ key, scope: "p/s/test:Fake/clip", kind: kind.name, epoch: 0, digest: "d" });
    const e = await createJob(kind, inputs()).catch((x) => x);
    expect(e.message).toMatch(
      /another runner \(.* pid \d+.*\) holds the claim on this job .* Nothing was submitted here/s,
    );
    expect(vendor.calls).toBe(0);
    await first.close();
  });

  it("a job id the ledger cannot record still reaches the stack", async () => {
    const original = FileLedger.prototype.update;
    vi.spyOn(FileLedger.prototype, "update").mockImplementation(async function (this: FileLedger, key, patch) {
      if (patch.state === "submitted") throw new Error("disk full");
      return original.call(this, key, patch);
    });
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    vi.restoreAllMocks();
    expect(e).toBeInstanceOf(ResourceInitError);
    expect(e.id).toBe("job-1");
    expect(e.reasons[0]).toMatch(/job job-1 was submitted but the ledger could not record it \(disk full\)/);
    expect(e.properties).toMatchObject({ jobId: "job-1", __provider: "serialized-provider" });
  });
});

describe("identity: every deliberate new job gets a new key", () => {
  it("S2: destroy, then re-create identical inputs: a new key and a new submission", async () => {
    const kind = fakeKind(true);
    const first = await createJob(kind, inputs());
    await deleteJob(kind, first.id, first.outs);
    const second = await createJob(kind, inputs());
    expect(second.outs.idempotencyKey).not.toBe(first.outs.idempotencyKey);
    expect(second.id).toBe("job-2");
    expect(vendor.jobs.map((j) => j.marker)).toEqual([first.outs.idempotencyKey, second.outs.idempotencyKey]);
  });

  it("S2: resubmitToken A → B → A, each replacement deleting the previous resource: 3 jobs, 3 keys", async () => {
    const kind = fakeKind(true);
    const a1 = await createJob(kind, inputs({ resubmitToken: "A" }));
    const b = await createJob(kind, inputs({ resubmitToken: "B" }));
    await deleteJob(kind, a1.id, a1.outs);
    const a2 = await createJob(kind, inputs({ resubmitToken: "A" }));
    await deleteJob(kind, b.id, b.outs);
    expect(new Set([a1.outs.idempotencyKey, b.outs.idempotencyKey, a2.outs.idempotencyKey]).size).toBe(3);
    expect(vendor.jobs).toHaveLength(3);
  });

  it("item 9: two ledgers (two developers' same-named stacks) never derive the same key", async () => {
    const kind = fakeKind(true);
    const mine = await createJob(kind, inputs());
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-other-"));
    configure({ "aigc:ledger": `file://${otherDir}` });
    const theirs = await createJob(kind, inputs());
    expect(theirs.outs.idempotencyKey).not.toBe(mine.outs.idempotencyKey);
    expect(theirs.id).toBe("job-2");
    fs.rmSync(otherDir, { recursive: true, force: true });
  });

  it("S3: a request field the provider owns is refused before anything is sent", async () => {
    const e = await createJob(fakeKind(false), inputs({ marker: "mine" })).catch((x) => x);
    expect(e.message).toMatch(/Marker: is set by the provider/);
    expect(vendor.calls).toBe(0);
  });

  it("resumes an in-flight submission journaled by pulumi-aigc 0.1 by its old key instead of submitting", async () => {
    const old = legacyIntentKey("p/s/test:Fake/clip", "test:Fake", { Name: "clip" }, undefined);
    const journal = fs.mkdtempSync(path.join(os.tmpdir(), "journal-"));
    fs.writeFileSync(
      path.join(journal, `${old}.json`),
      JSON.stringify({
        key: old,
        kind: "test:Fake",
        state: "submitted",
        jobId: "job-old",
        startedAt: "2026-11-01T00:00:00Z",
      }),
    );
    vendor.jobs.push({ id: "job-old", marker: old, name: "clip" });
    configure({ "aigc:ledger": `file://${dir}`, "aigc:journalDir": journal });
    // The 0.1 journal directory is imported when the ledger opens (journalDir names it here).

    await importJournal(await ledger(), journal);
    const r = await createJob(fakeKind(false), inputs());
    expect(r.id).toBe("job-old");
    expect(r.outs.idempotencyKey).toBe(old);
    expect(vendor.calls).toBe(1);
    fs.rmSync(journal, { recursive: true, force: true });
  });
});

describe("spend guard", () => {
  it("refuses the submission beyond the cap before it is sent; adopted and resumed jobs do not count", async () => {
    configure({ "aigc:ledger": `file://${dir}`, "aigc:maxSubmissionsPerUpdate": String(spendGuard.submitted + 2) });
    const kind = fakeKind(false);
    await createJob(kind, inputs({ idempotencyScope: "p/s/k/a" }));
    await createJob(kind, inputs({ idempotencyScope: "p/s/k/b" }));
    const e = await createJob(kind, inputs({ idempotencyScope: "p/s/k/c" })).catch((x) => x);
    expect(e).toBeInstanceOf(SpendGuardError);
    expect(e.message).toMatch(
      /this update has already submitted \d+ job\(s\), the most aigc:maxSubmissionsPerUpdate allows/,
    );
    expect(e.message).toMatch(/pulumi config set aigc:maxSubmissionsPerUpdate/);
    expect(vendor.jobs).toHaveLength(2);
    // Resumed and adopted jobs are not submissions.
    expect((await createJob(kind, inputs({ idempotencyScope: "p/s/k/a" }))).id).toBe("job-1");
    expect((await createJob(kind, inputs({ idempotencyScope: "p/s/k/d", adoptJobId: "job-2" }))).id).toBe("job-2");
    // The refused one was never claimed as sent: raising the cap submits it once.
    configure({ "aigc:ledger": `file://${dir}`, "aigc:maxSubmissionsPerUpdate": "1000" });
    expect((await createJob(kind, inputs({ idempotencyScope: "p/s/k/c" }))).id).toBe("job-3");
  });
});

describe("partial states keep the job id", () => {
  it("a wait timeout records the job with __provider and a reason that tells what to do", async () => {
    vendor.waitBehaviour = "timeout";
    const e = await createJob(fakeKind(false), inputs({ waitTimeoutSeconds: 5 })).catch((x) => x);
    expect(e).toBeInstanceOf(ResourceInitError);
    expect(e.id).toBe("job-1");
    expect(e.properties).toMatchObject({ jobId: "job-1", __provider: "serialized-provider" });
    expect(e.reasons[0]).toMatch(
      /is still Success after 5 s \(waitTimeoutSeconds\); its id is saved: run `pulumi up` again/,
    );
    vendor.waitBehaviour = "done";
    const resumed = await updateJob(fakeKind(false), "job-1", e.properties, inputs({ waitTimeoutSeconds: 5 }));
    expect(resumed.outs.status).toBe("Success");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("a failed job records the vendor's code and message, with presigned URLs redacted", async () => {
    vendor.waitBehaviour = "fail";
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e).toBeInstanceOf(ResourceInitError);
    expect(e.reasons[0]).toMatch(
      /failed at the vendor: \[Fail\] bad input https:\/\/b\/in\.mp4\?<redacted>\. Change its inputs/,
    );
    expect(JSON.stringify(e.properties) + e.message).not.toContain("s3cr3t");
    expect(e.properties).toMatchObject({ jobId: "job-1", errorCode: "Fail", progress: 100 });
    // The next `up` (an update with the same inputs) reports the same failure without paying or calling.
    vendor.calls = 0;
    const again = await updateJob(fakeKind(false), "job-1", e.properties, inputs()).catch((x) => x);
    expect(again.reasons[0]).toMatch(/\[Fail\]/);
    expect(vendor.calls).toBe(0);
  });

  it("does not wait when waitForCompletion is false", async () => {
    vendor.waitBehaviour = "timeout";
    const r = await createJob(fakeKind(false), inputs({ waitForCompletion: false }));
    expect(r.outs.jobId).toBe("job-1");
  });
});

describe("update, read, delete", () => {
  it("S6: an in-place change on a job that has ended makes no vendor call, whatever the vendor shows", async () => {
    const r = await createJob(fakeKind(false), inputs());
    vendor.jobs = []; // retention passed: the vendor no longer knows it
    vendor.calls = 0;
    const u = await updateJob(
      fakeKind(false),
      r.id,
      r.outs,
      inputs({ waitTimeoutSeconds: 99, idempotencyScope: "p/renamed" }),
    );
    expect(vendor.calls).toBe(0);
    expect(u.outs).toMatchObject({
      jobId: "job-1",
      waitTimeoutSeconds: 99,
      idempotencyScope: "p/renamed",
      idempotencyKey: r.outs.idempotencyKey,
    });
  });

  it("refresh keeps a job the vendor no longer returns (vendorState NOT_FOUND) and updates one it does", async () => {
    const r = await createJob(fakeKind(false), inputs());
    vendor.jobs = [];
    const gone = await readJob(fakeKind(false), r.id, r.outs);
    expect(gone.id).toBe(r.id);
    expect(gone.props?.vendorState).toBe("NOT_FOUND");
  });

  it("S18: after an in-place endpoint change, update, refresh and delete look where the job was sent", async () => {
    const seen: Array<string | undefined> = [];
    const base = fakeKind(false);
    const kind = {
      ...base,
      observe: async (c: Parameters<typeof base.observe>[0], id: string) => {
        seen.push(c.placement.endpoint);
        return base.observe(c, id);
      },
      remove: async (c: Parameters<typeof base.observe>[0]) => {
        seen.push(c.placement.endpoint);
      },
    };
    const at = (endpoint: string) => inputs({ endpoint, waitForCompletion: false });
    const r = await createJob(kind, at("http://127.0.0.1:4001"));
    const u = await updateJob(kind, r.id, { ...r.outs, progress: 50 }, at("http://127.0.0.1:4002"));
    expect(u.outs).toMatchObject({
      endpoint: "http://127.0.0.1:4002",
      __placement: { endpoint: "http://127.0.0.1:4001" },
    });
    const refreshed = await readJob(kind, r.id, u.outs);
    expect(refreshed.props).toMatchObject({ __placement: { endpoint: "http://127.0.0.1:4001" } });
    await deleteJob(kind, r.id, refreshed.props!);
    expect(seen).toEqual(Array(4).fill("http://127.0.0.1:4001"));
  });

  it("delete releases the intent: its tombstone stays, the scope moves on", async () => {
    const r = await createJob(fakeKind(false), inputs());
    await deleteJob(fakeKind(false), r.id, r.outs);
    const l = await ledger();
    expect(await l.get(String(r.outs.idempotencyKey))).toMatchObject({ state: "released", jobId: "job-1" });
    expect(await l.epoch("p/s/test:Fake/clip")).toBe(1);
  });
});

describe("the waiter's duration history", () => {
  /** The fake kind with a profile; its wait reports like the sdk's waiter and keeps the options it got. */
  function timedKind(finish: { vendorMs?: number; finishedAfterMs: number; elapsedMs: number }) {
    const base = fakeKind(false);
    const waits: WaitOptions[] = [];
    const kind = defineJobKind({
      ...base,
      profile: () => "region|model", // the lifecycle prefixes the kind: "test:Fake|region|model"
      wait: async (_c, id, options) => {
        waits.push(options);
        options.onProgress?.({ jobId: id, status: "Analysing", polls: 1, elapsedMs: finish.finishedAfterMs });
        options.onProgress?.({ jobId: id, status: "Success", polls: 2, ...finish });
        return { ...view(id), durationMs: finish.vendorMs };
      },
    });
    return { kind, waits };
  }
  const durationsOf = async () => (await ledger()).durations("test:Fake|region|model", 10);

  it("each wait gets the p50 and p90 of finished jobs of the same profile; the first ones wait cold", async () => {
    const { kind, waits } = timedKind({ vendorMs: 30_000, finishedAfterMs: 28_000, elapsedMs: 31_000 });
    for (const name of ["a", "b", "c", "d"])
      await createJob(kind, inputs({ idempotencyScope: `p/s/test:Fake/${name}` }));
    expect(waits.map((w) => w.expectedDuration)).toEqual([
      undefined,
      undefined,
      undefined,
      { p50Ms: 30_000, p90Ms: 30_000 },
    ]);
    expect(waits[3]!.timeoutMs).toBe(30 * 60_000);
  });

  it("a resumed job is looked at at once and waited for cold: durations count from its unknown submit", async () => {
    const { kind, waits } = timedKind({ vendorMs: 600_000, finishedAfterMs: 28_000, elapsedMs: 31_000 });
    for (const name of ["a", "b", "c"]) await createJob(kind, inputs({ idempotencyScope: `p/s/test:Fake/${name}` }));
    await createJob(kind, inputs({ idempotencyScope: "p/s/test:Fake/a" })); // the crashed run's job, resumed
    await createJob(kind, inputs({ idempotencyScope: "p/s/test:Fake/d" })); // a new submission
    expect(vendor.jobs).toHaveLength(4);
    expect(waits.map((w) => [w.expectedDuration, w.initialDelayMs])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, 0],
      [{ p50Ms: 600_000, p90Ms: 600_000 }, undefined],
    ]);
  });

  it("records the vendor's duration where it has one, else submit to midway between the last two polls", async () => {
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now);
    try {
      await createJob(timedKind({ vendorMs: 30_000, finishedAfterMs: 28_000, elapsedMs: 31_000 }).kind, inputs());
      expect(await durationsOf()).toEqual([30_000]);
      const observed = timedKind({ finishedAfterMs: 28_000, elapsedMs: 31_000 }).kind;
      await createJob(observed, inputs({ idempotencyScope: "p/s/test:Fake/other" }));
      expect((await durationsOf()).sort()).toEqual([29_500, 30_000]);
    } finally {
      clock.mockRestore();
    }
  });

  it("records no observed duration when the first poll already found the job done: too wide a guess", async () => {
    await createJob(timedKind({ finishedAfterMs: 0, elapsedMs: 31_000 }).kind, inputs());
    expect(await durationsOf()).toEqual([]);
  });

  it("records no observed duration for a job it did not submit (adopted): its start is unknown", async () => {
    vendor.jobs.push({ id: "job-existing", marker: "elsewhere", name: "clip" });
    await createJob(
      timedKind({ finishedAfterMs: 28_000, elapsedMs: 31_000 }).kind,
      inputs({ adoptJobId: "job-existing" }),
    );
    expect(await durationsOf()).toEqual([]);
  });
});

describe("Ctrl-C: the engine's Cancel", () => {
  it("stops a running wait at once; the job id reaches the state, stays in the ledger; next up resumes", async () => {
    vendor.waitBehaviour = "until-aborted";
    const created = createJob(fakeKind(false), inputs()).catch((x) => x);
    while (vendor.jobs.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    runCancellation.cancel();
    const e = await created;
    expect(e).toBeInstanceOf(ResourceInitError);
    expect(e.id).toBe("job-1");
    expect(e.properties).toMatchObject({ jobId: "job-1", status: "Analysing", __provider: "serialized-provider" });
    expect(e.reasons[0]).toMatch(
      /job-1 is still Analysing at the vendor: the update was cancelled while waiting for it; its id is saved/,
    );
    const intents = await (await ledger()).list({});
    expect(intents.map((i) => [i.state, i.jobId])).toEqual([["submitted", "job-1"]]);
    runCancellation.renew(); // the next run
    vendor.waitBehaviour = "done";
    const resumed = await updateJob(fakeKind(false), "job-1", e.properties, inputs());
    expect(resumed.outs.status).toBe("Success");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("a wait stopped by its engine's loss (SIGKILLed CLI) leaves the intent unreturned: no stack got it", async () => {
    vendor.waitBehaviour = "until-aborted";
    const created = createJob(fakeKind(false), inputs()).catch((x) => x);
    while (vendor.jobs.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    runCancellation.engineLost(); // what the engine watchdog does
    expect(await created).toBeInstanceOf(ResourceInitError);
    const intents = await (await ledger()).list({});
    expect(intents.map((i) => [i.state, i.jobId, i.returned])).toEqual([["submitted", "job-1", false]]);
  });

  it("a create that has not submitted submits nothing, leaving its claim to the next up (submits once)", async () => {
    runCancellation.cancel();
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e).toBeInstanceOf(RunCancelledError);
    expect(e.message).toMatch(/cancelled before it was submitted; nothing was submitted/);
    expect(vendor.calls).toBe(0);
    const [intent] = await (await ledger()).list({});
    expect(intent).toMatchObject({ state: "claimed", attempts: 0 });
    expect(intent!.owner).toBeUndefined();
    runCancellation.renew();
    const r = await createJob(fakeKind(false), inputs());
    expect(r.id).toBe("job-1");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("says which jobs are still running at the vendor, once; a Cancel with nothing waiting says nothing", () => {
    const said: string[] = [];
    const idle = new RunCancellation((m) => said.push(m));
    idle.cancel();
    expect(said).toEqual([]);
    const run = new RunCancellation((m) => said.push(m));
    run.track("job-7", 'test:Fake "clip"').status("Analysing");
    run.track("job-8", 'test:Fake "cover"').done();
    run.cancel();
    run.cancel();
    expect(said).toEqual([
      'cancelled: stopped waiting; 1 job still running at the vendor: test:Fake "clip" job-7 (Analysing). Their ' +
        "ids are saved in the stack and the ledger: the next `pulumi up` resumes them without submitting again",
    ]);
    expect(run.signal.aborted).toBe(true);
  });
});
