// A user's own program, with the ids of its own accounts, against the emulator as `npm run emulator` starts it
// (no config file): every well-formed id exists. A config that lists the ids of a kind makes that kind strict.
// And the emulator's clock, time scale and admin advances included, survives a restart with its state file.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_CREDENTIALS, type RunningEmulator } from "pulumi-aigc/emulator";
import {
  AlibabaAiContentClient,
  AlibabaIceClient,
  AlibabaVodClient,
  InvalidParameterError,
  NotFoundError,
  TencentVodClient,
} from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestEmulator } from "../support/emulator";

const fast = { minDelayMs: 100, maxDelayMs: 400, timeoutMs: 30_000 };
const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const digits = (n: number) => `${1 + (randomBytes(1)[0]! % 9)}${[...randomBytes(n - 1)].map((b) => b % 10).join("")}`;

interface Endpoint {
  url: string;
  credentials: {
    tencent: { secretId: string; secretKey: string };
    alibaba: { accessKeyId: string; accessKeySecret: string };
  };
}
const clients = (e: Endpoint) => ({
  tencent: new TencentVodClient({ endpoint: e.url, credentials: e.credentials.tencent }),
  vod: new AlibabaVodClient({ endpoint: e.url, credentials: e.credentials.alibaba }),
  ice: new AlibabaIceClient({ endpoint: e.url, credentials: e.credentials.alibaba }),
  aic: new AlibabaAiContentClient({ endpoint: e.url, credentials: e.credentials.alibaba }),
});

/** `node dist/emulator/cli.js --port 0`: what `npm run emulator` runs once set up, without any config file. */
function spawnCli(): Promise<{ url: string; child: ChildProcess }> {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(TENCENTCLOUD_|ALIBABA_CLOUD_)/.test(k)) delete env[k];
  const child = spawn(process.execPath, [join(__dirname, "..", "..", "dist", "emulator", "cli.js"), "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

describe("a user's program with its own ids, against the emulator started with no config file", () => {
  let cli: { url: string; child: ChildProcess };
  let endpoint: Endpoint;
  beforeAll(async () => {
    cli = await spawnCli();
    endpoint = { url: cli.url, credentials: { ...DEMO_CREDENTIALS } };
  });
  afterAll(() => {
    cli.child.kill("SIGTERM");
  });

  it("runs every kind of job on ids the emulator has never seen", async () => {
    const c = clients(endpoint);
    const subAppId = Number(digits(10));
    const fileId = digits(19);
    const modelId = `dog_${randomUUID()}`;
    const [scene, element, vodJob, iceJob, inference] = await Promise.all([
      c.tencent.createSceneAigcImageTask({
        SubAppId: subAppId,
        SceneInfo: { Type: "product_image", ProductImageConfig: { OutputImageCount: 2 } },
        FileInfos: [{ Type: "File", FileId: fileId }],
      }),
      c.tencent.createAigcAdvancedCustomElement({
        SubAppId: subAppId,
        ReferenceType: "image_refer",
        ElementImageList: {
          frontal_image: "https://example.com/f.png",
          refer_images: [{ image_url: "https://x/s.png" }],
        },
      }),
      c.vod.submitAIImageJob({ VideoId: hex(16), AITemplateId: hex(16) }),
      c.ice.submitIProductionJob({
        FunctionName: "Cover",
        Input: { Type: "Media", Media: hex(16) },
        Output: { Type: "Media", OutputUrl: "oss://my-bucket/covers/{sequenceId}.jpg" },
      }),
      c.aic.personalizedtxt2imgAddInferenceJob({ modelId, prompt: "a photo of a <special-token>", imageNumber: 14 }),
    ]);
    const done = await Promise.all([
      c.tencent.waitForTask(scene.TaskId, { ...fast, subAppId }),
      c.tencent.waitForTask(element.TaskId, { ...fast, subAppId }),
      c.vod.waitForAIImageJob(vodJob.JobId, fast),
      c.ice.waitForIProductionJob(iceJob.JobId, fast),
      c.aic.waitForInferenceJob(inference.data.id, fast),
    ]);
    expect(scene.TaskId).toMatch(new RegExp(`^${subAppId}-SceneAigcImageTask-[0-9a-f]{32}t$`));
    expect(done[0].SceneAigcImageTask?.Output?.FileInfos).toHaveLength(2);
    expect(done[1].CreateAigcAdvancedCustomElementTask?.Output?.InfoList[0]?.ElementId).toMatch(/^\d{18}$/);
    expect(done[2].Results.length).toBeGreaterThan(0);
    // ICE creates the output media asset when Output names none, and reports its id.
    expect(done[3].OutputMediaIds).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/)]);
    expect(done[3].Output?.Media).toBe(done[3].OutputMediaIds[0]);
    // More than 10 images asked: the service makes 10.
    expect(done[4].resultImageUrl).toHaveLength(10);
    const models = await c.aic.personalizedtxt2imgQueryModelTrainJobList();
    expect(models.data.find((m) => m.modelId === modelId)?.inferenceJobList.map((j) => j.id)).toEqual([
      inference.data.id,
    ]);
  });

  it("still answers not-found for ids that cannot exist", async () => {
    const c = clients(endpoint);
    const badFile = await c.tencent
      .createSceneAigcImageTask({
        SubAppId: 1500012345,
        SceneInfo: { Type: "outpainting" },
        FileInfos: [{ FileId: "not-a-file-id" }],
      })
      .catch((e) => e);
    expect(badFile).toBeInstanceOf(InvalidParameterError);
    expect(badFile.code).toBe("InvalidParameterValue.FileId");
    const badVideo = await c.vod.submitAIImageJob({ VideoId: "my-video", AITemplateId: hex(16) }).catch((e) => e);
    expect(badVideo).toBeInstanceOf(NotFoundError);
    expect(badVideo.code).toBe("InvalidVideo.NotFound");
    const badModel = await c.aic
      .personalizedtxt2imgAddInferenceJob({ modelId: "a model", prompt: "a <special-token>" })
      .catch((e) => e);
    expect(badModel).toBeInstanceOf(NotFoundError);
    expect(badModel.code).toBe("MODEL_NOT_FOUND");
  });
});

