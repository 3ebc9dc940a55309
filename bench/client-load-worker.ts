// One client under load, in a process of its own (`fork` this file with `<client id> <server url>`): no other
// client's JIT state, pools or garbage share its event loop, and `process.cpuUsage()` of this process is
// the client's CPU time. The process makes the client, checks its first answer and says `{ ready: true }`;
// then each message `{ concurrency, warmSeconds, seconds }` drives it with `concurrency` callers, each
// calling again as soon as its previous call settles: `warmSeconds` untimed, then `seconds` timed, answered
// with the window's figures. It exits when the parent disconnects.
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import RPCClient from "@alicloud/pop-core";
import * as $Util from "@alicloud/tea-util";
import { AlibabaIceClient, closeTransport, TencentVodClient } from "pulumi-aigc/sdk";
import * as tencentcloud from "tencentcloud-sdk-nodejs-vod";
import { LOOPBACK_JOB_ID, LOOPBACK_TASK_ID } from "../harness/finished-job-answers";

/** The clients the comparison drives; each id names one client and the request it sends. */
export const BENCH_CLIENTS = {
  "tencent-ours": { request: "Tencent DescribeTaskDetail", client: "pulumi-aigc TencentVodClient", official: false },
  "tencent-official": { request: "Tencent DescribeTaskDetail", client: "tencentcloud-sdk-nodejs-vod", official: true },
  "ice-ours-acs3": {
    request: "ICE QueryIProductionJob",
    client: "pulumi-aigc AlibabaIceClient (ACS3)",
    official: false,
  },
  "ice-ours-v1": { request: "ICE QueryIProductionJob", client: "pulumi-aigc AlibabaIceClient (v1)", official: false },
  "ice-pop-core": { request: "ICE QueryIProductionJob", client: "@alicloud/pop-core (v1)", official: true },
  "ice-openapi-client": {
    request: "ICE QueryIProductionJob",
    client: "@alicloud/openapi-client (ACS3)",
    official: true,
  },
} as const;
export type BenchClientId = keyof typeof BENCH_CLIENTS;

/** What one client did in one timed window. */
export interface LoadWindow {
  readonly requests: number;
  readonly seconds: number;
  /** `process.cpuUsage()` (user + system) of the client's process over the window, µs. */
  readonly cpuMicros: number;
  readonly errors: number;
  /** The first error's message, when there were errors. */
  readonly firstError?: string | undefined;
  /** Every call's latency, ms. */
  readonly latencies: number[];
}

const TENCENT = { secretId: "AKIDLOOPBACKBENCH000000000000000000", secretKey: "loopback-bench-tencent-secret-key" };
const ALIBABA = { accessKeyId: "LTAI5tLoopbackBench0001", accessKeySecret: "LoopbackBenchSecret0123456789" };
const SUB_APP_ID = 251007502;
// The vendors' limits (100/s for both reads) would be the figure: lifted, as the official SDKs have none.
const UNLIMITED = { perSecond: 1e9, burst: 1e9 };

