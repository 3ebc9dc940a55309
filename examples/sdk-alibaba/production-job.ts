// Submit an ICE intelligent production job (video cover extraction) with the sdk alone, wait, print.
//   npm install && npm start
// Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET. Endpoint: PULUMI_AIGC_ENDPOINT
// (the emulator's URL; the client reads it) or https://ice.cn-shanghai.aliyuncs.com when unset. Media:
// ICE_INPUT / ICE_OUTPUT.
import { AlibabaIceClient, AmbiguousSubmissionError, closeTransport, VendorError } from "pulumi-aigc/sdk";

async function main(): Promise<void> {
  const client = new AlibabaIceClient({
    regionId: "cn-shanghai",
  });
  // SubmitIProductionJob has no idempotency token: the sdk never retries it after an ambiguous failure,
  // so a marker in UserData lets you find the job before trying again.
  const marker = `sdk-example-${Date.now()}`;
  const { JobId } = await client.submitIProductionJob(
    {
      FunctionName: "Cover",
      Input: { Type: "OSS", Media: process.env.ICE_INPUT ?? "oss://my-bucket/videos/launch.mp4" },
      Output: { Type: "OSS", Media: process.env.ICE_OUTPUT ?? "oss://my-bucket/covers/launch.jpg" },
      Name: "launch-video-cover",
      UserData: { marker },
    },
    { marker },
  );
  console.log(`submitted ${JobId}`);

  const job = await client.waitForIProductionJob(JobId, {
    timeoutMs: 30 * 60_000,
    onProgress: (p) => console.log(`  ${p.status} after ${(p.elapsedMs / 1000).toFixed(1)}s`),
  });
  if (job.ParsedResult?.FunctionName === "Cover") {
    for (const frame of job.ParsedResult.Result)
      console.log(`cover candidate at ${frame.Time} ms, score ${frame.Score}: ${frame.Url}`);
  }
  for (const url of job.OutputUrls) console.log(`output: ${url}`);
}

main()
  .catch((err) => {
    if (err instanceof AmbiguousSubmissionError)
      console.error(`${err.message}\nDo not resubmit before checking the ICE console for the job.`);
    else console.error(err instanceof VendorError ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => closeTransport());