describe("strict mode: a configured list of ids", () => {
  const SUB_APP = 251007502;
  const FILE = "5145403720640671256";
  const VIDEO = hex(16);
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({
      tencent: { subAppIds: [SUB_APP], fileIds: [FILE] },
      alibaba: { videoIds: [VIDEO] },
    });
  });
  afterAll(() => emu.close());

  it("accepts the listed ids and refuses other well-formed ones with the vendor's not-found codes", async () => {
    const c = clients(emu);
    const outpainting = { SceneInfo: { Type: "outpainting" as const } };
    await c.tencent.createSceneAigcImageTask({ ...outpainting, SubAppId: SUB_APP, FileInfos: [{ FileId: FILE }] });
    const otherApp = await c.tencent
      .createSceneAigcImageTask({ ...outpainting, SubAppId: SUB_APP + 1, FileInfos: [{ FileId: FILE }] })
      .catch((e) => e);
    expect(otherApp.code).toBe("InvalidParameterValue.SubAppId");
    const otherFile = await c.tencent
      .createSceneAigcImageTask({ ...outpainting, SubAppId: SUB_APP, FileInfos: [{ FileId: digits(19) }] })
      .catch((e) => e);
    expect(otherFile.code).toBe("InvalidParameterValue.FileId");
    await c.vod.submitAIImageJob({ VideoId: VIDEO, AITemplateId: hex(16) }); // templates stay lenient
    const otherVideo = await c.vod.submitAIImageJob({ VideoId: hex(16), AITemplateId: hex(16) }).catch((e) => e);
    expect(otherVideo).toBeInstanceOf(NotFoundError);
  });

  it("also knows the media files its own tasks stored (Permanent outputs)", async () => {
    const c = clients(emu);
    const { TaskId } = await c.tencent.createSceneAigcImageTask({
      SubAppId: SUB_APP,
      SceneInfo: { Type: "outpainting" },
      FileInfos: [{ FileId: FILE }],
      OutputConfig: { StorageMode: "Permanent" },
    });
    await admin(emu, `jobs/${TaskId}`, { action: "finish" });
    const task = await c.tencent.describeTaskDetail({ TaskId, SubAppId: SUB_APP });
    const produced = task.SceneAigcImageTask!.Output!.FileInfos[0]!.FileId;
    expect(produced).toMatch(/^\d{19}$/);
    await c.tencent.createSceneAigcImageTask({
      SubAppId: SUB_APP,
      SceneInfo: { Type: "outpainting" },
      FileInfos: [{ Type: "File", FileId: produced }],
    });
  });
});

