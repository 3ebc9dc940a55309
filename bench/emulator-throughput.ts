// How many DescribeTaskDetail requests per second the emulator serves on loopback, signature verification
// included. A pre-signed request is replayed (TC3 has no nonce, and the signature is valid for 5 minutes),
// so the figure is the emulator's, not the client's. Run: node dist/bench/emulator-throughput.js

import { DEMO_CREDENTIALS } from "pulumi-aigc/emulator";
import { TencentVodClient } from "pulumi-aigc/sdk";
import { signTc3 } from "pulumi-aigc/sdk/internal";
import { Pool } from "undici";
import { spawnEmulator } from "../harness";
import { percentile, round } from "./percentile";

export interface ThroughputResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  concurrency: number;
  seconds: number;
}

export async function measureEmulatorThroughput(concurrency = 64, seconds = 5): Promise<ThroughputResult> {
  const emu = await spawnEmulator(["--no-rate-limits", "--latency", "1000"]);
  try {
    const creds = DEMO_CREDENTIALS.tencent;
    const client = new TencentVodClient({ endpoint: emu.url, credentials: creds, subAppId: 251007502 });
    const { TaskId } = await client.createSceneAigcImageTask({
      SceneInfo: { Type: "outpainting" },
      FileInfos: [{ Type: "Url", Url: "https://example.com/in.png" }],
    });
    const body = JSON.stringify({ TaskId, SubAppId: 251007502 });
    const timestamp = Math.floor(Date.now() / 1000);
    const host = new URL(emu.url).host;
    const sig = signTc3({
      secretId: creds.secretId,
      secretKey: creds.secretKey,
      timestamp,
      service: "vod",
      host: "127.0.0.1",
      contentType: "application/json",
      payload: body,
    });
    const headers = {
      host,
      "content-type": "application/json",
      "x-tc-action": "DescribeTaskDetail",
      "x-tc-version": "2018-07-17",
      "x-tc-timestamp": String(timestamp),
      authorization: sig.authorization,
    };
    const pool = new Pool(emu.url, { connections: concurrency, pipelining: 1 });
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await pool.request({ path: "/", method: "POST", headers, body });
        const text = await res.body.text();
        if (res.statusCode !== 200 || text.includes('"Error"')) errors++;
        latencies.push(performance.now() - t0);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = (performance.now() - started) / 1000;
    await pool.close();
    return {
      requestsPerSecond: round(latencies.length / elapsed, 0),
      p50Ms: round(percentile(latencies, 50), 2),
      p99Ms: round(percentile(latencies, 99), 2),
      requests: latencies.length,
      errors,
      concurrency,
      seconds: round(elapsed, 2),
    };
  } finally {
    await emu.stop();
  }
}

if (require.main === module) {
  measureEmulatorThroughput().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e) => {
      process.stderr.write(`${e.stack}\n`);
      process.exit(1);
    },
  );
}
