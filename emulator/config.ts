import { z } from "zod";

/** Fault injection: each ratio is the probability (0–1) that a vendor API request gets that fault. */
export const FaultConfig = z.strictObject({
  /** Answer a 5xx without processing (Tencent: HTTP 502 from the gateway; Alibaba: 500 InternalError / 503). */
  serverError: z.number().min(0).max(1).default(0),
  /** Answer the vendor's throttling error without processing. */
  throttle: z.number().min(0).max(1).default(0),
  /** Drop the connection before processing. */
  resetBefore: z.number().min(0).max(1).default(0),
  /** Process the request (the job is recorded), then drop the connection without answering. */
  resetAfter: z.number().min(0).max(1).default(0),
  /** Delay the answer by `slowMs`. */
  slow: z.number().min(0).max(1).default(0),
  slowMs: z.int().min(0).default(5_000),
  /** Stop injecting after this many faults (default: no limit). */
  maxFaults: z.int().min(0).optional(),
  /** Only these actions get faults (default: every vendor action). */
  actions: z.array(z.string()).optional(),
  /** Seed of the fault dice, for reproducible drills. */
  seed: z.int().optional(),
});
export type FaultConfig = z.output<typeof FaultConfig>;

/** Server-side request limits, requests per second per account and action (the vendors' documented rates). */
export const RateLimitConfig = z.strictObject({
  enabled: z.boolean().default(true),
  /** Tencent: 20/s per action; DescribeTaskDetail 100/s. */
  tencentDefault: z.number().positive().default(20),
  tencentDescribeTaskDetail: z.number().positive().default(100),
  /** Alibaba (alibaba.md §7.3, unverified there): VOD 50/s, ICE 100/s, aicontent 20/s (our choice). */
  alibabaVod: z.number().positive().default(50),
  alibabaIce: z.number().positive().default(100),
  alibabaAiContent: z.number().positive().default(20),
});

export const EmulatorConfig = z.strictObject({
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: z.int().min(0).max(65535).default(4566),
  /** How long a job runs before it finishes, ms (emulator-clock time). */
  jobLatencyMs: z.int().min(0).default(3_000),
  /** Probability that a job ends in a task-level failure (vendor failure codes). */
  failureRatio: z.number().min(0).max(1).default(0),
  /** Emulator clock speed for job lifecycles: 10 makes a 300 s job finish in 30 s of real time. */
  timeScale: z.number().positive().default(1),
  /** Tencent SessionId dedup window (the docs say 3 days; task texts say 7). */
  sessionDedupWindowMs: z
    .int()
    .positive()
    .default(3 * 24 * 3600_000),
  /** Persist state to this JSON-lines journal so a restarted emulator keeps its jobs. */
  stateFile: z.string().optional(),
  rateLimits: RateLimitConfig.default(RateLimitConfig.parse({})),
  faults: FaultConfig.default(FaultConfig.parse({})),
  /** Seed of the job-outcome dice (failureRatio). */
  seed: z.int().optional(),
  tencent: z
    .strictObject({
      /** VOD applications that exist; requests naming another SubAppId get InvalidParameterValue.SubAppId. */
      subAppIds: z.array(z.int().positive()).default([251007502]),
      /** Media files that exist (for FileInfos of Type File). */
      fileIds: z.array(z.string()).default(["5145403720640671256"]),
    })
    .default({ subAppIds: [251007502], fileIds: ["5145403720640671256"] }),
  alibaba: z
    .strictObject({
      /** VOD videos that exist. */
      videoIds: z.array(z.string()).default(["357a8748c5774a0e89d2726e6436aa01"]),
      /** VOD AI templates of type AIImage that exist. */
      aiImageTemplateIds: z.array(z.string()).default(["ef1a8842cb9f4d1bcea80cad902e4160"]),
      /** aicontent models already trained (FINISHED). */
      aiContentModelIds: z.array(z.string()).default(["girl_6dcc62b4-4019-11ef-a7fd-954b0578482b"]),
    })
    .default({
      videoIds: ["357a8748c5774a0e89d2726e6436aa01"],
      aiImageTemplateIds: ["ef1a8842cb9f4d1bcea80cad902e4160"],
      aiContentModelIds: ["girl_6dcc62b4-4019-11ef-a7fd-954b0578482b"],
    }),
});
export type EmulatorConfigInput = z.input<typeof EmulatorConfig>;
export type EmulatorConfig = z.output<typeof EmulatorConfig>;

/** Credentials the emulator accepts when the vendors' env vars are not set (printed at start-up). */
export const DEMO_CREDENTIALS = {
  tencent: { secretId: "AKIDEMULATORDEMO0000000000000000000", secretKey: "emulator-demo-tencent-secret-key" },
  alibaba: { accessKeyId: "LTAI5tEmulatorDemoKey", accessKeySecret: "emulator-demo-alibaba-secret" },
} as const;

export interface AcceptedCredentials {
  tencent: { secretId: string; secretKey: string; token?: string | undefined };
  alibaba: { accessKeyId: string; accessKeySecret: string; securityToken?: string | undefined };
  /** Where each pair came from: the env vars, or the demo pairs. */
  source: { tencent: "env" | "demo"; alibaba: "env" | "demo" };
}

/** The pairs in the vendors' standard env vars when set, else the demo pairs. */
export function acceptedCredentials(env: NodeJS.ProcessEnv = process.env): AcceptedCredentials {
  const tId = env.TENCENTCLOUD_SECRET_ID?.trim();
  const tKey = env.TENCENTCLOUD_SECRET_KEY?.trim();
  const aId = env.ALIBABA_CLOUD_ACCESS_KEY_ID?.trim();
  const aKey = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET?.trim();
  return {
    tencent:
      tId && tKey
        ? { secretId: tId, secretKey: tKey, token: env.TENCENTCLOUD_SESSION_TOKEN?.trim() || undefined }
        : { ...DEMO_CREDENTIALS.tencent },
    alibaba:
      aId && aKey
        ? {
            accessKeyId: aId,
            accessKeySecret: aKey,
            securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN?.trim() || undefined,
          }
        : { ...DEMO_CREDENTIALS.alibaba },
    source: { tencent: tId && tKey ? "env" : "demo", alibaba: aId && aKey ? "env" : "demo" },
  };
}
