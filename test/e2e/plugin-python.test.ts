// End-to-end: a Python program declares the five kinds through the `aigc` provider plugin (bin/pulumi-resource-aigc,
// found through the project's `plugins.providers`) with the generated Python SDK (pulumi_aigc, on PYTHONPATH), run
// by the real Pulumi CLI through the stand-in Python language host (toolchain/pulumi-language-python-shim.js) and
// Pulumi's own Python SDK and exec script (the runtime made by scripts/setup.js), against the real emulator: preview
// makes no vendor call, up submits each job once, a second up changes nothing, refresh and destroy submit nothing.
// An explicit provider instance (`aigc.Provider`) sends its job to a second emulator.
import * as fs from "node:fs";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backendFilesText,
  createAigcStack,
  ledgerIntents,
  ONE_EACH,
  pythonProgramEnv,
  repoRoot,
  submissions,
  type TestStack,
  writePythonProject,
} from "../../harness";
import { startTestEmulator, vendorRequests } from "../support/emulator";

const SECOND_SECRET = "second-account-secret-5e0a17c3";

describe("plugin: a Python program with all five kinds", () => {
  let emu: RunningEmulator;
  let emu2: RunningEmulator;
  let t: TestStack;
  let projectDir: string;
  const jobs = async () => [await submissions(emu), await submissions(emu2)];
  beforeAll(async () => {
    // The second emulator is a second account: it accepts only its own credentials.
    const second = { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIsecondpython", ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECOND_SECRET };
    [emu, emu2] = await Promise.all([startTestEmulator(), startTestEmulator({ env: second })]);
    projectDir = writePythonProject(`${repoRoot}/.pulumi-aigc/e2e`, "pluginpython");
    t = await createAigcStack("pluginpython", emu, {
      projectDir,
      env: pythonProgramEnv(projectDir),
      config: {
        "pluginpython:secondEndpoint": emu2.url,
        "pluginpython:secondAccessKeyId": emu2.credentials.alibaba.accessKeyId,
      },
    });
    // A secret in the stack config (plain config is recorded in the backend's update history).
    await t.stack.setConfig("pluginpython:secondAccessKeySecret", { value: SECOND_SECRET, secret: true });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
    await emu2?.close();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true }); // with its generated SDK
  });

  it("preview plans every resource and calls no vendor", async () => {
    const p = await t.stack.preview();
    // 6 jobs, the explicit provider and the stack (the default provider is not counted).
    expect(p.changeSummary).toEqual({ create: 8 });
    expect(await vendorRequests(emu)).toBe(0);
    expect(await vendorRequests(emu2)).toBe(0);
  });

  it("up submits each job exactly once, the second provider's job to the second emulator", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const o = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
    expect(o.tryonStatus).toBe("FINISH");
    expect(o.gifStatus).toBe("success");
    expect(o.portraitStatus).toBe("FINISHED");
    expect(o.coverStatus).toBe("Success");
    expect(o.gif2Status).toBe("success");
    expect(o.subjectElementId).toMatch(/^\d{18}$/);
    expect(up.outputs.tryonResultUrls!.secret).toBe(true);
    expect(await jobs()).toEqual([ONE_EACH, { SubmitAIImageJob: 1 }]);
    // The identities a dynamic resource of the same kind and name gets: the ledger is the same for both faces.
    const scopes = ledgerIntents(t).map((i) => i.scope);
    expect(scopes).toContain("pluginpython/e2e/tencent:AigcSubject/subject");
    expect(scopes).toContain("pluginpython/e2e/alibaba:AiImageJob/gif2");
    const resources = (await t.stack.exportStack()).deployment.resources as Array<{ type: string }>;
    expect(resources.map((r) => r.type)).toContain("aigc:alibaba:Txt2ImgInferenceJob");
    const atRest = backendFilesText(t);
    expect(atRest).not.toContain(emu.credentials.tencent.secretKey);
    expect(atRest).not.toContain(emu.credentials.alibaba.accessKeySecret);
    expect(atRest).not.toContain(SECOND_SECRET);
  });

  it("a second up changes nothing and submits nothing", async () => {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 8 });
    expect(await jobs()).toEqual([ONE_EACH, { SubmitAIImageJob: 1 }]);
  });

  it("refresh keeps every job; destroy removes them all without submitting", async () => {
    const refresh = await t.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 8 });
    expect(await jobs()).toEqual([ONE_EACH, { SubmitAIImageJob: 1 }]);
  });
});
