// End-to-end: a stack of today's TypeScript dynamic resources moves to the `aigc` provider plugin's resources with
// 0 new submissions and nothing deleted at the vendor (docs/migrating-to-the-plugin.md), with the real Pulumi CLI,
// the YAML language host and the real emulator. The stack holds a subject, a scene task and an ICE job; the ICE job
// is still running when the stack moves (its `up` stopped waiting: a partial state). `pulumi stack export`,
// `pulumi-aigc migrate`, `pulumi stack import`, then the same resources as a YAML program: the preview plans no
// create, replace or delete; the next `up` resumes the running job through the same ledger intent; nothing paid
// twice, nothing deleted. The other way, aliases from the plugin's resources to the dynamic ones' URNs, is pinned
// too: the engine asks the plugin's DiffConfig about the provider change, which never answers "replace", so the
// resources stay the same (a replacement would submit again and delete the old resources' vendor objects).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAigcStack,
  ledgerIntents,
  repoRoot,
  submissions,
  type TestStack,
  writeYamlProject,
  yamlHostEnv,
} from "../../harness";
import { admin, advanceClock, startTestEmulator } from "../support/emulator";

const run = promisify(execFile);
const ONLY = ["subject", "tryon", "cover"];
const JOB_LATENCY_MS = 600_000;
/** The ICE job runs for 10 minutes of the emulator's clock; `up` waits 2 s for it, then records it unfinished. */
const OVERRIDES = { cover: { name: `emulator:latency=${JOB_LATENCY_MS}`, waitTimeoutSeconds: 2 } };
const THREE = { CreateAigcAdvancedCustomElement: 1, CreateSceneAigcImageTask: 1, SubmitIProductionJob: 1 };

/** Deletes and cancels the emulator answered: a subject's element deleted, a running ICE job cancelled. */
async function vendorDeletes(emu: RunningEmulator): Promise<number> {
  const { requests } = await admin<{ requests: Record<string, number> }>(emu, "stats");
  return (requests.DeleteAigcAdvancedCustomElement ?? 0) + (requests.CancelIProductionJob ?? 0);
}

type StateResource = { urn: string; type: string; id?: string; outputs?: Record<string, unknown> };
const jobResources = async (t: TestStack) =>
  ((await t.stack.exportStack()).deployment.resources as StateResource[]).filter(
    (r) => r.id && /Job|Task|Subject/.test(r.type),
  );

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

