// The user-facing programs, run as users run them: each example copied out of the repository into its own
// directory with the pulumi-aigc line pointed at this repository, `npm install`, then the real CLI against
// the emulator; the demo program through the CI pipeline script; the sdk scripts by `npm start`. `npm run demo`
// is in demo.test.ts.
//
// One real `npm install` (in the media-pipeline copy) serves every example: they declare the same packages at
// the same versions (shareInstall checks it), so a second install would build the same tree. Programs run
// with PULUMI_NODEJS_TRANSPILE_ONLY: their types are checked by `tsc -p tsconfig.test.json`, not at each run.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBinDir, createAigcStack, createTestStack, repoRoot, submissions } from "../../harness";
import { admin, startTestEmulator } from "../support/emulator";
import {
  copyExample,
  instanceProbe,
  npmInstall,
  PULUMI_EXAMPLES,
  SDK_EXAMPLES,
  shareInstall,
} from "../support/example-projects";
import { quickStartEmulatorConfig, quickStartProgram } from "../support/readme";

const run = promisify(execFile);
const TRANSPILE_ONLY = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
let emu: RunningEmulator;
let work: string;
/** The example copies, by name; media-pipeline's holds the one real install. */
const projects: Record<string, string> = {};

beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 800 });
  work = mkdtempSync(join(tmpdir(), "aigc-examples-"));
  const installed = copyExample("media-pipeline", work, `file:${repoRoot}`);
  const ms = await npmInstall(installed);
  process.stderr.write(`[examples] npm install of the examples' packages: ${(ms / 1000).toFixed(1)} s\n`);
  projects["media-pipeline"] = installed;
  for (const name of [...PULUMI_EXAMPLES, ...SDK_EXAMPLES]) {
    if (name === "media-pipeline") continue;
    projects[name] = copyExample(name, work, `file:${repoRoot}`);
    shareInstall(projects[name]!, installed);
  }
});
afterAll(async () => {
  await emu?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * An example's lifecycle as a user runs it: up (one job), destroy. `afterUp` runs right after the up. Preview with no
 * vendor call is the demo program's (every kind, below); refresh is the same code for every kind (provider.test.ts).
 */
async function exampleLifecycle(name: string, extraEnv: Record<string, string> = {}, afterUp?: () => unknown) {
  await admin(emu, "reset", {});
  const t = await createAigcStack(`example-${name}`, emu, {
    projectDir: projects[name],
    env: { ...TRANSPILE_ONLY, ...extraEnv },
  });
  try {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(Object.values(await submissions(emu))).toEqual([1]);
    await afterUp?.();
    expect((await t.stack.destroy()).summary.resourceChanges).toEqual({ delete: 2 });
  } finally {
    await t.cleanup();
  }
}

describe("every example: up, destroy", () => {
  for (const name of PULUMI_EXAMPLES.filter((n) => n !== "media-pipeline" && n !== "txt2img-inference-job")) {
    it(name, () => exampleLifecycle(name));
  }

  it("txt2img-inference-job, with one @pulumi/pulumi: its program and provider load the project's copy", async () => {
    const probe = instanceProbe();
    const project = projects["txt2img-inference-job"]!;
    try {
      await exampleLifecycle("txt2img-inference-job", probe.env, async () => {
        const processes = probe.processes();
        // The program (run by @pulumi/pulumi/cmd/run) and the provider (cmd/dynamic-provider) both loaded it.
        expect([...new Set(processes.map((p) => p.main.replace(/^.*\/@pulumi\/pulumi\//, "")))].sort()).toEqual([
          "cmd/dynamic-provider/index.js",
          "cmd/run/index.js",
        ]);
        const installed = fs.realpathSync(join(project, "node_modules", "@pulumi", "pulumi"));
        for (const p of processes) expect(p.roots).toEqual([installed]);
      });

      // The control: had pulumi-aigc been a symlink to the repository (npm's default for a file: directory,
      // which the examples' .npmrc turns off), its imports would resolve from the repository and load a
      // second copy. The probe sees it.
      const linked = join(work, "linked");
      fs.mkdirSync(join(linked, "node_modules"), { recursive: true });
      for (const entry of fs.readdirSync(join(project, "node_modules"))) {
        const target = entry === "pulumi-aigc" ? repoRoot : join(project, "node_modules", entry);
        fs.symlinkSync(target, join(linked, "node_modules", entry));
      }
      const load = 'require("pulumi-aigc"); require("@pulumi/pulumi")';
      await run(process.execPath, ["-e", load], { cwd: linked, env: { ...process.env, ...probe.env } });
      await run(process.execPath, ["-e", load], { cwd: project, env: { ...process.env, ...probe.env } });
      const byCount = probe
        .processes()
        .filter((p) => p.main === "")
        .map((p) => p.roots.length)
        .sort();
      expect(byCount).toEqual([1, 2]);
    } finally {
      probe.close();
    }
  });
});

describe("the README's first job", () => {
  it("runs as the README shows it: preview sends nothing, up submits one job and exports its images", async () => {
    await admin(emu, "reset", {});
    // The user's project: the scene-aigc-image-task example's package.json and tsconfig, the README's index.ts.
    const dir = copyExample("scene-aigc-image-task", mkdtempSync(join(work, "readme-")), `file:${repoRoot}`);
    fs.writeFileSync(join(dir, "index.ts"), quickStartProgram());
    shareInstall(dir, projects["media-pipeline"]!);
    // The README's non-secret config (its endpoint's port is this emulator's; the secrets are its demo keys).
    const config = Object.fromEntries(
      Object.entries(quickStartEmulatorConfig())
        .filter(([key, v]) => !v.secret && key !== "aigc:endpoint")
        .map(([key, v]) => [key, v.value]),
    );
    // Type-checked by the runtime, as for a user: no transpile-only here.
    const t = await createAigcStack("readme", emu, { projectDir: dir, config });
    try {
      expect((await t.stack.preview()).changeSummary).toEqual({ create: 2 });
      expect((await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests).toBe(0);
      const up = await t.stack.up();
      expect(up.summary.result).toBe("succeeded");
      expect(Object.values(await submissions(emu))).toEqual([1]);
      expect(up.outputs.taskId?.value).toMatch(/^251007502-SceneAigcImageTask-/);
      expect(up.outputs.status?.value).toBe("FINISH");
      expect(up.outputs.resultUrls?.secret).toBe(true);
      expect(up.outputs.resultUrls?.value).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//)]);
    } finally {
      await t.cleanup();
    }
  });
});

describe("the demo program (examples/media-pipeline, the root Pulumi.yaml's program) by the CI pipeline script", () => {
  it("previews with zero vendor calls, applies with chained outputs exported as JSON, then is a no-op", async () => {
    await admin(emu, "reset", {});
    // The user's project: the media-pipeline example; examples/ci-pipeline/deploy.sh drives it.
    const t = await createTestStack({ name: "pipeline", projectDir: projects["media-pipeline"], env: TRANSPILE_ONLY });
    const outputs = join(t.stateDir, "outputs.json");
    const env = {
      ...process.env,
      ...t.env,
      PATH: `${cliBinDir()}:${process.env.PATH}`,
      PROJECT_DIR: t.projectDir,
      STACK: "ci",
      AIGC_ENDPOINT: emu.url,
      AIGC_STORE_CREDENTIALS: "1",
      OUTPUTS_FILE: outputs,
      TENCENTCLOUD_SECRET_ID: emu.credentials.tencent.secretId,
      TENCENTCLOUD_SECRET_KEY: emu.credentials.tencent.secretKey,
      ALIBABA_CLOUD_ACCESS_KEY_ID: emu.credentials.alibaba.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.credentials.alibaba.accessKeySecret,
    };
    const script = join(repoRoot, "examples/ci-pipeline/deploy.sh");
    try {
      const preview = await run(script, ["preview"], { env });
      expect(preview.stdout).toMatch(/\+ 8 to create/);
      expect((await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests).toBe(0);
      await run(script, ["up"], { env });
      // Every output, secret ones in clear for later steps.
      const o = JSON.parse(readFileSync(outputs, "utf8")) as Record<string, unknown>;
      expect(Object.keys(o).sort()).toEqual([
        "ambassadorElementId",
        "ambassadorTaskId",
        "jacketBannerTaskId",
        "jacketBannerUrls",
        "jacketTryOnFileIds",
        "jacketTryOnTaskId",
        "jacketTryOnUrls",
        "launchCoversJobId",
        "launchCoversUrls",
        "portraitImageUrls",
        "portraitJobId",
        "productShotTaskId",
        "productShotUrls",
        "videoCoverJobId",
        "videoCoverUrls",
      ]);
      expect(o.videoCoverJobId).toMatch(/^[0-9a-f]{32}$/);
      expect((o.productShotUrls as string[])[0]).toMatch(/sign=/);
      // Chaining: the banner was made from the try-on's FileId, the product shot from a VOD cover URL.
      const { jobs } = await admin<{ jobs: Array<{ id: string }> }>(emu, "jobs");
      expect(jobs).toHaveLength(7);
      const detail = await emu.context.store.get<{ request: { FileInfos: Array<{ FileId?: string; Url?: string }> } }>(
        "tencentTask",
        o.jacketBannerTaskId as string,
      );
      expect(detail?.request.FileInfos[0]?.FileId).toBe((o.jacketTryOnFileIds as string[])[0]);
      const shot = await emu.context.store.get<{ request: { FileInfos: Array<{ Url?: string }> } }>(
        "tencentTask",
        o.productShotTaskId as string,
      );
      expect(shot?.request.FileInfos[0]?.Url).toBe((o.launchCoversUrls as string[])[0]);
      const stackConfig = readFileSync(join(t.projectDir, "Pulumi.ci.yaml"), "utf8");
      expect(stackConfig).toContain("aigc:tencentSecretKey");
      expect(stackConfig).not.toContain(emu.credentials.tencent.secretKey);
      // A re-run of the main-branch job changes nothing and pays for nothing: its preview (`pulumi up` previews
      // first) finds all 8 unchanged.
      const before = await submissions(emu);
      const again = await run(script, ["up"], { env });
      expect(again.stdout).toMatch(/8 unchanged/);
      expect(again.stdout).not.toMatch(/to create|to update|to replace|to delete/);
      expect(await submissions(emu)).toEqual(before);
      await expect(run(script, ["deploy"], { env })).rejects.toMatchObject({ code: 2 });
    } finally {
      rmSync(join(t.projectDir, "Pulumi.ci.yaml"), { force: true });
      await t.cleanup();
    }
  });
});

describe("the sdk example scripts (npm start)", () => {
  // Their own emulator, with jobs long enough for the scripts to print progress.
  let sdkEmu: RunningEmulator;
  beforeAll(async () => {
    sdkEmu = await startTestEmulator({ jobLatencyMs: 1_500 });
  });
  afterAll(() => sdkEmu?.close());

  // As the user runs them: `npm start` (ts-node) in the example's directory, env vars only.
  const start = (name: string) =>
    run("npm", ["start", "--silent"], {
      cwd: projects[name],
      env: {
        ...process.env,
        TS_NODE_TRANSPILE_ONLY: "true",
        PULUMI_AIGC_ENDPOINT: sdkEmu.url,
        TENCENTCLOUD_SECRET_ID: sdkEmu.credentials.tencent.secretId,
        TENCENTCLOUD_SECRET_KEY: sdkEmu.credentials.tencent.secretKey,
        ALIBABA_CLOUD_ACCESS_KEY_ID: sdkEmu.credentials.alibaba.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: sdkEmu.credentials.alibaba.accessKeySecret,
      },
    });

  it("Tencent: submits a scene image, waits and prints the image URL", async () => {
    const { stdout } = await start("sdk-tencent");
    expect(stdout).toMatch(/^submitted 251007502-SceneAigcImageTask-[0-9a-f]{32}t/m);
    expect(stdout).toMatch(/PROCESSING \d+%/);
    const url = /^image: (\S+)/m.exec(stdout)?.[1];
    expect(url).toContain(sdkEmu.url);
    expect((await fetch(url!)).headers.get("content-type")).toBe("image/png");
  });

  it("Alibaba: submits an ICE Cover job, waits and prints the typed result", async () => {
    const { stdout } = await start("sdk-alibaba");
    expect(stdout).toMatch(/^submitted [0-9a-f]{32}$/m);
    expect(stdout).toMatch(/cover candidate at [\d.]+ ms, score 0\.97: /);
    expect(stdout).toMatch(/^output: http:\/\/127\.0\.0\.1:\d+\/files\/ice\//m);
    const { jobs } = await admin<{ jobs: Array<{ kind: string }> }>(sdkEmu, "jobs");
    expect(jobs.map((j) => j.kind).sort()).toEqual(["Cover", "SceneAigcImageTask"]);
  });
});
