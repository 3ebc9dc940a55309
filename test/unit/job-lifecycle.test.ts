// The exactly-once core (provider/runtime/job-lifecycle.ts) against a scripted in-memory vendor.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AmbiguousSubmissionError,
  AuthenticationError,
  DuplicateSubmissionError,
  JobFailedError,
  NetworkError,
  NotFoundError,
  WaitTimeoutError,
} from "../../sdk/core/errors";
import type { JobKind, JobView } from "../../provider/runtime/job-kind";
import { createJob, ResourceInitError, updateJob } from "../../provider/runtime/job-lifecycle";
import { readJournal } from "../../provider/runtime/submission-journal";

const ctx = { vendor: "alibaba" as const, service: "ice", action: "SubmitIProductionJob" };
type Outcome = "ok" | "lost-after-create" | "lost-before-create" | "duplicate" | "auth" | "bug-after-create";

/** A vendor whose answers are scripted: jobs it created, and what it does with the next submissions. */
class FakeVendor {
  jobs: Array<{ id: string; marker: string }> = [];
  script: Outcome[] = [];
  findable = true;
  waitBehaviour: "done" | "fail" | "timeout" = "done";

  submit(marker: string): string {
    const outcome = this.script.shift() ?? "ok";
    const create = () => {
      const id = `job-${this.jobs.length + 1}`;
      this.jobs.push({ id, marker });
      return id;
    };
    switch (outcome) {
      case "ok":
        return create();
      case "lost-after-create":
        create();
        throw new AmbiguousSubmissionError({
          ...ctx,
          marker,
          cause: new NetworkError({ ...ctx, message: "reset", phase: "response", requestSent: true }),
        });
      case "lost-before-create":
        throw new AmbiguousSubmissionError({
          ...ctx,
          marker,
          cause: new NetworkError({ ...ctx, message: "reset", phase: "response", requestSent: true }),
        });
      case "duplicate":
        throw new DuplicateSubmissionError({
          ...ctx,
          code: "InvalidParameterValue.SessionId",
          message: "dup",
          sessionId: marker,
        });
      case "auth":
        throw new AuthenticationError({ ...ctx, code: "SignatureDoesNotMatch", message: "bad key" });
      case "bug-after-create":
        create();
        throw new TypeError("cannot read properties of undefined (reading 'JobId')");
    }
  }
}

let vendor: FakeVendor;

function fakeKind(dedupedByVendor: boolean): JobKind {
  const view = (jobId: string, done = true): JobView => ({
    jobId,
    status: done ? "Success" : "Analysing",
    done,
    outputs: { echo: jobId },
  });
  return {
    name: "test:Fake",
    request: z.strictObject({ Name: z.string().min(1) }),
    idOutput: "jobId",
    adoptInput: "adoptJobId",
    providerInputs: [],
    dedupedByVendor,
    goneWhenMissing: false,
    prepare: (wire) => wire,
    submit: async (c) => vendor.submit(c.key),
    recover: async (c) => {
      const hit = vendor.findable ? vendor.jobs.find((j) => j.marker === c.key) : undefined;
      return hit ? { jobId: hit.id } : { notFound: "the fake vendor cannot list jobs" };
    },
    observe: async (_c, id) => {
      if (!vendor.jobs.some((j) => j.id === id)) throw new NotFoundError({ ...ctx, code: "NotFound", message: id });
      return view(id);
    },
    wait: async (_c, id, options) => {
      if (vendor.waitBehaviour === "timeout")
        throw new WaitTimeoutError({
          ...ctx,
          jobId: id,
          lastStatus: "Analysing",
          timeoutMs: options.timeoutMs ?? 0,
          polls: 3,
        });
      if (vendor.waitBehaviour === "fail")
        throw new JobFailedError({
          ...ctx,
          code: "Fail",
          message: "bad input video",
          jobId: id,
          status: "Fail",
          job: {},
        });
      return view(id);
    },
  };
}

const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: "serialized-provider",
  name: "clip",
  idempotencyScope: "p/s/test:Fake/clip",
  ...extra,
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lifecycle-"));
  process.env.PULUMI_AIGC_JOURNAL_DIR = dir;
});
afterAll(() => {
  delete process.env.PULUMI_AIGC_JOURNAL_DIR;
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vendor = new FakeVendor();
});

