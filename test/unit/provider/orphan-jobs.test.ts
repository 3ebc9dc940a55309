// The lifecycle with holders (provider/runtime/intent-holder.ts, orphans.ts) on a real file ledger and a scripted
// in-memory vendor: a crashed create's job is cleaned up, or reported and marked an orphan; a delete leaves what
// another resource holds; a create by another stack instance is refused before anything is sent.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { holderText } from "../../../provider/resource-holder";
import { intentDigest } from "../../../provider/runtime/identity";
import { forgetRun } from "../../../provider/runtime/in-state";
import { IntentHeldError } from "../../../provider/runtime/intent-holder";
import { createJob, deleteJob } from "../../../provider/runtime/job-lifecycle";
import { FileLedger } from "../../../provider/runtime/ledger/file-ledger";
import type { Ledger } from "../../../provider/runtime/ledger/ledger";
import { processLedger } from "../../../provider/runtime/ledger/process-ledger";
import { configureFrom } from "../../../provider/runtime/provider-config";
import { scriptedKind } from "../../support/scripted-kinds";

let submitted: string[];
let removed: string[];
let removeFails: boolean;

function kind(withRemove: boolean) {
  return scriptedKind("test:Owned", {
    submit: (name) => {
      submitted.push(name);
      return `job-${name}`;
    },
    ...(withRemove
      ? {
          remove: async (id: string) => {
            if (removeFails) throw new Error(`vendor refused to delete ${id}`);
            removed.push(id);
          },
        }
      : {}),
  });
}

const SCOPE = "p/dev/test:Owned/a";
const holder = (instance: string, name = "a") => holderText(instance, "p", "dev", `test:Owned/${name}`);
const inputs = (name: string, h = holder("s-1")) => ({
  __provider: "x",
  name,
  idempotencyScope: SCOPE,
  __holder: h,
});

let dir: string;
let logged: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "orphans-"));
  configureFrom({ get: (k) => (k === "aigc:ledger" ? `file://${dir}` : undefined) });
  [submitted, removed, removeFails, logged] = [[], [], false, ""];
  vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    logged += String(s);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An open intent that a create killed after "submitted as" left: in the ledger, never in the state. */
async function crashed(l: Ledger, key: string, h = holder("s-1")): Promise<void> {
  const digest = intentDigest("test:Owned", { Name: "earlier" }, undefined);
  await l.claim({ key, scope: SCOPE, kind: "test:Owned", epoch: 0, digest, holder: h });
  await l.update(key, { state: "submitted", jobId: "job-earlier", owner: undefined });
}

describe("a create after a crashed create of the same resource", () => {
  it("cleans up the earlier job with the kind's remove and releases its intent", async () => {
    const l = await processLedger();
    await crashed(l, "pa-crashed-1");
    await createJob(kind(true), inputs("edited"));
    expect(submitted).toEqual(["edited"]);
    expect(removed).toEqual(["job-earlier"]);
    expect((await l.get("pa-crashed-1"))?.state).toBe("released");
    expect(logged).toMatch(/cleaned up job job-earlier of an earlier run/);
  });

  it("reports a job it cannot clean up, naming it, and marks it an orphan", async () => {
    const l = await processLedger();
    await crashed(l, "pa-crashed-2");
    removeFails = true;
    await createJob(kind(true), inputs("edited"));
    const left = await l.get("pa-crashed-2");
    expect(left).toMatchObject({ state: "submitted", holder: `orphan:${holder("s-1")}` });
    expect(logged).toMatch(/WARNING job job-earlier \(ledger intent pa-crashed-2\).*vendor refused to delete/);
    // Asking for the earlier request again takes the orphan back: nothing is paid.
    const back = await createJob(kind(true), inputs("earlier"));
    expect(back.id).toBe("job-earlier");
    expect(submitted).toEqual(["edited"]);
    expect((await l.get("pa-crashed-2"))?.holder).toBe(holder("s-1"));
  });

  it("leaves another stack instance's job alone and refuses to use its intent", async () => {
    const l = await processLedger();
    await crashed(l, "pa-theirs", holder("s-2"));
    await createJob(kind(true), inputs("edited"));
    expect(removed).toEqual([]);
    expect((await l.get("pa-theirs"))?.state).toBe("submitted");
  });
});

describe("the cached listing (one directory read per run: issue 21)", () => {
  it("never cleans up a job another runner returned after this run listed: each candidate is read again", async () => {
    const l = await processLedger();
    await crashed(l, "pa-stale-1");
    await l.list({ cached: true }); // this run's listing: the intent is an orphan candidate in it
    const other = FileLedger.open(dir); // another runner hands the job to its stack meanwhile
    await other.update("pa-stale-1", { returned: true });
    await other.close();
    await createJob(kind(true), inputs("edited"));
    expect(removed).toEqual([]);
    expect((await l.get("pa-stale-1"))?.state).toBe("submitted");
  });
});