/** The call a client id makes, and a check that its answer is the canned one. */
function callOf(id: BenchClientId, url: string): { call: () => Promise<unknown>; check: (r: unknown) => boolean } {
  const host = url.replace("http://", "");
  switch (id) {
    case "tencent-ours": {
      const c = new TencentVodClient({
        endpoint: url,
        credentials: TENCENT,
        subAppId: SUB_APP_ID,
        rateLimits: { DescribeTaskDetail: UNLIMITED },
      });
      return {
        call: () => c.describeTaskDetail({ TaskId: LOOPBACK_TASK_ID }),
        check: (r) => (r as { SceneAigcImageTask?: { Status?: string } }).SceneAigcImageTask?.Status === "FINISH",
      };
    }
    case "tencent-official": {
      const c = new tencentcloud.vod.v20180717.Client({
        credential: TENCENT,
        region: "",
        profile: { httpProfile: { endpoint: host, protocol: "http://" } },
      });
      return {
        call: () => c.DescribeTaskDetail({ TaskId: LOOPBACK_TASK_ID, SubAppId: SUB_APP_ID }),
        check: (r) => (r as { SceneAigcImageTask?: { Status?: string } }).SceneAigcImageTask?.Status === "FINISH",
      };
    }
    case "ice-ours-acs3":
    case "ice-ours-v1": {
      const c = new AlibabaIceClient({
        endpoint: url,
        credentials: ALIBABA,
        rateLimits: { QueryIProductionJob: UNLIMITED },
        ...(id === "ice-ours-v1" ? { signatureVersion: "v1" as const } : {}),
      });
      return {
        call: () => c.queryIProductionJob({ JobId: LOOPBACK_JOB_ID }),
        check: (r) => (r as { Status?: string }).Status === "Success",
      };
    }
    case "ice-pop-core": {
      const c = new RPCClient({ ...ALIBABA, endpoint: url, apiVersion: "2020-11-09" });
      return {
        call: () => c.request("QueryIProductionJob", { JobId: LOOPBACK_JOB_ID }, { method: "POST" }),
        check: (r) => (r as { Status?: string }).Status === "Success",
      };
    }
    case "ice-openapi-client": {
      const c = new OpenApi(new $OpenApi.Config({ ...ALIBABA, endpoint: host, protocol: "HTTP" }));
      const params = new $OpenApi.Params({
        action: "QueryIProductionJob",
        version: "2020-11-09",
        protocol: "HTTP",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
      });
      const runtime = new $Util.RuntimeOptions({});
      return {
        call: () => c.callApi(params, new $OpenApi.OpenApiRequest({ query: { JobId: LOOPBACK_JOB_ID } }), runtime),
        check: (r) => (r as { body?: { Status?: string } }).body?.Status === "Success",
      };
    }
  }
}

/** Drives `call` with `concurrency` closed-loop callers until `until` (performance.now() ms). */
async function drive(call: () => Promise<unknown>, concurrency: number, until: number) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await call();
        } catch (err) {
          errors++;
          firstError ??= (err as Error).message;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, errors, firstError };
}

/**
 * Makes the client and checks its first answer.
 * @throws Error when the answer is not the canned one (the figures would be meaningless).
 */
export async function startClient(id: BenchClientId, url: string): Promise<() => Promise<unknown>> {
  const { call, check } = callOf(id, url);
  const first = await call();
  if (!check(first)) throw new Error(`${id}: unexpected answer ${JSON.stringify(first).slice(0, 200)}`);
  return call;
}

/** Drives `call` for `warmSeconds` untimed (pools, JIT, keep-alive sockets), then for `seconds` timed. */
export async function loadWindow(
  call: () => Promise<unknown>,
  concurrency: number,
  warmSeconds: number,
  seconds: number,
): Promise<LoadWindow> {
  if (warmSeconds > 0) await drive(call, concurrency, performance.now() + warmSeconds * 1000);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const { latencies, errors, firstError } = await drive(call, concurrency, started + seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    requests: latencies.length,
    seconds: elapsed,
    cpuMicros: cpu.user + cpu.system,
    errors,
    firstError,
    latencies,
  };
}

if (require.main === module && process.send) {
  const [id, url] = process.argv.slice(2);
  startClient(id as BenchClientId, url!)
    .then((call) => {
      process.on("message", (m: { concurrency: number; warmSeconds: number; seconds: number }) => {
        loadWindow(call, m.concurrency, m.warmSeconds, m.seconds).then(
          (window) => process.send!({ window }),
          (err: Error) => process.send!({ error: err.stack ?? err.message }),
        );
      });
      process.on("disconnect", () => void closeTransport().finally(() => process.exit(0)));
      process.send!({ ready: true });
    })
    .catch((err: Error) => process.send!({ error: err.stack ?? err.message }, () => process.exit(1)));
}
