// Adversarial review (issue 20): a stack of dynamic resources switched to the plugin's YAML program WITHOUT
// `pulumi-aigc migrate` and without aliases (the step a user forgets, or gets wrong for one resource). Real CLI,
// YAML host, dynamic-provider host and plugin against the real emulator.
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, repoRoot, submissions, type TestStack, writeYamlProject, yamlHostEnv } from "../../harness";
import { admin, startTestEmulator } from "../support/emulator";

/** Deletes the emulator answered: a subject's element deleted. */
async function elementDeletes(emu: RunningEmulator): Promise<number> {
  const { requests } = await admin<{ requests: Record<string, number> }>(emu, "stats");
  return requests.DeleteAigcAdvancedCustomElement ?? 0;
}

describe("review: a dynamic stack switched to the plugin's program without migrate or aliases", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator();
    t = await createAigcStack("reviewswitch", emu, { only: ["subject"], env: yamlHostEnv() });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  // FIXED (was high: a live vendor object deleted): a create that resumes a job notes it in its deployment's
  // directory (runtime/deployment.ts, shared by the provider processes of one pulumi CLI), and the dynamic host's
  // delete of the old side reads it there. The finding as it was:
  // The engine sees a new resource `aigc:tencent:AigcSubject::subject`
  // and an old `pulumi-nodejs:dynamic/tencent:AigcSubject::subject` to delete. Both have the same default scope and
  // the same holder (the plugin gives each resource the dynamic one's identity), so the plugin's Create resumes the
  // old resource's job (rightly: nothing is paid). Then the engine deletes the old resource through the
  // dynamic-provider process, and that delete deletes the subject's element, which the new resource now holds.
  // The runtime has the rule for exactly this (in-state.ts `resumedInRun`: "a delete of this run that meets [a key
  // a create of this run resumed] is the old side of a resource whose new side now holds that job"), but it is
  // process-local and here the create ran in the plugin process, the delete in the dynamic-provider process.
  // docs/migrating-to-the-plugin.md says to check the preview; nothing stops the `up`. Expected: the element stays
  // (the delete sees that another resource of the stack resumed the job), 0 new submissions.
  it("up of the YAML program submits nothing and deletes no element the new resource holds", async () => {
    expect((await t.stack.up()).summary.result).toBe("succeeded");
    expect(await submissions(emu)).toEqual({ CreateAigcAdvancedCustomElement: 1 });
    const yaml = writeYamlProject(`${repoRoot}/.pulumi-aigc/e2e`, "reviewswitch", { only: ["subject"] });
    fs.copyFileSync(path.join(yaml, "Pulumi.yaml"), path.join(t.projectDir, "Pulumi.yaml"));
    fs.rmSync(yaml, { recursive: true, force: true });
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(await submissions(emu)).toEqual({ CreateAigcAdvancedCustomElement: 1 });
    expect(await elementDeletes(emu)).toBe(0);
  });
});