describe("the emulator's clock survives a restart with its state file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "emu-clock-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const now = async (e: RunningEmulator) =>
    Date.parse((await admin<{ now: string }>(e, "clock", { advanceMs: 0 })).now);

  it("keeps an admin advance: a task half done stays half done", async () => {
    const stateFile = join(dir, "advance.jsonl");
    const first = await startTestEmulator({ stateFile, jobLatencyMs: 3_600_000 });
    const tc = (e: RunningEmulator) => clients(e).tencent;
    const { TaskId } = await tc(first).createSceneAigcImageTask({
      SubAppId: 251007502,
      SceneInfo: { Type: "outpainting" },
      FileInfos: [{ Type: "Url", Url: "https://example.com/a.png" }],
    });
    await admin(first, "clock", { advanceMs: 1_800_000 });
    const before = await tc(first).describeTaskDetail({ TaskId, SubAppId: 251007502 });
    const clockBefore = await now(first);
    await first.close();
    const second = await startTestEmulator({ stateFile, jobLatencyMs: 3_600_000 });
    try {
      const after = await tc(second).describeTaskDetail({ TaskId, SubAppId: 251007502 });
      expect(before.Status).toBe("PROCESSING");
      expect(after.Status).toBe("PROCESSING");
      expect(after.SceneAigcImageTask!.Progress).toBeGreaterThanOrEqual(before.SceneAigcImageTask!.Progress);
      expect(await now(second)).toBeGreaterThanOrEqual(clockBefore);
    } finally {
      await second.close();
    }
  });

  it("keeps the time a scaled clock gained, even when restarted at another scale", async () => {
    const stateFile = join(dir, "scale.jsonl");
    // At 2000× a second of real time is over half an hour of emulator time.
    const first = await startTestEmulator({ stateFile, timeScale: 2000, jobLatencyMs: 600_000 });
    const ice = (e: RunningEmulator) => clients(e).ice;
    const { JobId } = await ice(first).submitIProductionJob({
      FunctionName: "VideoClip",
      Input: { Type: "OSS", Media: "oss://bucket/in.mp4" },
      Output: { Type: "OSS", Media: "oss://bucket/out.mp4" },
    });
    const done = await ice(first).waitForIProductionJob(JobId, fast);
    const gained = (await now(first)) - Date.now();
    await first.close();
    const second = await startTestEmulator({ stateFile, timeScale: 1, jobLatencyMs: 600_000 });
    try {
      expect(done.Status).toBe("Success");
      expect(gained).toBeGreaterThan(300_000);
      // Without the saved clock the job would be back at the start of its ten minutes.
      expect((await ice(second).queryIProductionJob({ JobId })).Status).toBe("Success");
      expect((await now(second)) - Date.now()).toBeGreaterThanOrEqual(gained - 1_000);
    } finally {
      await second.close();
    }
  });
});
