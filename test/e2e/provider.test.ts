// End-to-end: the real Pulumi CLI (Automation API, local file backend) runs a program with all five
// resource kinds against the real emulator over loopback HTTP.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TencentVodClient } from "pulumi-aigc/sdk";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import {
  backendFilesText,
  createAigcStack,
  failureText,
  ledgerIntents,
  ONE_EACH,
  setOverrides,
  submissions,
  type TestStack,
} from "../../harness";
import { admin, sleep, startTestEmulator } from "../support/emulator";

const message = (e: unknown) => String((e as Error)?.message ?? e);

describe("all five resources: preview, up, refresh, destroy", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 1_500 });
    t = await createAigcStack("allkinds", emu);
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("preview shows what would be submitted and makes zero vendor calls", async () => {
    const p = await t.stack.preview();
    expect(p.changeSummary).toEqual({ create: 6 });
    const stats = await admin<{ totals: { requests: number } }>(emu, "stats");
    expect(stats.totals.requests).toBe(0);
  });

  it("up submits each job exactly once and exposes ids and result URLs as stack outputs", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const o = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
    expect(o.subjectTaskId).toMatch(/^251007502-CreateAigcAdvancedCustomElement-/);
    expect(o.subjectElementId).toMatch(/^\d{18}$/);
    expect(o.tryonStatus).toBe("FINISH");
    expect(o.gifStatus).toBe("success");
    expect(o.portraitStatus).toBe("FINISHED");
    expect(o.coverStatus).toBe("Success");
    expect((o.coverResult as Array<{ url: string }>)[0]!.url).toMatch(/-00001\.jpg$/);
    expect(up.outputs.tryonResultUrls!.secret).toBe(true);
    expect(up.outputs.coverOutputUrls!.secret).toBe(true);
    for (const url of [(o.tryonResultUrls as string[])[0]!, (o.gifResultUrls as string[])[0]!]) {
      expect((await fetch(url)).headers.get("content-type")).toBe("image/png");
    }
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });

  it("a second preview and up change nothing and submit nothing", async () => {
    expect((await t.stack.preview()).changeSummary).toEqual({ same: 6 });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 6 });
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });

  it("keeps credentials and signed URLs out of the state at rest", async () => {
    // The backend's files as written (state, backups, history); `exportStack()` would decrypt secrets.
    const atRest = backendFilesText(t);
    expect(atRest).toContain("tencent:SceneAigcImageTask"); // the scan does see the state
    for (const secret of [
      emu.credentials.tencent.secretKey,
      emu.credentials.alibaba.accessKeySecret,
      emu.credentials.tencent.secretId,
      emu.credentials.alibaba.accessKeyId,
    ]) {
      expect(atRest).not.toContain(secret);
    }
    const urls = (await t.stack.outputs()).tryonResultUrls!.value as string[];
    expect(atRest).not.toContain(urls[0]!.split("?")[1]!);
  });

  it("refresh picks up what changed at the vendor", async () => {
    const before = (await t.stack.outputs()).tryonResultUrls!.value as string[];
    const taskId = (await t.stack.outputs()).tryonTaskId!.value as string;
    await admin(emu, `jobs/${taskId}`, { action: "rotate-urls" });
    const r = await t.stack.refresh();
    expect(r.summary.result).toBe("succeeded");
    const state = await t.stack.exportStack();
    const tryon = state.deployment.resources.find((res: { urn: string }) => res.urn.endsWith("::tryon"));
    expect(JSON.stringify(tryon.outputs.resultUrls)).not.toContain(before[0]!.split("&sign=")[1]!);
  });

  it("refresh drops a subject whose element was deleted out of band; reports a task gone from the vendor", async () => {
    const elementId = (await t.stack.outputs()).subjectElementId!.value as string;
    const c = emu.credentials.tencent;
    await new TencentVodClient({ endpoint: emu.url, credentials: c }).deleteAigcAdvancedCustomElement({
      SubAppId: 251007502,
      ElementId: elementId,
    });
    const coverId = (await t.stack.outputs()).coverJobId!.value as string;
    await admin(emu, `jobs/${coverId}`, { action: "expire" });
    const r = await t.stack.refresh();
    expect(r.stdout + r.stderr).toMatch(/no longer exists at the vendor; removing it from the stack/);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`${coverId} is no longer returned by the vendor`));
    const urns = (await t.stack.exportStack()).deployment.resources.map((res: { urn: string }) => res.urn);
    expect(urns.some((u: string) => u.endsWith("::subject"))).toBe(false);
    expect(urns.some((u: string) => u.endsWith("::cover"))).toBe(true);
  });

  it("destroy cleans up and leaves an empty stack", async () => {
    const d = await t.stack.destroy();
    expect(d.summary.result).toBe("succeeded");
    expect((await t.stack.exportStack()).deployment.resources ?? []).toHaveLength(0);
    // Every intent of the ledger is released: the next create of these resources is a new job.
    const intents = ledgerIntents(t);
    expect(intents.length).toBeGreaterThanOrEqual(5);
    expect(intents.filter((i) => i.state !== "released")).toEqual([]);
  });
});

