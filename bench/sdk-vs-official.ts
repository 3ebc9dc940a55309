// Our clients against the official SDKs: the same request, the same emulator, the same concurrency, in
// the same run. Client-side rate limits are lifted for ours (the official SDKs have none), and the
// emulator's server-side ones are off: the figure is client overhead and transport.
import RPCClient from "@alicloud/pop-core";
import * as tencentcloud from "tencentcloud-sdk-nodejs-vod";
import { AlibabaIceClient, closeTransport, TencentVodClient } from "pulumi-aigc/sdk";
import { spawnEmulator } from "../harness";
import { percentile, round } from "./stats";

export interface LoadResult {
  readonly client: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

const UNLIMITED = { perSecond: 1e9, burst: 1e9 };

const WARMUP_SECONDS = 1;

async function load(
  client: string,
  call: () => Promise<unknown>,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  // Untimed first: connection pools, JIT and lazy requires otherwise cost the first client measured most.
  const warm = performance.now() + WARMUP_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < warm) await call().catch(() => undefined);
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await call();
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    client,
    requestsPerSecond: round(latencies.length / elapsed, 0),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    errors,
  };
}

export interface SdkComparison {
  readonly concurrency: number;
  readonly seconds: number;
  readonly tencent: { readonly ours: LoadResult; readonly official: LoadResult; readonly ratio: number };
  readonly alibaba: {
    readonly oursV3: LoadResult;
    readonly oursV1: LoadResult;
    readonly official: LoadResult;
    readonly ratioV3: number;
    readonly ratioV1: number;
  };
}

export async function compareWithOfficialSdks(concurrency = 32, seconds = 5): Promise<SdkComparison> {
  const emu = await spawnEmulator(["--no-rate-limits", "--latency", "3600000"]);
  try {
    const host = emu.url.replace("http://", "");
    const ours = new TencentVodClient({
      endpoint: emu.url,
      credentials: emu.credentials.tencent,
      subAppId: 251007502,
      retry: { retries: 0 },
      rateLimits: { DescribeTaskDetail: UNLIMITED },
    });
    const { TaskId } = await ours.createSceneAigcImageTask({
      SceneInfo: { Type: "outpainting" },
      FileInfos: [{ Type: "Url", Url: "https://x/in.png" }],
    });
    const official = new tencentcloud.vod.v20180717.Client({
      credential: emu.credentials.tencent,
      region: "",
      profile: { httpProfile: { endpoint: host, protocol: "http://" } },
    });
    const tOurs = await load(
      "pulumi-aigc TencentVodClient",
      () => ours.describeTaskDetail({ TaskId }),
      concurrency,
      seconds,
    );
    const tOfficial = await load(
      "tencentcloud-sdk-nodejs-vod",
      () => official.DescribeTaskDetail({ TaskId, SubAppId: 251007502 }),
      concurrency,
      seconds,
    );

    const iceV3 = new AlibabaIceClient({
      endpoint: emu.url,
      credentials: emu.credentials.alibaba,
      retry: { retries: 0 },
      rateLimits: { QueryIProductionJob: UNLIMITED },
    });
    const iceV1 = new AlibabaIceClient({
      endpoint: emu.url,
      credentials: emu.credentials.alibaba,
      retry: { retries: 0 },
      rateLimits: { QueryIProductionJob: UNLIMITED },
      signatureVersion: "v1",
    });
    const { JobId } = await iceV3.submitIProductionJob({
      FunctionName: "Cover",
      Input: { Type: "OSS", Media: "oss://bench-media/in.mp4" },
      Output: { Type: "OSS", Media: "oss://bench-media/out.jpg" },
    });
    const pop = new RPCClient({ ...emu.credentials.alibaba, endpoint: emu.url, apiVersion: "2020-11-09" });
    const aV3 = await load(
      "pulumi-aigc AlibabaIceClient (ACS3)",
      () => iceV3.queryIProductionJob({ JobId }),
      concurrency,
      seconds,
    );
    const aV1 = await load(
      "pulumi-aigc AlibabaIceClient (v1)",
      () => iceV1.queryIProductionJob({ JobId }),
      concurrency,
      seconds,
    );
    const aPop = await load(
      "@alicloud/pop-core (v1)",
      () => pop.request("QueryIProductionJob", { JobId }, { method: "POST" }),
      concurrency,
      seconds,
    );
    return {
      concurrency,
      seconds,
      tencent: {
        ours: tOurs,
        official: tOfficial,
        ratio: round(tOurs.requestsPerSecond / tOfficial.requestsPerSecond, 2),
      },
      alibaba: {
        oursV3: aV3,
        oursV1: aV1,
        official: aPop,
        ratioV3: round(aV3.requestsPerSecond / aPop.requestsPerSecond, 2),
        ratioV1: round(aV1.requestsPerSecond / aPop.requestsPerSecond, 2),
      },
    };
  } finally {
    await closeTransport();
    await emu.stop();
  }
}
