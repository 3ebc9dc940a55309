// The user-facing programs, run as users run them: the demo program, every example, the pipeline script
// and `npm run demo`'s script, with the real CLI against the emulator.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { createAigcStack, submissions } from "../support/aigc-stack";
import { admin, startTestEmulator } from "../support/emulator";
import { cliBinDir, createTestStack, repoRoot } from "../support/pulumi-workspace";

const run = promisify(execFile);
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 800 });
});
afterAll(() => emu?.close());

describe("the demo program (root Pulumi.yaml)", () => {
  it("previews with zero vendor calls, applies with chained outputs, and is a no-op the second time", async () => {
    await admin(emu, "reset", {});
    const t = await createAigcStack("demo-program", emu, { program: "dist/examples/media-pipeline/index.js" });
    try {
      expect((await t.stack.preview()).changeSummary).toEqual({ create: 8 });
      expect((await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests).toBe(0);
      const up = await t.stack.up();
      const o = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
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
      expect((await t.stack.preview()).changeSummary).toEqual({ same: 8 });
    } finally {
      await t.cleanup();
    }
  });
});

describe("every example: preview, up, refresh, destroy", () => {
  for (const name of [
    "aigc-subject",
    "scene-aigc-image-task",
    "ai-image-job",
    "txt2img-inference-job",
    "production-job",
  ]) {
    it(name, async () => {
      await admin(emu, "reset", {});
      const t = await createAigcStack(`example-${name}`, emu, { program: `dist/examples/${name}/index.js` });
      try {
        const preview = await t.stack.preview();
        expect(preview.changeSummary).toEqual({ create: 2 });
        expect((await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests).toBe(0);
        const up = await t.stack.up();
        expect(up.summary.result).toBe("succeeded");
        expect(Object.values(await submissions(emu))).toEqual([1]);
        expect((await t.stack.refresh()).summary.result).toBe("succeeded");
        expect((await t.stack.destroy()).summary.resourceChanges).toEqual({ delete: 2 });
      } finally {
        await t.cleanup();
      }
    });
  }
});

describe("the pipeline script", () => {
  it("previews, then applies and exports the outputs as JSON, with credentials stored encrypted", async () => {
    await admin(emu, "reset", {});
    // A project dir like a user's: the demo program behind a Pulumi.yaml.
    const t = await createTestStack({ name: "pipeline", program: "dist/examples/media-pipeline/index.js" });
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
    const script = join(repoRoot, "examples/pipeline/deploy.sh");
    try {
      const preview = await run(script, ["preview"], { env });
      expect(preview.stdout).toMatch(/\+ 8 to create/);
      expect((await admin<{ totals: { requests: number } }>(emu, "stats")).totals.requests).toBe(0);
      await run(script, ["up"], { env });
      const json = JSON.parse(readFileSync(outputs, "utf8")) as Record<string, unknown>;
      expect(json.videoCoverJobId).toMatch(/^[0-9a-f]{32}$/);
      // Secret outputs are exported in clear for later steps.
      expect((json.productShotUrls as string[])[0]).toMatch(/sign=/);
      const stackConfig = readFileSync(join(t.projectDir, "Pulumi.ci.yaml"), "utf8");
      expect(stackConfig).toContain("aigc:tencentSecretKey");
      expect(stackConfig).not.toContain(emu.credentials.tencent.secretKey);
      // A re-run of the main-branch job changes nothing and pays for nothing.
      const before = await submissions(emu);
      await run(script, ["up"], { env });
      expect(await submissions(emu)).toEqual(before);
      await expect(run(script, ["deploy"], { env })).rejects.toMatchObject({ code: 2 });
    } finally {
      await t.cleanup();
    }
  });
});

describe("npm run demo", () => {
  it("prints the outputs table, is a no-op the second time, and --destroy tears it down", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aigc-demo-"));
    // Its own state dir and stack name: a user's own demo stack (and its Pulumi.demo.yaml) is never touched.
    const stackName = `demo-e2e-${process.pid}`;
    const env = {
      ...process.env,
      PATH: `${cliBinDir()}:${process.env.PATH}`,
      PULUMI_AIGC_DEMO_DIR: dir,
      PULUMI_AIGC_DEMO_STACK: stackName,
    };
    const demo = join(repoRoot, "dist/scripts/demo.js");
    try {
      const first = await run(process.execPath, [demo], { env, cwd: repoRoot, maxBuffer: 16 << 20 });
      expect(first.stdout).toMatch(/^output\s+value$/m);
      expect(first.stdout).toMatch(/^ambassadorElementId\s+\d{18}$/m);
      expect(first.stdout).toMatch(/^videoCoverJobId\s+[0-9a-f]{32}$/m);
      expect(first.stdout).toMatch(/^productShotUrls\[1\]\s+http:\/\/127\.0\.0\.1:\d+\/files\/tencent\//m);
      const second = await run(process.execPath, [demo], { env, cwd: repoRoot, maxBuffer: 16 << 20 });
      expect(second.stdout).toMatch(/8 unchanged/);
      expect(second.stdout).not.toMatch(/created|replaced/);
      const destroyed = await run(process.execPath, [demo, "--destroy"], { env, cwd: repoRoot, maxBuffer: 16 << 20 });
      expect(destroyed.stdout).toMatch(/- 8 deleted/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(join(repoRoot, `Pulumi.${stackName}.yaml`), { force: true });
    }
  });
});