describe("bad inputs fail at preview, naming the property, with zero vendor calls", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator();
    t = await createAigcStack("badinputs", emu);
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  const cases: Array<[string, Record<string, unknown>, RegExp[]]> = [
    [
      "subject",
      { elementName: "n".repeat(21), elementImageList: { frontal_image: "f", refer_images: [] }, tasksPriority: 11 },
      [
        /elementName.*must be at most 20 characters/,
        /elementImageList\.refer_images.*must be at least 1 item/,
        /tasksPriority.*must be at most 10/,
      ],
    ],
    [
      "tryon",
      { sceneInfo: { type: "ai_dance" }, sessionId: "s".repeat(51), outputConfig: { resolution: "8K" } },
      [
        /sceneInfo\.type.*must be one of "ai_try_on"/,
        /sessionId.*must be at most 50 characters/,
        /outputConfig\.resolution.*must be one of "1K", "2K", "4K"/,
      ],
    ],
    [
      "gif",
      { videoId: "", userData: {}, waitTimeoutSeconds: 0 },
      [
        /videoId.*must not be empty/,
        /userData.*must contain MessageCallback and\/or Extend/,
        /waitTimeoutSeconds.*must be an integer from 1/,
      ],
    ],
    [
      "portrait",
      // imageNumber above 10 and out-of-range seeds are accepted: the service adjusts them (a preview warning).
      { imageNumber: 0, seed: 0.5, prompt: "a girl on a beach" },
      [
        /imageNumber.*must be at least 1/,
        /seed.*must be an integer/,
        /prompt.*must contain the subject placeholder <special-token>/,
      ],
    ],
    [
      "cover",
      {
        functionName: "Dance",
        input: { type: "URL", media: "x" },
        scheduleConfig: { priority: 11 },
        endpoint: "http://ice.example.com",
      },
      [
        /functionName.*must be one of "Cover"/,
        /input\.type.*must be one of "OSS", "Media"/,
        /scheduleConfig\.priority.*must be at most 10/,
        /endpoint.*plain http only on a loopback address/,
      ],
    ],
  ];
  for (const [resource, bad, patterns] of cases) {
    it(`${resource}: ${patterns.length} bad inputs`, async () => {
      await setOverrides(t, { [resource]: bad });
      const err = await t.stack.preview().catch((e) => e);
      expect(err).toBeInstanceOf(Error);
      for (const p of patterns) expect(message(err)).toMatch(p);
      const stats = await admin<{ totals: { requests: number } }>(emu, "stats");
      expect(stats.totals.requests).toBe(0);
    });
  }
});

describe("a vendor-side failure fails up with the vendor's code; fixing the input re-applies", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 500 });
    t = await createAigcStack("failure", emu, {
      only: ["tryon"],
      overrides: { tryon: { sessionContext: "emulator:fail=70000" } },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("fails with [70000] and the task's message, keeping the TaskId in state", async () => {
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(
      new RegExp(
        "tencent:SceneAigcImageTask 251007502-SceneAigcImageTask-\\w+ failed at the vendor: \\[70000\\] " +
          "emulated failure 70000",
      ),
    );
    const res = (await t.stack.exportStack()).deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::tryon"),
    );
    expect(res.id).toMatch(/SceneAigcImageTask/);
    expect(res.outputs.errorCode).toBe("70000");
  });

  it("a second up without changes does not pay again, and reports the same failure", async () => {
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(/\[70000\]/);
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 1 });
  });

  it("after fixing the input, up replaces it with a new job that succeeds", async () => {
    await setOverrides(t, { tryon: { sessionContext: "fixed" } });
    const up = await t.stack.up();
    expect(up.outputs.tryonStatus!.value).toBe("FINISH");
    expect(await submissions(emu)).toEqual({ CreateSceneAigcImageTask: 2 });
  });
});

