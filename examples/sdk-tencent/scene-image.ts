// Submit a scene AIGC image (virtual try-on) with the sdk alone, wait for it, print the result.
//   npm install && npm start
// Credentials: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY. Endpoint: PULUMI_AIGC_ENDPOINT (the emulator's
// URL; the client reads it) or the real https://vod.tencentcloudapi.com when unset. VOD app: TENCENT_VOD_SUB_APP_ID
// (read by this script, not by the client).
import { closeTransport, TencentVodClient, VendorError } from "pulumi-aigc/sdk";

async function main(): Promise<void> {
  const client = new TencentVodClient({
    subAppId: Number(process.env.TENCENT_VOD_SUB_APP_ID ?? 251007502),
    region: "ap-guangzhou",
  });
  // A SessionId makes the submit safe to retry: Tencent refuses a repeat instead of billing twice.
  const sessionId = `sdk-example-${Date.now()}`;
  const { TaskId, RequestId } = await client.createSceneAigcImageTask({
    SceneInfo: {
      Type: "ai_try_on",
      AiTryOnConfig: {
        Model: "WAND-tryon-1.0-flash",
        ClothesFileInfos: [{ Type: "Url", Url: "https://example.com/jacket.png" }],
      },
    },
    FileInfos: [{ Type: "Url", Url: "https://example.com/model.png" }],
    OutputConfig: { StorageMode: "Temporary", Resolution: "2K" },
    SessionId: sessionId,
  });
  console.log(`submitted ${TaskId} (RequestId ${RequestId})`);

  const task = await client.waitForTask(TaskId, {
    timeoutMs: 10 * 60_000,
    onProgress: (p) => console.log(`  ${p.status} ${p.progress ?? 0}% after ${(p.elapsedMs / 1000).toFixed(1)}s`),
  });
  for (const file of task.SceneAigcImageTask?.Output?.FileInfos ?? []) {
    console.log(
      `image: ${file.FileUrl}${file.FileId ? ` (FileId ${file.FileId})` : ""} expires ${file.ExpireTime || "never"}`,
    );
  }
}

main()
  .catch((err) => {
    // Vendor errors carry the code, the message and the RequestId; nothing secret.
    console.error(err instanceof VendorError ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => closeTransport());
