// The console's side of the emulator, through our sdk over loopback: the admin job list reports the same
// statuses and output addresses the vendor APIs give clients, the aicontent preview route serves the bytes
// QueryImageAsset does, and the console page lives at `/` without shadowing RPC requests to `/`.

import type { AdminJob, RunningEmulator } from "pulumi-aigc/emulator";
import { AlibabaAiContentClient, AlibabaIceClient, TencentVodClient } from "pulumi-aigc/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startTestEmulator } from "../support/emulator";

const fast = { minDelayMs: 20, maxDelayMs: 50 };
const MODEL = "girl_6dcc62b4-4019-11ef-a7fd-954b0578482b";
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ jobLatencyMs: 300 });
});
afterAll(() => emu.close());

const jobs = async () => (await admin<{ jobs: AdminJob[] }>(emu, "jobs")).jobs;

describe("the admin job list", () => {
  it("gives a Tencent task's status, its request and the temporary URL DescribeTaskDetail returns", async () => {
    const c = new TencentVodClient({ endpoint: emu.url, credentials: emu.credentials.tencent, subAppId: 251007502 });
    const { TaskId } = await c.createSceneAigcImageTask({
      SceneInfo: { Type: "product_image", ProductImageConfig: { Prompt: "on marble", OutputImageCount: 2 } },
      FileInfos: [{ Type: "Url", Url: "https://example.com/p.png" }],
      SessionId: "console-1",
    });
    const running = (await jobs()).find((j) => j.id === TaskId)!;
    expect(running).toMatchObject({ vendor: "tencent", kind: "SceneAigcImageTask", sessionId: "console-1" });
    expect(running.outputs).toEqual([]);
    expect(running.request).toMatchObject({ SessionId: "console-1", SceneInfo: { Type: "product_image" } });
    const done = await c.waitForTask(TaskId, fast);
    const urls = done.SceneAigcImageTask!.Output!.FileInfos!.map((f) => f.FileUrl);
    const listed = (await jobs()).find((j) => j.id === TaskId)!;
    expect(listed).toMatchObject({ status: "FINISH", stage: "done", progress: 100 });
    expect(listed.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(listed.outputs.map((o) => o.url)).toEqual(urls);
    // A signed temporary URL is the same on every read until it is rotated.
    const again = await c.describeTaskDetail({ TaskId });
    expect(again.SceneAigcImageTask!.Output!.FileInfos!.map((f) => f.FileUrl)).toEqual(urls);
    await admin(emu, `jobs/${TaskId}`, { action: "rotate-urls" });
    const rotated = await c.describeTaskDetail({ TaskId });
    expect(rotated.SceneAigcImageTask!.Output!.FileInfos![0]!.FileUrl).not.toBe(urls[0]);
  });

  it("gives aicontent's QueryImageAsset addresses as the sdk builds them and previews the same bytes", async () => {
    const c = new AlibabaAiContentClient({ endpoint: emu.url, credentials: emu.credentials.alibaba });
    const created = await c.personalizedtxt2imgAddInferenceJob({
      modelId: MODEL,
      prompt: "a portrait of a <special-token>",
      imageNumber: 2,
    });
    const job = await c.waitForInferenceJob(created.data.id, fast);
    const listed = (await jobs()).find((j) => j.service === "aicontent" && j.id === job.id)!;
    expect(listed.status).toBe("FINISHED");
    expect(listed.outputs.map((o) => o.url)).toEqual(job.resultImageUrl.map((id) => c.imageAssetUrl(job, id)));
    const signed = await c.personalizedtxt2imgQueryImageAsset({
      modelId: MODEL,
      promptId: job.promptId,
      imageId: job.resultImageUrl[1]!,
    });
    const preview = await fetch(`${emu.url}${listed.outputs[1]!.previewUrl}`);
    expect(preview.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await preview.arrayBuffer()).equals(signed)).toBe(true);
    expect((await fetch(`${emu.url}/__emulator/preview/aicontent/${job.id}/0009.png`)).status).toBe(404);
  });

  it("gives an ICE Cover job's output URLs, which serve JPEGs", async () => {
    const c = new AlibabaIceClient({ endpoint: emu.url, credentials: emu.credentials.alibaba });
    const { JobId } = await c.submitIProductionJob({
      FunctionName: "Cover",
      Name: "console-cover",
      Input: { Type: "OSS", Media: "oss://bucket/in.mp4" },
      Output: { Type: "OSS", Media: "oss://bucket/out/c.jpg" },
    });
    const job = await c.waitForIProductionJob(JobId, fast);
    const listed = (await jobs()).find((j) => j.id === JobId)!;
    expect(listed).toMatchObject({ status: "Success", name: "console-cover" });
    expect(listed.outputs.map((o) => o.url)).toEqual(job.OutputUrls);
    const image = await fetch(listed.outputs[0]!.url);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect([...new Uint8Array(await image.arrayBuffer()).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it("reports the clock and how far it was advanced", async () => {
    const before = await admin<{ now: string; advancedMs: number; timeScale: number }>(emu, "clock");
    expect(before).toMatchObject({ advancedMs: 0, timeScale: 1 });
    await admin(emu, "clock", { advanceMs: 5_000 });
    const after = await admin<{ now: string; advancedMs: number }>(emu, "clock");
    expect(after.advancedMs).toBe(5_000);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(5_000);
  });
});

describe("the console page", () => {
  it("is served at / as HTML that names no credential", async () => {
    const res = await fetch(`${emu.url}/`);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("<title>pulumi-aigc emulator</title>");
    // Its icon is inline: a browser asks for no /favicon.ico (which would be a 404).
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,[^"]+">/);
    for (const secret of [
      emu.credentials.tencent.secretId,
      emu.credentials.tencent.secretKey,
      emu.credentials.alibaba.accessKeyId,
      emu.credentials.alibaba.accessKeySecret,
    ])
      expect(html).not.toContain(secret);
  });

  it("leaves RPC requests to / to the vendor", async () => {
    const res = await fetch(`${emu.url}/?Action=QueryIProductionJob&Version=2020-11-09&JobId=x`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    // An unsigned request: the vendor's error envelope, not the page.
    expect(await res.json()).toMatchObject({ Code: expect.any(String), RequestId: expect.any(String) });
  });
});