describe("a wait timeout keeps the job id; the next up resumes without submitting again", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 6_000 });
    t = await createAigcStack("timeout", emu, {
      only: ["cover", "portrait"],
      overrides: { cover: { waitTimeoutSeconds: 1 }, portrait: { waitTimeoutSeconds: 1 } },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("times out with the id saved, then completes", async () => {
    const text = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(text).toMatch(/is still (Queuing|Analysing) after 1 s \(waitTimeoutSeconds\); its id is saved/);
    const ids = (await t.stack.exportStack()).deployment.resources
      .filter((r: { type: string }) => r.type.includes("dynamic"))
      .map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(2);
    await setOverrides(t, { cover: { waitTimeoutSeconds: 60 }, portrait: { waitTimeoutSeconds: 60 } });
    const up = await t.stack.up();
    expect(up.outputs.coverStatus!.value).toBe("Success");
    expect(up.outputs.portraitStatus!.value).toBe("FINISHED");
    expect(await submissions(emu)).toEqual({ SubmitIProductionJob: 1, Personalizedtxt2imgAddInferenceJob: 1 });
  });
});

describe("pulumi up killed with SIGKILL after the vendor accepted the submissions", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 8_000 });
    t = await createAigcStack("sigkill", emu);
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  /** Runs `pulumi up` as a user's shell would, and SIGKILLs it once every job was submitted. */
  async function killUpAfterSubmissions(): Promise<void> {
    const child = spawn(t.cli, ["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: t.projectDir,
      env: { ...process.env, ...t.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let printed = "";
    child.stdout.on("data", (d) => (printed += d));
    child.stderr.on("data", (d) => (printed += d));
    const exited = new Promise((r) => child.once("exit", r));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null) {
      // Killed once the ledger holds every job id: right after the submissions (see the drills for the rest).
      if (ledgerIntents(t).filter((i) => i.state === "submitted").length >= Object.keys(ONE_EACH).length) break;
      await sleep(100);
    }
    if (child.exitCode !== null)
      throw new Error(`pulumi up ended (exit ${child.exitCode}) before it could be killed:\n${printed}`);
    child.kill("SIGKILL");
    await exited;
  }

  it("recovers with `pulumi cancel` and `pulumi up`: every job adopted, none submitted twice", async () => {
    await killUpAfterSubmissions();
    expect(await submissions(emu)).toEqual(ONE_EACH);
    const locked = await failureText((onOutput) => t.stack.up({ onOutput }));
    expect(locked).toMatch(/the stack is currently locked/);
    await t.stack.cancel();
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.coverStatus!.value).toBe("Success");
    expect(up.outputs.subjectElementId!.value).toMatch(/^\d{18}$/);
    expect(await submissions(emu)).toEqual(ONE_EACH);
    // Optional clean-up of the checkpoint's stale pending-create entries.
    await t.stack.refresh({ clearPendingCreates: true });
    expect((await t.stack.exportStack()).deployment.pending_operations ?? []).toHaveLength(0);
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });

  it("another runner sharing the ledger (its own HOME and project dir) recovers every job: none twice", async () => {
    await t.stack.destroy();
    await admin(emu, "reset", {});
    await killUpAfterSubmissions();
    const b = await t.anotherRunner({ PULUMI_AIGC_LEDGER: `file://${t.ledgerDir}` });
    try {
      await b.stack.cancel();
      const up = await b.stack.up();
      expect(up.summary.result).toBe("succeeded");
      // ICE and aicontent cannot be found through their APIs: the shared ledger is what finds them.
      expect(await submissions(emu)).toEqual(ONE_EACH);
    } finally {
      await b.cleanup();
    }
  });
});

describe("destroy", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 1_000 });
    t = await createAigcStack("destroy", emu, {
      only: ["subject", "cover"],
      overrides: { cover: { name: "emulator:latency=120000", waitForCompletion: false } },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("deletes the subject's element and cancels the running ICE job", async () => {
    const up = await t.stack.up();
    expect(up.outputs.coverStatus!.value).toMatch(/Queuing|Analysing/);
    const elementId = up.outputs.subjectElementId!.value as string;
    const coverId = up.outputs.coverJobId!.value as string;
    await t.stack.destroy();
    const list = await new TencentVodClient({
      endpoint: emu.url,
      credentials: emu.credentials.tencent,
    }).describeAigcAdvancedCustomElements({ SubAppId: 251007502 });
    expect(list.ElementSet.map((e) => e.Id)).not.toContain(elementId);
    const { jobs } = await admin<{ jobs: Array<{ id: string; stage: string }> }>(emu, "jobs");
    expect(jobs.find((j) => j.id === coverId)?.stage).toBe("cancelled");
    const stats = await admin<{ requests: Record<string, number> }>(emu, "stats");
    expect(stats.requests.CancelIProductionJob).toBe(1);
    expect(stats.requests.DeleteAigcAdvancedCustomElement).toBe(1);
  });
});