describe("create: exactly once", () => {
  it("submits once, journals the id, and a repeated create adopts it instead of submitting", async () => {
    const first = await createJob(fakeKind(false), inputs());
    expect(first.id).toBe("job-1");
    expect(first.outs).toMatchObject({ jobId: "job-1", status: "Success", echo: "job-1", ambiguousSubmissions: 0 });
    expect(readJournal(String(first.outs.idempotencyKey))).toMatchObject({ state: "submitted", jobId: "job-1" });
    const again = await createJob(fakeKind(false), inputs());
    expect(again.id).toBe("job-1");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("adopts an explicit job id without submitting", async () => {
    vendor.jobs.push({ id: "job-existing", marker: "elsewhere" });
    expect((await createJob(fakeKind(false), inputs({ adoptJobId: "job-existing" }))).id).toBe("job-existing");
    expect(vendor.jobs).toHaveLength(1);
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
    expect(e.message).toMatch(/a job may have been created .* It was not submitted again, to avoid paying twice/);
    expect(e.message).toMatch(/set adoptJobId to the job's id/);
    const again = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(again.message).toMatch(/a job may have been created/);
    expect(vendor.jobs).toHaveLength(1); // never submitted a second time
  });

  it("policy resubmit: submits again, counts the possible duplicate, and gives up after 3 in a row", async () => {
    vendor.script = ["lost-after-create", "ok"];
    vendor.findable = false;
    const r = await createJob(fakeKind(false), inputs({ onAmbiguousSubmission: "resubmit" }));
    expect(r.id).toBe("job-2");
    expect(r.outs.ambiguousSubmissions).toBe(1);
    expect(vendor.jobs).toHaveLength(2); // the duplicate the protocol made unavoidable, counted above
    vendor.jobs = [];
    vendor.script = ["lost-before-create", "lost-before-create", "lost-before-create", "ok"];
    const e = await createJob(fakeKind(false), inputs({ name: "other", onAmbiguousSubmission: "resubmit" })).catch(
      (x) => x,
    );
    expect(e.message).toMatch(/a job may have been created/);
    expect(vendor.script).toEqual(["ok"]);
  });

  it("a vendor-deduplicated kind recovers the original job after a duplicate answer", async () => {
    vendor.jobs.push({ id: "job-orig", marker: "" });
    const kind = fakeKind(true);
    // The first attempt's answer was lost: the vendor has the job under this key, and refuses the repeat.
    const key = (await createJob(kind, inputs({ adoptJobId: "job-orig" }))).outs.idempotencyKey as string;
    vendor.jobs = [{ id: "job-orig", marker: key }];
    rmSync(dir, { recursive: true, force: true });
    vendor.script = ["duplicate"];
    expect((await createJob(kind, inputs())).id).toBe("job-orig");
    expect(vendor.jobs).toHaveLength(1);
  });

  it("an error that created nothing (auth) clears the journal and submits nothing later by itself", async () => {
    vendor.script = ["auth"];
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    expect(vendor.jobs).toHaveLength(0);
    expect((await createJob(fakeKind(false), inputs())).id).toBe("job-1");
  });

  it("an unexpected error after the request left is journaled as ambiguous, never as 'nothing created'", async () => {
    vendor.script = ["bug-after-create"];
    vendor.findable = false;
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e).toBeInstanceOf(TypeError);
    const again = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(again.message).toMatch(/a job may have been created/);
    expect(vendor.jobs).toHaveLength(1);
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

  it("a failed job records the vendor's code and message", async () => {
    vendor.waitBehaviour = "fail";
    const e = await createJob(fakeKind(false), inputs()).catch((x) => x);
    expect(e).toBeInstanceOf(ResourceInitError);
    expect(e.reasons[0]).toMatch(
      /failed at the vendor: \[Fail\] bad input video\. Change its inputs \(or set resubmitToken\)/,
    );
    expect(e.properties).toMatchObject({ jobId: "job-1", errorCode: "Fail", errorMessage: "bad input video" });
  });

  it("does not wait when waitForCompletion is false", async () => {
    vendor.waitBehaviour = "timeout";
    const r = await createJob(fakeKind(false), inputs({ waitForCompletion: false }));
    expect(r.outs.jobId).toBe("job-1");
  });
});
