// One pipeline on a shared account, in a process of its own: submits `count` scene jobs at once through the
// public sdk (each with its own SessionId, as the provider does) and prints one JSON line with what it saw.
// Used by test/integration/shared-account-rate.test.ts, which runs several of these against one emulator.
"use strict";

const { TencentVodClient } = require("pulumi-aigc/sdk");

async function main() {
  const [endpoint, secretId, secretKey, count, tag] = process.argv.slice(2);
  let throttles = 0;
  const client = new TencentVodClient({
    endpoint,
    credentials: { secretId, secretKey },
    subAppId: 251007502,
    onRetry: (e) => {
      if (e.name === "ThrottlingError") throttles++;
    },
  });
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: Number(count) }, (_, i) =>
      client.createSceneAigcImageTask({
        SceneInfo: { Type: "ai_try_on", AiTryOnConfig: { Model: "WAND-tryon-1.0-flash" } },
        FileInfos: [{ Type: "Url", Url: `https://example.com/${tag}-${i}.png` }],
        SessionId: `${tag}-${i}`,
      }),
    ),
  );
  const failures = results.filter((r) => r.status === "rejected").map((r) => String(r.reason.message));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ tag, throttles, failures, seconds })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
