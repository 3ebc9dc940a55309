// End-to-end: a Python program declares the five kinds through the `aigc` provider plugin (bin/pulumi-resource-aigc,
// found through the project's `plugins.providers`) with the generated Python SDK (pulumi_aigc, on PYTHONPATH), run
// by the real Pulumi CLI through the stand-in Python language host (toolchain/pulumi-language-python-shim.js) and
// Pulumi's own Python SDK and exec script (the runtime made by scripts/setup.js), against the real emulator: preview
// makes no vendor call, up submits each job once, a second up changes nothing, refresh and destroy submit nothing.
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backendFilesText,
  createAigcStack,
  ONE_EACH,
  pythonProgramEnv,
  repoRoot,
  submissions,
  type TestStack,
  writePythonProject,
} from "../../harness";
import { startTestEmulator, vendorRequests } from "../support/emulator";

describe("plugin: a Python program with all five kinds", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startTestEmulator();
    const projectDir = writePythonProject(`${repoRoot}/.pulumi-aigc/e2e`, "pluginpython");
    t = await createAigcStack("pluginpython", emu, { projectDir, env: pythonProgramEnv(projectDir) });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("preview plans every resource and calls no vendor", async () => {
    const p = await t.stack.preview();
    // 5 jobs and the stack (the default provider is not counted).
    expect(p.changeSummary).toEqual({ create: 6 });
    expect(await vendorRequests(emu)).toBe(0);
  });

  it("up submits each job exactly once and exports the jobs' outputs", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const o = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
    expect(o.tryonStatus).toBe("FINISH");
    expect(o.gifStatus).toBe("success");
    expect(o.portraitStatus).toBe("FINISHED");
    expect(o.coverStatus).toBe("Success");
    expect(o.subjectElementId).toMatch(/^\d{18}$/);
    expect(up.outputs.tryonResultUrls!.secret).toBe(true);
    expect(await submissions(emu)).toEqual(ONE_EACH);
    const resources = (await t.stack.exportStack()).deployment.resources as Array<{ type: string }>;
    expect(resources.map((r) => r.type)).toContain("aigc:alibaba:Txt2ImgInferenceJob");
    const atRest = backendFilesText(t);
    expect(atRest).not.toContain(emu.credentials.tencent.secretKey);
    expect(atRest).not.toContain(emu.credentials.alibaba.accessKeySecret);
  });

  it("a second up changes nothing and submits nothing", async () => {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 6 });
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });

  it("refresh keeps every job; destroy removes them all without submitting", async () => {
    const refresh = await t.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 6 });
    expect(await submissions(emu)).toEqual(ONE_EACH);
  });
});
