#!/usr/bin/env node
// `pulumi-aigc-emulator [flags]` (the package's bin; `npm run emulator -- [flags]` in this repository): runs the
// emulator in the foreground until Ctrl-C.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEMO_CREDENTIALS, EmulatorConfig } from "./config";
import { startEmulator } from "./server";

const USAGE = `usage: pulumi-aigc-emulator [flags]        (installed package: npx pulumi-aigc-emulator [flags])
       npm run emulator -- [flags]        (inside the pulumi-aigc repository)

  --port N                  port on 127.0.0.1 (default 4566; 0 picks a free one)
  --config FILE             JSON file with any of the options below (flags override it)
  --latency MS              how long every job runs (default 3000)
  --failure-ratio R         share of jobs that end in a vendor task failure, 0-1 (default 0)
  --time-scale X            run job lifecycles X times faster than real time (default 1)
  --state-file FILE         persist jobs and the clock to this journal; a restarted emulator keeps them
  --seed N                  seed of the job-outcome dice
  --no-rate-limits          do not enforce the vendors' request-frequency limits
  --fault-server-error R    share of requests answered 5xx without processing (Tencent: the gateway's HTML
                            502; Alibaba: 503 ServiceUnavailable or 500 InternalError)
  --fault-gateway-error R   share answered with the gateway's HTML 502 page
  --fault-internal-error R  share answered with the vendor's InternalError envelope
  --fault-service-unavailable R  share answered with the vendor's ServiceUnavailable
  --fault-failed-operation R     share answered with Tencent FailedOperation (aicontent: UNKNOWN_ERROR, HTTP 200)
  --fault-unauthorized R    share answered with Tencent UnauthorizedOperation / Alibaba 403 Forbidden.RAM
  --fault-throttle R        share of requests answered with a throttling error
  --fault-reset-before R    share of requests whose connection drops before processing
  --fault-reset-after R     share of requests processed, then the connection drops
  --fault-slow R            share of requests answered after --fault-slow-ms (default 5000)
  --fault-seed N            seed of the fault dice
  --fault-max N             stop injecting faults after N
  --tencent-sub-app-ids L   comma-separated VOD SubAppIds that exist; others are refused (default: any
                            positive integer is an application)

Ids your program brings (SubAppIds, FileIds, VideoIds, template and model ids) exist as long as they are
well-formed; list the ids of a kind in the --config file to make that kind strict (docs/emulator.md).

Console: open http://127.0.0.1:<port>/ in a browser (jobs, result images, faults, clock).

Admin API (JSON, loopback, no credentials):
  GET  /__emulator/health                    {"ok":true}
  GET  /__emulator/stats                     requests, submissions, throttled, failed, faults per action
  GET  /__emulator/faults                    the fault configuration in force
  POST /__emulator/faults                    replace it: {"throttle":0.1,"serverError":0.05,...}
  POST /__emulator/reset                     forget every job and counter (fixtures stay)
  GET  /__emulator/jobs                      every job: status, progress, times, request, outputs
  POST /__emulator/jobs/<id>                 {"action":"finish"|"expire"|"rotate-urls"}
  GET  /__emulator/clock                     emulator time, how far it was advanced, time scale
  POST /__emulator/clock                     {"advanceMs":N}: move emulator time forward
  GET  /__emulator/preview/aicontent/<job>/<image>
                                             an aicontent image without QueryImageAsset's signed GET`;