/** `__provider` as pulumi-aigc 0.1 serialized it, per kind: taken verbatim from a state that version wrote. */
const LEGACY_PROVIDERS = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "fixtures", "legacy-0.1", "serialized-providers.json"), "utf8"),
) as Record<string, string>;

interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/**
 * A job resource as 0.1 stored it: its serialized provider in inputs and outputs, and every input echoed in the
 * outputs (this version stores `__inputs` and digests instead).
 */
function as01(r: StateResource): StateResource {
  const kind = r.type.replace("pulumi-nodejs:dynamic/", "");
  const legacy = LEGACY_PROVIDERS[kind]!;
  const outputs = { ...r.outputs };
  for (const k of (outputs.__inputs as string[] | undefined) ?? []) delete outputs[k];
  delete outputs.__inputs;
  return {
    ...r,
    inputs: { ...r.inputs, __provider: legacy },
    outputs: { ...r.inputs, ...outputs, __provider: legacy },
  };
}

describe("resources written by pulumi-aigc 0.1: their stored provider still refreshes and destroys them", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator({ jobLatencyMs: 500 });
    t = await createAigcStack("legacy", emu, { only: ["subject", "tryon", "cover"] });
    await t.stack.up();
    const state = await t.stack.exportStack();
    state.deployment.resources = state.deployment.resources.map((r: StateResource) =>
      r.type.startsWith("pulumi-nodejs:dynamic/") ? as01(r) : r,
    );
    await t.stack.importStack(state);
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  const jobResources = async () =>
    ((await t.stack.exportStack()).deployment.resources as StateResource[]).filter((r) =>
      r.type.startsWith("pulumi-nodejs:dynamic/"),
    );

  it("holds 0.1's state: its serialized provider, and the inputs echoed in the outputs", async () => {
    const resources = await jobResources();
    expect(resources).toHaveLength(3);
    for (const r of resources) {
      expect(r.outputs!.__provider).toMatch(/require\("pulumi-aigc\/provider-runtime"\)\.remove\(ref, id, props\)/);
      expect(r.outputs).not.toHaveProperty("__inputs");
      expect(r.outputs!.idempotencyScope).toBe(r.inputs!.idempotencyScope);
    }
  });

  it("preview and up see no change (diff reads 0.1's outputs)", async () => {
    expect((await t.stack.preview()).changeSummary).toEqual({ same: 4 });
    expect((await t.stack.up()).summary.resourceChanges).toEqual({ same: 4 });
    expect(await submissions(emu)).toEqual({
      CreateAigcAdvancedCustomElement: 1,
      CreateSceneAigcImageTask: 1,
      SubmitIProductionJob: 1,
    });
  });

  it("refresh runs the stored 0.1 provider and rewrites the outputs with digests; secrets stay secret", async () => {
    const r = await t.stack.refresh();
    expect(r.summary.result).toBe("succeeded");
    for (const res of await jobResources()) {
      // The engine keeps the provider the refresh ran with in the outputs: the stored 0.1 one.
      expect(res.outputs!.__provider).toBe(LEGACY_PROVIDERS[res.type.replace("pulumi-nodejs:dynamic/", "")]);
      expect(res.outputs!.__inputs).toContain("idempotencyScope");
    }
    expect((await t.stack.outputs()).tryonResultUrls!.secret).toBe(true);
    expect(backendFilesText(t)).not.toContain(emu.credentials.tencent.secretKey);
    expect((await t.stack.preview()).changeSummary).toEqual({ same: 4 });
  });

  it("destroy runs the stored 0.1 provider: the subject's element is deleted, the intents released", async () => {
    const elementId = (await t.stack.outputs()).subjectElementId!.value as string;
    const d = await t.stack.destroy();
    expect(d.summary.result).toBe("succeeded");
    const list = await new TencentVodClient({
      endpoint: emu.url,
      credentials: emu.credentials.tencent,
    }).describeAigcAdvancedCustomElements({ SubAppId: 251007502 });
    expect(list.ElementSet.map((e) => e.Id)).not.toContain(elementId);
    expect(ledgerIntents(t).filter((i) => i.state !== "released")).toEqual([]);
  });
});