describe("jobs the stack handed back (review findings 1 and 3)", () => {
  it("a job kept outside the stack (retainOnDelete, state delete) is no orphan: a later create leaves it", async () => {
    const l = await processLedger();
    const kept = await createJob(kind(true), inputs("first"));
    expect((await l.get(String(kept.outs.idempotencyKey)))?.returned).toBe(true);
    forgetRun(); // a later run: the replacement's old side was retained, so the state no longer holds it
    await createJob(kind(true), inputs("second"));
    expect(removed).toEqual([]);
    expect((await l.get(String(kept.outs.idempotencyKey)))?.state).toBe("submitted");
    expect(logged).not.toMatch(/cleaned up job/);
  });

  it("a replacement with unchanged inputs (up --replace): the old side's delete leaves the resumed job", async () => {
    const l = await processLedger();
    const old = await createJob(kind(true), inputs("same"));
    forgetRun(); // `pulumi up --replace`: the new side is created first, and derives the same key
    const replacement = await createJob(kind(true), inputs("same"));
    expect(replacement.id).toBe(old.id);
    await deleteJob(kind(true), old.id, old.outs);
    expect(removed).toEqual([]);
    expect((await l.get(String(old.outs.idempotencyKey)))?.state).toBe("submitted");
    expect(submitted).toEqual(["same"]);
    expect(logged).toMatch(/was resumed by the resource that replaces this one/);
  });
});

describe("a runner without the stack instance (review, noticed)", () => {
  it("takes over its stack's intent by name, and keeps the instance the intent recorded", async () => {
    const l = await processLedger();
    const first = await createJob(kind(true), inputs("same", holder("s-1")));
    forgetRun();
    // `pulumi up --config-file …`: no Pulumi.<stack>.yaml to read the instance from ("-").
    const again = await createJob(kind(true), inputs("same", holderText(undefined, "p", "dev", "test:Owned/b")));
    expect(again.id).toBe(first.id);
    expect((await l.get(String(first.outs.idempotencyKey)))?.holder).toBe(
      holderText("s-1", "p", "dev", "test:Owned/b"),
    );
  });
});

describe("holders that name parents (review finding 2)", () => {
  const underG = holderText("s-1", "p", "dev", "fixture:index:G$test:Owned/a");
  it("a resource under a component, recorded before parents were named, still deletes its own job", async () => {
    const made = await createJob(kind(true), inputs("same"));
    forgetRun(); // a later run: an in-place update stored the holder the program computes now
    await deleteJob(kind(true), made.id, { ...made.outs, __holder: underG });
    expect(removed).toEqual([made.id]);
  });

  it("the old URN of a resource moved under a component leaves the job its new URN holds", async () => {
    const l = await processLedger();
    const old = await createJob(kind(true), inputs("same"));
    const moved = await createJob(kind(true), inputs("same", underG));
    expect(moved.id).toBe(old.id);
    forgetRun(); // even in a later run (the move's run failed before the engine deleted the old URN)
    await deleteJob(kind(true), old.id, old.outs);
    expect(removed).toEqual([]);
    expect((await l.get(String(old.outs.idempotencyKey)))?.holder).toBe(underG);
  });
});

describe("ownership at create and delete", () => {
  it("refuses a create whose intent another stack instance holds, before anything is sent", async () => {
    await createJob(kind(true), inputs("same", holder("s-1")));
    const err = await createJob(kind(true), inputs("same", holder("s-2"))).catch((e) => e);
    expect(err).toBeInstanceOf(IntentHeldError);
    expect(submitted).toEqual(["same"]);
  });

  it("a renamed resource takes the intent; the old resource's delete neither removes nor releases it", async () => {
    const l = await processLedger();
    const old = await createJob(kind(true), inputs("same", holder("s-1", "a")));
    const renamed = await createJob(kind(true), inputs("same", holder("s-1", "b")));
    expect(renamed.id).toBe(old.id);
    await deleteJob(kind(true), old.id, { ...old.outs, __holder: holder("s-1", "a") });
    expect(removed).toEqual([]);
    const key = String(old.outs.idempotencyKey);
    expect((await l.get(key))?.state).toBe("submitted");
    forgetRun(); // a later run: its destroy
    await deleteJob(kind(true), renamed.id, { ...renamed.outs, __holder: holder("s-1", "b") });
    expect(removed).toEqual([old.id]);
    expect((await l.get(key))?.state).toBe("released");
  });

  it("a destroy releases the resource's superseded jobs, naming those with nothing to clean up", async () => {
    const l = await processLedger();
    await crashed(l, "pa-crashed-3");
    await l.update("pa-crashed-3", { holder: `orphan:${holder("s-1")}` });
    const r = await createJob(kind(false), inputs("now"));
    await deleteJob(kind(false), r.id, r.outs);
    expect((await l.get("pa-crashed-3"))?.state).toBe("released");
    expect(logged).toMatch(/job job-earlier \(ledger intent pa-crashed-3\).*never in the stack/);
  });
});
