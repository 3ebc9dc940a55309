// The sdk-only example scripts, run as a user runs them (a child `node`, env vars only), against the emulator.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "pulumi-aigc/emulator";
import { admin, startTestEmulator } from "../support/emulator";

const run = promisify(execFile);
const root = join(__dirname, "..", "..");
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 1_500 });
});
afterAll(() => emu.close());

const env = () => ({
  ...process.env,
  PULUMI_AIGC_ENDPOINT: emu.url,
  TENCENTCLOUD_SECRET_ID: emu.credentials.tencent.secretId,
  TENCENTCLOUD_SECRET_KEY: emu.credentials.tencent.secretKey,
  ALIBABA_CLOUD_ACCESS_KEY_ID: emu.credentials.alibaba.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.credentials.alibaba.accessKeySecret,
});

describe("sdk example scripts", () => {
  it("Tencent: submits a scene image, waits and prints the image URL", async () => {
    const { stdout } = await run(process.execPath, [join(root, "dist/examples/sdk-tencent/scene-image.js")], {
      env: env(),
    });
    expect(stdout).toMatch(/^submitted 251007502-SceneAigcImageTask-[0-9a-f]{32}t/m);
    expect(stdout).toMatch(/PROCESSING \d+%/);
    const url = /^image: (\S+)/m.exec(stdout)?.[1];
    expect(url).toContain(emu.url);
    expect((await fetch(url!)).headers.get("content-type")).toBe("image/png");
  });

  it("Alibaba: submits an ICE Cover job, waits and prints the typed result", async () => {
    const { stdout } = await run(process.execPath, [join(root, "dist/examples/sdk-alibaba/production-job.js")], {
      env: env(),
    });
    expect(stdout).toMatch(/^submitted [0-9a-f]{32}$/m);
    expect(stdout).toMatch(/cover candidate at [\d.]+ ms, score 0\.97: /);
    expect(stdout).toMatch(/^output: http:\/\/127\.0\.0\.1:\d+\/files\/ice\//m);
    const { jobs } = await admin<{ jobs: Array<{ kind: string }> }>(emu, "jobs");
    expect(jobs.map((j) => j.kind).sort()).toEqual(["Cover", "SceneAigcImageTask"]);
  });
});