function num(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${flag} must be a number (got ${JSON.stringify(v)})`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      config: { type: "string" },
      latency: { type: "string" },
      "failure-ratio": { type: "string" },
      "time-scale": { type: "string" },
      "state-file": { type: "string" },
      seed: { type: "string" },
      "no-rate-limits": { type: "boolean" },
      "fault-server-error": { type: "string" },
      "fault-gateway-error": { type: "string" },
      "fault-internal-error": { type: "string" },
      "fault-service-unavailable": { type: "string" },
      "fault-failed-operation": { type: "string" },
      "fault-unauthorized": { type: "string" },
      "fault-throttle": { type: "string" },
      "fault-reset-before": { type: "string" },
      "fault-reset-after": { type: "string" },
      "fault-slow": { type: "string" },
      "fault-slow-ms": { type: "string" },
      "fault-seed": { type: "string" },
      "fault-max": { type: "string" },
      "tencent-sub-app-ids": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const file = values.config ? (JSON.parse(readFileSync(values.config, "utf8")) as Record<string, unknown>) : {};
  const faults = { ...((file.faults as object) ?? {}) } as Record<string, number>;
  const setFault = (key: string, flag: keyof typeof values) => {
    const v = num(values[flag] as string | undefined, `--${flag}`);
    if (v !== undefined) faults[key] = v;
  };
  setFault("serverError", "fault-server-error");
  setFault("gatewayError", "fault-gateway-error");
  setFault("internalError", "fault-internal-error");
  setFault("serviceUnavailable", "fault-service-unavailable");
  setFault("failedOperation", "fault-failed-operation");
  setFault("unauthorized", "fault-unauthorized");
  setFault("throttle", "fault-throttle");
  setFault("resetBefore", "fault-reset-before");
  setFault("resetAfter", "fault-reset-after");
  setFault("slow", "fault-slow");
  setFault("slowMs", "fault-slow-ms");
  setFault("seed", "fault-seed");
  setFault("maxFaults", "fault-max");
  const merged = {
    ...file,
    ...(values.port !== undefined ? { port: num(values.port, "--port") } : {}),
    ...(values.latency !== undefined ? { jobLatencyMs: num(values.latency, "--latency") } : {}),
    ...(values["failure-ratio"] !== undefined ? { failureRatio: num(values["failure-ratio"], "--failure-ratio") } : {}),
    ...(values["time-scale"] !== undefined ? { timeScale: num(values["time-scale"], "--time-scale") } : {}),
    ...(values["state-file"] !== undefined ? { stateFile: values["state-file"] } : {}),
    ...(values.seed !== undefined ? { seed: num(values.seed, "--seed") } : {}),
    ...(values["no-rate-limits"] ? { rateLimits: { ...((file.rateLimits as object) ?? {}), enabled: false } } : {}),
    ...(values["tencent-sub-app-ids"] !== undefined
      ? {
          tencent: {
            ...((file.tencent as object) ?? {}),
            subAppIds: values["tencent-sub-app-ids"].split(",").map(Number),
          },
        }
      : {}),
    faults,
  };
  const parsed = EmulatorConfig.safeParse(merged);
  if (!parsed.success) {
    throw new Error(
      `invalid emulator options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const emu = await startEmulator(parsed.data);
  const c = emu.credentials;
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`listening on ${emu.url}`);
  say(`console: ${emu.url}/ (jobs, result images, faults and clock)`);
  say(
    c.source.tencent === "env"
      ? "tencent: accepting the key pair in TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY"
      : `tencent: demo key pair  TENCENTCLOUD_SECRET_ID=${DEMO_CREDENTIALS.tencent.secretId} ` +
          `TENCENTCLOUD_SECRET_KEY=${DEMO_CREDENTIALS.tencent.secretKey}`,
  );
  say(
    c.source.alibaba === "env"
      ? "alibaba: accepting the key pair in ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET"
      : `alibaba: demo key pair  ALIBABA_CLOUD_ACCESS_KEY_ID=${DEMO_CREDENTIALS.alibaba.accessKeyId} ` +
          `ALIBABA_CLOUD_ACCESS_KEY_SECRET=${DEMO_CREDENTIALS.alibaba.accessKeySecret}`,
  );
  const cfg = parsed.data;
  const ids = (what: string, list: ReadonlyArray<string | number> | undefined) =>
    `${what}: ${list ? `only ${list.join(",")}` : "any well-formed id"}`;
  say(
    [
      ids("tencent SubAppIds", cfg.tencent.subAppIds),
      ids("FileIds", cfg.tencent.fileIds),
      ids("VOD VideoIds", cfg.alibaba.videoIds),
      ids("AI templates", cfg.alibaba.aiImageTemplateIds),
      ids("aicontent models", cfg.alibaba.aiContentModelIds),
    ].join("; "),
  );
  const stop = () => {
    void emu.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: Error) => {
  process.stderr.write(`emulator: ${err.message}\n`);
  process.exit(2);
});
