// End-to-end: the real Pulumi CLI (Automation API, local file backend) runs a program with all five
// resource kinds against the real emulator over loopback HTTP: the whole lifecycle of one stack, and destroy
// of running work. Bad inputs, vendor failures and wait timeouts are in provider-failures.test.ts, a SIGKILLed
// `pulumi up` in provider-sigkill.test.ts.

import { LocalWorkspace } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backendFilesText, createAigcStack, ledgerIntents, ONE_EACH, submissions, type TestStack } from "../../harness";
import { admin, startTestEmulator } from "../support/emulator";

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

  it("the harness reads outputs as the Automation API does, in one CLI call (lean-stack-calls.ts)", async () => {
    // Pulumi's own two-call reading (masked, then in clear) is the oracle of the export-based one.
    const own = await LocalWorkspace.prototype.stackOutputs.call(t.stack.workspace, t.stack.name);
    expect(Object.values(own).filter((o) => o.secret).length).toBeGreaterThan(0);
    expect(Object.values(own).filter((o) => !o.secret).length).toBeGreaterThan(0);
    expect(await t.stack.outputs()).toEqual(own);
  });

  it("records each resource's source position: the program line that declared it, and no deeper frames", async () => {
    // The resource class registers with Error.stackTraceLimit at 0 (job-resource.ts); Pulumi's own source
    // position must still name the user's program, not Pulumi's or our frames. The stored stack trace ends
    // there (registration-trace.ts): Pulumi's runner frames cost ~330 bytes per resource (issue 21).
    const resources = (await t.stack.exportStack()).deployment.resources as Array<{
      type: string;
      sourcePosition?: string;
      stackTrace?: Array<{ sourcePosition?: string }>;
    }>;
    const jobs = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    expect(jobs).toHaveLength(5);
    for (const r of jobs) {
      expect(r.sourcePosition).toMatch(/\/harness\/programs\/all-kinds\.ts#\d+,\d+$/);
      expect(r.stackTrace).toEqual([{ sourcePosition: r.sourcePosition }]);
    }
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
    const outputs = await t.stack.outputs();
    const before = outputs.tryonResultUrls!.value as string[];
    const taskId = outputs.tryonTaskId!.value as string;
    await admin(emu, `jobs/${taskId}`, { action: "rotate-urls" });
    const r = await t.stack.refresh();
    expect(r.summary.result).toBe("succeeded");
    const state = await t.stack.exportStack();
    const tryon = state.deployment.resources.find((res: { urn: string }) => res.urn.endsWith("::tryon"));
    expect(JSON.stringify(tryon.outputs.resultUrls)).not.toContain(before[0]!.split("&sign=")[1]!);
  });

  it("refresh drops a subject whose element was deleted out of band; reports a task gone from the vendor", async () => {
    const outputs = await t.stack.outputs();
    const elementId = outputs.subjectElementId!.value as string;
    const c = emu.credentials.tencent;
    await new TencentVodClient({ endpoint: emu.url, credentials: c }).deleteAigcAdvancedCustomElement({
      SubAppId: 251007502,
      ElementId: elementId,
    });
    const coverId = outputs.coverJobId!.value as string;
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