describe("plugin: a stack of dynamic resources moves to the plugin's resources", () => {
  let t: TestStack;
  let before: StateResource[];
  beforeAll(async () => {
    t = await createAigcStack("plugmig", emu, { only: ONLY, overrides: OVERRIDES, env: yamlHostEnv() });
    // The subject and the scene task finish; the ICE job is recorded unfinished (its id saved, a partial state).
    const up = await t.stack.up().catch((e: Error) => e);
    expect(String(up)).toMatch(/its id is saved|resume/);
    before = await jobResources(t);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("the dynamic stack submitted each job once and left the ICE job running", async () => {
    expect(await submissions(emu)).toEqual(THREE);
    expect(before.map((r) => r.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/alibaba:ProductionJob",
      "pulumi-nodejs:dynamic/tencent:AigcSubject",
      "pulumi-nodejs:dynamic/tencent:SceneAigcImageTask",
    ]);
    expect(before.find((r) => r.type.endsWith("ProductionJob"))?.outputs?.progress).toBeLessThan(100);
  });

  it("migrate rewrites the state; the YAML program's preview plans no create, replace or delete", async () => {
    const exported = path.join(t.stateDir, "before.json");
    const rewritten = path.join(t.stateDir, "after.json");
    fs.writeFileSync(exported, JSON.stringify(await t.stack.exportStack()));
    const cli = path.join(repoRoot, "dist/provider/cli/pulumi-aigc.js");
    const m = await run(process.execPath, [cli, "migrate", "--in", exported, "--out", rewritten]);
    expect(m.stdout).toMatch(/moved 3 resource\(s\) to the aigc provider/);
    await t.stack.importStack(JSON.parse(fs.readFileSync(rewritten, "utf8")));
    // The project now runs the same resources as a YAML program through the plugin.
    const yaml = writeYamlProject(`${repoRoot}/.pulumi-aigc/e2e`, "plugmig", { only: ONLY, overrides: OVERRIDES });
    fs.copyFileSync(path.join(yaml, "Pulumi.yaml"), path.join(t.projectDir, "Pulumi.yaml"));
    fs.rmSync(yaml, { recursive: true, force: true });
    const p = await t.stack.preview();
    const { create = 0, replace = 0, delete: del = 0 } = p.changeSummary as Record<string, number>;
    // The one update is the ICE job, unfinished: it resumes. Nothing else is created, replaced or deleted (the
    // stack's dynamic-provider entry aside, which is not a job).
    expect({ create, replace, del }).toMatchObject({ create: 0, replace: 0 });
    expect(del).toBeLessThanOrEqual(1);
    expect(await submissions(emu)).toEqual(THREE);
  });

  it("up resumes the running job through the same intent: 0 new submissions, nothing deleted", async () => {
    await advanceClock(emu, JOB_LATENCY_MS);
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const after = await jobResources(t);
    expect(after.map((r) => [r.type, r.id]).sort()).toEqual(
      before.map((r) => [r.type.replace("pulumi-nodejs:dynamic/", "aigc:"), r.id]).sort(),
    );
    expect(after.find((r) => r.type === "aigc:alibaba:ProductionJob")?.outputs?.status).toBe("Success");
    expect(await submissions(emu)).toEqual(THREE);
    expect(await vendorDeletes(emu)).toBe(0);
    // One intent per resource, each still the one the dynamic resource claimed.
    const open = ledgerIntents(t).filter((i) => i.state !== "released");
    expect(open.map((i) => i.jobId).sort()).toEqual(before.map((r) => r.id).sort());
  });

  it("the next preview is unchanged", async () => {
    const p = await t.stack.preview({ expectNoChanges: true });
    expect(p.changeSummary).toEqual({ same: 4 });
  });
});

describe("plugin: aliases from plugin resources to the dynamic ones keep them (DiffConfig never replaces)", () => {
  let t: TestStack;
  afterAll(async () => {
    await t?.cleanup();
  });

  it("up with aliases: the same resources, 0 new submissions, nothing deleted", async () => {
    t = await createAigcStack("plugalias", emu, { only: ONLY, env: yamlHostEnv() });
    expect((await t.stack.up()).summary.result).toBe("succeeded");
    const submitted = await submissions(emu);
    const deleted = await vendorDeletes(emu);
    const yaml = writeYamlProject(`${repoRoot}/.pulumi-aigc/e2e`, "plugalias", { only: ONLY });
    const project = JSON.parse(fs.readFileSync(path.join(yaml, "Pulumi.yaml"), "utf8")) as {
      resources: Record<string, { type: string; options?: unknown }>;
    };
    fs.rmSync(yaml, { recursive: true, force: true });
    for (const [name, r] of Object.entries(project.resources)) {
      const dynamicType = r.type.replace(/^aigc:/, "pulumi-nodejs:dynamic/");
      r.options = { aliases: [`urn:pulumi:e2e::plugalias::${dynamicType}::${name}`] };
    }
    fs.writeFileSync(path.join(t.projectDir, "Pulumi.yaml"), `${JSON.stringify(project, null, 2)}\n`);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 4 });
    expect((await jobResources(t)).map((r) => r.type).sort()).toEqual([
      "aigc:alibaba:ProductionJob",
      "aigc:tencent:AigcSubject",
      "aigc:tencent:SceneAigcImageTask",
    ]);
    expect(await submissions(emu)).toEqual(submitted);
    expect(await vendorDeletes(emu)).toBe(deleted);
  });
});
