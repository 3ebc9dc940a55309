// End-to-end: resources written by pulumi-aigc 0.1 (its serialized provider, taken verbatim from a state it
// wrote, and every input echoed in the outputs) under today's runtime: the real Pulumi CLI, a local file
// backend and the real emulator over loopback HTTP.
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backendFilesText, createAigcStack, ledgerIntents, submissions, type TestStack } from "../../harness";
import { startTestEmulator } from "../support/emulator";

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
