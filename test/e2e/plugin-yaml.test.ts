// End-to-end: a YAML program declares the five kinds through the `aigc` provider plugin (bin/pulumi-resource-aigc,
// found through the project's `plugins.providers`), run by the real Pulumi CLI and the YAML language host against
// the real emulator: preview makes no vendor call, up submits each job once, a second up changes nothing, refresh
// and destroy. An explicit `pulumi:providers:aigc` instance sends its job to a second emulator.
import * as fs from "node:fs";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backendFilesText,
  createAigcStack,
  ledgerIntents,
  ONE_EACH,
  repoRoot,
  submissions,
  type TestStack,
  writeYamlProject,
  yamlHostEnv,
} from "../../harness";
import { startTestEmulator, vendorRequests } from "../support/emulator";

const SECOND_SECRET = "second-account-secret-8c1f0042";

/** Each job resource's outputs in the state, by resource name (secrets as Pulumi's secret objects). */
async function outputsByName(t: TestStack): Promise<Record<string, Record<string, unknown>>> {
  const resources = (await t.stack.exportStack()).deployment.resources as Array<{
    type: string;
    urn: string;
    outputs?: Record<string, unknown>;
  }>;
  return Object.fromEntries(
    resources.filter((r) => r.type.startsWith("aigc:")).map((r) => [r.urn.split("::").pop(), r.outputs ?? {}]),
  );
}

describe("plugin: a YAML program with all five kinds and a second provider instance", () => {
  let emu: RunningEmulator;
  let emu2: RunningEmulator;
  let t: TestStack;
  let projectDir = "";
  beforeAll(async () => {
    // The second emulator is a second account: it accepts only its own credentials.
    const second = { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIsecondaccount", ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECOND_SECRET };
    [emu, emu2] = await Promise.all([startTestEmulator(), startTestEmulator({ env: second })]);
    projectDir = writeYamlProject(`${repoRoot}/.pulumi-aigc/e2e`, "pluginyaml", {
      secondProvider: {
        endpoint: emu2.url,
        alibabaAccessKeyId: emu2.credentials.alibaba.accessKeyId,
        // In clear in the program: the plugin marks it secret (CheckConfig), so the state encrypts it.
        alibabaAccessKeySecret: emu2.credentials.alibaba.accessKeySecret,
      },
    });
    t = await createAigcStack("pluginyaml", emu, { projectDir, env: yamlHostEnv() });
  });
  afterAll(async () => {
    await t?.cleanup();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
    await emu?.close();
    await emu2?.close();
  });

  it("preview plans every resource and calls no vendor", async () => {
    const p = await t.stack.preview();
    // 6 jobs, the explicit provider, the stack (the default provider is not counted).
    expect(p.changeSummary).toEqual({ create: 8 });
    expect(await vendorRequests(emu)).toBe(0);
    expect(await vendorRequests(emu2)).toBe(0);
  });

  it("up submits each job exactly once; the second provider's job goes to the second emulator", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const o = await outputsByName(t);
    expect(o.tryon!.status).toBe("FINISH");
    expect(o.gif!.status).toBe("success");
    expect(o.gif2!.status).toBe("success");
    expect(o.portrait!.jobStatus).toBe("FINISHED");
    expect(o.cover!.status).toBe("Success");
    expect(o.subject!.elementId).toMatch(/^\d{18}$/);
    // A secret output (presigned result URLs) is encrypted in the state.
    expect(o.tryon!.resultUrls).toMatchObject({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    });
    expect(await submissions(emu)).toEqual(ONE_EACH);
    expect(await submissions(emu2)).toEqual({ SubmitAIImageJob: 1 });
  });

  it("uses the dynamic resources' ledger identities and keeps secrets out of the state", async () => {
    const scopes = ledgerIntents(t)
      .map((i) => i.scope)
      .sort();
    expect(scopes).toContain("pluginyaml/e2e/tencent:SceneAigcImageTask/tryon");
    expect(scopes).toContain("pluginyaml/e2e/alibaba:AiImageJob/gif2");
    const resources = (await t.stack.exportStack()).deployment.resources as Array<{
      type: string;
      inputs?: Record<string, unknown>;
    }>;
    const tryon = resources.find((r) => r.type === "aigc:tencent:SceneAigcImageTask");
    expect(tryon?.inputs?.idempotencyScope).toBe("pluginyaml/e2e/tencent:SceneAigcImageTask/tryon");
    // The holder names the stack instance (from Pulumi.e2e.yaml's encryption salt), as a dynamic resource's does.
    expect(tryon?.inputs?.__holder).toMatch(/^s-[\w-]{16}\|pluginyaml\/e2e\|tencent:SceneAigcImageTask\/tryon$/);
    const atRest = backendFilesText(t);
    expect(emu2.credentials.alibaba.accessKeySecret).toBe(SECOND_SECRET);
    for (const secret of [emu.credentials.tencent.secretKey, SECOND_SECRET]) {
      expect(atRest).not.toContain(secret);
    }
  });

  it("a second up changes nothing and submits nothing", async () => {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 8 });
    expect(await submissions(emu)).toEqual(ONE_EACH);
    expect(await submissions(emu2)).toEqual({ SubmitAIImageJob: 1 });
  });

  it("refresh keeps every job; destroy removes them all without submitting", async () => {
    const refresh = await t.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 8 });
    expect(await submissions(emu)).toEqual(ONE_EACH);
    expect(await submissions(emu2)).toEqual({ SubmitAIImageJob: 1 });
  });
});
