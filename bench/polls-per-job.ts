// API calls per job while waiting. Latencies of 30 s and 300 s run with the emulator's clock sped up by
// `timeScale` and the waiter's delays divided by the same factor: the same dynamics, so the same number of
// polls, in a fraction of the time. L = 30 s is also measured in real time to show the two agree.
import { AlibabaVodClient, closeTransport, TencentVodClient } from "pulumi-aigc/sdk";
import { spawnEmulator } from "../harness";
import { round } from "./stats";

export interface PollsRun {
  readonly service: "tencent-vod" | "alibaba-vod";
  readonly latencySeconds: number;
  readonly timeScale: number;
  readonly jobs: number;
  readonly pollCallsPerJob: number;
  readonly wallSeconds: number;
}

const DEFAULT_MIN = 1_000;
const DEFAULT_MAX = 60_000;

export async function measurePolls(latencySeconds: number, timeScale: number, jobs = 20): Promise<PollsRun> {
  const emu = await spawnEmulator(["--latency", String(latencySeconds * 1000), "--time-scale", String(timeScale)]);
  try {
    const client = new TencentVodClient({
      endpoint: emu.url,
      credentials: emu.credentials.tencent,
      subAppId: 251007502,
    });
    const t0 = performance.now();
    const ids = await Promise.all(
      Array.from({ length: jobs }, (_, i) =>
        client
          .createSceneAigcImageTask({
            SceneInfo: { Type: "outpainting" },
            FileInfos: [{ Type: "Url", Url: `https://x/${i}.png` }],
          })
          .then((r) => r.TaskId),
      ),
    );
    await Promise.all(
      ids.map((id) =>
        client.waitForTask(id, {
          minDelayMs: DEFAULT_MIN / timeScale,
          maxDelayMs: DEFAULT_MAX / timeScale,
          timeoutMs: 3_600_000,
        }),
      ),
    );
    const stats = await emu.admin<{ requests: Record<string, number> }>("stats");
    return {
      service: "tencent-vod",
      latencySeconds,
      timeScale,
      jobs,
      pollCallsPerJob: round((stats.requests.DescribeTaskDetail ?? 0) / jobs, 2),
      wallSeconds: round((performance.now() - t0) / 1000, 1),
    };
  } finally {
    await closeTransport();
    await emu.stop();
  }
}

/** VOD waits of concurrent jobs share GetAIImageJobs calls of up to 10 ids. */
export async function measureVodBatchedPolls(latencySeconds: number, timeScale: number, jobs = 20): Promise<PollsRun> {
  const emu = await spawnEmulator(["--latency", String(latencySeconds * 1000), "--time-scale", String(timeScale)]);
  try {
    const client = new AlibabaVodClient({ endpoint: emu.url, credentials: emu.credentials.alibaba });
    const t0 = performance.now();
    const ids = await Promise.all(
      Array.from({ length: jobs }, () =>
        client
          .submitAIImageJob({
            VideoId: "357a8748c5774a0e89d2726e6436aa01",
            AITemplateId: "ef1a8842cb9f4d1bcea80cad902e4160",
          })
          .then((r) => r.JobId),
      ),
    );
    await Promise.all(
      ids.map((id) =>
        client.waitForAIImageJob(id, {
          minDelayMs: DEFAULT_MIN / timeScale,
          maxDelayMs: DEFAULT_MAX / timeScale,
          timeoutMs: 3_600_000,
        }),
      ),
    );
    const stats = await emu.admin<{ requests: Record<string, number> }>("stats");
    return {
      service: "alibaba-vod",
      latencySeconds,
      timeScale,
      jobs,
      pollCallsPerJob: round((stats.requests.GetAIImageJobs ?? 0) / jobs, 2),
      wallSeconds: round((performance.now() - t0) / 1000, 1),
    };
  } finally {
    await closeTransport();
    await emu.stop();
  }
}
